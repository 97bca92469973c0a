/**
 * Shapes data for recharts: a quarterly series per indicator (actuals per
 * region, the target in force as a step line, bands, milestone markers), bars
 * of regions for one period, and an area × region heatmap. Pure.
 */
import type { Direction } from './domain';
import { parsePeriod, quarterRange } from './periods';
import { dtfScores, gap, status, type Status } from './scoring';
import { firstTarget, targetBand, targetInForce, type TargetLike } from './targets';

// ---------------------------------------------------------------------------
// Line chart: one row per quarter.

/** Row keys that are not region codes; a region code equal to one of these would be overwritten. */
export const SERIES_RESERVED_KEYS = ['period', 'label', 'target', 'targetLow', 'targetHigh', 'milestoneDue', 'annual'] as const;

export interface SeriesRow {
  period: string;
  /** '2026Q1' — short enough for an axis tick on a projector. */
  label: string;
  /** Target in force (step line); null for 'between' (use the band) or when none applies. */
  target: number | null;
  /** 'between' band edges; null otherwise. */
  targetLow: number | null;
  targetHigh: number | null;
  /** A milestone deadline falls in this quarter: draw a marker. */
  milestoneDue: boolean;
  /** Regions whose value in this row is a year-only figure (period '2025') placed at Q4. */
  annual: string[];
  /** One key per region code: the value, or null. */
  [regionCode: string]: string | number | boolean | null | string[];
}

export interface SeriesInput {
  indicator: { direction: Direction; unit: string; precision: number };
  targets: readonly TargetLike[];
  observations: ReadonlyArray<{ region: string; period: string; value: number | null }>;
  regions: readonly string[];
  from?: string;
  to: string;
  /** Whose target line to draw; default the first region, or the province when there is none. */
  targetRegion?: string | null;
}

export interface SeriesResult {
  rows: SeriesRow[];
  /** The earliest target's value (normally the 2021 plan): the "where we started" reference line. */
  baseline2021: number | null;
  baselineYear: number | null;
  regions: string[];
  direction: Direction;
  unit: string;
  precision: number;
}

/** Quarter code that contains an ISO date, e.g. '2026-12-31' → '2026Q4'. */
function quarterOfDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  if (!m) return null;
  return `${m[1]}Q${Math.ceil(Number(m[2]) / 3)}`;
}

export function indicatorSeries(input: SeriesInput): SeriesResult {
  const { indicator, targets, observations, regions } = input;
  for (const r of regions) {
    if ((SERIES_RESERVED_KEYS as readonly string[]).includes(r)) throw new Error(`地区代码 ${r} 与图表字段重名`);
  }
  const targetRegion = input.targetRegion !== undefined ? input.targetRegion : (regions[0] ?? null);
  const from = parsePeriod(input.from ?? '2021Q1');
  const to = parsePeriod(input.to);
  const quarters = from && to ? quarterRange(from, to) : [];

  // Index observations by row. A year figure lands on its Q4 and wins over
  // the Q4 figure: the annual number is the latest word (see periodSort).
  const wanted = new Set(regions);
  const cell = new Map<string, { value: number | null; annual: boolean }>();
  for (const o of observations) {
    const p = parsePeriod(o.period);
    if (!p || !wanted.has(o.region)) continue;
    const annual = p.quarter === null;
    const key = `${annual ? `${p.year}Q4` : p.code}|${o.region}`;
    if (!annual && cell.get(key)?.annual) continue;
    cell.set(key, { value: o.value, annual });
  }

  const applicable = targets.filter((t) => t.regionCode === null || t.regionCode === targetRegion);
  const dueQuarters = new Set(applicable.flatMap((t) => (t.deadline ? [quarterOfDate(t.deadline)] : [])));

  const rows = quarters.map((q): SeriesRow => {
    const t = targetInForce(targets, q, targetRegion);
    const band = t && t.comparator === 'between' ? targetBand(t) : null;
    const row: SeriesRow = {
      period: q.code,
      label: q.code,
      target: t && !band ? t.value : null,
      targetLow: band ? band[0] : null,
      targetHigh: band ? band[1] : null,
      milestoneDue: dueQuarters.has(q.code),
      annual: [],
    };
    for (const r of regions) {
      const c = cell.get(`${q.code}|${r}`);
      row[r] = c?.value ?? null;
      if (c?.annual) row.annual.push(r);
    }
    return row;
  });

  const first = firstTarget(targets, targetRegion);
  return {
    rows,
    baseline2021: first ? first.value : null,
    baselineYear: first ? first.year : null,
    regions: [...regions],
    direction: indicator.direction,
    unit: indicator.unit,
    precision: indicator.precision,
  };
}

// ---------------------------------------------------------------------------
// Bar chart: regions for one period, best first.

export interface RegionBarsInput {
  observations: ReadonlyArray<{ region: string; value: number | null }>;
  regions: readonly string[];
  direction: Direction;
  /** The reference line, and the target each bar is judged by unless overridden below. */
  target: TargetLike | null;
  /** Region-specific targets in force, where they differ from `target`. */
  regionTargets?: Readonly<Record<string, TargetLike | null>>;
}

