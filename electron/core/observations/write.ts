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
