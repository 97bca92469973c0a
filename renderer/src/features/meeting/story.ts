/**
 * The meeting story, built from one frozen reports.matrix. Pure: matrix in,
 * slides out (what each chart shows; the drawing is SlideView's job).
 *   1. overview  — share of indicators met, per 市县 (stacked met/near/missed)
 *   2. ranking   — composite 0–100 score of the 市县, best first
 *   3. one slide per area with data — status per region
 *   4. laggards  — the bottom regions and their worst indicators
 *   5. movers    — the biggest changes since last quarter
 */
import type { ChannelOutput } from '../../../../shared/contract';

export type Matrix = ChannelOutput<'reports.matrix'>;
type Cell = Matrix['cells'][number];
type Indicator = Matrix['indicators'][number];

export interface StatusBar {
  region: string;
  label: string;
  met: number;
  near: number;
  missed: number;
  noData: number;
  /** met / (met + near + missed), 0–100; null when nothing was judged. */
  share: number | null;
}

export interface ScoreBar {
  region: string;
  label: string;
  score: number;
  rank: number | null;
}

export interface LaggardBar extends ScoreBar {
  worst: Array<{ name: string; score: number | null; status: Cell['status'] }>;
}

export interface MoverBar {
  key: string;
  label: string;
  region: string;
  indicator: string;
  /** Improvement in percent of the previous value: positive = better. */
  improvement: number;
  previous: number;
  value: number;
  unit: string;
  precision: number;
}

export type Slide =
  | { kind: 'overview'; id: string; title: string; bars: StatusBar[]; met: number; judged: number; near: number; missed: number; noData: number }
  | { kind: 'ranking'; id: string; title: string; bars: ScoreBar[] }
  | { kind: 'area'; id: string; title: string; area: string; areaCode: string; indicators: number; bars: StatusBar[]; met: number; judged: number }
  | { kind: 'laggards'; id: string; title: string; bars: LaggardBar[] }
  | { kind: 'movers'; id: string; title: string; bars: MoverBar[] };

export interface StoryOptions {
  /** Region label for axes (short names: 海口, 白沙). */
  regionLabel(code: string): string;
  /** How many regions the laggards slide shows. */
  laggards?: number;
  /** How many improvements and how many setbacks the movers slide shows. */
  movers?: number;
}

export interface StoryText {
  overview(share: string): string;
  overviewEmpty: string;
  ranking: string;
  area(area: string): string;
  laggards: string;
  movers: string;
}

const JUDGED = new Set<Cell['status']>(['met', 'near', 'missed']);

function statusBars(cells: readonly Cell[], regions: readonly string[], label: (c: string) => string): StatusBar[] {
  return regions.map((region) => {
    const mine = cells.filter((c) => c.region === region);
    const met = mine.filter((c) => c.status === 'met').length;
    const near = mine.filter((c) => c.status === 'near').length;
    const missed = mine.filter((c) => c.status === 'missed').length;
    const noData = mine.filter((c) => c.status === 'no-data').length;
    const judged = met + near + missed;
    return { region, label: label(region), met, near, missed, noData, share: judged ? (met / judged) * 100 : null };
  });
}

/** Regions with judged cells first, by share met (then met count); the rest keep their order. */
function byShare(bars: StatusBar[]): StatusBar[] {
  return [...bars].sort((a, b) => {
    if ((a.share === null) !== (b.share === null)) return a.share === null ? 1 : -1;
    return (b.share ?? 0) - (a.share ?? 0) || b.met - a.met;
  });
}

function pct(n: number): string {
  return `${Math.round(n)}%`;
}

