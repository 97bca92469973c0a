import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore } from '../../electron/core/store';
import { returnsSeeds } from '../fixtures/mini-seeds';
import { call, counts, fillTemplate, sha256 } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-errcopy-');

const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const noteOf = (c: ExcelJS.Cell) => {
  const n = c.note as unknown;
  if (!n) return '';
  if (typeof n === 'string') return n;
  return ((n as { texts?: Array<{ text: string }> }).texts ?? []).map((t) => t.text).join('');
};

describe('the copy sent back with the errors marked', async () => {
  const ctx = await openStore({ dbFile: path.join(dir, 'e.db'), seeds: returnsSeeds(), user: 'tester' });
  afterAll(() => closeStore(ctx));
  const template = path.join(dir, 'tpl.xlsx');
  await call(ctx, 'returns.template', { region: '海口', period: '2026Q1', out: template });
  const filled = await fillTemplate(template, path.join(dir, 'filled.xlsx'), {
    'KB-TIME': 1,
    'DL-LOW-DAYS': '3小时',
    'ZW-ONLINE': -5,
    'DL-OUTAGE': '不适用',
  });

  it('fills rejected cells red and warnings amber, each with a note saying why; the original is untouched', async () => {
    const before = { file: sha256(filled), db: counts(ctx.db) };
    const out = path.join(dir, 'back', 'filled-退回.xlsx');
    const r = await call(ctx, 'import.errorsCopy', { file: filled, out });
    expect(r).toEqual({ file: out, rejected: 2 });
    expect(sha256(filled)).toBe(before.file);
    expect(counts(ctx.db)).toEqual(before.db);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['filled-退回.xlsx']); // no temporary file left behind

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('填报')!;
    expect(fillOf(ws.getCell('F12'))).toBe('FFFF9999');
    expect(noteOf(ws.getCell('F12'))).toMatch(/【需改正】“3小时”的单位是小时，本指标单位是天/);
    expect(fillOf(ws.getCell('F10'))).toBe('FFFF9999');
    expect(noteOf(ws.getCell('F10'))).toMatch(/负数/);
    expect(fillOf(ws.getCell('F13'))).toBe('FFFFD966');
    expect(noteOf(ws.getCell('F13'))).toMatch(/【请核实】“不适用”按“无数据”处理/);
    // Untouched cells keep the template's own fill: styles shared between cells were not repainted.
    expect(fillOf(ws.getCell('F9'))).toBe('FFFFF2CC');
    expect(fillOf(ws.getCell('F11'))).toBe('FFFFF2CC');
    expect(noteOf(ws.getCell('F9'))).toBe('');

    const list = wb.getWorksheet('导入检查结果')!;
    expect(list.rowCount).toBe(4);
    expect(list.getRow(2).values).toEqual([undefined, '需改正', '填报', 'F10', 'ZW-ONLINE', expect.stringMatching(/负数/)]);
    // The marked copy still is a return: fixed and sent back, it imports.
    expect((await call(ctx, 'import.preview', { file: out })).rejected.map((x) => x.cell)).toEqual(['F10', 'F12']);
  });

  it('refuses to overwrite the original', async () => {
    const before = sha256(filled);
    const r = await invoke(ctx, 'import.errorsCopy', { file: filled, out: filled });
    expect(r).toMatchObject({ ok: false, error: { kind: 'usage' } });
    expect(sha256(filled)).toBe(before);
  });
});
