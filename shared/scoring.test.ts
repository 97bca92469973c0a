import { describe, it, expect } from 'vitest';
import { composite, dtfScores, frontierFromWindow, gap, gapClosed, gapPercent, meetsTarget, rank, status } from './scoring';
import type { TargetLike } from './targets';

const le = (value: number): TargetLike => ({ year: 2021, regionCode: null, comparator: '<=', value, valueMax: null });
const ge = (value: number): TargetLike => ({ year: 2021, regionCode: null, comparator: '>=', value, valueMax: null });
const eq = (value: number): TargetLike => ({ year: 2021, regionCode: null, comparator: '=', value, valueMax: null });
const between = (lo: number, hi: number): TargetLike => ({ year: 2021, regionCode: null, comparator: 'between', value: lo, valueMax: hi });
const milestone: TargetLike = { year: 2026, regionCode: null, comparator: '=', value: 1, valueMax: null, deadline: '2026-12-31' };

describe('status', () => {
  it('<= : met at and below, near within 10%, missed beyond', () => {
    expect(status(2, le(2), 'lower')).toBe('met');
    expect(status(1.5, le(2), 'lower')).toBe('met');
    expect(status(2.2, le(2), 'lower')).toBe('near');
    expect(status(2.21, le(2), 'lower')).toBe('missed');
  });

  it('>= : mirror', () => {
    expect(status(90, ge(90), 'higher')).toBe('met');
    expect(status(81, ge(90), 'higher')).toBe('near');
    expect(status(80.9, ge(90), 'higher')).toBe('missed');
  });

  it('= : tolerance 1e-9 relative, near band on the target value', () => {
    expect(status(0.1 + 0.2, eq(0.3), 'lower')).toBe('met');
    expect(status(100 * (1 + 1e-10), eq(100), 'higher')).toBe('met');
    expect(status(100.001, eq(100), 'higher')).toBe('near');
    expect(status(89, eq(100), 'higher')).toBe('missed');
  });

  it('tolerates float noise on <= too', () => {
    expect(status(0.1 + 0.2, le(0.3), 'lower')).toBe('met');
    expect(meetsTarget(0.30000001, le(0.3))).toBe(false);
  });

  it('between : inclusive; near measured from the edge missed', () => {
    const band = between(90, 100);
    expect(status(90, band, 'range')).toBe('met');
    expect(status(100, band, 'range')).toBe('met');
    expect(status(95, band, 'range')).toBe('met');
    expect(status(81, band, 'range')).toBe('near'); // 9 below 90, band 9
    expect(status(80.9, band, 'range')).toBe('missed');
    expect(status(110, band, 'range')).toBe('near'); // 10 above 100, band 10
    expect(status(110.5, band, 'range')).toBe('missed');
  });

  it('honours a custom near band', () => {
    expect(status(2.2, le(2), 'lower', { nearBand: 0.05 })).toBe('missed');
    expect(status(2.1, le(2), 'lower', { nearBand: 0.05 })).toBe('near');
    expect(status(2.1, le(2), 'lower', { nearBand: 0 })).toBe('missed');
  });

  it('a target of 0 has no near band', () => {
    expect(status(0, le(0), 'lower')).toBe('met');
    expect(status(0.5, le(0), 'lower')).toBe('missed');
  });

  it('milestones: done → met, not done → missed (deadline ignored), missing → no-data', () => {
    expect(status(1, milestone, 'milestone')).toBe('met');
    expect(status(0, milestone, 'milestone')).toBe('missed');
    expect(status(0.5, milestone, 'milestone')).toBe('missed');
    expect(status(1, null, 'milestone')).toBe('met');
    expect(status(null, milestone, 'milestone')).toBe('no-data');
  });

  it('no-data before no-target', () => {
    expect(status(null, le(1), 'lower')).toBe('no-data');
    expect(status(undefined, le(1), 'lower')).toBe('no-data');
    expect(status(Number.NaN, le(1), 'lower')).toBe('no-data');
    expect(status(null, null, 'lower')).toBe('no-data');
    expect(status(3, null, 'lower')).toBe('no-target');
  });
});

