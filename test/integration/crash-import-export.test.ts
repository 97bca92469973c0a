/**
 * Crash safety of import and export: the real CLI killed with SIGKILL at
 * random moments. After each kill the database passes integrity_check, every
 * batch is all or nothing, and the history agrees with the data; an export's
 * target file is either the old one or a complete new one, never truncated.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { checkConsistency } from '../../electron/core/db/consistency';
import { closeStore, openStore } from '../../electron/core/store';
import { lcg, runCliAndKill } from '../helpers/kill';
import { writeLongReturn } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-crash-');

describe('SIGKILL during import', () => {
  it('leaves every batch whole or absent and the history in agreement', async () => {
    const db = path.join(dir, 'import.db');
    closeStore(await openStore({ dbFile: db }));
    const files = [path.join(dir, 'a.xlsx'), path.join(dir, 'b.xlsx')];
    await writeLongReturn(files[0]!, 4000, { value: (n) => 10 + (n % 5) });
    await writeLongReturn(files[1]!, 4000, { value: (n) => 50 + (n % 5) });
    // How long one whole import takes here, so the kills spread over all of it.
    const t0 = Date.now();
    expect(await runCliAndKill(['import', files[1]!, '--db', db, '--json'], 600_000)).toBe(0);
    const whole = Date.now() - t0;
    const rnd = lcg(11);
    let committed = 0;
    for (let round = 0; round < 12; round++) {
      const file = files[round % 2]!;
      const code = await runCliAndKill(['import', file, '--db', db, '--json'], Math.floor(rnd() * whole * 2));
      if (code === 0) committed++;
      const { db: conn } = await openDatabase(db); // integrity_check on open
      const report = checkConsistency(conn);
      expect(report).toEqual({ mismatches: [], partialBatches: [] });
      const batches = conn.prepare(`SELECT id, accepted FROM import_batches`).all() as Array<{ id: string; accepted: number }>;
      for (const b of batches) {
        const n = (conn.prepare(`SELECT count(*) n FROM observation_history WHERE batch_id = ? AND source_kind = 'import'`).get(b.id) as { n: number }).n;
        expect(n).toBe(b.accepted);
      }
      conn.close();
    }
    // Some rounds finished, some were cut off: both paths were exercised.
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(12);
  }, 600_000);
});

describe('SIGKILL during export', () => {
  it('leaves the target file old or complete, never truncated', async () => {
    const db = path.join(dir, 'export.db');
    closeStore(await openStore({ dbFile: db }));
    const out = path.join(dir, 'report.xlsx');
    fs.writeFileSync(out, 'OLD REPORT');
    const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    const oldSha = sha(out);
    const t0 = Date.now();
    expect(await runCliAndKill(['export', '--period', '2025Q4', '--out', path.join(dir, 'probe.xlsx'), '--db', db], 600_000)).toBe(0);
    const whole = Date.now() - t0;
    const rnd = lcg(23);
    let replaced = 0;
    for (let round = 0; round < 10; round++) {
      await runCliAndKill(['export', '--period', '2025Q4', '--out', out, '--db', db], Math.floor(rnd() * whole * 1.3));
      if (sha(out) === oldSha) continue;
      replaced++;
      // A new file must be a complete workbook that exceljs reads in full.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(wb.getWorksheet('汇总')).toBeDefined();
      fs.writeFileSync(out, 'OLD REPORT');
    }
    // Left-over temporary files are named as such and never take the target's name.
    expect(fs.readdirSync(dir).filter((f) => f === 'report.xlsx')).toHaveLength(1);
    expect(replaced).toBeGreaterThan(0);
    expect(replaced).toBeLessThan(10);
  }, 600_000);
});