export interface RegionBar {
  region: string;
  value: number | null;
  status: Status;
}

/**
 * Every region listed gets a bar (missing ones as 'no-data', last). Order:
 * lower → ascending, higher → descending, range → nearest the band first,
 * milestone → done first. Ties keep the order of `regions`.
 */
export function regionBars(input: RegionBarsInput): {
  bars: RegionBar[];
  target: number | null;
  targetLow: number | null;
  targetHigh: number | null;
} {
  const { direction, target } = input;
  const byRegion = new Map(input.observations.map((o) => [o.region, o.value]));
  const targetOf = (r: string): TargetLike | null =>
    input.regionTargets && r in input.regionTargets ? (input.regionTargets[r] ?? null) : target;

  // Smaller key = better. Range bars are ordered by their distance to the band.
  const sortKey = (r: string, v: number): number => {
    if (direction === 'lower') return v;
    if (direction === 'higher' || direction === 'milestone') return -v;
    const g = gap(v, targetOf(r), direction);
    return g === null ? 0 : -g;
  };

  const items = input.regions.map((region, index) => {
    const raw = byRegion.get(region);
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    return { region, value, index, status: status(value, targetOf(region), direction), key: value === null ? 0 : sortKey(region, value) };
  });
  items.sort((a, b) => {
    if ((a.value === null) !== (b.value === null)) return a.value === null ? 1 : -1;
    return a.key - b.key || a.index - b.index;
  });

  const band = target && target.comparator === 'between' ? targetBand(target) : null;
  return {
    bars: items.map(({ region, value, status: s }) => ({ region, value, status: s })),
    target: target && !band ? target.value : null,
    targetLow: band ? band[0] : null,
    targetHigh: band ? band[1] : null,
  };
}

// ---------------------------------------------------------------------------
// Heatmap: area × region.

export interface HeatmapInput {
  indicators: ReadonlyArray<{ code: string; area: string; direction: Direction; targets: readonly TargetLike[] }>;
  /** Observations of the one period shown. */
  observations: ReadonlyArray<{ indicator: string; region: string; value: number | null }>;
  regions: readonly string[];
  period: string;
  /** Row order; default the order areas first appear among the indicators. */
  areas?: readonly string[];
}

export interface HeatmapCell {
  region: string;
  met: number;
  near: number;
  missed: number;
  noData: number;
  noTarget: number;
  /** met / (met + near + missed): share of the reported, targeted indicators met; null when none. */
  shareMet: number | null;
  /** The colour of the cell; null when the area has no indicators. */
  worstStatus: Status | null;
  /** Mean 0–100 distance-to-frontier score of the area's indicators in this region. */
  score: number | null;
}

export interface HeatmapRow {
  area: string;
  cells: HeatmapCell[];
}

/** Severity for the cell colour. A missing return outranks met so it is never painted green. */
const SEVERITY: Record<Status, number> = { missed: 4, near: 3, 'no-data': 2, met: 1, 'no-target': 0 };

export function heatmap(input: HeatmapInput): HeatmapRow[] {
  const { indicators, regions, period } = input;
  const values = new Map(input.observations.map((o) => [`${o.indicator}|${o.region}`, o.value]));
  const areaOrder = input.areas ?? [...new Set(indicators.map((i) => i.area))];

  // Per indicator: status per region (each region against its own target in
  // force) and the DTF score across the regions shown.
  const perIndicator = indicators.map((ind) => {
    const regionValues = regions.map((region) => ({ region, value: values.get(`${ind.code}|${region}`) ?? null }));
    const dtf = dtfScores(regionValues, ind.direction, { target: targetInForce(ind.targets, period, null) });
    const statuses = new Map(
      regionValues.map(({ region, value }) => [region, status(value, targetInForce(ind.targets, period, region), ind.direction)]),
    );
    const scores = new Map(dtf.scores.map((s) => [s.region, s.score]));
    return { area: ind.area, statuses, scores };
  });

  return areaOrder.map((area) => {
    const inArea = perIndicator.filter((i) => i.area === area);
    const cells = regions.map((region): HeatmapCell => {
      const cell: HeatmapCell = { region, met: 0, near: 0, missed: 0, noData: 0, noTarget: 0, shareMet: null, worstStatus: null, score: null };
      const scores: number[] = [];
      for (const ind of inArea) {
        const s = ind.statuses.get(region) ?? 'no-data';
        if (s === 'met') cell.met += 1;
        else if (s === 'near') cell.near += 1;
        else if (s === 'missed') cell.missed += 1;
        else if (s === 'no-data') cell.noData += 1;
        else cell.noTarget += 1;
        if (cell.worstStatus === null || SEVERITY[s] > SEVERITY[cell.worstStatus]) cell.worstStatus = s;
        const sc = ind.scores.get(region);
        if (typeof sc === 'number') scores.push(sc);
      }
      const judged = cell.met + cell.near + cell.missed;
      cell.shareMet = judged === 0 ? null : cell.met / judged;
      cell.score = scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length;
      return cell;
    });
    return { area, cells };
  });
}
