import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { readCatalogue } from '../../electron/core/catalogue/read';
import { closeStore, openStore } from '../../electron/core/store';
import { returnsSeeds } from '../fixtures/mini-seeds';
import { convert, hasSoffice } from '../helpers/libreoffice';
import { call, rowOf, templateLayout } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-tpl-');

describe('the return template', async () => {
  const ctx = await openStore({ dbFile: path.join(dir, 't.db'), seeds: returnsSeeds(), user: 'tester' });
  afterAll(() => closeStore(ctx));
  await call(ctx, 'observations.set', { indicator: 'KB-TIME', region: '海口', period: '2025Q4', value: 0.8 });
  const file = path.join(dir, '海口-2026Q1.xlsx');
  const made = await call(ctx, 'returns.template', { region: '海口', period: '2026年第一季度', out: file });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('填报')!;

  it('has one row per indicator and the sheets of CONTRACTS §2', () => {
    expect(made).toEqual({ file, indicators: 6 });
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['填报', 'visible'],
      ['填报说明', 'visible'],
      ['_meta', 'veryHidden'],
    ]);
    const { header, col } = templateLayout(ws);
    for (const t of ['指标代码', '指标名称', '单位', '目标值', '上期实际值', '本期实际值', '备注', '领域', '牵头单位']) expect(col(t)).toBeGreaterThan(0);
    expect(ws.rowCount - header).toBe(6);
  });

  it('names region, period, unit, due date and version above the header', () => {
    const { header } = templateLayout(ws);
    const titles = new Map<string, unknown>();
    for (let r = 1; r < header; r++) titles.set(String(ws.getRow(r).getCell(1).value), ws.getRow(r).getCell(2).value);
    expect(titles.get('地区')).toBe('海口市');
    expect(titles.get('期间')).toBe('2026Q1');
    expect(titles.get('报送截止日期')).toBe('2026-04-15');
    expect(titles.get('模板版本')).toBe('1');
    expect(titles.has('填报单位')).toBe(true);
  });

  it('shows the target in force, the unit, and last quarter’s value', () => {
    const { col } = templateLayout(ws);
    const cell = (code: string, t: string) => ws.getRow(rowOf(ws, code)).getCell(col(t)).value;
    expect(cell('KB-TIME', '目标值')).toBe('≤ 0.5'); // Haikou's own 2026 target beats the 2021 province-wide one
    expect(cell('DL-LOW-DAYS', '目标值')).toBe('≤ 10');
    expect(cell('DL-OUTAGE', '目标值')).toBe('4–6');
    expect(cell('ZW-ONLINE', '目标值')).toBe('≥ 90');
    expect(cell('YJS-ONLINE', '目标值')).toBe('完成（2026-12-31 前）');
    expect(cell('YJS-ONLINE', '单位')).toBe('完成填1，未完成填0');
    expect(cell('KB-TIME', '单位')).toBe('工作日');
    expect(cell('KB-TIME', '上期实际值')).toBe(0.8);
    expect(cell('DL-LOW-DAYS', '上期实际值')).toBe(null);
  });

  it('locks everything but 本期实际值 and 备注, without a password, with validation on the values', () => {
    const { header, col } = templateLayout(ws);
    const prot = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(prot.sheet).toBe(true);
    expect(prot.hashValue).toBeUndefined();
    for (let r = header + 1; r <= ws.rowCount; r++) {
      ws.getRow(r).eachCell({ includeEmpty: true }, (c, n) => {
        const unlocked = c.protection?.locked === false;
        expect(unlocked, c.address).toBe(n === col('本期实际值') || n === col('备注'));
      });
    }
    const dv = (code: string) => ws.getRow(rowOf(ws, code)).getCell(col('本期实际值')).dataValidation;
    expect(dv('KB-TIME')).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], showErrorMessage: true });
    expect(dv('KB-TIME').error).toMatch(/不小于 0 的数字（单位：工作日）/);
    expect(dv('ZW-ONLINE')).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
    expect(dv('YJS-ONLINE')).toMatchObject({ type: 'list', formulae: ['"1,0"'] });
  });

  it('prints on A4 landscape, one page wide, with a frozen header', () => {
    const { header } = templateLayout(ws);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    expect(ws.getColumn(2).width).toBeGreaterThan(20);
  });

  it('records region, period and catalogue in _meta', () => {
    const meta = new Map<string, unknown>();
    wb.getWorksheet('_meta')!.eachRow((row) => meta.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(meta.get('templateVersion')).toBe('1');
    expect(meta.get('regionCode')).toBe('460100');
    expect(meta.get('regionName')).toBe('海口市');
    expect(meta.get('period')).toBe('2026Q1');
    expect(meta.get('catalogueFingerprint')).toBe(readCatalogue(ctx.db, { includeRetired: false }).fingerprint);
    expect(String(meta.get('generatedAt'))).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('explains in plain Chinese how to fill it', () => {
    const text = (wb.getWorksheet('填报说明')!.getColumn(1).values as unknown[]).join('\n');
    expect(text).toMatch(/留空/);
    expect(text).toMatch(/不会按 0 计算/);
    expect(text).toMatch(/65% 填 65/);
    expect(text).toMatch(/2026-04-15/);
    expect(text).toMatch(/发回/);
  });

  it('limits the template to one responsible unit', async () => {
    const out = path.join(dir, 'grid.xlsx');
    expect(await call(ctx, 'returns.template', { region: '三亚', period: '2026Q1', unit: '海南电网', out })).toEqual({ file: out, indicators: 2 });
    const none = await invoke(ctx, 'returns.template', { region: '三亚', period: '2026Q1', unit: '不存在的单位', out });
    expect(none).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses an unknown region or a period that is not a quarter', async () => {
    const out = path.join(dir, 'x.xlsx');
    expect(await invoke(ctx, 'returns.template', { region: '火星', period: '2026Q1', out })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const year = await invoke(ctx, 'returns.template', { region: '海口', period: '2026', out });
    expect(year).toMatchObject({ ok: false, error: { kind: 'usage' } });
    expect(fs.existsSync(out)).toBe(false);
  });

  it.skipIf(!hasSoffice())('opens in LibreOffice: converts to PDF and CSV', async () => {
    const [pdf] = await convert([file], 'pdf', path.join(dir, 'pdf'));
    expect(fs.readFileSync(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    const [csv] = await convert([file], 'csv:Text - txt - csv (StarCalc):44,34,76,1', path.join(dir, 'csv'));
    const text = fs.readFileSync(csv!, 'utf8').replace(/"/g, '');
    expect(text).toMatch(/指标代码,指标名称,单位,目标值,上期实际值,本期实际值,备注/);
    expect(text).toMatch(/KB-TIME,企业开办时间,工作日/);
  });
});
