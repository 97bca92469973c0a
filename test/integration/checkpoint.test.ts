/**
 * The log is copied into the database file after a request has answered, not
 * inside its commit (db/checkpoint.ts): right after an import returns, its
 * pages are still only in the -wal file; a moment later they are in the
 * database file, and a reopened store reads every value.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore } from '../../electron/core/store';
import { seeds } from '../../seeds';
import { counts } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-ckpt-');

async function longFile(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('数据');
  ws.addRow(['地区', '期间', '指标代码', '实际值', '备注']).commit();
  const codes = seeds.catalogue.indicators.filter((i) => i.direction !== 'milestone' && !i.retired).map((i) => i.code);
  let n = 0;
  for (let q = 0; n < rows; q++)
    for (const r of seeds.regions)
      for (const c of codes) {
        if (n++ >= rows) break;
        ws.addRow([r.name, `${2021 + Math.floor(q / 4)}Q${(q % 4) + 1}`, c, 5 + (n % 3), '']).commit();
      }
  ws.commit();
  await wb.commit();
}

describe('checkpoints after the answer', () => {
  it('an import’s commit leaves its pages in the log; they reach the database file once the request has answered', async () => {
    const dbFile = path.join(dir, 'c.db');
    const file = path.join(dir, 'r.xlsx');
    await longFile(file, 6000);
    const ctx = await openStore({ dbFile, user: 'tester' });
    expect(ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    const before = fs.statSync(dbFile).size;

    const r = await invoke(ctx, 'import.commit', { file });
    expect(r.ok).toBe(true);
    // Answered: the commit is durable in the log, the database file not yet touched.
    expect(fs.statSync(dbFile).size).toBe(before);
    expect(fs.statSync(`${dbFile}-wal`).size).toBeGreaterThan(1_000_000);

    await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(dbFile).size).toBeGreaterThan(before + 1_000_000);
    closeStore(ctx);

    const again = await openStore({ dbFile, user: 'tester' });
    expect(counts(again.db).observations).toBeGreaterThanOrEqual(6000);
    closeStore(again);
  });
});
