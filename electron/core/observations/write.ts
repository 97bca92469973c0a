import type { Database } from 'better-sqlite3';
import type { ObservationSourceKind } from '../../../shared/domain';
import { parsePeriod, periodSort } from '../../../shared/periods';
import { AppError } from '../errors';
import { stmt } from '../db/statements';

export interface ObservationSource {
  kind: ObservationSourceKind;
  batchId?: string | null;
  fileName?: string | null;
  sheet?: string | null;
  cell?: string | null;
  /** Seed citation (JSON). */
  sourceRef?: string | null;
  /** Why (reopen, undo of batch X, ...). */
  reason?: string | null;
}

export interface ObservationChange {
  indicator: string;
  region: string;
  period: string;
  /** null removes the value. */
  value: number | null;
  note?: string;
  source: ObservationSource;
  user: string;
  at: string;
}

export type ChangeOutcome = 'new' | 'changed' | 'unchanged' | 'removed';

interface CurrentRow {
  value: number;
  note: string;
}

/** True when the return for this region and period has been approved (values locked). */
export function isLocked(db: Database, region: string, period: string): boolean {
  const row = stmt(db, `SELECT state FROM returns WHERE region = ? AND period = ?`).get(region, period) as { state: string } | undefined;
  return row?.state === 'approved';
}

/**
 * The only way an observation changes: the row and its history entry are
 * written together (callers run this inside their transaction), so the
 * history always agrees with the data.
 */
export function applyObservationChange(db: Database, c: ObservationChange): ChangeOutcome {
  const current = stmt(db, 'SELECT value, note FROM observations WHERE indicator = ? AND region = ? AND period = ?')
    .get(c.indicator, c.region, c.period) as CurrentRow | undefined;
  const note = c.note ?? current?.note ?? '';
  if (c.value === null && !current) return 'unchanged';
  if (current && c.value !== null && current.value === c.value && current.note === note) return 'unchanged';

  if (c.source.kind !== 'seed' && isLocked(db, c.region, c.period)) {
    throw new AppError('rejected', `${c.period} 的数据已审定锁定，不能修改。如需更正，请先在“填报与导入”中重新打开该期（需填写原因）。`);
  }
  ensurePeriod(db, c.period);

  const s = c.source;
  if (c.value === null) {
    stmt(db, 'DELETE FROM observations WHERE indicator = ? AND region = ? AND period = ?').run(c.indicator, c.region, c.period);
  } else {
    stmt(db, 
      `INSERT INTO observations(indicator, region, period, value, note, source_kind, batch_id, file_name, sheet, cell, source_ref, updated_at, updated_by)
       VALUES (@indicator, @region, @period, @value, @note, @kind, @batchId, @fileName, @sheet, @cell, @sourceRef, @at, @user)
       ON CONFLICT(indicator, region, period) DO UPDATE SET value=excluded.value, note=excluded.note, source_kind=excluded.source_kind,
         batch_id=excluded.batch_id, file_name=excluded.file_name, sheet=excluded.sheet, cell=excluded.cell,
         source_ref=excluded.source_ref, updated_at=excluded.updated_at, updated_by=excluded.updated_by`,
    ).run({
      indicator: c.indicator,
      region: c.region,
      period: c.period,
      value: c.value,
      note,
      kind: s.kind,
      batchId: s.batchId ?? null,
      fileName: s.fileName ?? null,
      sheet: s.sheet ?? null,
      cell: s.cell ?? null,
      sourceRef: s.sourceRef ?? null,
      at: c.at,
      user: c.user,
    });
  }
  stmt(db, 
    `INSERT INTO observation_history(indicator, region, period, old_value, new_value, old_note, new_note, source_kind,
       batch_id, file_name, sheet, cell, source_ref, reason, os_user, changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.indicator,
    c.region,
    c.period,
    current?.value ?? null,
    c.value,
    current?.note ?? null,
    c.value === null ? null : note,
    s.kind,
    s.batchId ?? null,
    s.fileName ?? null,
    s.sheet ?? null,
    s.cell ?? null,
    s.sourceRef ?? null,
    s.reason ?? null,
    c.user,
    c.at,
  );
  if (c.value === null) return 'removed';
  return current ? 'changed' : 'new';
}

export function ensurePeriod(db: Database, code: string): void {
  const p = parsePeriod(code);
  if (!p || p.code !== code) throw new AppError('rejected', `无法识别的期间：${code}`);
  stmt(db, 'INSERT OR IGNORE INTO periods(code, year, quarter, sort) VALUES (?, ?, ?, ?)').run(p.code, p.year, p.quarter, periodSort(p));
}

/** Below this many changes a batch is written one change at a time (the set-based statements do not pay off). */
const BATCH_MIN = 64;
/** Columns of a staged change, and changes staged by one statement. */
const STAGE_COLUMNS = 10;
const STAGE_ROWS = 50;
const STAGE_ROW = `(${Array(STAGE_COLUMNS).fill('?').join(', ')})`;

const keyOf = (c: ObservationChange) => `${c.indicator}\u0000${c.region}\u0000${c.period}`;

/** Whether two changes record the same source (all but the sheet and cell, which are per change). */
function sameSource(a: ObservationChange, b: ObservationChange): boolean {
  const x = a.source;
  const y = b.source;
  return (
    x.kind === y.kind && (x.batchId ?? null) === (y.batchId ?? null) && (x.fileName ?? null) === (y.fileName ?? null) &&
    (x.sourceRef ?? null) === (y.sourceRef ?? null) && (x.reason ?? null) === (y.reason ?? null) && a.user === b.user && a.at === b.at
  );
}

/** Scratch tables of this connection (temp: never in the file, never in a backup), empty between batches. */
function batchTables(db: Database): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS observation_batch (
      i INTEGER PRIMARY KEY, indicator TEXT, region TEXT, period TEXT, value REAL, note TEXT,
      sheet TEXT, cell TEXT, old_value REAL, old_note TEXT, k INTEGER
    );
    CREATE TEMP TABLE IF NOT EXISTS observation_batch_source (
      k INTEGER PRIMARY KEY, kind TEXT, batch_id TEXT, file_name TEXT, source_ref TEXT, reason TEXT, os_user TEXT, at TEXT
    );
  `);
}

