/**
 * A big return's report: the preview lists the first 5,000 values of each
 * kind and the first 10,000 refused cells and warnings, while the counts, the
 * totals and the commit cover every value — through the handlers and the CLI.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeStore, openStore } from '../../electron/core/store';
import { ISSUE_LIMIT, PREVIEW_ROW_LIMIT } from '../../electron/core/returns/import';
import { seeds } from '../../seeds';
import { runCli } from '../helpers/cli';
import { call, counts } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-bigreport-');

/** `rows` long-format values, one per indicator × region × quarter from 2021Q1; `code` overrides every code. */
async function longFile(name: string, rows: number, code?: string): Promise<string> {
  const file = path.join(dir, name);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('数据');
  ws.addRow(['地区', '期间', '指标代码', '实际值', '备注']).commit();
  const codes = seeds.catalogue.indicators.filter((i) => i.direction !== 'milestone' && !i.retired).map((i) => i.code);
  let n = 0;
  for (let q = 0; n < rows; q++)
    for (const r of seeds.regions)
      for (const c of codes) {
        if (n >= rows) break;
        n++;
        // Values within a factor of 3 of each other: no "far from last quarter" warnings.
        ws.addRow([r.name, `${2021 + Math.floor(q / 4)}Q${(q % 4) + 1}`, code ?? c, 10 + (n % 7), n % 10 === 0 ? `说明${n}` : '']).commit();
      }
  ws.commit();
  await wb.commit();
  return file;
}

describe('a big return’s report', async () => {
  const dbFile = path.join(dir, 'big.db');
  const ctx = await openStore({ dbFile, user: 'tester' });
  afterAll(() => closeStore(ctx));

  it('previews the first 5,000 values with counts of all, and commits every one', async () => {
    const total = PREVIEW_ROW_LIMIT + 137;
    const file = await longFile('many.xlsx', total);
    const before = counts(ctx.db);
    const preview = await call(ctx, 'import.preview', { file });
    expect(preview.rowCounts).toEqual({ new: total, changed: 0, unchanged: 0 });
    expect(preview.rows).toHaveLength(PREVIEW_ROW_LIMIT);
    expect(preview.rowsOmitted).toBe(137);
    expect(preview.accepted).toBe(total);
    // The rows listed are the first in reading order.
    expect(preview.rows[0]).toMatchObject({ sheet: '数据', cell: 'D2', status: 'new' });
    expect(preview.rows.at(-1)).toMatchObject({ cell: `D${PREVIEW_ROW_LIMIT + 1}` });
    expect(counts(ctx.db)).toEqual(before);

    const done = await call(ctx, 'import.commit', { file });
    expect(done.accepted).toBe(total);
    expect(counts(ctx.db).observations).toBe(before.observations + total);
    expect(counts(ctx.db).history).toBe(before.history + total);
    const notes = ctx.db.prepare(`SELECT count(*) AS n FROM observations WHERE note LIKE '说明%'`).get() as { n: number };
    expect(notes.n).toBe(Math.floor(total / 10));

    // Again: every value unchanged, counted though not all listed.
    const again = await call(ctx, 'import.preview', { file });
    expect(again.rowCounts).toEqual({ new: 0, changed: 0, unchanged: total });
    expect(again.rows).toHaveLength(PREVIEW_ROW_LIMIT);
  });

  it('lists the first 10,000 refused cells in reading order and counts them all, in the report and the CLI', async () => {
    const total = ISSUE_LIMIT + 25;
    const file = await longFile('bad.xlsx', total, 'NO-SUCH-CODE');
    const before = counts(ctx.db);
    const preview = await call(ctx, 'import.preview', { file });
    expect(preview.rejected).toHaveLength(ISSUE_LIMIT);
    expect(preview.rejectedTotal).toBe(total);
    expect(preview.rejected[0]).toMatchObject({ cell: 'C2', code: 'NO-SUCH-CODE' });
    expect(preview.rejected.at(-1)).toMatchObject({ cell: `C${ISSUE_LIMIT + 1}` });

    const cli = runCli(['import', file, '--json', '--db', dbFile]);
    expect(cli.code).toBe(1);
    const out = cli.json();
    expect(out.rejected).toHaveLength(ISSUE_LIMIT);
    expect(out.rejectedTotal).toBe(total);
    expect(out).not.toHaveProperty('warningsTotal');
    expect(counts(ctx.db)).toEqual(before);
  });
});
