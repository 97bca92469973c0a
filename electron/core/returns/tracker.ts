/**
 * The returns tracker: per region and period, the state of its return
 * (expected → received → checked → approved). Approval locks the values
 * (applyObservationChange refuses changes, see isLocked); reopening needs a
 * reason. Every state change is one append-only return_history row: that log
 * is the record of who moved what, when and why.
 */
import type { Database } from 'better-sqlite3';
import { parsePeriod, periodEnd, periodLabel } from '../../../shared/periods';
import { nowIso } from '../clock';
import { stmt } from '../db/statements';
import { AppError } from '../errors';
import { ensurePeriod } from '../observations/write';

export type ReturnState = 'expected' | 'received' | 'checked' | 'approved';
export const RETURN_STATES: readonly ReturnState[] = ['expected', 'received', 'checked', 'approved'];
export const STATE_LABEL: Record<ReturnState, string> = { expected: '待报送', received: '已收到', checked: '已核对', approved: '已审定' };

/** Returns are due this many days after the period ends. */
export const DUE_AFTER_DAYS = 15;

export interface TrackerRow {
  region: string;
  regionName: string;
  regionKind: 'province' | 'city' | 'county' | 'park';
  period: string;
  state: ReturnState;
  changedAt: string | null;
  changedBy: string | null;
  dueDate: string;
  overdue: boolean;
  observations: number;
}

export interface ReturnHistoryRow {
  id: number;
  region: string;
  regionName: string;
  period: string;
  oldState: ReturnState | null;
  newState: ReturnState;
  reason: string | null;
  batchId: string | null;
  osUser: string;
  changedAt: string;
}

function checkedPeriod(code: string): string {
  const p = parsePeriod(code);
  if (!p) throw new AppError('rejected', `无法识别的期间：${code}`);
  return p.code;
}

