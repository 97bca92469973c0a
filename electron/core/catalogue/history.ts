/**
 * One indicator's catalogue history — the indicator's own row and its
 * targets' — read back from the append-only catalogue_history: who changed
 * which field from what to what, when, from which source (a seed version, a
 * hand edit with its reason, a catalogue workbook batch or its undo).
 */
import type { Database } from 'better-sqlite3';
import type { CatalogueHistoryEntry } from '../../../shared/channels/tracker';
import { stmt } from '../db/statements';

/** Columns that say nothing a person would read as a change. */
const QUIET = new Set(['sort', 'user_edited', 'origin', 'source_quote']);

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const shown = (v: unknown): string | number | boolean | null =>
  v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : JSON.stringify(v);

export function catalogueHistory(db: Database, indicator: string, limit = 200): CatalogueHistoryEntry[] {
  const rows = stmt(
    db,
    `SELECT id, entity, entity_key, old_json, new_json, source, reason, os_user, changed_at FROM catalogue_history
     WHERE entity_key = ? OR substr(entity_key, 1, length(?) + 1) = ? || '/'
     ORDER BY id DESC LIMIT ?`,
  ).all(indicator, indicator, indicator, limit) as Array<{
    id: number; entity: string; entity_key: string; old_json: string | null; new_json: string | null;
    source: string; reason: string | null; os_user: string; changed_at: string;
  }>;
  return rows.map((r) => {
    const before = parse(r.old_json);
    const after = parse(r.new_json);
    const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((f) => !QUIET.has(f));
    const changes = fields
      .map((field) => ({ field, old: shown(before?.[field]), new: shown(after?.[field]) }))
      // A new row lists what it was created with; a changed row only what changed.
      .filter((c) => before === null || after === null || JSON.stringify(c.old) !== JSON.stringify(c.new));
    return {
      id: r.id,
      entity: r.entity === 'target' ? 'target' : 'indicator',
      key: r.entity_key,
      kind: before === null ? 'created' : after === null ? 'removed' : 'changed',
      changes,
      source: r.source,
      reason: r.reason,
      user: r.os_user,
      at: r.changed_at,
    };
  });
}
