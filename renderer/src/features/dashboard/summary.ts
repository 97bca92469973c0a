/**
 * What the 总览 shows, computed from one period matrix (reports.matrix) and
 * the returns tracker. Pure: the matrix in, plain numbers and lists out.
 */
import type { Status } from '../../../../shared/scoring';
import type { Matrix, MatrixCell, TrackerRow } from '../../stores/data';

export interface Kpis {
  /** Cells with a value and a target (or a milestone): the ones judged. */
  judged: number;
  met: number;
  near: number;
  missed: number;
  /** Cells of indicators with a target but no value. */
  noData: number;
  /** met / judged; null when nothing is judged. */
  shareMet: number | null;
  /** Cells with any value. */
  withValue: number;
  improved: number;
  worsened: number;
  /** Cells with a value this quarter and last. */
  compared: number;
  returns: { total: number; expected: number; overdue: number; missingNames: string[] } | null;
  /** The same share for one region. */
  region: { judged: number; met: number; shareMet: number | null } | null;
}

const JUDGED: ReadonlySet<Status> = new Set(['met', 'near', 'missed']);

export function kpis(matrix: Matrix, tracker: readonly TrackerRow[] | null, region: string | null = null): Kpis {
  let met = 0;
  let near = 0;
  let missed = 0;
  let noData = 0;
  let withValue = 0;
  let improved = 0;
  let worsened = 0;
  let compared = 0;
  let rJudged = 0;
  let rMet = 0;
  for (const c of matrix.cells) {
    if (c.value !== null) withValue += 1;
    if (c.status === 'met') met += 1;
    else if (c.status === 'near') near += 1;
    else if (c.status === 'missed') missed += 1;
    else if (c.status === 'no-data' && c.target !== null) noData += 1;
    if (c.trend === 'improved') improved += 1;
    else if (c.trend === 'worsened') worsened += 1;
    if (c.value !== null && c.previous !== null) compared += 1;
    if (region !== null && c.region === region && JUDGED.has(c.status)) {
      rJudged += 1;
      if (c.status === 'met') rMet += 1;
    }
  }
  const judged = met + near + missed;
  let returns: Kpis['returns'] = null;
  if (tracker) {
    // Missing: nothing received and no value held (values typed in by hand count as arrived).
    const missing = tracker.filter((r) => r.state === 'expected' && r.observations === 0);
    returns = {
      total: tracker.length,
      expected: missing.length,
      overdue: missing.filter((r) => r.overdue).length,
      missingNames: missing.map((r) => r.regionName),
    };
  }
  return {
    judged,
    met,
    near,
    missed,
    noData,
    shareMet: judged === 0 ? null : met / judged,
    withValue,
    improved,
    worsened,
    compared,
    returns,
    region: region === null ? null : { judged: rJudged, met: rMet, shareMet: rJudged === 0 ? null : rMet / rJudged },
  };
}

// ---------------------------------------------------------------------------
// Heatmap: area × region.

export type HeatColor = 'green' | 'amber' | 'red' | 'grey';

export interface HeatCell {
  region: string;
  area: string;
  met: number;
  near: number;
  missed: number;
  noData: number;
  noTarget: number;
  judged: number;
  total: number;
  /** Indicators of the area with a value in this region. */
  withValue: number;
  shareMet: number | null;
  color: HeatColor;
  /** Mean 0–100 score of the area's scored indicators in this region. */
  score: number | null;
  /** The indicator to open on a click: the worst judged one; null when nothing is judged. */
  worst: string | null;
}

export interface HeatRow {
  area: string;
  name: string;
  indicators: number;
  /** Some region has a value for some indicator of the area. */
  hasData: boolean;
  cells: HeatCell[];
}

/**
 * Green: every judged indicator met. Red: more than half missed. Amber: the
 * rest (some missed or near). Grey: nothing judged (no values or no targets).
 */
export function heatColor(c: Pick<HeatCell, 'met' | 'near' | 'missed'>): HeatColor {
  const judged = c.met + c.near + c.missed;
  if (judged === 0) return 'grey';
  if (c.met === judged) return 'green';
  if (c.missed * 2 > judged) return 'red';
  return 'amber';
}

const WORST_ORDER: Record<Status, number> = { missed: 0, near: 1, met: 2, 'no-data': 3, 'no-target': 4 };

