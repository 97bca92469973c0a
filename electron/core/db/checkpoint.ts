/**
 * When the write-ahead log is copied back into the database file.
 *
 * SQLite's default copies it (a checkpoint: writing the pages back plus an
 * fsync of the database file) inside whichever commit pushes the log past
 * 1,000 pages — so a person importing a return waited for it, ~10 ms for a
 * 20,000-value file and seconds for a 640,000-value one. The store turns that
 * off and checkpoints just after each request has answered instead. Nothing
 * is less safe: a commit is durable once its log frames are synced
 * (synchronous=FULL), and a log left by a crash is replayed on the next open.
 * closing the connection checkpoints too, so a CLI run leaves no log behind.
 */
import type { Database } from 'better-sqlite3';

/** Past a checkpoint the log file is cut back to this size (it is reused from the start, not grown). */
const LOG_SIZE_LIMIT = 64 * 1024 * 1024;

export function deferCheckpoints(db: Database): void {
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${LOG_SIZE_LIMIT}`);
}

const pending = new WeakSet<object>();

/** Checkpoints the connection `owner.db` holds once the current task has finished (at most one waiting per owner). */
export function checkpointSoon(owner: { db: Database }): void {
  if (pending.has(owner)) return;
  pending.add(owner);
  setTimeout(() => {
    pending.delete(owner);
    const db = owner.db;
    if (!db.open || db.inTransaction) return;
    try {
      // PASSIVE: copies what no reader still needs and never waits; what it leaves, the next one copies.
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or short of disk: the log keeps every committed change; the next request tries again.
    }
  }, 0).unref();
}
