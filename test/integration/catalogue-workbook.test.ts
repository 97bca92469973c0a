import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { applySeeds } from '../../electron/core/catalogue/seed';
import { readCatalogue } from '../../electron/core/catalogue/read';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore, type CoreContext } from '../../electron/core/store';
import { miniSeeds } from '../fixtures/mini-seeds';
import { convertOne, hasSoffice } from '../helpers/libreoffice';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-catwb-');
let n = 0;
const file = (name: string) => path.join(dir, `${++n}-${name}`);
const opened: CoreContext[] = [];
afterAll(() => opened.forEach(closeStore));
async function store(seeds = miniSeeds()) {
  const ctx = await openStore({ dbFile: file('c.db'), seeds, user: 'tester' });
  opened.push(ctx);
  return ctx;
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const tables = (ctx: CoreContext) => ({
  indicators: ctx.db.prepare('SELECT * FROM indicators ORDER BY code').all(),
  targets: ctx.db.prepare('SELECT * FROM targets ORDER BY id').all(),
});

/** Edits an exported workbook the way a person would in Excel: change cells, type new rows under the last one. */
async function edit(src: string, change: (sheets: { ind: ExcelJS.Worksheet; tgt: ExcelJS.Worksheet }) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  change({ ind: wb.getWorksheet('指标')!, tgt: wb.getWorksheet('目标')! });
  const out = file('edited.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}
function rowOf(ws: ExcelJS.Worksheet, code: string, year?: number): ExcelJS.Row {
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === code && (year === undefined || row.getCell(2).value === year)) return row;
  }
  throw new Error(`no row ${code}`);
}
function append(ws: ExcelJS.Worksheet, values: ExcelJS.CellValue[]): number {
  let r = 2;
  while (ws.getRow(r).getCell(1).value) r++;
  values.forEach((v, i) => (ws.getRow(r).getCell(i + 1).value = v));
  return r;
}

describe('the catalogue workbook: export, edit, import, undo', async () => {
  const ctx = await store();
  await ok(invoke(ctx, 'observations.set', { indicator: 'DL-LOW-DAYS', region: '海口', period: '2026Q1', value: 6 }));
  const exported = file('指标目录.xlsx');
  const before = tables(ctx);

  it('exports every indicator and target with Chinese headers and labels', async () => {
    expect(await ok(invoke(ctx, 'catalogue.exportXlsx', { out: exported }))).toEqual({ file: exported, indicators: 2, targets: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    const values = (name: string) => wb.getWorksheet(name)!.getSheetValues().slice(1, 4).map((r) => (r as unknown[]).slice(1));
    expect(values('指标')).toEqual([
      ['指标代码', '指标名称', '英文名称', '领域代码', '单位', '方向', '精度', '频度', '牵头单位', '配合单位', '出处文件', '出处条款', '已停用'],
      ['KB-TIME', '企业开办时间', 'Time to start a business', 'A01', '工作日', '越低越好', 1, '季度', '省市场监管局', '', '测试方案（测〔2021〕1号）', '二、(一)1', '否'],
      ['DL-LOW-DAYS', '低压办电时间', 'Low-voltage connection time', 'A03', '天', '越低越好', 1, '季度', '海南电网', '', '测试方案（测〔2021〕1号）', '二、(三)1', '否'],
    ]);
    expect(values('目标')[0]).toEqual(['指标代码', '年度', '地区', '比较符', '目标值', '目标上限', '截止日期', '出处文件', '出处条款']);
    expect(values('目标')[1]!.slice(0, 5)).toEqual(['KB-TIME', 2021, '', '<=', 1]);
    const untouched = await ok(invoke(ctx, 'catalogue.importPreview', { file: exported }));
    expect(untouched.counts).toEqual({ new: 0, changed: 0, unchanged: 4, rejected: 0 });
  });

  let edited = '';
  it('previews new, changed and unchanged rows of an edited copy', async () => {
    edited = await edit(exported, ({ ind, tgt }) => {
      append(ind, ['KB-EXIT', '企业注销时间', 'Time to close a business', 'A01', '工作日', '越低越好', 1, '季度', '省市场监管局、省税务局', '', '海口市2026—2028年行动方案', '三、(二)', '否']);
      rowOf(ind, 'DL-LOW-DAYS').getCell(13).value = '是';
      rowOf(tgt, 'KB-TIME', 2021).getCell(5).value = 0.8;
      append(tgt, ['KB-TIME', 2026, '', '<=', 0.5, null, '', '海口市2026—2028年行动方案', '三、(一)']);
      append(tgt, ['DL-LOW-DAYS', 2026, '海口', '≤', 5, null, '2026-12-31', '测试方案（测〔2021〕1号）', '二、(三)1']);
      append(tgt, ['KB-EXIT', 2026, '', 'between', 1, 3, '', '海口市2026—2028年行动方案', '三、(二)']);
    });
    const p = await ok(invoke(ctx, 'catalogue.importPreview', { file: edited }));
    expect(p.rejected).toEqual([]);
    expect(p.counts).toEqual({ new: 4, changed: 2, unchanged: 2, rejected: 0 });
    expect(p.items.find((i) => i.key === 'DL-LOW-DAYS')).toMatchObject({ kind: 'changed', sheet: '指标', changes: [{ field: '已停用', old: '否', new: '是' }] });
    expect(p.items.find((i) => i.key === 'KB-TIME/2021/全省')!.changes).toEqual([{ field: '目标值', old: '1', new: '0.8' }]);
    expect(p.items.find((i) => i.key === 'DL-LOW-DAYS/2026/460100')).toMatchObject({ kind: 'new', row: 5 });
    expect(tables(ctx)).toEqual(before); // a preview writes nothing
  });

  let batchId = '';
  it('commits in one batch with history, and the catalogue shows it', async () => {
    const res = await ok(invoke(ctx, 'catalogue.importCommit', { file: edited }));
    expect(res.batchId).toMatch(/^catalogue-/);
    batchId = res.batchId!;
    expect(ctx.db.prepare('SELECT kind, accepted, created_by FROM import_batches WHERE id = ?').get(batchId)).toEqual({ kind: 'catalogue', accepted: 6, created_by: 'tester' });
    const hist = ctx.db.prepare('SELECT entity, entity_key, old_json IS NULL AS fresh FROM catalogue_history WHERE source = ? ORDER BY id').all(`import:${batchId}`);
    expect(hist).toEqual([
      { entity: 'indicator', entity_key: 'DL-LOW-DAYS', fresh: 0 },
      { entity: 'indicator', entity_key: 'KB-EXIT', fresh: 1 },
      { entity: 'target', entity_key: 'KB-TIME/2021/全省', fresh: 0 },
      { entity: 'target', entity_key: 'KB-TIME/2026/全省', fresh: 1 },
      { entity: 'target', entity_key: 'DL-LOW-DAYS/2026/460100', fresh: 1 },
      { entity: 'target', entity_key: 'KB-EXIT/2026/全省', fresh: 1 },
    ]);
    const cat = readCatalogue(ctx.db);
    const kb = cat.indicators.find((i) => i.code === 'KB-TIME')!;
    expect(kb.targets.map((t) => [t.year, t.region, t.comparator, t.value])).toEqual([[2021, null, '<=', 0.8], [2026, null, '<=', 0.5]]);
    expect(kb.targets[1]!.source).toEqual({ doc: '海口市2026—2028年行动方案', clause: '三、(一)' });
    const dl = cat.indicators.find((i) => i.code === 'DL-LOW-DAYS')!;
    expect(dl.retired).toBe(true);
    expect(dl.targets[1]).toMatchObject({ year: 2026, region: '海口市', regionCode: '460100', comparator: '<=', value: 5, deadline: '2026-12-31' });
    expect(cat.indicators.find((i) => i.code === 'KB-EXIT')).toMatchObject({ leadUnits: ['省市场监管局', '省税务局'], targets: [{ comparator: 'between', value: 1, valueMax: 3 }] });
    // A retired indicator keeps its data.
    expect((await ok(invoke(ctx, 'observations.list', { indicator: 'DL-LOW-DAYS' }))).map((o) => o.value)).toEqual([6]);
    // Only touched rows became the user's.
    expect(ctx.db.prepare(`SELECT code, origin, user_edited FROM indicators ORDER BY code`).all()).toEqual([
      { code: 'DL-LOW-DAYS', origin: 'user', user_edited: 1 },
      { code: 'KB-EXIT', origin: 'user', user_edited: 1 },
      { code: 'KB-TIME', origin: 'seed', user_edited: 0 },
    ]);
    // Importing the same file again changes nothing and makes no batch.
    expect((await ok(invoke(ctx, 'catalogue.importCommit', { file: edited }))).batchId).toBeNull();
  });

  it('a newer seed catalogue does not overwrite what the user imported', () => {
    const after = tables(ctx);
    const next = miniSeeds('1.1.0');
    next.catalogue.indicators[0]!.targets[0]!.value = 0.9;
    next.catalogue.indicators[0]!.targets.push({ year: 2026, region: null, comparator: '<=', value: 0.7, valueMax: null, source: { doc: 'doc2021', clause: 'x' } });
    next.catalogue.indicators[1]!.name = '低压小微企业办电时间';
    expect(applySeeds(ctx.db, next, 'tester').applied).toBe(true);
    expect(tables(ctx)).toEqual(after);
  });

  it('undo restores exactly the previous rows and records itself', async () => {
    expect(await ok(invoke(ctx, 'catalogue.importUndo', { batchId }))).toEqual({ batchId, restored: 6 });
    expect(tables(ctx)).toEqual(before);
    expect(ctx.db.prepare('SELECT count(*) n FROM catalogue_history WHERE source = ?').get(`undo:${batchId}`)).toEqual({ n: 6 });
    expect(ctx.db.prepare('SELECT undone_by FROM import_batches WHERE id = ?').get(batchId)).toEqual({ undone_by: 'tester' });
    const again = await invoke(ctx, 'catalogue.importUndo', { batchId });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/已于 .* 撤销过/);
  });

  it('undo refuses, changing nothing, when a row was edited after the batch', async () => {
    const res = await ok(invoke(ctx, 'catalogue.importCommit', { file: edited }));
    await ok(invoke(ctx, 'catalogue.setTarget', { indicator: 'KB-TIME', year: 2026, comparator: '<=', value: 0.4 }));
    const snapshot = tables(ctx);
    const undo = await invoke(ctx, 'catalogue.importUndo', { batchId: res.batchId! });
    expect(undo.ok).toBe(false);
    if (!undo.ok) expect(undo.error.message).toMatch(/目标 KB-TIME\/2026\/全省在这次导入之后又被修改过/);
    expect(tables(ctx)).toEqual(snapshot);
  });
});

describe('refusing bad cells, naming them', async () => {
  const ctx = await store();
  const exported = file('目录.xlsx');
  await ok(invoke(ctx, 'catalogue.exportXlsx', { out: exported }));

  it('rejects unknown codes, bad words, bad numbers and duplicates, and commits nothing', async () => {
    const bad = await edit(exported, ({ ind, tgt }) => {
      append(ind, ['X-1', '新指标', '', 'Z99', '件', '越大越好', 1.5, '每月', '', '', '', '', '也许']);
      append(tgt, ['KB-TIME', 2027, '', '<', 1, null, '', '', '']); // row 4
      append(tgt, ['KB-TIME', 2028, '', 'between', 5, null, '', '', '']);
      append(tgt, ['KB-TIME', 2029, '', 'between', 5, 3, '', '', '']);
      append(tgt, ['KB-TIME', 2030, '', '<=', 'abc', null, '明年', '', '']);
      append(tgt, ['KB-TIME', 2031, '火星市', '<=', 1, null, '', '', '']);
      append(tgt, ['DL-LOW-DAYS', 2021, '全省', '<=', 9, null, '', '', '']); // duplicate of row 3
      append(tgt, ['NOPE', '二〇二六', '', '=', 1, 2, '', '', '']);
    });
    const p = await ok(invoke(ctx, 'catalogue.importPreview', { file: bad }));
    const at = (cell: string, sheet = '目标') => p.rejected.filter((r) => r.sheet === sheet && r.cell === cell).map((r) => r.message);
    expect(at('D4', '指标')[0]).toMatch(/没有这个领域代码：Z99/);
    expect(at('F4', '指标')[0]).toMatch(/方向应为 越低越好、越高越好、区间 或 里程碑/);
    expect(at('G4', '指标')[0]).toMatch(/精度应为 0 到 6 的整数/);
    expect(at('H4', '指标')[0]).toMatch(/频度应为“季度”或“年度”/);
    expect(at('M4', '指标')[0]).toMatch(/“已停用”应填“是”或“否”/);
    expect(at('D4')[0]).toMatch(/比较符应为/);
    expect(at('F5')[0]).toMatch(/须填写比目标值更大的目标上限/);
    expect(at('F6')[0]).toMatch(/须填写比目标值更大的目标上限/);
    expect(at('E7')[0]).toMatch(/目标值应为数字，不能是“abc”/);
    expect(at('G7')[0]).toMatch(/截止日期应为日期/);
    expect(at('C8')[0]).toMatch(/没有这个地区：火星市/);
    expect(at('A9')[0]).toMatch(/与第 3 行重复/);
    expect(at('A10')[0]).toMatch(/没有这个指标代码：NOPE/);
    expect(at('B10')[0]).toMatch(/年度应为四位数年份/);
    expect(at('F10')[0]).toMatch(/只有比较符为 between 时才填写目标上限/);
    expect(p.rejected.find((r) => r.cell === 'C8')!.code).toBe('KB-TIME');
    const before = tables(ctx);
    const commit = await ok(invoke(ctx, 'catalogue.importCommit', { file: bad }));
    expect(commit.batchId).toBeNull();
    expect(tables(ctx)).toEqual(before);
    expect(ctx.db.prepare('SELECT count(*) n FROM import_batches').get()).toEqual({ n: 0 });
  });

  it('refuses a file that is not a catalogue workbook, in Chinese', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填报').addRow(['指标代码', '本期实际值']);
    const other = file('other.xlsx');
    await wb.xlsx.writeFile(other);
    const p = await ok(invoke(ctx, 'catalogue.importPreview', { file: other }));
    expect(p.rejected.map((r) => r.message)).toEqual([
      '工作簿中没有名为“指标”的工作表。请使用工作站导出的指标目录工作簿。',
      '工作簿中没有名为“目标”的工作表。请使用工作站导出的指标目录工作簿。',
    ]);
    const notXlsx = await invoke(ctx, 'catalogue.importPreview', { file: path.join(dir, 'c.db') });
    expect(notXlsx).toMatchObject({ ok: false, error: { kind: 'usage' } });
  });
});

describe('manual edits', async () => {
  const ctx = await store();
  const hist = () => ctx.db.prepare(`SELECT entity, entity_key, source, reason FROM catalogue_history WHERE source = 'manual' ORDER BY id`).all();

  it('adds and retires an indicator, sets a regional target, each with history', async () => {
    const incomplete = await invoke(ctx, 'catalogue.setIndicator', { code: 'KB-EXIT', name: '企业注销时间' });
    expect(incomplete.ok).toBe(false);
    if (!incomplete.ok) expect(incomplete.error.message).toMatch(/须填写名称、领域、单位和方向/);
    expect(await ok(invoke(ctx, 'catalogue.setIndicator', { code: 'KB-EXIT', name: '企业注销时间', area: 'A01', unit: '工作日', direction: 'lower' }))).toEqual({ outcome: 'new' });
    expect(await ok(invoke(ctx, 'catalogue.setIndicator', { code: 'DL-LOW-DAYS', retired: true, reason: '新方案不再考核' }))).toEqual({ outcome: 'changed' });
    expect(await ok(invoke(ctx, 'catalogue.setIndicator', { code: 'DL-LOW-DAYS', retired: true }))).toEqual({ outcome: 'unchanged' });
    const t = { indicator: 'KB-TIME', year: 2026, region: '三亚', comparator: '<=' as const, value: 0.5, source: { doc: 'doc2021', clause: '三' } };
    expect(await ok(invoke(ctx, 'catalogue.setTarget', t))).toEqual({ outcome: 'new' });
    expect(await ok(invoke(ctx, 'catalogue.setTarget', { ...t, value: 0.4 }))).toEqual({ outcome: 'changed' });
    const between = await invoke(ctx, 'catalogue.setTarget', { ...t, comparator: 'between', valueMax: 0.2 });
    expect(between.ok).toBe(false);
    if (!between.ok) expect(between.error.message).toMatch(/目标上限/);
    const sanya = readCatalogue(ctx.db).indicators.find((i) => i.code === 'KB-TIME')!.targets.find((x) => x.regionCode === '460200')!;
    expect(sanya).toMatchObject({ year: 2026, region: '三亚市', value: 0.4, source: { doc: '测试方案（测〔2021〕1号）', clause: '三' } });
    expect(await ok(invoke(ctx, 'catalogue.setTarget', { indicator: 'KB-TIME', year: 2026, region: '三亚市', remove: true }))).toEqual({ outcome: 'removed' });
    expect(hist()).toEqual([
      { entity: 'indicator', entity_key: 'KB-EXIT', source: 'manual', reason: null },
      { entity: 'indicator', entity_key: 'DL-LOW-DAYS', source: 'manual', reason: '新方案不再考核' },
      { entity: 'target', entity_key: 'KB-TIME/2026/460200', source: 'manual', reason: null },
      { entity: 'target', entity_key: 'KB-TIME/2026/460200', source: 'manual', reason: null },
      { entity: 'target', entity_key: 'KB-TIME/2026/460200', source: 'manual', reason: null },
    ]);
    expect(ctx.db.prepare(`SELECT origin, user_edited FROM indicators WHERE code = 'DL-LOW-DAYS'`).get()).toEqual({ origin: 'user', user_edited: 1 });
  });
});

describe('a round trip through LibreOffice', async () => {
  // The full bundled catalogue: deadlines, regional targets, several lead units, between targets.
  const ctx = await openStore({ dbFile: file('full.db'), user: 'tester' });
  opened.push(ctx);

  it.skipIf(!hasSoffice())('imports back unchanged after LibreOffice re-saves the workbook', async () => {
    const exported = file('目录.xlsx');
    const res = await ok(invoke(ctx, 'catalogue.exportXlsx', { out: exported }));
    const resaved = await convertOne(exported, 'xlsx', path.join(dir, 'lo'));
    const p = await ok(invoke(ctx, 'catalogue.importPreview', { file: resaved }));
    expect(p.rejected).toEqual([]);
    expect(p.items.filter((i) => i.kind !== 'unchanged')).toEqual([]);
    expect(p.counts).toEqual({ new: 0, changed: 0, unchanged: res.indicators + res.targets, rejected: 0 });
    expect((await ok(invoke(ctx, 'catalogue.importCommit', { file: resaved }))).batchId).toBeNull();
  });
});
