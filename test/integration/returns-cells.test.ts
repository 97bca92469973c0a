/**
 * Every row of the CONTRACTS §4 table, and every kind of cell a workbook can
 * hold, through the real reader: a long-format workbook written cell by cell,
 * and templates with inline strings and merged cells.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeStore, openStore } from '../../electron/core/store';
import { returnsSeeds } from '../fixtures/mini-seeds';
import { call, counts, fillTemplate, rowOf } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-cells-');

type Expect = number | 'empty' | { warn: RegExp } | { reject: RegExp };
type Cell = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };

/** [what, region, period, code, value cell, expected reading]; each row its own year so no two are neighbouring quarters. */
const TABLE: Array<[string, string, string, string, Cell, Expect]> = [
  ['number', '海口', '', 'DL-LOW-DAYS', 1.5, 1.5],
  ['own unit', '海口', '', 'DL-LOW-DAYS', '1.5天', 1.5],
  ['own unit, spaced', '海口', '', 'KB-TIME', '2 工作日', 2],
  ['full width + thousands', '海口', '', 'KJ-COST', '８,０００', 8000],
  ['thousands', '海口', '', 'KJ-COST', '8,000', 8000],
  ['65% typed', '海口', '', 'ZW-ONLINE', '65%', 65],
  ['0.65 shown as %', '海口', '', 'ZW-ONLINE', { value: 0.65, numFmt: '0%' }, 65],
  ['plain 65 for %', '海口', '', 'ZW-ONLINE', 65, 65],
  ['blank', '海口', '', 'DL-LOW-DAYS', null, 'empty'],
  ['blank text', '海口', '', 'DL-LOW-DAYS', '  ', 'empty'],
  ['—', '海口', '', 'DL-LOW-DAYS', '—', { warn: /“—”按“无数据”处理/ }],
  ['-', '海口', '', 'DL-LOW-DAYS', '-', { warn: /无数据/ }],
  ['/', '海口', '', 'DL-LOW-DAYS', '/', { warn: /无数据/ }],
  ['无', '海口', '', 'DL-LOW-DAYS', '无', { warn: /无数据/ }],
  ['不适用', '海口', '', 'DL-LOW-DAYS', '不适用', { warn: /无数据/ }],
  ['N/A', '海口', '', 'DL-LOW-DAYS', 'N/A', { warn: /无数据/ }],
  ['formula with cached result', '海口', '', 'DL-LOW-DAYS', { formula: '2*3', result: 6 } as ExcelJS.CellValue, 6],
  ['formula whose saved result is 0', '海口', '', 'DL-LOW-DAYS', { formula: '3-3', result: 0 } as ExcelJS.CellValue, 0],
  ['formula without cached result', '海口', '', 'DL-LOW-DAYS', { formula: '2*4' } as ExcelJS.CellValue, { reject: /公式（=2\*4）.*没有保存计算结果/ }],
  ['negative', '海口', '', 'DL-LOW-DAYS', -3, { reject: /“-3”是负数/ }],
  ['no number', '海口', '', 'DL-LOW-DAYS', '很快', { reject: /“很快”不是数字/ }],
  ['date', '海口', '', 'DL-LOW-DAYS', new Date(Date.UTC(2026, 2, 5)), { reject: /日期（2026-03-05）/ }],
  ['another unit', '海口', '', 'DL-LOW-DAYS', '3小时', { reject: /^“3小时”的单位是小时，本指标单位是天，请换算成天后填写数字$/ }],
  ['error value', '海口', '', 'DL-LOW-DAYS', { error: '#DIV/0!' } as ExcelJS.CellValue, { reject: /错误值 #DIV\/0!/ }],
  ['rich text', '海口', '', 'DL-LOW-DAYS', { richText: [{ text: '2' }, { text: '.5天', font: { bold: true } }] }, 2.5],
  ['boolean, milestone', '海口', '', 'YJS-ONLINE', true, 1],
  ['是', '海口', '', 'YJS-ONLINE', '是', 1],
  ['未完成', '海口', '', 'YJS-ONLINE', '未完成', 0],
  ['boolean, numeric', '海口', '', 'DL-LOW-DAYS', false, { reject: /逻辑值 FALSE/ }],
  ['alias and Chinese period', '白沙', '2026年第一季度', 'DL-LOW-DAYS', 4, 4],
  ['region code and 2026-Q1', '460200', '2026-Q1', 'DL-LOW-DAYS', 5, 5],
];

describe('how each typed value is read (CONTRACTS §4), long format', async () => {
  const ctx = await openStore({ dbFile: path.join(dir, 'c.db'), seeds: returnsSeeds(), user: 'tester' });
  afterAll(() => closeStore(ctx));

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['各市县营商环境指标历史数据']);
  ws.addRow([]);
  ws.addRow(['地区', '期间', '指标代码', '实际值', '备注', '说明']);
  TABLE.forEach(([what, region, period, code, value], i) => {
    const row = ws.addRow([region, period || `${2030 + i}Q1`, code, null, '', what]);
    const cell = row.getCell(4);
    if (value && typeof value === 'object' && 'numFmt' in value && !(value instanceof Date)) {
      cell.value = value.value;
      cell.numFmt = value.numFmt;
    } else {
      cell.value = value;
    }
  });
  ws.getRow(4 + TABLE.length).getCell(4).value = '不是表格的一部分'; // no region, period, code: rejected, naming the cells
  const bad = ws.addRow(['火星', '2026年第五季度', 'NOPE', 1, '']);
  const file = path.join(dir, 'long.xlsx');
  await wb.xlsx.writeFile(file);

  const report = await call(ctx, 'import.preview', { file });
  const at = (r: number) => `D${r}`;

  it.each(TABLE.map((t, i) => [t[0], i, t[5]] as const))('%s', (_what, i, expected) => {
    const cell = at(4 + i);
    const row = report.rows.find((r) => r.cell === cell);
    const warn = report.warnings.filter((w) => w.cell === cell);
    const rej = report.rejected.filter((w) => w.cell === cell);
    if (typeof expected === 'number') {
      expect(row?.newValue, cell).toBe(expected);
      expect(rej).toEqual([]);
    } else if (expected === 'empty') {
      expect(row).toBeUndefined();
      expect(warn.length + rej.length).toBe(0);
    } else if ('warn' in expected) {
      expect(row).toBeUndefined();
      expect(warn.map((w) => w.message).join()).toMatch(expected.warn);
    } else {
      expect(row).toBeUndefined();
      expect(rej.map((w) => w.message).join()).toMatch(expected.reject);
    }
  });

  it('reads regions and periods written the usual ways', () => {
    expect(report.kind).toBe('long');
    expect(report.rows.find((r) => r.newValue === 4)).toMatchObject({ region: '469025', period: '2026Q1' });
    expect(report.rows.find((r) => r.newValue === 5)).toMatchObject({ region: '460200', period: '2026Q1' });
  });

  it('rejects an unknown region, period and code at their own cells', () => {
    const r = bad.number;
    expect(report.rejected.filter((x) => x.cell.endsWith(String(r))).map((x) => [x.cell, x.message])).toEqual([
      [`A${r}`, expect.stringMatching(/地区“火星”无法识别/)],
      [`B${r}`, expect.stringMatching(/期间“2026年第五季度”无法识别/)],
      [`C${r}`, expect.stringMatching(/指标代码“NOPE”不在指标目录中/)],
    ]);
    const lone = 4 + TABLE.length;
    expect(report.rejected.filter((x) => x.cell.endsWith(String(lone))).map((x) => x.cell)).toEqual([`A${lone}`, `B${lone}`, `C${lone}`]);
  });

  it('a commit of a file with any rejected cell writes nothing', async () => {
    const before = counts(ctx.db);
    const r = await call(ctx, 'import.commit', { file });
    expect(r.batchId).toBeNull();
    expect(r.accepted).toBe(0);
    expect(counts(ctx.db)).toEqual(before);
  });
});

describe('template cells: inline strings, merged cells', async () => {
  const ctx = await openStore({ dbFile: path.join(dir, 'm.db'), seeds: returnsSeeds(), user: 'tester' });
  afterAll(() => closeStore(ctx));
  const template = path.join(dir, 'tpl.xlsx');
  await call(ctx, 'returns.template', { region: '三亚', period: '2026Q2', out: template });

  it('reads inline and plain strings written without a shared-string table', async () => {
    const f = await fillTemplate(
      template,
      path.join(dir, 'inline.xlsx'),
      { 'DL-LOW-DAYS': { richText: [{ text: '7' }, { text: '天' }] }, 'KJ-COST': '250美元', 'ZW-ONLINE': '８８％' },
      { useSharedStrings: false },
    );
    const r = await call(ctx, 'import.preview', { file: f });
    expect(r.rows.map((x) => [x.code, x.newValue])).toEqual([
      ['ZW-ONLINE', 88],
      ['DL-LOW-DAYS', 7],
      ['KJ-COST', 250],
    ]);
  });

  it('a merged range over value cells is read once, from its master cell', async () => {
    const f = await fillTemplate(template, path.join(dir, 'merged.xlsx'), {}, {
      edit: (_wb, ws) => {
        const a = rowOf(ws, 'KB-TIME');
        ws.unprotect();
        ws.mergeCells(`F${a}:F${a + 1}`); // KB-TIME's value cell swallows ZW-ONLINE's
        ws.getCell(`F${a}`).value = 3;
        const b = rowOf(ws, 'DL-LOW-DAYS');
        ws.mergeCells(`E${b}:F${b}`); // a merge whose master is 上期实际值: the value cell holds nothing of its own
        ws.getCell(`E${b}`).value = 8;
      },
    });
    const r = await call(ctx, 'import.preview', { file: f });
    expect(r.rows.map((x) => [x.code, x.cell, x.newValue])).toEqual([['KB-TIME', 'F9', 3]]);
    expect(r.rejected).toEqual([]);
  });
});
