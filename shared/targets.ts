/**
 * Which target is in force for a period and a region. Pure.
 *
 * Targets are set per year (2021 baseline plan, 2022–2025 roadmap, 2026–2028
 * Haikou plan…) and optionally per region. A chart must show the target that
 * was in force for each period, so this is the one place that decides it.
 */
import type { Comparator, Direction } from './domain';
import { parsePeriod, type Period } from './periods';

/** The part of a target the calculations need. TargetView (schemas.ts) fits as is. */
export interface TargetLike {
  year: number;
  /** Region code; null for a province-wide target. */
  regionCode: string | null;
  comparator: Comparator;
  value: number;
  valueMax: number | null;
  /** Milestones: ISO date by which the milestone is due. */
  deadline?: string | null;
}

/** Targets that can speak for this region: its own, and the province-wide ones. */
function applicableTo<T extends TargetLike>(targets: readonly T[], regionCode: string | null): T[] {
  return targets.filter((t) => t.regionCode === null || t.regionCode === regionCode);
}

/**
 * Of the targets of one year, the region's own beats the province-wide one.
 * Among equals the first listed wins, so the result is stable.
 */
function pickForYear<T extends TargetLike>(sameYear: readonly T[], regionCode: string | null): T | null {
  if (regionCode !== null) {
    const own = sameYear.find((t) => t.regionCode === regionCode);
    if (own) return own;
  }
  return sameYear.find((t) => t.regionCode === null) ?? null;
}

/**
 * The target in force for `period` in `regionCode` (null = the province).
 *
 * - Targets stay in force until replaced: a period uses the target of its own
 *   year, else that of the latest earlier year that has one.
 * - A target for a later year never applies to an earlier period (the 2025
 *   goal is not what 2022 was measured against).
 * - The latest year wins first; only within that year does a region-specific
 *   target beat the province-wide one. So a newer province-wide target
 *   replaces an older region-specific one — a new plan restates the goals.
 *
 * Returns null for an unreadable period or when nothing applies yet.
 */
export function targetInForce<T extends TargetLike>(
  targets: readonly T[],
  period: Period | string,
  regionCode: string | null,
): T | null {
  const p = typeof period === 'string' ? parsePeriod(period) : period;
  if (!p) return null;
  const candidates = applicableTo(targets, regionCode).filter((t) => t.year <= p.year);
  if (candidates.length === 0) return null;
  const latestYear = Math.max(...candidates.map((t) => t.year));
  return pickForYear(
    candidates.filter((t) => t.year === latestYear),
    regionCode,
  );
}

/**
 * The earliest target that applies to the region (normally the 2021 baseline
 * plan): drawn as the reference line "where we started from". Same
 * region-beats-province rule within that year.
 */
export function firstTarget<T extends TargetLike>(targets: readonly T[], regionCode: string | null): T | null {
  const candidates = applicableTo(targets, regionCode);
  if (candidates.length === 0) return null;
  const earliestYear = Math.min(...candidates.map((t) => t.year));
  return pickForYear(
    candidates.filter((t) => t.year === earliestYear),
    regionCode,
  );
}

/** The band of a target as [low, high]; a single value gives low = high. Tolerates swapped bounds. */
export function targetBand(target: TargetLike): [number, number] {
  const hi = target.comparator === 'between' && target.valueMax !== null ? target.valueMax : target.value;
  return [Math.min(target.value, hi), Math.max(target.value, hi)];
}

/**
 * How a target is judged for an indicator's direction. A band on a
 * lower-is-better indicator ("进口整体通关时间压缩至45–50小时") is drawn as a
 * band but met by anything up to its upper edge — being faster than the band
 * is not a failure; the mirror for higher-is-better. Only direction 'range'
 * requires the value inside the band.
 */
export function judgedAs<T extends TargetLike>(target: T, direction: Direction): TargetLike {
  if (target.comparator !== 'between') return target;
  const [lo, hi] = targetBand(target);
  if (direction === 'lower') return { ...target, comparator: '<=', value: hi, valueMax: null };
  if (direction === 'higher') return { ...target, comparator: '>=', value: lo, valueMax: null };
  return target;
}
