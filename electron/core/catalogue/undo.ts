/**
 * Undoing a catalogue import: every row the batch wrote is put back exactly
 * as it was (origin and user_edited included, so seeds may upgrade it again),
 * taken from the batch's own catalogue_history rows. The undo is itself
 * recorded in catalogue_history. It refuses, changing nothing, when a row was
 * changed again after the batch — undoing then would silently lose that work.
 */
import type { Database } from 'better-sqlite3';
import { nowIso } from '../clock';
import { AppError } from '../errors';
import { recordHistory, type CatalogueWriteSource, type Row } from './write';

interface HistoryRow {
  entity: 'indicator' | 'target' | 'catalogue';
  entity_key: string;
  old_json: string | null;
  new_json: string | null;
}

function columns(db: Database, table: 'indicators' | 'targets'): Set<string> {
  return new Set((db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name));
}

function current(db: Database, entity: 'indicator' | 'target', after: Row | null, before: Row | null): Row | undefined {
  if (entity === 'indicator') return db.prepare('SELECT * FROM indicators WHERE code = ?').get((after ?? before)!.code) as Row | undefined;
  return db.prepare('SELECT * FROM targets WHERE id = ?').get((after ?? before)!.id) as Row | undefined;
}

/** Writes `row` back with all its columns (only the table's own columns: the JSON is ours, but stay strict). */
function restore(db: Database, table: 'indicators' | 'targets', row: Row): void {
  const cols = Object.keys(row).filter((k) => columns(db, table).has(k));
  const placeholders = cols.map((c) => `@${c}`).join(', ');
  const updates = cols.filter((c) => c !== 'code' && c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
  const keyCol = table === 'indicators' ? 'code' : 'id';
  db.prepare(`INSERT INTO ${table}(${cols.join(', ')}) VALUES (${placeholders}) ON CONFLICT(${keyCol}) DO UPDATE SET ${updates}`).run(
    Object.fromEntries(cols.map((c) => [c, row[c]])),
  );
}

export function undoCatalogueImport(db: Database, batchId: string, user: string): { batchId: string; restored: number } {
  const batch = db.prepare('SELECT kind, undone_at FROM import_batches WHERE id = ?').get(batchId) as
    | { kind: string; undone_at: string | null }
    | undefined;
  if (!batch) throw new AppError('not-found', `没有这个导入批次：${batchId}`);
  if (batch.kind !== 'catalogue') throw new AppError('rejected', `批次 ${batchId} 不是指标目录的导入，请在“填报与导入”中撤销。`);
  if (batch.undone_at) throw new AppError('rejected', `批次 ${batchId} 已于 ${batch.undone_at} 撤销过，不能重复撤销。`);

  const at = nowIso();
  const src: CatalogueWriteSource = { source: `undo:${batchId}`, reason: `撤销指标目录导入批次 ${batchId}`, user, at };
  return db.transaction(() => {
    // Newest first: a new target is removed before the new indicator it belongs to.
    const rows = db
      .prepare(`SELECT entity, entity_key, old_json, new_json FROM catalogue_history WHERE source = ? ORDER BY id DESC`)
      .all(`import:${batchId}`) as HistoryRow[];
    for (const h of rows) {
      if (h.entity === 'catalogue') continue;
      const before = h.old_json ? (JSON.parse(h.old_json) as Row) : null;
      const after = h.new_json ? (JSON.parse(h.new_json) as Row) : null;
      const now = current(db, h.entity, after, before);
      if (JSON.stringify(now ?? null) !== JSON.stringify(after)) {
        const what = h.entity === 'indicator' ? `指标 ${h.entity_key}` : `目标 ${h.entity_key}`;
        throw new AppError('rejected', `${what}在这次导入之后又被修改过，不能整批撤销（以免丢失后来的修改）。请先撤销或改回后来的修改。`);
      }
      const table = h.entity === 'indicator' ? 'indicators' : 'targets';
      if (before) restore(db, table, before);
      else if (h.entity === 'target') db.prepare('DELETE FROM targets WHERE id = ?').run(after!.id);
      else {
        const code = String(after!.code);
        const used = db.prepare('SELECT (SELECT count(*) FROM observations WHERE indicator = ?) + (SELECT count(*) FROM targets WHERE indicator = ?) AS n').get(code, code) as { n: number };
        if (used.n > 0) {
          throw new AppError('rejected', `这次导入新增的指标 ${code} 之后已录入了实际值或目标，不能整批撤销。如不再使用，请把它设为“已停用”。`);
        }
        db.prepare('DELETE FROM indicators WHERE code = ?').run(code);
      }
      recordHistory(db, h.entity, h.entity_key, after, before, src);
    }
    db.prepare('UPDATE import_batches SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, user, batchId);
    return { batchId, restored: rows.length };
  })();
}