describe('gap and gapPercent', () => {
  it('<= : positive when better (lower), negative when short', () => {
    expect(gap(1.5, le(2), 'lower')).toBe(0.5);
    expect(gap(2.5, le(2), 'lower')).toBe(-0.5);
    expect(gapPercent(2.5, le(2), 'lower')).toBe(-25);
    expect(gapPercent(1.5, le(2), 'lower')).toBe(25);
  });

  it('>= : positive when above', () => {
    expect(gap(95, ge(90), 'higher')).toBe(5);
    expect(gap(72, ge(90), 'higher')).toBe(-18);
    expect(gapPercent(72, ge(90), 'higher')).toBe(-20);
  });

  it('= : uses the direction for the sign, else −|difference|', () => {
    expect(gap(3, eq(5), 'lower')).toBe(2);
    expect(gap(3, eq(5), 'higher')).toBe(-2);
    expect(gap(7, eq(5), 'range')).toBe(-2);
    expect(gap(5, eq(5), 'range')).toBe(0);
    expect(gap(0.1 + 0.2, le(0.3), 'lower')).toBe(0);
  });

  it('between : 0 inside, −distance outside, percent of the edge missed', () => {
    expect(gap(95, between(90, 100), 'range')).toBe(0);
    expect(gap(80, between(90, 100), 'range')).toBe(-10);
    expect(gap(105, between(90, 100), 'range')).toBe(-5);
    expect(gapPercent(105, between(90, 100), 'range')).toBe(-5);
    expect(gapPercent(81, between(90, 100), 'range')).toBe(-10);
    expect(gapPercent(95, between(90, 100), 'range')).toBe(0);
  });

  it('milestones: 0 done, −1 (−100%) not done', () => {
    expect(gap(1, milestone, 'milestone')).toBe(0);
    expect(gap(0, milestone, 'milestone')).toBe(-1);
    expect(gapPercent(0, milestone, 'milestone')).toBe(-100);
  });

  it('null when value or target is missing, percent null for a 0 target', () => {
    expect(gap(null, le(1), 'lower')).toBeNull();
    expect(gap(1, null, 'lower')).toBeNull();
    expect(gapPercent(1, le(0), 'lower')).toBeNull();
  });
});

describe('gapClosed', () => {
  it('lower-is-better: (baseline − value)/(baseline − target)', () => {
    expect(gapClosed(10, 7, le(4))).toEqual({ share: 0.5, clipped: 0.5 });
    expect(gapClosed(10, 4, le(4))).toEqual({ share: 1, clipped: 1 });
  });

  it('higher-is-better mirror', () => {
    expect(gapClosed(60, 75, ge(90))).toEqual({ share: 0.5, clipped: 0.5 });
    expect(gapClosed(60, 60, ge(90))).toEqual({ share: 0, clipped: 0 });
  });

  it('is not clipped itself, but offers a clipped variant', () => {
    expect(gapClosed(10, 1, le(4))).toEqual({ share: 1.5, clipped: 1 });
    expect(gapClosed(10, 12, le(4))).toEqual({ share: (10 - 12) / 6, clipped: 0 });
  });

  it('between: aims at the edge on the baseline’s side', () => {
    expect(gapClosed(120, 110, between(90, 100))).toEqual({ share: 0.5, clipped: 0.5 });
    expect(gapClosed(70, 85, between(90, 100))).toEqual({ share: 0.75, clipped: 0.75 });
  });

  it('milestone: not done → done closes the gap', () => {
    expect(gapClosed(0, 1, milestone)).toEqual({ share: 1, clipped: 1 });
  });

  it('null when the baseline already met the target or inputs are missing', () => {
    expect(gapClosed(3, 2, le(4))).toBeNull();
    expect(gapClosed(4, 2, le(4))).toBeNull();
    expect(gapClosed(null, 2, le(4))).toBeNull();
    expect(gapClosed(10, null, le(4))).toBeNull();
    expect(gapClosed(10, 7, null)).toBeNull();
  });
});

const scoreMap = (r: ReturnType<typeof dtfScores>) => Object.fromEntries(r.scores.map((s) => [s.region, s.score]));

