/** One region's indicators from the period matrix, grouped by area; its composite over quarters. Pure. */
import type { Status } from '../../../../shared/scoring';
import type { CompositePoint } from '../../charts/CompositeTrendChart';
import type { Matrix, MatrixCell } from '../../stores/data';

export type MatrixIndicator = Matrix['indicators'][number];

export interface RegionRow {
  indicator: MatrixIndicator;
  cell: MatrixCell;
}

export interface RegionGroup {
  area: string;
  name: string;
  rows: RegionRow[];
  counts: Record<Status, number>;
  /** The region's composite score in this area (ranked regions only). */
  score: number | null;
}

const STATUS_ORDER: Record<Status, number> = { missed: 0, near: 1, 'no-data': 2, met: 3, 'no-target': 4 };

export function emptyCounts(): Record<Status, number> {
  return { met: 0, near: 0, missed: 0, 'no-target': 0, 'no-data': 0 };
}

/**
 * The region's rows by area in catalogue order; within an area missed first,
 * then near, no data, met. `onlyWithValues` drops indicators without a value.
 */
export function regionGroups(
  matrix: Matrix,
  region: string,
  areas: ReadonlyArray<{ code: string; name: string }>,
  opts: { area?: string | null; onlyWithValues?: boolean } = {},
): RegionGroup[] {
  const cells = new Map(matrix.cells.filter((c) => c.region === region).map((c) => [c.indicator, c]));
  const composite = matrix.composites.find((c) => c.region === region);
  const areaScore = new Map((composite?.areas ?? []).map((a) => [a.area, a.score]));
  const known = new Set(areas.map((a) => a.code));
  const extra = [...new Set(matrix.indicators.map((i) => i.areaCode))].filter((a) => !known.has(a)).map((code) => ({ code, name: code }));
  const out: RegionGroup[] = [];
  for (const area of [...areas, ...extra]) {
    if (opts.area && area.code !== opts.area) continue;
    const rows: RegionRow[] = [];
    for (const indicator of matrix.indicators) {
      if (indicator.areaCode !== area.code) continue;
      const cell = cells.get(indicator.code);
      if (!cell) continue;
      if (opts.onlyWithValues && cell.value === null) continue;
      rows.push({ indicator, cell });
    }
    if (rows.length === 0) continue;
    rows.sort((a, b) => STATUS_ORDER[a.cell.status] - STATUS_ORDER[b.cell.status] || a.indicator.code.localeCompare(b.indicator.code));
    const counts = emptyCounts();
    for (const r of rows) counts[r.cell.status] += 1;
    out.push({ area: area.code, name: area.name, rows, counts, score: areaScore.get(area.code) ?? null });
  }
  return out;
}

/** Status counts over all of a region's indicators. */
export function regionCounts(matrix: Matrix, region: string): Record<Status, number> {
  const counts = emptyCounts();
  for (const c of matrix.cells) if (c.region === region) counts[c.status] += 1;
  return counts;
}

/** Composite per quarter for a region, with the mean over the ranked regions that have one. */
export function compositePoints(matrices: ReadonlyArray<{ period: string; matrix: Matrix | null }>, region: string): CompositePoint[] {
  return matrices.map(({ period, matrix }) => {
    if (!matrix) return { period, score: null, rank: null, mean: null };
    const own = matrix.composites.find((c) => c.region === region);
    const scored = matrix.composites.map((c) => c.overall).filter((s): s is number => s !== null);
    return {
      period,
      score: own?.overall ?? null,
      rank: own?.rank ?? null,
      mean: scored.length === 0 ? null : scored.reduce((a, b) => a + b, 0) / scored.length,
    };
  });
}
