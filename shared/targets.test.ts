import { describe, it, expect } from 'vitest';
import { makeQuarter } from './periods';
import { firstTarget, targetBand, targetInForce, type TargetLike } from './targets';

const t = (year: number, value: number, regionCode: string | null = null, extra: Partial<TargetLike> = {}): TargetLike => ({
  year,
  regionCode,
  comparator: '<=',
  value,
  valueMax: null,
  ...extra,
});

describe('targetInForce', () => {
  const changing = [t(2021, 1), t(2023, 0.5)];

  it('keeps a target in force until a later year replaces it', () => {
    expect(targetInForce(changing, '2021Q1', null)?.value).toBe(1);
    expect(targetInForce(changing, '2022Q3', null)?.value).toBe(1);
    expect(targetInForce(changing, '2023Q1', null)?.value).toBe(0.5);
    expect(targetInForce(changing, '2024Q1', null)?.value).toBe(0.5);
    expect(targetInForce(changing, '2028', null)?.value).toBe(0.5);
  });

  it('never applies a later target to an earlier period', () => {
    expect(targetInForce(changing, '2020Q4', null)).toBeNull();
    expect(targetInForce([t(2025, 3)], '2024Q4', null)).toBeNull();
  });

  it('accepts a Period object and the many ways people write quarters', () => {
    expect(targetInForce(changing, makeQuarter(2022, 3)!, null)?.value).toBe(1);
    expect(targetInForce(changing, '2023年第一季度', null)?.value).toBe(0.5);
    expect(targetInForce(changing, 'not a period', null)).toBeNull();
  });

  it('lets a region-specific target beat the province-wide one of the same year', () => {
    const targets = [t(2023, 5), t(2023, 3, 'HK'), t(2023, 4, 'SY')];
    expect(targetInForce(targets, '2023Q2', 'HK')?.value).toBe(3);
    expect(targetInForce(targets, '2023Q2', 'SY')?.value).toBe(4);
    expect(targetInForce(targets, '2023Q2', 'DZ')?.value).toBe(5);
    expect(targetInForce(targets, '2023Q2', null)?.value).toBe(5);
  });

  it('is order-independent for region vs province in the same year', () => {
    const targets = [t(2023, 3, 'HK'), t(2023, 5)];
    expect(targetInForce(targets, '2023Q2', 'HK')?.value).toBe(3);
  });

  it('lets a newer province target replace an older region-specific one', () => {
    const targets = [t(2021, 2, 'HK'), t(2021, 4), t(2024, 1.5)];
    expect(targetInForce(targets, '2022Q1', 'HK')?.value).toBe(2);
    expect(targetInForce(targets, '2024Q1', 'HK')?.value).toBe(1.5);
  });

  it('ignores other regions’ targets', () => {
    expect(targetInForce([t(2021, 2, 'SY')], '2022Q1', 'HK')).toBeNull();
    expect(targetInForce([t(2021, 2, 'SY')], '2022Q1', null)).toBeNull();
  });

  it('returns the caller’s own object type', () => {
    const withSource = [{ ...t(2021, 1), source: { doc: 'd1', clause: '一' } }];
    expect(targetInForce(withSource, '2021Q2', null)?.source.doc).toBe('d1');
  });
});

describe('firstTarget', () => {
  it('picks the earliest year (the 2021 baseline line)', () => {
    expect(firstTarget([t(2023, 0.5), t(2021, 1), t(2025, 0.2)], null)?.year).toBe(2021);
  });

  it('prefers the region’s own target in the earliest year', () => {
    const targets = [t(2021, 1), t(2021, 0.8, 'HK'), t(2022, 0.1, 'HK')];
    expect(firstTarget(targets, 'HK')?.value).toBe(0.8);
    expect(firstTarget(targets, 'SY')?.value).toBe(1);
  });

  it('returns null without targets', () => {
    expect(firstTarget([], null)).toBeNull();
  });
});

describe('targetBand', () => {
  it('gives [value, valueMax] for between, tolerating swapped bounds', () => {
    expect(targetBand(t(2021, 90, null, { comparator: 'between', valueMax: 95 }))).toEqual([90, 95]);
    expect(targetBand(t(2021, 95, null, { comparator: 'between', valueMax: 90 }))).toEqual([90, 95]);
  });

  it('gives [value, value] otherwise', () => {
    expect(targetBand(t(2021, 3))).toEqual([3, 3]);
    expect(targetBand(t(2021, 3, null, { comparator: 'between', valueMax: null }))).toEqual([3, 3]);
  });
});
