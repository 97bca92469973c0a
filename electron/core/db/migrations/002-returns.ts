import type { Database } from 'better-sqlite3';

/**
 * The returns tracker and period lock: per region and quarter, the state of
 * its return (expected → received → checked → approved). Approved locks the
 * values. Every state change is kept in an append-only log.
 */
export function migration002Returns(db: Database): void {
  db.exec(`
    CREATE TABLE returns (
      region     TEXT NOT NULL REFERENCES regions(code),
      period     TEXT NOT NULL REFERENCES periods(code),
      state      TEXT NOT NULL CHECK (state IN ('expected','received','checked','approved')),
      due_date   TEXT,
      changed_at TEXT NOT NULL,
      changed_by TEXT NOT NULL,
      PRIMARY KEY (region, period)
    ) STRICT;

    CREATE TABLE return_history (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      region     TEXT NOT NULL,
      period     TEXT NOT NULL,
      old_state  TEXT,
      new_state  TEXT NOT NULL,
      reason     TEXT,
      batch_id   TEXT,
      os_user    TEXT NOT NULL,
      changed_at TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER return_history_no_update BEFORE UPDATE ON return_history
      BEGIN SELECT RAISE(ABORT, 'return_history is append-only'); END;
    CREATE TRIGGER return_history_no_delete BEFORE DELETE ON return_history
      BEGIN SELECT RAISE(ABORT, 'return_history is append-only'); END;
  `);
}
