import { describe, it, expect } from 'vitest';
import { heatmap, indicatorSeries, regionBars } from './chart-data';
import type { TargetLike } from './targets';

const target = (year: number, value: number, extra: Partial<TargetLike> = {}): TargetLike => ({
  year,
  regionCode: null,
  comparator: '<=',
  value,
  valueMax: null,
  ...extra,
});
const lowerDays = { direction: 'lower' as const, unit: '工作日', precision: 1 };

describe('indicatorSeries', () => {
  const base = {
    indicator: lowerDays,
    targets: [target(2021, 1), target(2023, 0.5)],
    observations: [
      { region: 'HK', period: '2021Q1', value: 1.2 },
      { region: 'HK', period: '2022Q3', value: 0.9 },
      { region: 'SY', period: '2022Q3', value: 1.4 },
      { region: 'SY', period: '2022', value: 1.1 },
      { region: 'SY', period: '2022Q4', value: 1.3 },
      { region: 'HK', period: '2024Q1', value: 0.4 },
      { region: 'OTHER', period: '2024Q1', value: 9 },
      { region: 'HK', period: '2030Q1', value: 9 },
    ],
    regions: ['HK', 'SY'],
    from: '2021Q1',
    to: '2024Q1',
  };

  it('gives one row per quarter, with values per region and nulls for gaps', () => {
    const r = indicatorSeries(base);
    expect(r.rows.map((row) => row.period)).toHaveLength(13);
    expect(r.rows[0]).toEqual({
      period: '2021Q1',
      label: '2021Q1',
      target: 1,
      targetLow: null,
      targetHigh: null,
      milestoneDue: false,
      annual: [],
      HK: 1.2,
      SY: null,
    });
    expect(r.rows.at(-1)).toMatchObject({ period: '2024Q1', HK: 0.4, SY: null });
    expect(r.rows.some((row) => 'OTHER' in row)).toBe(false);
    expect([r.unit, r.precision, r.direction]).toEqual(['工作日', 1, 'lower']);
  });

  it('draws the target in force per quarter as it changes between years', () => {
    const byPeriod = Object.fromEntries(indicatorSeries(base).rows.map((row) => [row.period, row.target]));
    expect(byPeriod['2022Q3']).toBe(1);
    expect(byPeriod['2022Q4']).toBe(1);
    expect(byPeriod['2023Q1']).toBe(0.5);
    expect(byPeriod['2024Q1']).toBe(0.5);
  });

  it('places a year-only figure at Q4, flags it, and lets it win over the Q4 figure', () => {
    const q4 = indicatorSeries(base).rows.find((row) => row.period === '2022Q4');
    expect(q4?.SY).toBe(1.1);
    expect(q4?.annual).toEqual(['SY']);
  });

  it('gives the 2021 baseline reference from the earliest target', () => {
    const r = indicatorSeries(base);
    expect([r.baseline2021, r.baselineYear]).toEqual([1, 2021]);
    expect(indicatorSeries({ ...base, targets: [] }).baseline2021).toBeNull();
  });

  it('uses the first region’s own target, or the province when asked', () => {
    const targets = [target(2021, 1), target(2021, 0.8, { regionCode: 'HK' })];
    expect(indicatorSeries({ ...base, targets }).rows[0]?.target).toBe(0.8);
    expect(indicatorSeries({ ...base, targets, targetRegion: null }).rows[0]?.target).toBe(1);
    expect(indicatorSeries({ ...base, targets, regions: [] }).rows[0]?.target).toBe(1);
  });

  it('shows a between target as a band, and no target before the first year', () => {
    const r = indicatorSeries({
      ...base,
      indicator: { direction: 'range', unit: '%', precision: 0 },
      targets: [target(2022, 90, { comparator: 'between', valueMax: 100 })],
      to: '2022Q1',
    });
    expect(r.rows.at(0)).toMatchObject({ target: null, targetLow: null, targetHigh: null });
    expect(r.rows.at(-1)).toMatchObject({ period: '2022Q1', target: null, targetLow: 90, targetHigh: 100 });
  });

  it('marks the quarter in which a milestone falls due', () => {
    const r = indicatorSeries({
      ...base,
      indicator: { direction: 'milestone', unit: '项', precision: 0 },
      targets: [target(2026, 1, { comparator: '=', deadline: '2026-08-31' })],
      observations: [],
      from: '2026Q1',
      to: '2026',
    });
    expect(r.rows.map((row) => row.milestoneDue)).toEqual([false, false, true, false]);
  });

  it('refuses a region code that would overwrite a chart field', () => {
    expect(() => indicatorSeries({ ...base, regions: ['target'] })).toThrow(/target/);
  });
});

