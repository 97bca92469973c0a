/**
 * When opening runs the full integrity check (db/open.ts): after an unclean
 * shutdown — a -wal file left with frames in it, here by a process killed
 * with SIGKILL — and not after a clean close, where it would cost seconds on
 * every start. A damaged store is refused on the checked path; on the other
 * the on-demand check (app.check) finds the damage.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../electron/core/db/driver';
import { integrity, openDatabase } from '../../electron/core/db/open';
import { applySeeds } from '../../electron/core/catalogue/seed';
import { invoke } from '../../electron/core/dispatch';
import { applyObservationChange } from '../../electron/core/observations/write';
import { closeStore, openStore } from '../../electron/core/store';
import { miniSeeds } from '../fixtures/mini-seeds';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-opencheck-');
const root = path.resolve(__dirname, '../..');
let n = 0;

/** A closed store with a few values. */
async function storeWithValues(): Promise<string> {
  const file = path.join(dir, `s-${++n}.db`);
  const { db } = await openDatabase(file);
  const seeds = miniSeeds();
  applySeeds(db, seeds, 'tester');
  const code = seeds.catalogue.indicators[0]!.code;
  db.transaction(() => {
    for (const region of seeds.regions.map((r) => r.code))
      for (const period of ['2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1'])
        applyObservationChange(db, { indicator: code, region, period, value: 3, source: { kind: 'manual' }, user: 'tester', at: '2026-01-01T00:00:00.000Z' });
  })();
  db.close();
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  return file;
}

/** Swaps an index's declared columns under its content: SQLite opens the file, integrity_check does not pass it. */
function damageIndex(file: string): void {
  const r = spawnSync('sqlite3', [file, `PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = replace(sql, '(period, indicator, region, value)', '(region, period, indicator, value)') WHERE name = 'observations_period';`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const db = connect(file);
  expect(integrity(db)).not.toBe('ok');
  db.close();
}

/** Opens the store in another process, commits a change and kills that process before it can close: the -wal stays. */
function killWhileOpen(file: string): void {
  const script = `
    const D = require('better-sqlite3');
    const db = new D(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('killed', 'yes')").run();
    process.kill(process.pid, 'SIGKILL');`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  expect(r.signal).toBe('SIGKILL');
  expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
}

describe('the integrity check on open', () => {
  it('after a clean close: skipped, so a start costs milliseconds; app.check still finds damage', async () => {
    const file = await storeWithValues();
    const opened = await openDatabase(file);
    expect(opened.integrityChecked).toBe(false);
    opened.db.close();

    damageIndex(file);
    const ctx = await openStore({ dbFile: file, seeds: miniSeeds(), user: 'tester' });
    const check = await invoke(ctx, 'app.check', {});
    expect(check.ok && check.value.integrity).not.toBe('ok');
    closeStore(ctx);
  });

  it('after a kill: run in full — a sound store opens with the killed process’s commit, a damaged one is refused', async () => {
    const sound = await storeWithValues();
    killWhileOpen(sound);
    const opened = await openDatabase(sound);
    expect(opened.integrityChecked).toBe(true);
    expect(opened.db.prepare(`SELECT value FROM meta WHERE key = 'killed'`).get()).toEqual({ value: 'yes' });
    opened.db.close();

    const damaged = await storeWithValues();
    damageIndex(damaged);
    killWhileOpen(damaged);
    await expect(openDatabase(damaged)).rejects.toThrow(/完整性检查未通过/);
  });
});
