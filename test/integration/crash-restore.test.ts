/**
 * Crash safety of restore: the real CLI restore, killed with SIGKILL at
 * random moments, leaves the database whole and exactly either as it was or
 * as the backup — never a mix.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, closeStore } from '../../electron/core/store';
import { applyObservationChange } from '../../electron/core/observations/write';
import { backupTo } from '../../electron/core/backup/backup';
import { openDatabase } from '../../electron/core/db/open';
import { checkConsistency } from '../../electron/core/db/consistency';
import { contentHash } from '../helpers/fingerprint';
import { tmpDir } from '../helpers/tmp';

const root = path.resolve(__dirname, '../..');
const dir = tmpDir('ys-crash-restore-');

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function fill(ctx: Awaited<ReturnType<typeof openStore>>, value: number, count: number): void {
  const codes = (ctx.db.prepare('SELECT code FROM indicators').all() as Array<{ code: string }>).map((r) => r.code);
  const regions = (ctx.db.prepare('SELECT code FROM regions').all() as Array<{ code: string }>).map((r) => r.code);
  const at = '2026-01-01T00:00:00.000Z'; // fixed, so refilling gives byte-identical rows
  ctx.db.transaction(() => {
    let n = 0;
    for (let y = 2021; y <= 2030 && n < count; y++)
      for (let q = 1; q <= 4 && n < count; q++)
        for (const region of regions)
          for (const indicator of codes) {
            if (n++ >= count) break;
            applyObservationChange(ctx.db, { indicator, region, period: `${y}Q${q}`, value: value + (n % 7), source: { kind: 'manual' }, user: 'bench', at });
          }
  })();
}

describe('restore killed at random moments', () => {
  it('leaves the database whole and equal to the old or the restored state', async () => {
    const live = path.join(dir, 'live.db');
    const backupFile = path.join(dir, 'b.db');
    const ctx = await openStore({ dbFile: live, user: 'tester' });
    fill(ctx, 100, 40_000);
    await backupTo(ctx.db, backupFile);
    // Diverge the live file from the backup.
    fill(ctx, 500, 40_000);
    const liveHash = contentHash(ctx.db);
    closeStore(ctx);
    const restoredCtx = await openStore({ dbFile: backupFile, user: 'tester' });
    const backupHash = contentHash(restoredCtx.db);
    closeStore(restoredCtx);

    const rnd = lcg(20261121);
    const outcomes = { old: 0, restored: 0 };
    for (let round = 0; round < 12; round++) {
      // `node --import tsx`, not the tsx wrapper: SIGKILL must hit the process doing the work.
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'cli.ts'), 'restore', backupFile, '--db', live, '--json'], {
        cwd: root,
        stdio: 'ignore',
      });
      const delay = 250 + Math.floor(rnd() * 1500);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), delay);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const { db } = await openDatabase(live); // runs integrity_check, refuses a damaged file
      const h = contentHash(db);
      expect(checkConsistency(db)).toEqual({ mismatches: [], partialBatches: [] });
      db.close();
      expect([liveHash, backupHash]).toContain(h);
      if (h === liveHash) outcomes.old++;
      else {
        outcomes.restored++;
        // Put the diverged state back for the next round.
        const again = await openStore({ dbFile: live, user: 'tester' });
        fill(again, 500, 40_000);
        closeStore(again);
      }
    }
    // Both outcomes happened, so the kills did land before and after the commit point.
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.restored).toBeGreaterThan(0);
  }, 300_000);
});
