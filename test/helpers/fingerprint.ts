import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** A hash of every row of every table, to tell "exactly state A" from "exactly state B" (or neither). */
export function contentHash(db: Database): string {
  const h = crypto.createHash('sha256');
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>;
  for (const t of tables) {
    h.update(`#${t.name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}
