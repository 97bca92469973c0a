/**
 * Undo of an import batch: every value the batch wrote goes back to what it
 * replaced (or away, if there was none) — unless someone changed it since,
 * in which case the later change stands and is counted as skipped. The undo
 * is itself history (source 'undo'), never a deletion of history.
 */
import type { Database } from 'better-sqlite3';
import { nowIso } from '../clock';
import { AppError } from '../errors';
import { applyObservationChange } from '../observations/write';
import type { CoreContext } from '../store';

interface BatchRow {
  id: string;
  kind: string;
  undone_at: string | null;
  undone_by: string | null;
}

interface HistoryRow {
  indicator: string;
  region: string;
  period: string;
  old_value: number | null;
  new_value: number | null;
  old_note: string | null;
}

/** Per indicator, region and period, the batch's last word (a batch writes each once, but be safe). */
function batchWrites(db: Database, batchId: string): HistoryRow[] {
  const rows = db
    .prepare(
      `SELECT indicator, region, period, old_value, new_value, old_note FROM observation_history
       WHERE batch_id = ? AND source_kind = 'import' ORDER BY id`,
    )
    .all(batchId) as HistoryRow[];
  const firstOld = new Map<string, HistoryRow>();
  const last = new Map<string, HistoryRow>();
  for (const h of rows) {
    const k = `${h.indicator}\u0000${h.region}\u0000${h.period}`;
    if (!firstOld.has(k)) firstOld.set(k, h);
    last.set(k, h);
  }
  // What the batch replaced is the state before its first write; what it left is its last write.
  return [...last.entries()].map(([k, h]) => ({ ...h, old_value: firstOld.get(k)!.old_value, old_note: firstOld.get(k)!.old_note }));
}

export function undoBatch(ctx: CoreContext, batchId: string): { batchId: string; restored: number; skipped: number } {
  const db = ctx.db;
  return db.transaction(() => {
    const batch = db.prepare('SELECT id, kind, undone_at, undone_by FROM import_batches WHERE id = ?').get(batchId) as BatchRow | undefined;
    if (!batch) throw new AppError('not-found', `没有这个导入批次：${batchId}`);
    // Other kinds of batch (catalogue changes, …) have their own undo; this one only knows returns.
    if (batch.kind !== 'template' && batch.kind !== 'long') {
      throw new AppError('rejected', `批次 ${batchId} 不是填报表导入，不能在这里撤销。`);
    }
    if (batch.undone_at) {
      throw new AppError('rejected', `导入批次 ${batchId} 已于 ${batch.undone_at} 由 ${batch.undone_by ?? '未知用户'} 撤销过，不能重复撤销。`);
    }
    const at = nowIso();
    const current = db.prepare('SELECT value, batch_id, source_kind FROM observations WHERE indicator = ? AND region = ? AND period = ?');
    let restored = 0;
    let skipped = 0;
    for (const h of batchWrites(db, batchId)) {
      const now = current.get(h.indicator, h.region, h.period) as { value: number; batch_id: string | null; source_kind: string } | undefined;
      const stillOurs = now !== undefined && now.source_kind === 'import' && now.batch_id === batchId && now.value === h.new_value;
      if (!stillOurs) {
        skipped++;
        continue;
      }
      applyObservationChange(db, {
        indicator: h.indicator,
        region: h.region,
        period: h.period,
        value: h.old_value,
        note: h.old_value === null ? undefined : (h.old_note ?? ''),
        source: { kind: 'undo', batchId, reason: `撤销导入批次 ${batchId}` },
        user: ctx.user,
        at,
      });
      restored++;
    }
    db.prepare('UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, ctx.user, batchId);
    return { batchId, restored, skipped };
  })();
}
