import type { Database } from 'better-sqlite3';
import { parsePeriod } from '../../../shared/periods';
import { stmt } from '../db/statements';

export interface ValueRow {
  indicator: string;
  region: string;
  period: string;
  value: number;
}

/**
 * The values of some periods, either as they stand now or — for a meeting
 * frozen "as of" a moment — as the history says they stood then.
 */
export function valuesForPeriods(db: Database, periods: string[], asOf?: string | null): ValueRow[] {
  if (periods.length === 0) return [];
  const marks = periods.map(() => '?').join(',');
  if (!asOf) {
    return stmt(db, `SELECT indicator, region, period, value FROM observations WHERE period IN (${marks})`).all(...periods) as ValueRow[];
  }
  return stmt(
    db,
    `SELECT h.indicator, h.region, h.period, h.new_value AS value
     FROM observation_history h
     JOIN (SELECT max(id) AS id FROM observation_history
           WHERE period IN (${marks}) AND changed_at <= ? GROUP BY indicator, region, period) last ON last.id = h.id
     WHERE h.new_value IS NOT NULL`,
  ).all(...periods, asOf) as ValueRow[];
}

/**
 * For a quarter, the periods whose values may stand for it: the quarter
 * itself, and the whole year's figure (a published annual figure speaks for
 * the year's last quarter, and for any quarter of a yearly indicator).
 */
export function periodsStandingFor(period: string): { quarter: string; year: string | null } {
  const p = parsePeriod(period);
  if (!p || p.quarter === null) return { quarter: period, year: null };
  return { quarter: p.code, year: String(p.year) };
}
