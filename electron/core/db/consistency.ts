import type { Database } from 'better-sqlite3';

export interface ConsistencyReport {
  /** Cells whose current value differs from the last value the history recorded. */
  mismatches: Array<{ indicator: string; region: string; period: string; value: number | null; history: number | null }>;
  /** Batches that are neither whole nor absent: some of their history rows without the batch row, or vice versa. */
  partialBatches: string[];
}

/**
 * Checks that the history tells the truth: replaying it gives exactly the
 * observations table, and every batch is all or nothing. Used after crash
 * tests and available to support staff.
 */
export function checkConsistency(db: Database): ConsistencyReport {
  const mismatches = db
    .prepare(
      `WITH last AS (
         SELECT h.indicator, h.region, h.period, h.new_value
         FROM observation_history h
         JOIN (SELECT indicator, region, period, max(id) AS id FROM observation_history GROUP BY indicator, region, period) m
           ON m.id = h.id
       )
       SELECT l.indicator, l.region, l.period, o.value AS value, l.new_value AS history
       FROM last l LEFT JOIN observations o USING (indicator, region, period)
       WHERE o.value IS NOT l.new_value
       UNION ALL
       SELECT o.indicator, o.region, o.period, o.value, NULL
       FROM observations o
       WHERE NOT EXISTS (SELECT 1 FROM observation_history h WHERE h.indicator = o.indicator AND h.region = o.region AND h.period = o.period)`,
    )
    .all() as ConsistencyReport['mismatches'];
  const partial = db
    .prepare(
      `SELECT DISTINCT h.batch_id AS id FROM observation_history h
       WHERE h.batch_id IS NOT NULL AND h.source_kind = 'import'
         AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = h.batch_id)
       UNION
       SELECT b.id FROM import_batches b
       WHERE b.kind <> 'catalogue' AND b.accepted <> (SELECT count(*) FROM observation_history h WHERE h.batch_id = b.id AND h.source_kind = 'import')`,
    )
    .all() as Array<{ id: string }>;
  return { mismatches, partialBatches: partial.map((p) => p.id) };
}
