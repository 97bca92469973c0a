/** The time span of an indicator's chart. Pure. */
import type { IndicatorView } from '../../../shared/contract';
import { parsePeriod, periodSort, type Period } from '../../../shared/periods';

/** Quarter code of a period; a year stands at its Q4 (where the shared shaping puts annual figures). */
function asQuarter(p: Period): string {
  return p.quarter === null ? `${p.year}Q4` : p.code;
}

/**
 * From 2021Q1 (or the first value, if earlier) to the last value, the
 * current period or any of `extend` (milestone deadlines), whichever is
 * latest. Pure.
 */
export function seriesRange(observations: ReadonlyArray<{ period: string }>, current: string | null, extend: readonly string[] = []): { from: string; to: string } {
  const periods = observations.map((o) => parsePeriod(o.period)).filter((p): p is Period => p !== null);
  periods.sort((a, b) => periodSort(a) - periodSort(b));
  const first = periods[0];
  const last = periods.at(-1);
  const from = first && first.year < 2021 ? `${first.year}Q1` : '2021Q1';
  const candidates = [last ? asQuarter(last) : null, current, '2021Q4', ...extend].filter((s): s is string => !!s && parsePeriod(s) !== null);
  const to = candidates.reduce((a, b) => (periodSort(parsePeriod(a)!) >= periodSort(parsePeriod(b)!) ? a : b));
  return { from, to };
}

/** Quarters of a milestone's deadlines (2027-12-31 → 2027Q4), so the chart reaches them. */
export function milestoneDeadlines(indicator: Pick<IndicatorView, 'direction' | 'targets'>): string[] {
  if (indicator.direction !== 'milestone') return [];
  return indicator.targets.flatMap((t) => {
    const m = t.deadline ? /^(\d{4})-(\d{2})/.exec(t.deadline) : null;
    return m ? [`${m[1]}Q${Math.ceil(Number(m[2]) / 3)}`] : [];
  });
}