describe('dtfScores', () => {
  const days = [
    { region: 'HK', value: 2 },
    { region: 'SY', value: 4 },
    { region: 'DZ', value: 10 },
    { region: 'WZS', value: null },
  ];

  it('lower-is-better between best and worst performer', () => {
    const r = dtfScores(days, 'lower');
    expect(r.frontier).toBe(2);
    expect(r.worst).toBe(10);
    expect(r.measure).toBe('value');
    expect(scoreMap(r)).toEqual({ HK: 100, SY: 75, DZ: 0, WZS: null });
  });

  it('higher-is-better mirror', () => {
    const r = dtfScores(
      [
        { region: 'HK', value: 80 },
        { region: 'SY', value: 90 },
        { region: 'DZ', value: 60 },
      ],
      'higher',
    );
    expect(scoreMap(r)).toEqual({ HK: (20 / 30) * 100, SY: 100, DZ: 0 });
  });

  it('frontier "target" is used only when better than the best performer', () => {
    const r = dtfScores(days, 'lower', { frontier: 'target', target: le(1) });
    expect(r.frontier).toBe(1);
    expect(scoreMap(r)).toEqual({ HK: (8 / 9) * 100, SY: (6 / 9) * 100, DZ: 0, WZS: null });
    expect(dtfScores(days, 'lower', { frontier: 'target', target: le(3) }).frontier).toBe(2);
    expect(dtfScores(days, 'lower', { frontier: 'target', target: null }).frontier).toBe(2);
  });

  it('fixed frontier and worst are clipped to [0, 100]', () => {
    const r = dtfScores(days, 'lower', { frontier: 3, worst: 8 });
    expect(scoreMap(r)).toEqual({ HK: 100, SY: 80, DZ: 0, WZS: null });
    expect(r.frontier).toBe(3);
    expect(r.worst).toBe(8);
  });

  it('one region only: 100 against itself; 0 when short of a target frontier', () => {
    expect(scoreMap(dtfScores([{ region: 'HK', value: 5 }], 'lower'))).toEqual({ HK: 100 });
    expect(scoreMap(dtfScores([{ region: 'HK', value: 5 }], 'lower', { frontier: 'target', target: le(3) }))).toEqual({ HK: 0 });
    expect(scoreMap(dtfScores([{ region: 'HK', value: 2 }], 'lower', { frontier: 'target', target: le(3) }))).toEqual({ HK: 100 });
    expect(scoreMap(dtfScores([{ region: 'HK', value: 5 }], 'lower', { frontier: 'target', target: le(3), worst: 7 }))).toEqual({ HK: 50 });
  });

  it('all regions equal: 100 each, no NaN', () => {
    const r = dtfScores(
      [
        { region: 'HK', value: 3 },
        { region: 'SY', value: 3 },
      ],
      'higher',
    );
    expect(scoreMap(r)).toEqual({ HK: 100, SY: 100 });
  });

  it('all values missing: null scores, no frontier', () => {
    const r = dtfScores([{ region: 'HK', value: null }], 'lower');
    expect(r).toEqual({ scores: [{ region: 'HK', value: null, score: null }], frontier: null, worst: null, measure: 'value' });
  });

  it('ranges: scored on the distance to the band, inside = 100', () => {
    const r = dtfScores(
      [
        { region: 'HK', value: 95 },
        { region: 'SY', value: 85 },
        { region: 'DZ', value: 110 },
      ],
      'range',
      { target: between(90, 100) },
    );
    expect(r.measure).toBe('distance-to-band');
    expect(r.frontier).toBe(0);
    expect(r.worst).toBe(10);
    expect(scoreMap(r)).toEqual({ HK: 100, SY: 50, DZ: 0 });
    expect(scoreMap(dtfScores([{ region: 'HK', value: 95 }], 'range'))).toEqual({ HK: null });
  });

  it('milestones: done 100, not done 0', () => {
    const r = dtfScores(
      [
        { region: 'HK', value: 1 },
        { region: 'SY', value: 0 },
        { region: 'DZ', value: null },
      ],
      'milestone',
    );
    expect(scoreMap(r)).toEqual({ HK: 100, SY: 0, DZ: null });
    expect([r.frontier, r.worst, r.measure]).toEqual([1, 0, 'done']);
  });
});