export function buildStory(matrix: Matrix, text: StoryText, opts: StoryOptions): Slide[] {
  const indicators = new Map<string, Indicator>(matrix.indicators.filter((i) => !i.retired).map((i) => [i.code, i]));
  const ranked = matrix.rankedRegions;
  const rankedSet = new Set(ranked);
  const cells = matrix.cells.filter((c) => indicators.has(c.indicator));
  const rankedCells = cells.filter((c) => rankedSet.has(c.region));
  const slides: Slide[] = [];

  // 1. Overview.
  const overviewBars = byShare(statusBars(rankedCells, ranked, opts.regionLabel)).filter((b) => b.met + b.near + b.missed > 0);
  const met = rankedCells.filter((c) => c.status === 'met').length;
  const near = rankedCells.filter((c) => c.status === 'near').length;
  const missed = rankedCells.filter((c) => c.status === 'missed').length;
  const noData = rankedCells.filter((c) => c.status === 'no-data').length;
  const judged = met + near + missed;
  slides.push({
    kind: 'overview',
    id: 'overview',
    title: judged ? text.overview(pct((met / judged) * 100)) : text.overviewEmpty,
    bars: overviewBars,
    met,
    near,
    missed,
    noData,
    judged,
  });

  // 2. Composite ranking.
  const composites = matrix.composites
    .filter((c) => c.overall !== null && rankedSet.has(c.region))
    .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || (b.overall ?? 0) - (a.overall ?? 0));
  slides.push({
    kind: 'ranking',
    id: 'ranking',
    title: text.ranking,
    bars: composites.map((c) => ({ region: c.region, label: opts.regionLabel(c.region), score: c.overall ?? 0, rank: c.rank })),
  });

  // 3. One slide per area with data.
  const areas = new Map<string, { name: string; codes: string[] }>();
  for (const ind of indicators.values()) {
    const a = areas.get(ind.areaCode) ?? { name: ind.area, codes: [] };
    a.codes.push(ind.code);
    areas.set(ind.areaCode, a);
  }
  const regionsShown = matrix.regions.filter((r) => rankedSet.has(r.code) || r.kind === 'province').map((r) => r.code);
  for (const [areaCode, a] of areas) {
    const codes = new Set(a.codes);
    const areaCells = cells.filter((c) => codes.has(c.indicator) && regionsShown.includes(c.region));
    if (!areaCells.some((c) => c.value !== null)) continue;
    // Regions with at least one value judged against a target in this area.
    const bars = byShare(statusBars(areaCells, regionsShown, opts.regionLabel)).filter((b) => b.met + b.near + b.missed > 0);
    const areaJudged = areaCells.filter((c) => JUDGED.has(c.status));
    slides.push({
      kind: 'area',
      id: `area-${areaCode}`,
      title: text.area(a.name),
      area: a.name,
      areaCode,
      indicators: a.codes.length,
      bars,
      met: areaJudged.filter((c) => c.status === 'met').length,
      judged: areaJudged.length,
    });
  }

  // 4. Laggards: the bottom of the composite ranking, with their weakest indicators.
  const n = opts.laggards ?? 5;
  const bottom = [...composites].reverse().slice(0, n);
  slides.push({
    kind: 'laggards',
    id: 'laggards',
    title: text.laggards,
    bars: bottom.map((c) => {
      const worst = rankedCells
        .filter((x) => x.region === c.region && x.value !== null && x.score !== null)
        .sort((x, y) => (x.score ?? 0) - (y.score ?? 0) || (x.status === 'missed' ? -1 : 0) - (y.status === 'missed' ? -1 : 0))
        .slice(0, 2)
        .map((x) => ({ name: indicators.get(x.indicator)?.name ?? x.indicator, score: x.score, status: x.status }));
      return { region: c.region, label: opts.regionLabel(c.region), score: c.overall ?? 0, rank: c.rank, worst };
    }),
  });

  // 5. Movers since last quarter (lower/higher indicators; a change relative to the previous value).
  const m = opts.movers ?? 5;
  const moves: MoverBar[] = [];
  for (const c of cells) {
    const ind = indicators.get(c.indicator);
    if (!ind || (ind.direction !== 'lower' && ind.direction !== 'higher')) continue;
    if (c.value === null || c.previous === null || c.previous === 0 || c.value === c.previous) continue;
    if (!rankedSet.has(c.region) && !matrix.regions.some((r) => r.code === c.region && r.kind === 'province')) continue;
    const change = ((c.value - c.previous) / Math.abs(c.previous)) * 100;
    const improvement = ind.direction === 'lower' ? -change : change;
    moves.push({
      key: `${c.indicator}|${c.region}`,
      label: `${opts.regionLabel(c.region)} · ${ind.name}`,
      region: c.region,
      indicator: c.indicator,
      improvement,
      previous: c.previous,
      value: c.value,
      unit: ind.unit,
      precision: ind.precision,
    });
  }
  const ups = moves.filter((x) => x.improvement > 0).sort((a, b) => b.improvement - a.improvement).slice(0, m);
  const downs = moves.filter((x) => x.improvement < 0).sort((a, b) => a.improvement - b.improvement).slice(0, m).reverse();
  slides.push({ kind: 'movers', id: 'movers', title: text.movers, bars: [...ups, ...downs] });

  return slides;
}