/**
 * Many changes, with exactly the effect of calling applyObservationChange for
 * each in turn (inside the caller's transaction): the same rows, the same
 * history rows in the same order, the same refusals. Instead of five
 * statements per change it reads the current values a period at a time,
 * checks locks and periods once each, stages the changes in a temporary table
 * (one narrow insert each, numbers bound as they are) and writes the rows and
 * their history with one statement each. Removals and a key changed twice in
 * one batch go through applyObservationChange one by one.
 */
export function applyObservationChanges(db: Database, changes: readonly ObservationChange[]): ChangeOutcome[] {
  const keys = changes.map(keyOf);
  if (changes.length < BATCH_MIN || new Set(keys).size !== keys.length || changes.some((c) => c.value === null)) {
    return changes.map((c) => applyObservationChange(db, c));
  }
  // The current row of every key, a period at a time (rows as arrays: a statement of its own).
  const byPeriod = stmt(db, 'SELECT indicator, region, value, note FROM observations WHERE period = ? /* batch */').raw(true);
  const current = new Map<string, CurrentRow>();
  for (const period of new Set(changes.map((c) => c.period))) {
    for (const [indicator, region, value, note] of byPeriod.all(period) as Array<[string, string, number, string]>) {
      current.set(`${indicator}\u0000${region}\u0000${period}`, { value, note });
    }
  }

  batchTables(db);
  stmt(db, 'DELETE FROM temp.observation_batch').run();
  stmt(db, 'DELETE FROM temp.observation_batch_source').run();
  const stage = stmt(db, `INSERT INTO temp.observation_batch(indicator, region, period, value, note, sheet, cell, old_value, old_note, k) VALUES ${STAGE_ROW}`);
  // Staged STAGE_ROWS at a time: one call (and one statement step) for many rows.
  const stageMany = stmt(
    db,
    `INSERT INTO temp.observation_batch(indicator, region, period, value, note, sheet, cell, old_value, old_note, k) VALUES ${Array(STAGE_ROWS).fill(STAGE_ROW).join(', ')}`,
  );
  const pending: unknown[] = [];
  const stageSource = stmt(
    db,
    'INSERT INTO temp.observation_batch_source(k, kind, batch_id, file_name, source_ref, reason, os_user, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const sources = new Map<string, number>();
  let last: ObservationChange | null = null;
  let k = 0;
  const locked = new Map<string, Map<string, boolean>>();
  const periods = new Set<string>();
  const outcomes: ChangeOutcome[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const now = current.get(keys[i]!);
    const note = c.note ?? now?.note ?? '';
    if (now && now.value === c.value && now.note === note) {
      outcomes.push('unchanged');
      continue;
    }
    if (c.source.kind !== 'seed') {
      // By period, then region: no key to build per change.
      let byRegion = locked.get(c.period);
      if (!byRegion) locked.set(c.period, (byRegion = new Map()));
      let isLockedNow = byRegion.get(c.region);
      if (isLockedNow === undefined) {
        isLockedNow = isLocked(db, c.region, c.period);
        byRegion.set(c.region, isLockedNow);
      }
      if (isLockedNow) {
        throw new AppError('rejected', `${c.period} 的数据已审定锁定，不能修改。如需更正，请先在“填报与导入”中重新打开该期（需填写原因）。`);
      }
    }
    if (!periods.has(c.period)) {
      ensurePeriod(db, c.period);
      periods.add(c.period);
    }
    const s = c.source;
    // Usually every change of a batch has the same source: compare with the last one before looking it up.
    if (!last || !sameSource(last, c)) {
      const source = [s.kind, s.batchId ?? null, s.fileName ?? null, s.sourceRef ?? null, s.reason ?? null, c.user, c.at] as const;
      const sourceKey = JSON.stringify(source);
      let id = sources.get(sourceKey);
      if (id === undefined) {
        id = sources.size + 1;
        sources.set(sourceKey, id);
        stageSource.run(id, ...source);
      }
      k = id;
      last = c;
    }
    pending.push(c.indicator, c.region, c.period, c.value, note, s.sheet ?? null, s.cell ?? null, now?.value ?? null, now?.note ?? null, k);
    if (pending.length === STAGE_ROWS * STAGE_COLUMNS) {
      stageMany.run(pending);
      pending.length = 0;
    }
    outcomes.push(now ? 'changed' : 'new');
  }
  for (let i = 0; i < pending.length; i += STAGE_COLUMNS) stage.run(pending.slice(i, i + STAGE_COLUMNS));

  stmt(
    db,
    `INSERT INTO observations(indicator, region, period, value, note, source_kind, batch_id, file_name, sheet, cell, source_ref, updated_at, updated_by)
     SELECT b.indicator, b.region, b.period, b.value, b.note, s.kind, s.batch_id, s.file_name, b.sheet, b.cell, s.source_ref, s.at, s.os_user
     FROM temp.observation_batch b JOIN temp.observation_batch_source s ON s.k = b.k WHERE true ORDER BY b.i
     ON CONFLICT(indicator, region, period) DO UPDATE SET value=excluded.value, note=excluded.note, source_kind=excluded.source_kind,
       batch_id=excluded.batch_id, file_name=excluded.file_name, sheet=excluded.sheet, cell=excluded.cell,
       source_ref=excluded.source_ref, updated_at=excluded.updated_at, updated_by=excluded.updated_by`,
  ).run();
  stmt(
    db,
    `INSERT INTO observation_history(indicator, region, period, old_value, new_value, old_note, new_note, source_kind,
       batch_id, file_name, sheet, cell, source_ref, reason, os_user, changed_at)
     SELECT b.indicator, b.region, b.period, b.old_value, b.value, b.old_note, b.note, s.kind,
       s.batch_id, s.file_name, b.sheet, b.cell, s.source_ref, s.reason, s.os_user, s.at
     FROM temp.observation_batch b JOIN temp.observation_batch_source s ON s.k = b.k ORDER BY b.i`,
  ).run();
  stmt(db, 'DELETE FROM temp.observation_batch').run();
  stmt(db, 'DELETE FROM temp.observation_batch_source').run();
  return outcomes;
}
