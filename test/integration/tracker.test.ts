import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { applyObservationChange } from '../../electron/core/observations/write';
import { dueDateFor, listReturns, markReceived } from '../../electron/core/returns/tracker';
import { closeStore, openStore } from '../../electron/core/store';
import { miniSeeds } from '../fixtures/mini-seeds';
import { CSV_UTF8, convertOne, hasSoffice } from '../helpers/libreoffice';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-tracker-');
const ctx = await openStore({ dbFile: path.join(dir, 't.db'), seeds: miniSeeds(), user: 'tester' });
afterAll(() => closeStore(ctx));

const HAIKOU = '460100';
const SANYA = '460200';

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
async function refused(p: Promise<{ ok: boolean; error?: { kind: string; message: string } }>): Promise<string> {
  const r = await p;
  expect(r.ok).toBe(false);
  return r.error!.message;
}

describe('due dates and the list', () => {
  it('puts the due date 15 days after the quarter ends', () => {
    expect(dueDateFor('2026Q1')).toBe('2026-04-15');
    expect(dueDateFor('2026Q2')).toBe('2026-07-15');
    expect(dueDateFor('2026Q3')).toBe('2026-10-15');
    expect(dueDateFor('2026Q4')).toBe('2027-01-15');
  });

  it('lists every region, expected when nothing arrived, overdue only after the due date', async () => {
    const rows = await ok(invoke(ctx, 'tracker.list', { period: '2026Q1' }));
    expect(rows.map((r) => r.regionName)).toEqual(['海南省', '海口市', '三亚市', '白沙黎族自治县']);
    expect(rows.every((r) => r.state === 'expected' && r.changedAt === null && r.changedBy === null && r.dueDate === '2026-04-15')).toBe(true);
    expect(listReturns(ctx.db, '2026Q1', '2026-04-15').some((r) => r.overdue)).toBe(false);
    expect(listReturns(ctx.db, '2026Q1', '2026-04-16').every((r) => r.overdue)).toBe(true);
    expect((await ok(invoke(ctx, 'tracker.list', { period: '2021Q1' }))).every((r) => r.overdue)).toBe(true);
    expect((await ok(invoke(ctx, 'tracker.list', { period: '2030Q4' }))).some((r) => r.overdue)).toBe(false);
  });

  it('counts the values already held for the region and period', async () => {
    await ok(invoke(ctx, 'observations.set', { indicator: 'KB-TIME', region: '海口', period: '2026Q1', value: 0.9 }));
    const rows = await ok(invoke(ctx, 'tracker.list', { period: '2026Q1' }));
    expect(rows.find((r) => r.region === HAIKOU)!.observations).toBe(1);
    expect(rows.find((r) => r.region === SANYA)!.observations).toBe(0);
  });
});

