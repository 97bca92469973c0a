import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore } from '../../electron/core/store';
import { returnsCatalogue, returnsSeeds, miniRegions, miniActuals } from '../fixtures/mini-seeds';
import { call, counts, fillTemplate, rowOf, templateLayout } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-refuse-');

async function refused(ctx: Awaited<ReturnType<typeof openStore>>, file: string): Promise<string> {
  const before = counts(ctx.db);
  const r = await invoke(ctx, 'import.commit', { file });
  expect(counts(ctx.db)).toEqual(before);
  if (r.ok) throw new Error(`expected the file to be refused, got ${JSON.stringify(r.value)}`);
  expect(r.error.kind).toBe('rejected');
  return r.error.message;
}

/** Sets the value next to a title label (地区, 期间, …) above the header. */
function setTitle(ws: ExcelJS.Worksheet, label: string, value: string): void {
  for (let r = 1; r < templateLayout(ws).header; r++) if (ws.getRow(r).getCell(1).value === label) ws.getRow(r).getCell(2).value = value;
}

function setMeta(wb: ExcelJS.Workbook, key: string, value: string): void {
  wb.getWorksheet('_meta')!.eachRow((row) => {
    if (row.getCell(1).value === key) row.getCell(2).value = value;
  });
}

describe('returns refused as a whole or cell by cell', async () => {
  const ctx = await openStore({ dbFile: path.join(dir, 'r.db'), seeds: returnsSeeds(), user: 'tester' });
  afterAll(() => closeStore(ctx));
  const template = path.join(dir, 'tpl.xlsx');
  await call(ctx, 'returns.template', { region: '海口', period: '2026Q1', out: template });
  const out = (name: string) => path.join(dir, name);

  it('the wrong region: title and _meta disagree', async () => {
    const f = await fillTemplate(template, out('region.xlsx'), { 'KB-TIME': 1 }, { edit: (_wb, ws) => setTitle(ws, '地区', '三亚市') });
    expect(await refused(ctx, f)).toMatch(/表头写的地区是“三亚市”，但它是用“海口市”的模板改的/);
  });

  it('an unknown region', async () => {
    const f = await fillTemplate(template, out('mars.xlsx'), { 'KB-TIME': 1 }, { edit: (_wb, ws) => setTitle(ws, '地区', '火星市') });
    expect(await refused(ctx, f)).toMatch(/“火星市”不在地区名单中/);
  });

  it('a short region name in the title is the same region', async () => {
    const f = await fillTemplate(template, out('short.xlsx'), { 'KB-TIME': 1 }, { edit: (_wb, ws) => setTitle(ws, '地区', '海口') });
    expect((await call(ctx, 'import.preview', { file: f })).rows[0]).toMatchObject({ region: '460100', period: '2026Q1' });
  });

  it('the wrong period', async () => {
    const f = await fillTemplate(template, out('period.xlsx'), { 'KB-TIME': 1 }, { edit: (wb) => setMeta(wb, 'period', '2025Q4') });
    expect(await refused(ctx, f)).toMatch(/期间是2026年第一季度，但它是用2025年第四季度的模板改的/);
  });

  it('a template version newer than this app', async () => {
    const f = await fillTemplate(template, out('v9.xlsx'), { 'KB-TIME': 1 }, { edit: (wb) => setMeta(wb, 'templateVersion', '9') });
    expect(await refused(ctx, f)).toMatch(/版本是 9/);
  });

  it('the catalogue changed under a filled value: refused, naming what changed', async () => {
    const changed = returnsCatalogue('1.1.0');
    changed.indicators.find((i) => i.code === 'DL-LOW-DAYS')!.unit = '工作日';
    const other = await openStore({ dbFile: path.join(dir, 'other.db'), seeds: { catalogue: changed, regions: miniRegions, actuals: miniActuals } });
    try {
      const f = await fillTemplate(template, out('cat.xlsx'), { 'KB-TIME': 1, 'DL-LOW-DAYS': 3 });
      expect(await refused(other, f)).toMatch(/指标 DL-LOW-DAYS（低压办电时间）的单位已由“天”改为“工作日”.*请重新下载模板/);
      // The same old template with that row left blank still imports.
      const g = await fillTemplate(template, out('cat-ok.xlsx'), { 'KB-TIME': 1 });
      expect(await call(other, 'import.commit', { file: g })).toMatchObject({ accepted: 1, rejected: [] });
    } finally {
      closeStore(other);
    }
  });

  it('an older template still imports after the catalogue grew', async () => {
    const grown = returnsCatalogue('1.2.0');
    grown.indicators.push({ ...grown.indicators[0]!, code: 'KB-NEW', name: '新指标', targets: [] });
    const other = await openStore({ dbFile: path.join(dir, 'grown.db'), seeds: { catalogue: grown, regions: miniRegions, actuals: miniActuals } });
    try {
      const f = await fillTemplate(template, out('old.xlsx'), { 'KB-TIME': 1, 'DL-LOW-DAYS': 3 });
      expect(await call(other, 'import.commit', { file: f })).toMatchObject({ accepted: 2, rejected: [] });
    } finally {
      closeStore(other);
    }
  });

  it('an unknown indicator code is rejected at its cell', async () => {
    const f = await fillTemplate(template, out('code.xlsx'), { 'KB-TIME': 1 }, {
      edit: (_wb, ws) => {
        const r = ws.rowCount + 1;
        ws.getRow(r).getCell(1).value = 'NOPE-1';
        ws.getRow(r).getCell(6).value = 5;
      },
    });
    const r = await call(ctx, 'import.commit', { file: f });
    expect(r.batchId).toBeNull();
    expect(r.rejected).toEqual([{ sheet: '填报', cell: 'A15', code: 'NOPE-1', message: expect.stringMatching(/“NOPE-1”不在指标目录中/) }]);
  });

  it('the same indicator twice with different values is rejected at both cells; the same value twice is fine', async () => {
    const dup = (value: number) => (_wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => {
      const r = ws.rowCount + 1;
      ws.getRow(r).getCell(1).value = 'KB-TIME';
      ws.getRow(r).getCell(6).value = value;
    };
    const f = await fillTemplate(template, out('dup.xlsx'), { 'KB-TIME': 1 }, { edit: dup(2) });
    const r = await call(ctx, 'import.commit', { file: f });
    expect(r.batchId).toBeNull();
    expect(r.rejected.map((x) => x.cell)).toEqual(['F9', 'F15']);
    expect(r.rejected[0]!.message).toMatch(/在 填报!F9 和 填报!F15 填了不同的值（1 和 2）/);
    const g = await fillTemplate(template, out('dup-same.xlsx'), { 'KB-TIME': 1 }, { edit: dup(1) });
    expect(await call(ctx, 'import.preview', { file: g })).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('a hidden row holding data', async () => {
    const f = await fillTemplate(template, out('hidden-row.xlsx'), { 'KB-TIME': 1, 'DL-LOW-DAYS': 3 }, {
      edit: (_wb, ws) => {
        ws.getRow(rowOf(ws, 'DL-LOW-DAYS')).hidden = true;
      },
    });
    expect(await refused(ctx, f)).toMatch(/“填报”工作表第 12 行被隐藏，但其中填有数据/);
    // Hidden but empty is harmless.
    const g = await fillTemplate(template, out('hidden-empty.xlsx'), { 'KB-TIME': 1 }, {
      edit: (_wb, ws) => {
        ws.getRow(rowOf(ws, 'DL-LOW-DAYS')).hidden = true;
      },
    });
    expect(await call(ctx, 'import.preview', { file: g })).toMatchObject({ accepted: 1 });
  });

  it('a hidden sheet holding data', async () => {
    const f = await fillTemplate(template, out('hidden-sheet.xlsx'), { 'KB-TIME': 1 }, {
      edit: (wb) => {
        const ws = wb.addWorksheet('历史数据', { state: 'hidden' });
        ws.addRow(['地区', '期间', '指标代码', '实际值', '备注']);
        ws.addRow(['海口', '2025Q4', 'KB-TIME', 3, '']);
      },
    });
    expect(await refused(ctx, f)).toMatch(/工作表“历史数据”被隐藏，但其中有要导入的数据/);
  });

  it('a workbook with nothing recognisable', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['名称', '数值']);
    const f = out('nothing.xlsx');
    await wb.xlsx.writeFile(f);
    expect(await refused(ctx, f)).toMatch(/没有找到可以导入的表格/);
  });
});
