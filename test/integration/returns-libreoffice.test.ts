/**
 * Returns that went through LibreOffice: it rewrites a workbook with its own
 * shared strings, styles, formula caches and sheet states, and imports CSV
 * text with its own guesses (percentages, numbers). The reader must not care.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeStore, openStore } from '../../electron/core/store';
import { returnsSeeds } from '../fixtures/mini-seeds';
import { convert, hasSoffice } from '../helpers/libreoffice';
import { call, fillTemplate, values } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-lo-');

describe.skipIf(!hasSoffice())('returns saved by LibreOffice', async () => {
  const ctx = await openStore({ dbFile: path.join(dir, 'lo.db'), seeds: returnsSeeds(), user: 'tester' });
  afterAll(() => closeStore(ctx));
  const template = path.join(dir, 'tpl.xlsx');
  await call(ctx, 'returns.template', { region: '海口', period: '2026Q1', out: template });

  const typed = {
    'KB-TIME': 0.5,
    'DL-LOW-DAYS': '1.5天',
    'ZW-ONLINE': { value: 0.65, numFmt: '0%' },
    'YJS-ONLINE': '已完成',
    'DL-OUTAGE': { formula: '2.5*2' } as ExcelJS.CellValue, // no cached result: LibreOffice computes one on load
    'KJ-COST': '８,０００',
  };
  const filled = await fillTemplate(template, path.join(dir, 'filled.xlsx'), typed, { notes: { 'KB-TIME': '全程网办' } });

  // The long format as an evaluator might paste it from a report, typed in LibreOffice via CSV.
  const csv = path.join(dir, 'history.csv');
  fs.writeFileSync(
    csv,
    [
      '地区,期间,指标代码,实际值,备注',
      '海口,2025年第四季度,KJ-COST,"８,０００",海关通报',
      '三亚市,2025-Q4,ZW-ONLINE,65%,',
      '白沙,2025Q4,DL-LOW-DAYS,1.5天,',
      '460100,2025Q4,DL-LOW-DAYS,2.5,',
      '海口市,2025Q4,DL-OUTAGE,—,暂无数据',
      '海口市,2025Q3,DL-OUTAGE,3天,',
      '三亚,2025Q3,YJS-ONLINE,是,',
    ].join('\n') + '\n',
  );

  // The copy sent back with errors marked must open in LibreOffice too.
  const wrong = await fillTemplate(template, path.join(dir, 'wrong.xlsx'), { 'DL-LOW-DAYS': '3小时' });
  const marked = (await call(ctx, 'import.errorsCopy', { file: wrong, out: path.join(dir, 'wrong-marked.xlsx') })).file;

  // One LibreOffice start per filter: the xlsx round trips, and the CSV import.
  const [viaLo, markedViaLo] = await convert([filled, marked], 'xlsx', path.join(dir, 'lo-out'));
  const [longXlsx] = await convert([csv], 'xlsx', path.join(dir, 'lo-csv'), { infilter: 'CSV:44,34,76,1' });

  it('LibreOffice rewrote the file its own way (hidden, not veryHidden, _meta; its own string table)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(viaLo!);
    expect(wb.getWorksheet('_meta')!.state).toBe('hidden');
    expect(fs.readFileSync(viaLo!)).not.toEqual(fs.readFileSync(filled));
  });

  it('a template filled and saved through LibreOffice imports to the same values', async () => {
    const r = await call(ctx, 'import.preview', { file: viaLo! });
    expect(r.kind).toBe('template');
    expect(r.rejected).toEqual([]);
    expect(r.rows.map((x) => [x.code, x.cell, x.newValue])).toEqual([
      ['KB-TIME', 'F9', 0.5],
      ['ZW-ONLINE', 'F10', 65],
      ['YJS-ONLINE', 'F11', 1],
      ['DL-LOW-DAYS', 'F12', 1.5],
      ['DL-OUTAGE', 'F13', 5],
      ['KJ-COST', 'F14', 8000],
    ]);
    const committed = await call(ctx, 'import.commit', { file: viaLo! });
    expect(committed.accepted).toBe(6);
    expect(values(ctx.db).find((v) => v.indicator === 'KB-TIME' && v.period === '2026Q1')).toMatchObject({ value: 0.5, note: '全程网办' });
    // The exceljs-only file holds the same return: nothing left to change.
    const again = await call(ctx, 'import.preview', { file: filled });
    expect(again.rejected.map((x) => x.cell)).toEqual(['F13']); // without LibreOffice the formula has no cached result
    expect(again.unchanged).toBe(5);
  });

  it('a long-format workbook made by LibreOffice from CSV text reads every row', async () => {
    const r = await call(ctx, 'import.preview', { file: longXlsx! });
    expect(r.kind).toBe('long');
    expect(r.rows.map((x) => [x.region, x.period, x.code, x.newValue])).toEqual([
      ['460100', '2025Q4', 'KJ-COST', 8000],
      ['460200', '2025Q4', 'ZW-ONLINE', 65],
      ['469025', '2025Q4', 'DL-LOW-DAYS', 1.5],
      ['460100', '2025Q4', 'DL-LOW-DAYS', 2.5],
      ['460200', '2025Q3', 'YJS-ONLINE', 1],
    ]);
    expect(r.warnings.map((w) => [w.sheet, w.cell])).toContainEqual(['history', 'D6']);
    expect(r.rejected).toEqual([
      { sheet: 'history', cell: 'D7', code: 'DL-OUTAGE', message: '“3天”的单位是天，本指标单位是小时，请换算成小时后填写数字' },
    ]);
  });

  it('the marked copy keeps its red cell and note through LibreOffice', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(markedViaLo!);
    const cell = wb.getWorksheet('填报')!.getCell('F12');
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFF9999');
    // LibreOffice splits the note into runs by script.
    const note = (cell.note as { texts: Array<{ text: string }> }).texts.map((t) => t.text).join('');
    expect(note).toMatch(/【需改正】“3小时”的单位是小时/);
    expect(wb.getWorksheet('导入检查结果')).toBeDefined();
  });
});
