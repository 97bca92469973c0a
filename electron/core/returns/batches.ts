/**
 * Import batches: one row per committed file, named so that a person can
 * say it on the phone ("批次 B20261121-0003").
 */
import type { Database } from 'better-sqlite3';
import type { ImportBatch } from '../../../shared/channels/returns';

function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
}

/** B<yyyymmdd>-<nnnn>, numbered within the day. Call inside the writing transaction so two imports cannot take the same number. */
export function nextBatchId(db: Database, at = new Date()): string {
  const prefix = `B${localDay(at)}-`;
  const row = db.prepare(`SELECT max(CAST(substr(id, ?) AS INTEGER)) AS n FROM import_batches WHERE id LIKE ? || '%'`).get(prefix.length + 1, prefix) as {
    n: number | null;
  };
  return `${prefix}${String((row.n ?? 0) + 1).padStart(4, '0')}`;
}

export interface NewBatch {
  id: string;
  kind: 'template' | 'long';
  fileName: string;
  sha256: string;
  createdAt: string;
  createdBy: string;
  accepted: number;
  summary: unknown;
}

export function insertBatch(db: Database, b: NewBatch): void {
  db.prepare(
    `INSERT INTO import_batches(id, kind, file_name, sha256, created_at, created_by, accepted, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(b.id, b.kind, b.fileName, b.sha256, b.createdAt, b.createdBy, b.accepted, JSON.stringify(b.summary));
}

/** Newest first; catalogue and manual batches (if any) are listed too. */
export function listBatches(db: Database): ImportBatch[] {
  return db
    .prepare(
      `SELECT id, kind, file_name AS fileName, sha256, created_at AS createdAt, created_by AS createdBy, accepted, undone_at AS undoneAt
       FROM import_batches ORDER BY created_at DESC, id DESC`,
    )
    .all() as ImportBatch[];
}
