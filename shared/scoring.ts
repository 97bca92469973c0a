/**
 * Status, gap, progress since the baseline, 0–100 distance-to-frontier
 * scores, composites and rankings. Pure: numbers in, numbers out.
 */
import type { Direction } from './domain';
import { parsePeriod, type Period } from './periods';
import { judgedAs, targetBand, type TargetLike } from './targets';

export type Status = 'met' | 'near' | 'missed' | 'no-target' | 'no-data';

/** Default "near" band: missed by at most 10% of the target value. */
export const DEFAULT_NEAR_BAND = 0.1;

/**
 * Comparisons allow 1e-9 relative (floored at 1e-9 absolute for targets near
 * zero) so that sums like 0.1 + 0.2 meet a target of 0.3 — figures come from
 * Excel and arithmetic, not from exact decimal input.
 */
function tolerance(reference: number): number {
  return 1e-9 * Math.max(1, Math.abs(reference));
}

function hasValue(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A milestone is done at 1; anything below (0, or a partial 0.5) is not done. */
function isDone(value: number): boolean {
  return value >= 1 - tolerance(1);
}

/** How far the value is from satisfying the comparator (≥ 0), and the target edge it is measured from. */
function miss(value: number, target: TargetLike): { distance: number; edge: number } {
  const t = target.value;
  switch (target.comparator) {
    case '<=':
      return { distance: Math.max(0, value - t), edge: t };
    case '>=':
      return { distance: Math.max(0, t - value), edge: t };
    case '=':
      return { distance: Math.abs(value - t), edge: t };
    case 'between': {
      const [lo, hi] = targetBand(target);
      if (value < lo) return { distance: lo - value, edge: lo };
      if (value > hi) return { distance: value - hi, edge: hi };
      return { distance: 0, edge: value - lo <= hi - value ? lo : hi };
    }
  }
}

/** Whether the comparator holds ('between' inclusive), within the tolerance above. */
export function meetsTarget(value: number, target: TargetLike): boolean {
  const { distance, edge } = miss(value, target);
  return distance <= tolerance(edge);
}

/**
 * met / near / missed against the target in force.
 * - No value (null, undefined, NaN) → 'no-data', checked first: a missing
 *   return is the actionable fact even when no target exists.
 * - Milestones ignore the target and its deadline on purpose (kept simple):
 *   done (1) → met, not done → missed, even before the deadline.
 * - near: missed by at most `nearBand` × |target value| (for 'between': × the
 *   edge it missed). A target of 0 therefore has no near band.
 */
export function status(
  value: number | null | undefined,
  target: TargetLike | null,
  direction: Direction,
  opts: { nearBand?: number } = {},
): Status {
  if (!hasValue(value)) return 'no-data';
  if (direction === 'milestone') return isDone(value) ? 'met' : 'missed';
  if (!target) return 'no-target';
  const { distance, edge } = miss(value, judgedAs(target, direction));
  if (distance <= tolerance(edge)) return 'met';
  const band = (opts.nearBand ?? DEFAULT_NEAR_BAND) * Math.abs(edge);
  return distance <= band + tolerance(edge) ? 'near' : 'missed';
}

/**
 * Signed distance to the target in the good direction: positive = better than
 * the target by that much, negative = short of it. 'between': 0 inside,
 * −distance to the nearest edge outside. '=': for lower/higher indicators the
 * direction says which side is better, otherwise −|difference|.
 * Milestones: 0 done, −1 not done. null when value or target is missing.
 */
export function gap(value: number | null | undefined, target: TargetLike | null, direction: Direction): number | null {
  if (!hasValue(value)) return null;
  if (direction === 'milestone') return isDone(value) ? 0 : -1;
  if (!target) return null;
  target = judgedAs(target, direction);
  let g: number;
  const t = target.value;
  if (target.comparator === '<=') g = t - value;
  else if (target.comparator === '>=') g = value - t;
  else if (target.comparator === 'between') g = 0 - miss(value, target).distance; // 0 − x: never −0 on screen
  else g = direction === 'lower' ? t - value : direction === 'higher' ? value - t : 0 - Math.abs(value - t);
  // A value that meets within tolerance must not show as a hair short.
  return g < 0 && meetsTarget(value, target) ? 0 : g;
}

/** gap as a percentage of the target value (of the edge missed for 'between'); null when that reference is 0. */
export function gapPercent(value: number | null | undefined, target: TargetLike | null, direction: Direction): number | null {
  const g = gap(value, target, direction);
  if (g === null) return null;
  if (direction === 'milestone') return g * 100;
  if (g === 0) return 0;
  const edge = miss(value as number, judgedAs(target as TargetLike, direction)).edge;
  return edge === 0 ? null : (g / Math.abs(edge)) * 100;
}

export interface GapClosed {
  /** Share of the baseline→target gap closed: 1 = reached, >1 overshot, <0 went backwards. */
  share: number;
  /** The same, clipped to [0, 1] for progress bars. */
  clipped: number;
}

/**
 * How far we have come since the baseline: (baseline − value)/(baseline − target)
 * for lower-is-better and its mirror, which is the same formula once the aim
 * point is known. The aim is the target value, or for 'between' the band edge
 * on the baseline's side. null when an input is missing or the baseline
 * already met the target (there was no gap to close).
 */
export function gapClosed(
  baseline: number | null | undefined,
  value: number | null | undefined,
  target: TargetLike | null,
): GapClosed | null {
  if (!hasValue(baseline) || !hasValue(value) || !target) return null;
  if (meetsTarget(baseline, target)) return null;
  const [lo, hi] = targetBand(target);
  const aim = target.comparator === 'between' ? (baseline > hi ? hi : lo) : target.value;
  const share = (baseline - value) / (baseline - aim) + 0; // + 0 turns −0 (no progress, higher-is-better) into 0
  return { share, clipped: Math.min(1, Math.max(0, share)) };
}

// ---------------------------------------------------------------------------
// Distance to frontier (0–100), in the spirit of the World Bank DTF score.

/** What the frontier/worst numbers are measured in, so the UI can say it. */
export type DtfMeasure = 'value' | 'distance-to-band' | 'done';

export interface DtfOptions {
  /** 'best' performer (default), the 'target' if it is better than the best, or a fixed number. */
  frontier?: 'best' | 'target' | number;
  /** 'worst' performer (default) or a fixed number. */
  worst?: 'worst' | number;
  /** Needed for frontier 'target' and for range indicators (the band). */
  target?: TargetLike | null;
}

export interface DtfResult {
  scores: Array<{ region: string; value: number | null; score: number | null }>;
  frontier: number | null;
  worst: number | null;
  measure: DtfMeasure;
}

/**
 * Range indicators are scored on the distance to the band (inside = 0), which
 * is lower-is-better; lower/higher on the value itself.
 */
function toMeasure(value: number, direction: Direction, target: TargetLike | null | undefined): number | null {
  if (direction !== 'range') return value;
  return target ? miss(value, target).distance : null;
}

function lowerIsBetter(direction: Direction): boolean {
  return direction !== 'higher';
}

function better(a: number, b: number, direction: Direction): number {
  return lowerIsBetter(direction) ? Math.min(a, b) : Math.max(a, b);
}

/** The target expressed as a measure: its better edge, or 0 distance for a band. */
function targetMeasure(target: TargetLike, direction: Direction): number {
  if (direction === 'range') return 0;
  const [lo, hi] = targetBand(target);
  return lowerIsBetter(direction) ? lo : hi;
}

function pickBounds(measures: number[], direction: Direction, opts: DtfOptions): { frontier: number | null; worst: number | null } {
  if (measures.length === 0) return { frontier: null, worst: null };
  const lower = lowerIsBetter(direction);
  const best = lower ? Math.min(...measures) : Math.max(...measures);
  const worstSeen = lower ? Math.max(...measures) : Math.min(...measures);
  let frontier = best;
  if (typeof opts.frontier === 'number') frontier = opts.frontier;
  else if (opts.frontier === 'target' && opts.target) frontier = better(best, targetMeasure(opts.target, direction), direction);
  const worst = typeof opts.worst === 'number' ? opts.worst : worstSeen;
  return { frontier, worst };
}

/**
 * Score = (worst − y)/(worst − frontier) × 100 for lower-is-better (mirror for
 * higher), clipped to [0, 100]. When frontier and worst coincide (all regions
 * equal, or one region only with frontier 'best') there is no spread: a value
 * at least as good as the frontier scores 100, anything else 0 — never NaN.
 * One region short of a 'target' frontier is also the worst performer, so it
 * scores 0 "as computed"; pass a fixed `worst` (e.g. the 2021 baseline) to
 * score a lone region meaningfully.
 */
function scoreOf(m: number, frontier: number, worst: number, direction: Direction): number {
  const lower = lowerIsBetter(direction);
  const spread = lower ? worst - frontier : frontier - worst;
  if (spread <= tolerance(frontier)) {
    const atFrontier = lower ? m <= frontier + tolerance(frontier) : m >= frontier - tolerance(frontier);
    return atFrontier ? 100 : 0;
  }
  const raw = ((lower ? worst - m : m - worst) / spread) * 100;
  return Math.min(100, Math.max(0, raw));
}

/** 0–100 score per region; null score for missing values (and for ranges without a band). */
export function dtfScores(
  values: ReadonlyArray<{ region: string; value: number | null }>,
  direction: Direction,
  opts: DtfOptions = {},
): DtfResult {
  if (direction === 'milestone') {
    const scores = values.map(({ region, value }) => ({ region, value, score: hasValue(value) ? (isDone(value) ? 100 : 0) : null }));
    return { scores, frontier: 1, worst: 0, measure: 'done' };
  }
  const measured = values.map(({ region, value }) => ({ region, value, m: hasValue(value) ? toMeasure(value, direction, opts.target) : null }));
  const { frontier, worst } = pickBounds(measured.flatMap((r) => (r.m === null ? [] : [r.m])), direction, opts);
  const scores = measured.map(({ region, value, m }) => ({
    region,
    value,
    score: m === null || frontier === null || worst === null ? null : scoreOf(m, frontier, worst, direction),
  }));
  return { scores, frontier, worst, measure: direction === 'range' ? 'distance-to-band' : 'value' };
}

/** A stated span of periods (inclusive) over which frontier and worst are fixed. */
export interface ScoringWindow {
  from: string;
  to: string;
}

/** Quarter sort keys; a whole year counts as its Q4 (the chart places it there too), or Q1 when it opens a window. */
function windowKey(p: Period, edge: 'start' | 'end'): number {
  return p.year * 10 + (p.quarter ?? (edge === 'start' ? 1 : 4));
}

/**
 * Frontier and worst over every observation in the window, so that scores of
 * later quarters are measured against the same yardstick:
 * `dtfScores(values, direction, { frontier: w.frontier, worst: w.worst })`.
 * For range indicators the numbers are distances to the band (pass the target).
 */
export function frontierFromWindow(
  history: ReadonlyArray<{ period: string; region: string; value: number | null }>,
  window: ScoringWindow,
  direction: Direction,
  opts: { frontier?: 'best' | 'target'; target?: TargetLike | null } = {},
): { window: ScoringWindow; frontier: number | null; worst: number | null; measure: DtfMeasure } {
  if (direction === 'milestone') return { window, frontier: 1, worst: 0, measure: 'done' };
  const from = parsePeriod(window.from);
  const to = parsePeriod(window.to);
  const measures: number[] = [];
  if (from && to) {
    const lo = windowKey(from, 'start');
    const hi = windowKey(to, 'end');
    for (const h of history) {
      const p = parsePeriod(h.period);
      if (!p || !hasValue(h.value)) continue;
      const k = windowKey(p, 'end');
      const m = k >= lo && k <= hi ? toMeasure(h.value, direction, opts.target) : null;
      if (m !== null) measures.push(m);
    }
  }
  const bounds = pickBounds(measures, direction, opts);
  return { window, ...bounds, measure: direction === 'range' ? 'distance-to-band' : 'value' };
}

// ---------------------------------------------------------------------------
// Composite and ranking.

export interface CompositeResult {
  /** Areas in first-seen order; score null when none of its indicators has a score. */
  areas: Array<{ area: string; score: number | null; indicators: number }>;
  /** Equal-weight mean of the area means, so an area with many indicators does not dominate. */
  overall: number | null;
}

export function composite(scores: ReadonlyArray<{ area: string; indicator: string; score: number | null }>): CompositeResult {
  const byArea = new Map<string, number[]>();
  for (const s of scores) {
    const list = byArea.get(s.area) ?? [];
    if (hasValue(s.score)) list.push(s.score);
    byArea.set(s.area, list);
  }
  const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const areas = [...byArea].map(([area, list]) => ({ area, score: mean(list), indicators: list.length }));
  return { areas, overall: mean(areas.flatMap((a) => (a.score === null ? [] : [a.score]))) };
}

/**
 * Competition ranking ("1224"): tied scores share a rank, the next rank skips.
 * Scores within 1e-9 count as tied (float noise from averaging). Items without
 * a score come last, rank null. Returned best first; ties keep input order.
 */
export function rank<K extends string>(
  items: ReadonlyArray<{ key: K; score: number | null }>,
  order: 'desc' | 'asc' = 'desc',
): Array<{ key: K; score: number | null; rank: number | null }> {
  const scored = items.filter((i): i is { key: K; score: number } => hasValue(i.score));
  const unscored = items.filter((i) => !hasValue(i.score));
  const sorted = [...scored].sort((a, b) => (order === 'desc' ? b.score - a.score : a.score - b.score));
  const out: Array<{ key: K; score: number | null; rank: number | null }> = [];
  sorted.forEach((item, i) => {
    const prev = out[i - 1];
    const tied = prev && prev.score !== null && Math.abs(prev.score - item.score) <= tolerance(item.score);
    out.push({ key: item.key, score: item.score, rank: tied ? prev.rank : i + 1 });
  });
  return [...out, ...unscored.map((u) => ({ key: u.key, score: null, rank: null }))];
}