describe('regionBars', () => {
  const observations = [
    { region: 'HK', value: 3 },
    { region: 'SY', value: 1 },
    { region: 'DZ', value: 2.1 },
    { region: 'QH', value: 3 },
  ];
  const regions = ['QH', 'HK', 'SY', 'DZ', 'WZS'];

  it('sorts lower-is-better ascending, ties in region order, missing last', () => {
    const r = regionBars({ observations, regions, direction: 'lower', target: target(2025, 2) });
    expect(r.bars).toEqual([
      { region: 'SY', value: 1, status: 'met' },
      { region: 'DZ', value: 2.1, status: 'near' },
      { region: 'QH', value: 3, status: 'missed' },
      { region: 'HK', value: 3, status: 'missed' },
      { region: 'WZS', value: null, status: 'no-data' },
    ]);
    expect([r.target, r.targetLow, r.targetHigh]).toEqual([2, null, null]);
  });

  it('sorts higher-is-better descending', () => {
    const r = regionBars({ observations, regions, direction: 'higher', target: null });
    expect(r.bars.map((b) => b.region)).toEqual(['QH', 'HK', 'DZ', 'SY', 'WZS']);
    expect(r.bars[0]?.status).toBe('no-target');
  });

  it('sorts a range by distance to the band and returns the band', () => {
    const band = target(2025, 2, { comparator: 'between', valueMax: 2.5 });
    const r = regionBars({ observations, regions, direction: 'range', target: band });
    expect(r.bars.map((b) => [b.region, b.status])).toEqual([
      ['DZ', 'met'],
      ['QH', 'missed'],
      ['HK', 'missed'],
      ['SY', 'missed'],
      ['WZS', 'no-data'],
    ]);
    expect([r.target, r.targetLow, r.targetHigh]).toEqual([null, 2, 2.5]);
  });

  it('judges a region by its own target when given', () => {
    const r = regionBars({ observations, regions, direction: 'lower', target: target(2025, 2), regionTargets: { HK: target(2025, 3) } });
    expect(r.bars.find((b) => b.region === 'HK')?.status).toBe('met');
    expect(r.bars.find((b) => b.region === 'QH')?.status).toBe('missed');
  });

  it('puts done milestones first', () => {
    const r = regionBars({
      observations: [
        { region: 'HK', value: 0 },
        { region: 'SY', value: 1 },
      ],
      regions: ['HK', 'SY'],
      direction: 'milestone',
      target: null,
    });
    expect(r.bars).toEqual([
      { region: 'SY', value: 1, status: 'met' },
      { region: 'HK', value: 0, status: 'missed' },
    ]);
  });
});

describe('heatmap', () => {
  const indicators = [
    { code: 'a1', area: 'A', direction: 'lower' as const, targets: [target(2021, 10)] },
    { code: 'a2', area: 'A', direction: 'higher' as const, targets: [target(2021, 50, { comparator: '>=' }), target(2021, 40, { comparator: '>=', regionCode: 'SY' })] },
    { code: 'b1', area: 'B', direction: 'milestone' as const, targets: [] },
    { code: 'c1', area: 'C', direction: 'lower' as const, targets: [] },
  ];
  const observations = [
    { indicator: 'a1', region: 'HK', value: 8 },
    { indicator: 'a1', region: 'SY', value: 12 },
    { indicator: 'a2', region: 'HK', value: 46 },
    { indicator: 'a2', region: 'SY', value: 42 },
    { indicator: 'b1', region: 'HK', value: 1 },
    { indicator: 'c1', region: 'HK', value: 5 },
  ];

  it('counts statuses per area and region, with share met, worst status and mean score', () => {
    const rows = heatmap({ indicators, observations, regions: ['HK', 'SY'], period: '2025Q2' });
    expect(rows.map((r) => r.area)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = rows;
    expect(a?.cells).toEqual([
      { region: 'HK', met: 1, near: 1, missed: 0, noData: 0, noTarget: 0, shareMet: 0.5, worstStatus: 'near', score: 100 },
      // SY: a1 12 vs ≤10 missed; a2 42 vs its own ≥40 met.
      { region: 'SY', met: 1, near: 0, missed: 1, noData: 0, noTarget: 0, shareMet: 0.5, worstStatus: 'missed', score: 0 },
    ]);
    expect(b?.cells).toEqual([
      { region: 'HK', met: 1, near: 0, missed: 0, noData: 0, noTarget: 0, shareMet: 1, worstStatus: 'met', score: 100 },
      { region: 'SY', met: 0, near: 0, missed: 0, noData: 1, noTarget: 0, shareMet: null, worstStatus: 'no-data', score: null },
    ]);
    expect(c?.cells[0]).toMatchObject({ noTarget: 1, worstStatus: 'no-target', shareMet: null, score: 100 });
  });

  it('follows a given area order and leaves empty areas blank', () => {
    const rows = heatmap({ indicators, observations, regions: ['HK'], period: '2025Q2', areas: ['B', 'Z'] });
    expect(rows.map((r) => r.area)).toEqual(['B', 'Z']);
    expect(rows[1]?.cells[0]).toEqual({ region: 'HK', met: 0, near: 0, missed: 0, noData: 0, noTarget: 0, shareMet: null, worstStatus: null, score: null });
  });
});
