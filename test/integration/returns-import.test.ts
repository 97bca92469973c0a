import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore } from '../../electron/core/store';
import { ensurePeriod } from '../../electron/core/observations/write';
import { returnsSeeds } from '../fixtures/mini-seeds';
import { call, counts, fillTemplate, sha256, values } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-imp-');

describe('importing a filled template', async () => {
  const ctx = await openStore({ dbFile: path.join(dir, 'i.db'), seeds: returnsSeeds(), user: 'tester' });
  afterAll(() => closeStore(ctx));
  const template = path.join(dir, 'tpl.xlsx');
  await call(ctx, 'returns.template', { region: '海口', period: '2026Q1', out: template });
  // Something already stored for the quarter, which the return will replace.
  await call(ctx, 'observations.set', { indicator: 'DL-LOW-DAYS', region: '海口', period: '2026Q1', value: 9, note: '手工录入' });
  await call(ctx, 'observations.set', { indicator: 'KJ-COST', region: '海口', period: '2025Q4', value: 100 });
  await call(ctx, 'observations.set', { indicator: 'DL-LOW-DAYS', region: '海口', period: '2025Q4', value: 6 });

  const filled = await fillTemplate(
    template,
    path.join(dir, 'filled.xlsx'),
    {
      'KB-TIME': 0.5,
      'DL-LOW-DAYS': '1.5天',
      'ZW-ONLINE': { value: 0.65, numFmt: '0%' },
      'YJS-ONLINE': '已完成',
      'DL-OUTAGE': '—',
      'KJ-COST': '８,０００',
    },
    { notes: { 'KB-TIME': '全程网办' } },
  );

  it('a preview reports every value and writes nothing, leaving the file’s bytes alone', async () => {
    const before = { file: sha256(filled), db: counts(ctx.db), values: values(ctx.db) };
    const r = await call(ctx, 'import.preview', { file: filled });
    expect(r).toMatchObject({ batchId: null, fileName: 'filled.xlsx', sha256: before.file, kind: 'template', accepted: 5, unchanged: 0, rejected: [] });
    expect(r.rows.map((x) => [x.code, x.status, x.oldValue, x.newValue, x.region, x.period])).toEqual([
      ['KB-TIME', 'new', null, 0.5, '460100', '2026Q1'],
      ['ZW-ONLINE', 'new', null, 65, '460100', '2026Q1'],
      ['YJS-ONLINE', 'new', null, 1, '460100', '2026Q1'],
      ['DL-LOW-DAYS', 'changed', 9, 1.5, '460100', '2026Q1'],
      ['KJ-COST', 'new', null, 8000, '460100', '2026Q1'],
    ]);
    // The drop from 6 to 1.5 天, the placeholder and the jump from 100 to 8000 美元 are flagged, top to bottom.
    expect(r.warnings.map((w) => [w.code, w.cell])).toEqual([
      ['DL-LOW-DAYS', 'F12'],
      ['DL-OUTAGE', 'F13'],
      ['KJ-COST', 'F14'],
    ]);
    expect(r.warnings[0]!.message).toMatch(/本期值 1.5 不到上期（2025年第四季度）值 6 的三分之一，请核实/);
    expect(r.warnings[1]!.message).toMatch(/无数据/);
    expect(r.warnings[2]!.message).toMatch(/是上期（2025年第四季度）值 100 的 80 倍/);
    expect(sha256(filled)).toBe(before.file);
    expect(counts(ctx.db)).toEqual(before.db);
    expect(values(ctx.db)).toEqual(before.values);
  });

  let batchId = '';
  let beforeImport: ReturnType<typeof values> = [];

  it('a commit writes every value as one batch, with its history naming file, sheet and cell', async () => {
    beforeImport = values(ctx.db);
    const before = counts(ctx.db);
    const r = await call(ctx, 'import.commit', { file: filled });
    expect(r.batchId).toMatch(/^B\d{8}-0001$/);
    batchId = r.batchId!;
    expect(r.accepted).toBe(5);
    expect(counts(ctx.db)).toEqual({ observations: before.observations + 4, history: before.history + 5, batches: before.batches + 1 });
    const obs = await call(ctx, 'observations.list', { indicator: 'DL-LOW-DAYS', region: '海口', period: '2026Q1' });
    expect(obs[0]).toMatchObject({ value: 1.5, note: '手工录入', sourceKind: 'import', batchId, fileName: 'filled.xlsx', sheet: '填报', cell: 'F12' });
    const kb = await call(ctx, 'observations.list', { indicator: 'KB-TIME', region: '海口', period: '2026Q1' });
    expect(kb[0]).toMatchObject({ value: 0.5, note: '全程网办' });
    const batch = ctx.db.prepare('SELECT * FROM import_batches WHERE id = ?').get(batchId) as Record<string, unknown>;
    expect(batch).toMatchObject({ kind: 'template', file_name: 'filled.xlsx', sha256: sha256(filled), created_by: 'tester', accepted: 5, undone_at: null });
    expect(JSON.parse(String(batch.summary))).toMatchObject({ regions: ['460100'], periods: ['2026Q1'], accepted: 5 });
    const list = await call(ctx, 'import.batches', {});
    expect(list[0]).toMatchObject({ id: batchId, kind: 'template', accepted: 5, undoneAt: null });
  });

  it('importing the same file again changes nothing and makes no batch', async () => {
    const before = counts(ctx.db);
    const r = await call(ctx, 'import.commit', { file: filled });
    expect(r).toMatchObject({ batchId: null, accepted: 0, unchanged: 5, rejected: [] });
    expect(counts(ctx.db)).toEqual(before);
  });

  it('undo restores exactly what the batch replaced, and the history shows both', async () => {
    const r = await call(ctx, 'import.undo', { batchId });
    expect(r).toEqual({ batchId, restored: 5, skipped: 0 });
    expect(values(ctx.db)).toEqual(beforeImport);
    const hist = await call(ctx, 'observations.history', { indicator: 'DL-LOW-DAYS', region: '海口', period: '2026Q1' });
    expect(hist.map((h) => [h.sourceKind, h.oldValue, h.newValue, h.batchId])).toEqual([
      ['undo', 1.5, 9, batchId],
      ['import', 9, 1.5, batchId],
      ['manual', null, 9, null],
    ]);
    expect(hist[0]!.reason).toBe(`撤销导入批次 ${batchId}`);
    const list = await call(ctx, 'import.batches', {});
    expect(list.find((b) => b.id === batchId)!.undoneAt).toMatch(/^\d{4}-/);
  });

  it('undoing twice is refused clearly; an unknown batch is not found', async () => {
    const again = await invoke(ctx, 'import.undo', { batchId });
    expect(again).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    if (!again.ok) expect(again.error.message).toMatch(/已于 .* 撤销过，不能重复撤销/);
    expect(await invoke(ctx, 'import.undo', { batchId: 'B19990101-0001' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('undo leaves a value someone changed later, and says so', async () => {
    const r = await call(ctx, 'import.commit', { file: filled });
    expect(r.batchId).toMatch(/-0002$/);
    await call(ctx, 'observations.set', { indicator: 'KB-TIME', region: '海口', period: '2026Q1', value: 0.7, reason: '核实后更正' });
    const u = await call(ctx, 'import.undo', { batchId: r.batchId! });
    expect(u).toEqual({ batchId: r.batchId, restored: 4, skipped: 1 });
    const kb = await call(ctx, 'observations.list', { indicator: 'KB-TIME', region: '海口', period: '2026Q1' });
    expect(kb[0]).toMatchObject({ value: 0.7, sourceKind: 'manual' });
  });

  it('a locked (approved) period refuses the values that would change it', async () => {
    ensurePeriod(ctx.db, '2026Q1');
    ctx.db
      .prepare(`INSERT INTO returns(region, period, state, changed_at, changed_by) VALUES ('460100', '2026Q1', 'approved', '2026-04-20', 'tester')
                ON CONFLICT(region, period) DO UPDATE SET state = 'approved'`)
      .run();
    const before = counts(ctx.db);
    const r = await call(ctx, 'import.commit', { file: filled });
    expect(r.batchId).toBeNull();
    // KB-TIME stays 0.7 from the manual correction, so the file's 0.5 would change it too.
    expect(r.rejected.length).toBe(5);
    expect(r.rejected[0]!.message).toMatch(/已审定锁定/);
    expect(counts(ctx.db)).toEqual(before);
    ctx.db.prepare(`DELETE FROM returns WHERE region = '460100' AND period = '2026Q1'`).run();
  });

  it('refuses a file that is missing or not a workbook, as bad usage', async () => {
    const missing = await invoke(ctx, 'import.preview', { file: path.join(dir, 'nope.xlsx') });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'usage' } });
    const text = path.join(dir, 'text.xlsx');
    fs.writeFileSync(text, '地区,期间\n海口,2026Q1\n');
    const bad = await invoke(ctx, 'import.commit', { file: text });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'usage' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/不是.*Excel 工作簿/);
  });
});
