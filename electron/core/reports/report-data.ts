/**
 * What the report workbook needs beyond the period matrix: notes of the
 * values shown, each indicator's history for the trend sheet, and the state
 * of the returns. Each honours "as of" the same way snapshot.ts does: the
 * last history entry at or before that moment.
 */
import type { Database } from 'better-sqlite3';
import { stmt } from '../db/statements';
import type { ValueRow } from './snapshot';

const key = (indicator: string, region: string, period: string) => `${indicator}|${region}|${period}`;

/** Non-empty notes of the values of these periods, keyed indicator|region|period. */
export function notesForPeriods(db: Database, periods: string[], asOf: string | null): Map<string, string> {
  if (periods.length === 0) return new Map();
  const marks = periods.map(() => '?').join(',');
  const rows = (
    asOf
      ? stmt(
          db,
          `SELECT h.indicator, h.region, h.period, h.new_note AS note
           FROM observation_history h
           JOIN (SELECT max(id) AS id FROM observation_history
                 WHERE period IN (${marks}) AND changed_at <= ? GROUP BY indicator, region, period) last ON last.id = h.id
           WHERE h.new_value IS NOT NULL AND ifnull(h.new_note, '') <> ''`,
        ).all(...periods, asOf)
      : stmt(db, `SELECT indicator, region, period, note FROM observations WHERE period IN (${marks}) AND note <> ''`).all(...periods)
  ) as Array<{ indicator: string; region: string; period: string; note: string }>;
  return new Map(rows.map((r) => [key(r.indicator, r.region, r.period), r.note]));
}

/** One indicator's values over some periods (uses the (indicator, region, period) key: one small query per indicator). */
export function indicatorHistory(db: Database, indicator: string, periods: string[], asOf: string | null): ValueRow[] {
  if (periods.length === 0) return [];
  const marks = periods.map(() => '?').join(',');
  if (!asOf) {
    return stmt(db, `SELECT indicator, region, period, value FROM observations WHERE indicator = ? AND period IN (${marks})`).all(
      indicator,
      ...periods,
    ) as ValueRow[];
  }
  return stmt(
    db,
    `SELECT h.indicator, h.region, h.period, h.new_value AS value
     FROM observation_history h
     JOIN (SELECT max(id) AS id FROM observation_history
           WHERE indicator = ? AND period IN (${marks}) AND changed_at <= ? GROUP BY region, period) last ON last.id = h.id
     WHERE h.new_value IS NOT NULL`,
  ).all(indicator, ...periods, asOf) as ValueRow[];
}

/** Indicators that have at least one value in these periods (to leave empty ones out of the trend sheet). */
export function indicatorsWithValues(db: Database, periods: string[], asOf: string | null): Set<string> {
  if (periods.length === 0) return new Set();
  const marks = periods.map(() => '?').join(',');
  const rows = (
    asOf
      ? stmt(db, `SELECT DISTINCT indicator FROM observation_history WHERE period IN (${marks}) AND changed_at <= ? AND new_value IS NOT NULL`).all(
          ...periods,
          asOf,
        )
      : stmt(db, `SELECT DISTINCT indicator FROM observations WHERE period IN (${marks})`).all(...periods)
  ) as Array<{ indicator: string }>;
  return new Set(rows.map((r) => r.indicator));
}

export type ReturnState = 'expected' | 'received' | 'checked' | 'approved';

export const RETURN_STATE_LABEL: Record<ReturnState, string> = {
  expected: '待报送',
  received: '已收到',
  checked: '已核对',
  approved: '已审定',
};

/** The state of each region's return for the period, where the tracker has one. */
export function returnStates(db: Database, period: string, asOf: string | null): Map<string, { state: ReturnState; changedAt: string }> {
  const rows = (
    asOf
      ? stmt(
          db,
          `SELECT h.region, h.new_state AS state, h.changed_at AS changedAt
           FROM return_history h
           JOIN (SELECT max(id) AS id FROM return_history WHERE period = ? AND changed_at <= ? GROUP BY region) last ON last.id = h.id`,
        ).all(period, asOf)
      : stmt(db, `SELECT region, state, changed_at AS changedAt FROM returns WHERE period = ?`).all(period)
  ) as Array<{ region: string; state: ReturnState; changedAt: string }>;
  return new Map(rows.map((r) => [r.region, { state: r.state, changedAt: r.changedAt }]));
}