describe('frontierFromWindow', () => {
  const history = [
    { period: '2024Q4', region: 'HK', value: 1 },
    { period: '2025Q1', region: 'HK', value: 3 },
    { period: '2025Q2', region: 'SY', value: 9 },
    { period: '2025', region: 'DZ', value: 12 },
    { period: '2026Q1', region: 'SY', value: 20 },
    { period: '2025Q3', region: 'DZ', value: null },
  ];

  it('takes frontier and worst over the window only (year figures count as Q4)', () => {
    expect(frontierFromWindow(history, { from: '2025Q1', to: '2025Q4' }, 'lower')).toEqual({
      window: { from: '2025Q1', to: '2025Q4' },
      frontier: 3,
      worst: 12,
      measure: 'value',
    });
    expect(frontierFromWindow(history, { from: '2025Q1', to: '2025Q3' }, 'lower').worst).toBe(9);
    expect(frontierFromWindow(history, { from: '2025', to: '2025' }, 'higher')).toMatchObject({ frontier: 12, worst: 3 });
  });

  it('holds scores steady when fed to dtfScores', () => {
    const w = frontierFromWindow(history, { from: '2025Q1', to: '2025Q4' }, 'lower');
    const r = dtfScores([{ region: 'HK', value: 7.5 }], 'lower', { frontier: w.frontier!, worst: w.worst! });
    expect(r.scores[0]?.score).toBe(50);
  });

  it('empty window gives nulls', () => {
    expect(frontierFromWindow(history, { from: '2030Q1', to: '2030Q4' }, 'lower')).toMatchObject({ frontier: null, worst: null });
  });
});

describe('composite', () => {
  it('equal weight per area, then equal weight across areas, ignoring nulls', () => {
    const r = composite([
      { area: 'A', indicator: 'a1', score: 100 },
      { area: 'A', indicator: 'a2', score: 50 },
      { area: 'A', indicator: 'a3', score: null },
      { area: 'B', indicator: 'b1', score: 30 },
      { area: 'C', indicator: 'c1', score: null },
    ]);
    expect(r.areas).toEqual([
      { area: 'A', score: 75, indicators: 2 },
      { area: 'B', score: 30, indicators: 1 },
      { area: 'C', score: null, indicators: 0 },
    ]);
    expect(r.overall).toBe(52.5);
  });

  it('null when nothing is scored', () => {
    expect(composite([]).overall).toBeNull();
    expect(composite([{ area: 'A', indicator: 'a', score: null }]).overall).toBeNull();
  });
});

describe('rank', () => {
  it('competition ranking 1224 with nulls last and unranked', () => {
    const r = rank([
      { key: 'a', score: 70 },
      { key: 'b', score: 90 },
      { key: 'c', score: null },
      { key: 'd', score: 80 },
      { key: 'e', score: 80 },
    ]);
    expect(r.map((x) => [x.key, x.rank])).toEqual([
      ['b', 1],
      ['d', 2],
      ['e', 2],
      ['a', 4],
      ['c', null],
    ]);
  });

  it('ascending order and float-noise ties', () => {
    const r = rank(
      [
        { key: 'x', score: 0.3 },
        { key: 'y', score: 0.1 + 0.2 },
        { key: 'z', score: 0.1 },
      ],
      'asc',
    );
    expect(r.map((x) => [x.key, x.rank])).toEqual([
      ['z', 1],
      ['x', 2],
      ['y', 2],
    ]);
  });

  it('all tied, and empty', () => {
    expect(rank([{ key: 'a', score: 5 }, { key: 'b', score: 5 }]).map((x) => x.rank)).toEqual([1, 1]);
    expect(rank([])).toEqual([]);
  });
});

describe('a band on a lower- or higher-is-better indicator', () => {
  const band: TargetLike = { year: 2021, regionCode: null, comparator: 'between', value: 45, valueMax: 50 };
  it('is met by anything better than its far edge', () => {
    expect(status(40, band, 'lower')).toBe('met');
    expect(status(48, band, 'lower')).toBe('met');
    expect(status(54, band, 'lower')).toBe('near');
    expect(status(60, band, 'lower')).toBe('missed');
    expect(gap(40, band, 'lower')).toBe(10);
    expect(status(40, band, 'range')).toBe('missed');
    expect(status(55, band, 'higher')).toBe('met');
    expect(status(44, band, 'higher')).toBe('near');
  });
});
