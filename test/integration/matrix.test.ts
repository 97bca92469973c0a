import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, closeStore } from '../../electron/core/store';
import { invoke } from '../../electron/core/dispatch';
import { applyObservationChange } from '../../electron/core/observations/write';
import { readPeriodMatrix } from '../../electron/core/reports/matrix';
import { tmpDir } from '../helpers/tmp';
import { miniSeeds } from '../fixtures/mini-seeds';

describe('the period matrix (dashboard, report, slides)', async () => {
  const ctx = await openStore({ dbFile: path.join(tmpDir('ys-matrix-'), 'm.db'), seeds: miniSeeds(), user: 'tester' });
  const put = (indicator: string, region: string, period: string, value: number | null, at: string) =>
    ctx.db.transaction(() => applyObservationChange(ctx.db, { indicator, region, period, value, source: { kind: 'manual' }, user: 'u', at }))();

  put('KB-TIME', '460100', '2026Q1', 0.8, '2026-04-01T00:00:00.000Z');
  put('KB-TIME', '460200', '2026Q1', 1.5, '2026-04-01T00:00:00.000Z');
  put('KB-TIME', '469025', '2026Q1', 3, '2026-04-01T00:00:00.000Z');
  put('KB-TIME', '460100', '2025Q4', 1.2, '2026-01-10T00:00:00.000Z');

  it('gives status, gap, score and rank against the target in force', () => {
    const m = readPeriodMatrix(ctx.db, '2026Q1');
    const cell = (region: string) => m.cells.find((c) => c.indicator === 'KB-TIME' && c.region === region)!;
    expect(m.rankedRegions).toEqual(['460100', '460200', '469025']);
    expect(cell('460100')).toMatchObject({ value: 0.8, previous: 1.2, status: 'met', score: 100, rank: 1, trend: 'improved' });
    expect(cell('460100').target).toMatchObject({ year: 2021, comparator: '<=', value: 1 });
    expect(cell('460200')).toMatchObject({ status: 'missed', rank: 2 });
    expect(cell('460200').gap).toBeCloseTo(-0.5);
    // frontier = target edge 0.8 (best performer beats target 1), worst = 3: (3 - 1.5)/(3 - 0.8) × 100
    expect(cell('460200').score).toBeCloseTo(((3 - 1.5) / (3 - 0.8)) * 100, 6);
    expect(cell('469025')).toMatchObject({ score: 0, rank: 3 });
    // The province is shown but not ranked.
    expect(cell('460000')).toMatchObject({ value: null, status: 'no-data', rank: null });
    const haikou = m.composites.find((c) => c.region === '460100')!;
    expect(haikou.rank).toBe(1);
  });

  it('uses the annual published figure for the year’s last quarter', () => {
    const m = readPeriodMatrix(ctx.db, '2025Q4');
    expect(m.cells.find((c) => c.region === '460000' && c.indicator === 'KB-TIME')).toMatchObject({ value: 0.8, valuePeriod: '2025' });
  });

  it('frozen "as of" a moment, later changes do not move the numbers', async () => {
    put('KB-TIME', '460200', '2026Q1', 0.9, '2026-05-01T00:00:00.000Z');
    const frozen = await invoke(ctx, 'reports.matrix', { period: '2026Q1', asOf: '2026-04-15T00:00:00.000Z' });
    const live = await invoke(ctx, 'reports.matrix', { period: '2026Q1' });
    if (!frozen.ok || !live.ok) throw new Error('matrix failed');
    const sanya = (m: typeof frozen.value) => m.cells.find((c) => c.region === '460200' && c.indicator === 'KB-TIME')!.value;
    expect(sanya(frozen.value)).toBe(1.5);
    expect(sanya(live.value)).toBe(0.9);
    closeStore(ctx);
  });
});
