import type { Database } from 'better-sqlite3';
import type { IndicatorView, Region } from '../../../shared/contract';
import { parsePeriod, previousQuarter } from '../../../shared/periods';
import { composite, dtfScores, gap, rank, status, type ScoringWindow, type Status } from '../../../shared/scoring';
import { targetInForce, type TargetLike } from '../../../shared/targets';
import { listRegions, readCatalogue } from '../catalogue/read';
import { AppError } from '../errors';
import { periodsStandingFor, valuesForPeriods, type ValueRow } from './snapshot';

export interface MatrixCell {
  indicator: string;
  region: string;
  value: number | null;
  /** Where the value came from: the quarter itself, or the year's figure. */
  valuePeriod: string | null;
  previous: number | null;
  target: TargetLike | null;
  status: Status;
  gap: number | null;
  score: number | null;
  rank: number | null;
  trend: 'improved' | 'worsened' | 'same' | null;
}

export interface PeriodMatrix {
  period: string;
  previousPeriod: string;
  asOf: string | null;
  indicators: Array<Pick<IndicatorView, 'code' | 'name' | 'area' | 'areaCode' | 'unit' | 'direction' | 'precision' | 'retired'> & {
    frontier: number | null;
    worst: number | null;
  }>;
  regions: Region[];
  /**
   * The span over which each indicator's frontier and worst are taken: the
   * period's calendar year, so every quarter of a year is scored against the
   * same yardstick and a score moves only when the value does.
   */
  scoringWindow: ScoringWindow;
  /** Regions ranked against each other (the 市县); the province and parks are shown, not ranked. */
  rankedRegions: string[];
  cells: MatrixCell[];
  composites: Array<{ region: string; overall: number | null; rank: number | null; areas: Array<{ area: string; score: number | null }> }>;
}

/**
 * Every region × every indicator for one quarter, with the target in force,
 * status, gap, 0–100 score and rank, plus each region's composite. The one
 * query behind the dashboard, the report workbook and the meeting slides.
 */
