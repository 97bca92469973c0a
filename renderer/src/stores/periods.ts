/**
 * Periods as the UI offers them: quarters from 2021Q1 (the baseline plan) to
 * the current quarter, stepping with [ and ], and the default period — the
 * latest quarter that has data. Pure.
 */
import { makeQuarter, parsePeriod, periodSort, quarterRange } from '../../../shared/periods';

export const FIRST_QUARTER = '2021Q1';

/** The quarter that contains `date` (local calendar), e.g. 2026Q4. */
export function currentQuarter(date: Date = new Date()): string {
  return `${date.getFullYear()}Q${Math.floor(date.getMonth() / 3) + 1}`;
}

/** Quarters from..to inclusive, oldest first. */
export function quarterOptions(to: string, from: string = FIRST_QUARTER): string[] {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  if (!a || !b) return [];
  return quarterRange(a, b).map((p) => p.code);
}

/** The quarter `delta` steps away, or null outside `options`. */
export function stepQuarter(period: string, delta: number, options: readonly string[]): string | null {
  const i = options.indexOf(period);
  if (i < 0) return null;
  return options[i + delta] ?? null;
}

/** The n quarters ending at `end` (inclusive), oldest first, not before 2021Q1 unless `floor` says so. */
export function recentQuarters(end: string, n: number, floor: string = FIRST_QUARTER): string[] {
  const e = parsePeriod(end);
  if (!e || e.quarter === null || n <= 0) return [];
  const out: string[] = [];
  let y = e.year;
  let q: number = e.quarter;
  const floorP = parsePeriod(floor);
  const floorSort = floorP ? periodSort(floorP) : 0;
  while (out.length < n) {
    const p = makeQuarter(y, q);
    if (!p || periodSort(p) < floorSort) break;
    out.unshift(p.code);
    q -= 1;
    if (q < 1) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

/** Periods worth probing for data: every quarter up to `current`, and every year up to its year. */
export function probePeriods(current: string, from: string = FIRST_QUARTER): string[] {
  const quarters = quarterOptions(current, from);
  const c = parsePeriod(current);
  const f = parsePeriod(from);
  const years: string[] = [];
  if (c && f) for (let y = f.year; y <= c.year; y++) years.push(String(y));
  return [...quarters, ...years];
}

/**
 * The latest quarter that has data, given counts per probed period. A year's
 * figure stands for its fourth quarter (the report matrix reads it there).
 * Never later than `current`; null when nothing has data.
 */
export function latestQuarterWithData(counts: ReadonlyArray<{ period: string; count: number }>, current: string): string | null {
  const cur = parsePeriod(current);
  if (!cur) return null;
  let best: { code: string; sort: number } | null = null;
  for (const { period, count } of counts) {
    if (count <= 0) continue;
    const p = parsePeriod(period);
    if (!p) continue;
    const q = p.quarter === null ? makeQuarter(p.year, 4) : p;
    if (!q) continue;
    let sort = periodSort(q);
    let code = q.code;
    if (sort > periodSort(cur)) {
      // A year still running: its figure is shown in the current quarter.
      if (p.quarter === null && p.year === cur.year) {
        sort = periodSort(cur);
        code = cur.code;
      } else continue;
    }
    if (!best || sort > best.sort) best = { code, sort };
  }
  return best?.code ?? null;
}

/** A valid quarter code, or null. */
export function asQuarter(code: string | null | undefined): string | null {
  if (!code) return null;
  const p = parsePeriod(code);
  return p && p.quarter !== null ? p.code : null;
}