/** ISO date 15 days after the period's last day (calendar arithmetic in UTC: no time-zone drift). */
export function dueDateFor(period: string): string {
  const p = parsePeriod(period);
  if (!p) throw new AppError('rejected', `无法识别的期间：${period}`);
  const end = new Date(`${periodEnd(p)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + DUE_AFTER_DAYS);
  return end.toISOString().slice(0, 10);
}

/** Today's date on this computer's calendar (evaluators work in Hainan local time, not UTC). */
export function todayLocal(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface StateRow {
  state: ReturnState;
  changed_at: string;
  changed_by: string;
}

function currentState(db: Database, region: string, period: string): StateRow | undefined {
  return stmt(db, 'SELECT state, changed_at, changed_by FROM returns WHERE region = ? AND period = ?').get(region, period) as
    | StateRow
    | undefined;
}

/** Every region (the province included) for one period, 'expected' where nothing has arrived yet. */
export function listReturns(db: Database, period: string, today = todayLocal()): TrackerRow[] {
  const code = checkedPeriod(period);
  const due = dueDateFor(code);
  const rows = db
    .prepare(
      `SELECT r.code, r.name, r.kind, t.state, t.changed_at, t.changed_by,
         (SELECT count(*) FROM observations o WHERE o.region = r.code AND o.period = ?) AS n
       FROM regions r LEFT JOIN returns t ON t.region = r.code AND t.period = ?
       ORDER BY r.sort, r.code`,
    )
    .all(code, code) as Array<{
    code: string; name: string; kind: TrackerRow['regionKind']; state: ReturnState | null;
    changed_at: string | null; changed_by: string | null; n: number;
  }>;
  return rows.map((r) => {
    const state = r.state ?? 'expected';
    return {
      region: r.code,
      regionName: r.name,
      regionKind: r.kind,
      period: code,
      state,
      changedAt: r.changed_at,
      changedBy: r.changed_by,
      dueDate: due,
      overdue: state === 'expected' && today > due,
      observations: r.n,
    };
  });
}

export function trackerRow(db: Database, region: string, period: string, today = todayLocal()): TrackerRow {
  const row = listReturns(db, period, today).find((r) => r.region === region);
  if (!row) throw new AppError('not-found', `没有这个地区：${region}`);
  return row;
}

interface Move {
  region: string;
  period: string;
  from: ReturnState;
  to: ReturnState;
  reason: string | null;
  batchId: string | null;
  user: string;
  at: string;
}

/** The state row and its history row, written together. */
function writeMove(db: Database, m: Move): void {
  ensurePeriod(db, m.period);
  stmt(
    db,
    `INSERT INTO returns(region, period, state, due_date, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(region, period) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
  ).run(m.region, m.period, m.to, dueDateFor(m.period), m.at, m.user);
  stmt(
    db,
    `INSERT INTO return_history(region, period, old_state, new_state, reason, batch_id, os_user, changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(m.region, m.period, m.from, m.to, m.reason, m.batchId, m.user, m.at);
}

/** Forward by exactly one step; going back is reopen's job, with a reason. */
export function advanceReturn(
  db: Database,
  a: { region: string; period: string; to: Exclude<ReturnState, 'expected'>; reason?: string | null; user: string; at?: string },
): void {
  const period = checkedPeriod(a.period);
  db.transaction(() => {
    const from = currentState(db, a.region, period)?.state ?? 'expected';
    const fromIdx = RETURN_STATES.indexOf(from);
    const toIdx = RETURN_STATES.indexOf(a.to);
    const label = `${periodLabel(parsePeriod(period)!)}的填报表`;
    if (toIdx === fromIdx) throw new AppError('rejected', `${label}已经是“${STATE_LABEL[from]}”状态。`);
    if (toIdx < fromIdx) {
      throw new AppError('rejected', `${label}当前为“${STATE_LABEL[from]}”，不能退回到“${STATE_LABEL[a.to]}”。如需更正，请使用“重新打开”并填写原因。`);
    }
    if (toIdx > fromIdx + 1) {
      throw new AppError('rejected', `${label}当前为“${STATE_LABEL[from]}”，须先标记为“${STATE_LABEL[RETURN_STATES[fromIdx + 1]!]}”，不能直接跳到“${STATE_LABEL[a.to]}”。`);
    }
    writeMove(db, { region: a.region, period, from, to: a.to, reason: a.reason?.trim() || null, batchId: null, user: a.user, at: a.at ?? nowIso() });
  })();
}

/** approved → checked, unlocking the values; the reason is kept in return_history. */
export function reopenReturn(db: Database, r: { region: string; period: string; reason: string; user: string; at?: string }): void {
  const period = checkedPeriod(r.period);
  const reason = r.reason.trim();
  if (!reason) throw new AppError('rejected', '重新打开已审定的期间必须填写原因。');
  db.transaction(() => {
    const from = currentState(db, r.region, period)?.state ?? 'expected';
    if (from !== 'approved') {
      throw new AppError('rejected', `${periodLabel(parsePeriod(period)!)}的填报表当前为“${STATE_LABEL[from]}”，尚未审定，无需重新打开。`);
    }
    writeMove(db, { region: r.region, period, from, to: 'checked', reason, batchId: null, user: r.user, at: r.at ?? nowIso() });
  })();
}

/**
 * Called by the import after a batch is committed (inside its transaction):
 * a return that was still expected is now received. Later states are left
 * alone — a re-sent file does not undo a check. True when the state moved.
 */
export function markReceived(db: Database, region: string, period: string, batchId: string, user: string): boolean {
  const code = checkedPeriod(period);
  const from = currentState(db, region, code)?.state ?? 'expected';
  if (from !== 'expected') return false;
  writeMove(db, { region, period: code, from, to: 'received', reason: null, batchId, user, at: nowIso() });
  return true;
}

export function returnHistory(db: Database, filter: { region?: string; period?: string } = {}): ReturnHistoryRow[] {
  const clauses: string[] = [];
  const params: string[] = [];
  if (filter.region) {
    clauses.push('h.region = ?');
    params.push(filter.region);
  }
  if (filter.period) {
    clauses.push('h.period = ?');
    params.push(checkedPeriod(filter.period));
  }
  return db
    .prepare(
      `SELECT h.id, h.region, ifnull(r.name, h.region) AS regionName, h.period, h.old_state AS oldState, h.new_state AS newState,
         h.reason, h.batch_id AS batchId, h.os_user AS osUser, h.changed_at AS changedAt
       FROM return_history h LEFT JOIN regions r ON r.code = h.region
       ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
       ORDER BY h.id DESC`,
    )
    .all(...params) as ReturnHistoryRow[];
}