/** The cell to drill into: missed before near before met; among equals the lowest score, then the largest shortfall. */
export function worstCell(cells: readonly MatrixCell[]): MatrixCell | null {
  const judged = cells.filter((c) => JUDGED.has(c.status));
  if (judged.length === 0) return null;
  return [...judged].sort(
    (a, b) =>
      WORST_ORDER[a.status] - WORST_ORDER[b.status] ||
      (a.score ?? 101) - (b.score ?? 101) ||
      (a.gap ?? 0) - (b.gap ?? 0) ||
      a.indicator.localeCompare(b.indicator),
  )[0]!;
}

export function matrixHeatmap(matrix: Matrix, areas: ReadonlyArray<{ code: string; name: string }>): HeatRow[] {
  const areaOfIndicator = new Map(matrix.indicators.map((i) => [i.code, i.areaCode]));
  const byKey = new Map<string, MatrixCell[]>();
  for (const c of matrix.cells) {
    const area = areaOfIndicator.get(c.indicator);
    if (!area) continue;
    const key = `${area}|${c.region}`;
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const known = new Set(areas.map((a) => a.code));
  const extra = [...new Set(matrix.indicators.map((i) => i.areaCode))].filter((a) => !known.has(a)).map((code) => ({
    code,
    name: matrix.indicators.find((i) => i.areaCode === code)?.area ?? code,
  }));
  const rows: HeatRow[] = [];
  for (const area of [...areas, ...extra]) {
    const indicators = matrix.indicators.filter((i) => i.areaCode === area.code).length;
    if (indicators === 0) continue;
    let hasData = false;
    const cells = matrix.regions.map((r): HeatCell => {
      const list = byKey.get(`${area.code}|${r.code}`) ?? [];
      const count = (s: Status) => list.filter((c) => c.status === s).length;
      const met = count('met');
      const near = count('near');
      const missed = count('missed');
      const scores = list.map((c) => c.score).filter((s): s is number => s !== null);
      if (list.some((c) => c.value !== null)) hasData = true;
      const judged = met + near + missed;
      return {
        region: r.code,
        area: area.code,
        met,
        near,
        missed,
        noData: count('no-data'),
        noTarget: count('no-target'),
        judged,
        total: list.length,
        withValue: list.filter((c) => c.value !== null).length,
        shareMet: judged === 0 ? null : met / judged,
        color: heatColor({ met, near, missed }),
        score: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
        worst: worstCell(list)?.indicator ?? null,
      };
    });
    rows.push({ area: area.code, name: area.name, indicators, hasData, cells });
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Leaders and laggards; biggest movers.

export interface RankedRegion {
  region: string;
  overall: number;
  rank: number | null;
}

/** Regions with a composite score, best first; top n and bottom n without overlap. */
export function topAndBottom(matrix: Matrix, n: number): { top: RankedRegion[]; bottom: RankedRegion[] } {
  const scored = matrix.composites
    .filter((c): c is typeof c & { overall: number } => c.overall !== null)
    .map((c) => ({ region: c.region, overall: c.overall, rank: c.rank }))
    .sort((a, b) => b.overall - a.overall || a.region.localeCompare(b.region));
  const k = Math.min(n, Math.ceil(scored.length / 2));
  const top = scored.slice(0, k);
  const bottom = scored.slice(Math.max(k, scored.length - n)).reverse();
  return { top, bottom };
}

export interface Mover {
  indicator: string;
  region: string;
  value: number;
  previous: number;
  /** Relative change (value − previous) / |previous|; ±1 when previous is 0. */
  change: number;
  trend: 'improved' | 'worsened';
}

/** The n cells whose value moved most since last quarter; only one direction when `trend` is given. */
export function movers(matrix: Matrix, n: number, trend?: Mover['trend']): Mover[] {
  const out: Mover[] = [];
  for (const c of matrix.cells) {
    if (c.value === null || c.previous === null || (c.trend !== 'improved' && c.trend !== 'worsened')) continue;
    if (trend && c.trend !== trend) continue;
    const change = c.previous === 0 ? Math.sign(c.value) : (c.value - c.previous) / Math.abs(c.previous);
    out.push({ indicator: c.indicator, region: c.region, value: c.value, previous: c.previous, change, trend: c.trend });
  }
  out.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.indicator.localeCompare(b.indicator) || a.region.localeCompare(b.region));
  return out.slice(0, n);
}

/** Whether the matrix holds any value at all. */
export function hasAnyValue(matrix: Matrix): boolean {
  return matrix.cells.some((c) => c.value !== null);
}
