/**
 * A big return's report: the preview lists the first 5,000 values of each
 * kind and the first 10,000 refused cells and warnings, while the counts, the
 * totals and the commit cover every value — through the handlers and the CLI.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeStore, openStore } from '../../electron/core/store';
import { ISSUE_LIMIT, PREVIEW_ROW_LIMIT } from '../../electron/core/returns/import';
import { runCli } from '../helpers/cli';
import { call, counts, writeLongReturn } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-bigreport-');

/** `rows` long-format values within a factor of 3 of each other (no "far from last quarter" warnings), a note on every tenth. */
function longFile(name: string, rows: number, code?: string): Promise<string> {
  return writeLongReturn(path.join(dir, name), rows, { value: (n) => 10 + (n % 7), note: (n) => (n % 10 === 0 ? `说明${n}` : ''), ...(code ? { code } : {}) });
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