describe('the state machine', () => {
  const advance = (to: 'received' | 'checked' | 'approved', region = '海口') => invoke(ctx, 'tracker.advance', { region, period: '2026Q1', to });

  it('moves forward one step at a time and never back', async () => {
    expect(await refused(advance('checked'))).toMatch(/须先标记为“已收到”/);
    expect(await refused(advance('approved'))).toMatch(/不能直接跳到“已审定”/);
    expect(await ok(advance('received'))).toMatchObject({ state: 'received', changedBy: 'tester', overdue: false });
    expect(await refused(advance('received'))).toMatch(/已经是“已收到”/);
    expect((await ok(advance('checked'))).state).toBe('checked');
    expect(await refused(advance('received'))).toMatch(/不能退回.*重新打开/);
    const approved = await ok(advance('approved'));
    expect(approved.state).toBe('approved');
    expect(approved.changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('approval locks the values against manual and import-style changes, with the Chinese message', async () => {
    const manual = await invoke(ctx, 'observations.set', { indicator: 'KB-TIME', region: '海口', period: '2026Q1', value: 2 });
    expect(manual).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    if (!manual.ok) expect(manual.error.message).toMatch(/2026Q1 的数据已审定锁定，不能修改.*重新打开/);
    const removal = await invoke(ctx, 'observations.set', { indicator: 'KB-TIME', region: '海口', period: '2026Q1', value: null });
    expect(removal.ok).toBe(false);
    const fresh = await invoke(ctx, 'observations.set', { indicator: 'DL-LOW-DAYS', region: '海口', period: '2026Q1', value: 5 });
    expect(fresh.ok).toBe(false);

    for (const kind of ['import', 'undo'] as const) {
      expect(() =>
        ctx.db.transaction(() =>
          applyObservationChange(ctx.db, {
            indicator: 'DL-LOW-DAYS', region: HAIKOU, period: '2026Q1', value: 6,
            source: { kind, batchId: null, fileName: '海口.xlsx', sheet: '填报', cell: 'E7' }, user: 'tester', at: new Date().toISOString(),
          }),
        )(),
      ).toThrow(/已审定锁定，不能修改/);
    }
    const values = await ok(invoke(ctx, 'observations.list', { region: '海口', period: '2026Q1' }));
    expect(values.map((v) => [v.indicator, v.value])).toEqual([['KB-TIME', 0.9]]);
    // Another region of the same quarter is not locked.
    expect((await ok(invoke(ctx, 'observations.set', { indicator: 'KB-TIME', region: '三亚', period: '2026Q1', value: 1.2 }))).outcome).toBe('new');
  });

  it('reopening needs a reason, goes back to checked and unlocks', async () => {
    const obsHistoryBefore = ctx.db.prepare('SELECT count(*) n FROM observation_history').get();
    expect(await refused(invoke(ctx, 'tracker.reopen', { region: '海口', period: '2026Q1' }))).toMatch(/请求内容不合法/);
    expect(await refused(invoke(ctx, 'tracker.reopen', { region: '海口', period: '2026Q1', reason: '   ' }))).toMatch(/请填写原因/);
    expect(await refused(invoke(ctx, 'tracker.reopen', { region: '三亚', period: '2026Q1', reason: '更正' }))).toMatch(/尚未审定，无需重新打开/);
    const row = await ok(invoke(ctx, 'tracker.reopen', { region: '海口市', period: '2026Q1', reason: '市场监管局更正开办时间' }));
    expect(row.state).toBe('checked');
    // The reopen is recorded in return_history only; observations and their history are untouched.
    expect(ctx.db.prepare('SELECT count(*) n FROM observation_history').get()).toEqual(obsHistoryBefore);
    expect((await ok(invoke(ctx, 'observations.set', { indicator: 'KB-TIME', region: '海口', period: '2026Q1', value: 0.8, reason: '更正' }))).outcome).toBe('changed');
  });

  it('keeps every move in the history, newest first, with who and why', async () => {
    const hist = await ok(invoke(ctx, 'tracker.history', { region: '海口', period: '2026Q1' }));
    expect(hist.map((h) => [h.oldState, h.newState, h.reason])).toEqual([
      ['approved', 'checked', '市场监管局更正开办时间'],
      ['checked', 'approved', null],
      ['received', 'checked', null],
      ['expected', 'received', null],
    ]);
    expect(hist.every((h) => h.osUser === 'tester' && h.regionName === '海口市')).toBe(true);
    expect(() => ctx.db.prepare('DELETE FROM return_history').run()).toThrow(/append-only/);
  });
});

describe('markReceived (called by the import after a committed batch)', () => {
  it('moves an expected return to received once and leaves later states alone', async () => {
    expect(ctx.db.transaction(() => markReceived(ctx.db, SANYA, '2026Q1', 'batch-1', 'importer'))()).toBe(true);
    expect(markReceived(ctx.db, SANYA, '2026Q1', 'batch-2', 'importer')).toBe(false);
    await ok(invoke(ctx, 'tracker.advance', { region: SANYA, period: '2026Q1', to: 'checked' }));
    expect(markReceived(ctx.db, SANYA, '2026Q1', 'batch-3', 'importer')).toBe(false);
    const hist = await ok(invoke(ctx, 'tracker.history', { region: '三亚' }));
    expect(hist.map((h) => [h.newState, h.batchId, h.osUser])).toEqual([
      ['checked', null, 'tester'],
      ['received', 'batch-1', 'importer'],
    ]);
  });
});

describe('the missing-returns workbook', () => {
  it('lists missing returns with Chinese headers, opens in exceljs and in LibreOffice', async () => {
    markReceived(ctx.db, HAIKOU, '2021Q1', 'batch-x', 'importer');
    const outDir = path.join(dir, '导出');
    const out = path.join(outDir, '2021Q1未报送.xlsx');
    const res = await ok(invoke(ctx, 'tracker.exportMissing', { period: '2021Q1', out }));
    expect(res).toEqual({ file: out, rows: 3 });
    expect(fs.readdirSync(outDir)).toEqual(['2021Q1未报送.xlsx']); // the temporary name is gone

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const rows = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['地区', '期间', '状态', '截止日期', '是否逾期', '已有数据项数']);
    expect(rows.slice(1)).toEqual([
      ['海南省', '2021年第一季度', '待报送', '2021-04-15', '是', 0],
      ['三亚市', '2021年第一季度', '待报送', '2021-04-15', '是', 0],
      ['白沙黎族自治县', '2021年第一季度', '待报送', '2021-04-15', '是', 0],
    ]);

    if (!hasSoffice()) return;
    const csv = fs.readFileSync(await convertOne(out, CSV_UTF8, path.join(dir, 'csv')), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('地区,期间,状态,截止日期,是否逾期,已有数据项数');
    expect(csv).toContain('白沙黎族自治县,2021年第一季度,待报送,2021-04-15,是,0');
  });

  it('refuses a bad period with a Chinese message', async () => {
    expect(await refused(invoke(ctx, 'tracker.exportMissing', { period: '2026Q5', out: path.join(dir, 'x.xlsx') }))).toMatch(/期间格式应为/);
  });
});