export function readPeriodMatrix(db: Database, period: string, options: { asOf?: string | null; includeRetired?: boolean } = {}): PeriodMatrix {
  const p = parsePeriod(period);
  if (!p || p.quarter === null) throw new AppError('usage', `请选择一个季度（如 2026Q1），而不是：${period}`);
  const prev = previousQuarter(p);
  const cur = periodsStandingFor(p.code);
  const before = periodsStandingFor(prev.code);
  const scoringWindow: ScoringWindow = { from: `${p.year}Q1`, to: `${p.year}Q4` };
  const yearPeriods = new Set([1, 2, 3, 4].map((q) => `${p.year}Q${q}`).concat(String(p.year)));
  const standing = new Set([cur.quarter, before.quarter, ...(cur.year ? [cur.year] : []), ...(before.year ? [before.year] : [])]);
  const regions = listRegions(db);
  const rankedRegions = regions.filter((r) => r.kind === 'city' || r.kind === 'county').map((r) => r.code);
  const ranked = new Set(rankedRegions);
  // One read for every period the matrix needs (the year's and the quarter before): the periods overlap.
  const values = new Map<string, ValueRow>();
  const yearValues = new Map<string, ValueRow[]>();
  for (const v of valuesForPeriods(db, [...new Set([...yearPeriods, ...standing])], options.asOf ?? null)) {
    if (standing.has(v.period)) values.set(`${v.indicator}|${v.region}|${v.period}`, v);
    // The bounds are taken over the ranked regions (the 市县) only.
    if (yearPeriods.has(v.period) && ranked.has(v.region)) {
      const list = yearValues.get(v.indicator);
      if (list) list.push(v);
      else yearValues.set(v.indicator, [v]);
    }
  }

  const catalogue = readCatalogue(db, { includeRetired: options.includeRetired ?? false });

  const pick = (ind: IndicatorView, region: string, q: { quarter: string; year: string | null }, isQ4: boolean) => {
    const own = values.get(`${ind.code}|${region}|${q.quarter}`);
    if (own) return own;
    if (q.year && (isQ4 || ind.frequency === 'year')) return values.get(`${ind.code}|${region}|${q.year}`) ?? null;
    return null;
  };

  const cells: MatrixCell[] = [];
  const indicators: PeriodMatrix['indicators'] = [];
  for (const ind of catalogue.indicators) {
    const rowCells: MatrixCell[] = regions.map((r) => {
      const v = pick(ind, r.code, cur, p.quarter === 4);
      const pv = pick(ind, r.code, before, prev.quarter === 4);
      const target = targetInForce(ind.targets, p, r.code);
      const value = v?.value ?? null;
      const previous = pv?.value ?? null;
      return {
        indicator: ind.code,
        region: r.code,
        value,
        valuePeriod: v?.period ?? null,
        previous,
        target: target && {
          year: target.year, regionCode: target.regionCode, comparator: target.comparator,
          value: target.value, valueMax: target.valueMax, deadline: target.deadline ?? null,
        },
        status: status(value, target, ind.direction),
        gap: gap(value, target, ind.direction),
        score: null,
        rank: null,
        trend: trendOf(value, previous, ind.direction, target),
      };
    });
    const provinceTarget = targetInForce(ind.targets, p, null);
    // Every value read for the year lies inside the window, so the bounds are
    // those of all of them (no per-row period check needed on this hot path).
    const held = dtfScores(
      yearValues.get(ind.code) ?? [],
      ind.direction,
      { frontier: 'target', target: provinceTarget },
    );
    const dtf = dtfScores(
      rowCells.filter((c) => ranked.has(c.region)).map((c) => ({ region: c.region, value: c.value })),
      ind.direction,
      {
        frontier: held.frontier ?? 'target',
        worst: held.worst ?? 'worst',
        target: provinceTarget,
      },
    );
    const scoreOf = new Map(dtf.scores.map((s) => [s.region, s.score]));
    const ranks = new Map(rank(dtf.scores.map((s) => ({ key: s.region, score: s.score }))).map((r) => [r.key, r.rank]));
    for (const c of rowCells) {
      c.score = scoreOf.get(c.region) ?? null;
      c.rank = ranks.get(c.region) ?? null;
    }
    cells.push(...rowCells);
    indicators.push({
      code: ind.code, name: ind.name, area: ind.area, areaCode: ind.areaCode, unit: ind.unit,
      direction: ind.direction, precision: ind.precision, retired: ind.retired, frontier: dtf.frontier, worst: dtf.worst,
    });
  }

  const areaOf = new Map(catalogue.indicators.map((i) => [i.code, i.areaCode]));
  const perRegion = rankedRegions.map((region) => {
    const c = composite(cells.filter((x) => x.region === region).map((x) => ({ area: areaOf.get(x.indicator)!, indicator: x.indicator, score: x.score })));
    return { region, overall: c.overall, areas: c.areas.map((a) => ({ area: a.area, score: a.score })) };
  });
  const overallRanks = new Map(rank(perRegion.map((r) => ({ key: r.region, score: r.overall }))).map((r) => [r.key, r.rank]));
  return {
    period: p.code,
    previousPeriod: prev.code,
    asOf: options.asOf ?? null,
    indicators,
    regions,
    scoringWindow,
    rankedRegions,
    cells,
    composites: perRegion.map((r) => ({ ...r, rank: overallRanks.get(r.region) ?? null })),
  };
}

function trendOf(
  value: number | null,
  previous: number | null,
  direction: IndicatorView['direction'],
  target: TargetLike | null,
): MatrixCell['trend'] {
  if (value === null || previous === null) return null;
  if (value === previous) return 'same';
  if (direction === 'range') {
    // Closer to the band is better; without a band there is no "better".
    const now = gap(value, target, direction);
    const then = gap(previous, target, direction);
    if (now === null || then === null || now === then) return 'same';
    return now > then ? 'improved' : 'worsened';
  }
  const higherIsBetter = direction === 'higher' || direction === 'milestone';
  return (higherIsBetter ? value > previous : value < previous) ? 'improved' : 'worsened';
}
