import type { Database } from 'better-sqlite3';

/**
 * The core schema: catalogue (documents, areas, indicators, targets), regions
 * with aliases, periods, observations, import batches and the append-only
 * histories. Nothing may UPDATE or DELETE a history row: triggers refuse it.
 */
export function migration001Core(db: Database): void {
  db.exec(`
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE documents (
      id     TEXT PRIMARY KEY,
      title  TEXT NOT NULL,
      issuer TEXT NOT NULL,
      date   TEXT NOT NULL,
      doc_no TEXT NOT NULL DEFAULT '',
      file   TEXT NOT NULL DEFAULT ''
    ) STRICT;

    CREATE TABLE areas (
      code    TEXT PRIMARY KEY,
      name    TEXT NOT NULL,
      name_en TEXT NOT NULL,
      plan    TEXT NOT NULL,
      sort    INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE regions (
      code    TEXT PRIMARY KEY,
      name    TEXT NOT NULL UNIQUE,
      name_en TEXT NOT NULL,
      kind    TEXT NOT NULL CHECK (kind IN ('province','city','county','park')),
      sort    INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE region_aliases (
      alias  TEXT PRIMARY KEY,
      region TEXT NOT NULL REFERENCES regions(code)
    ) STRICT;

    CREATE TABLE indicators (
      code          TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      name_en       TEXT NOT NULL,
      area          TEXT NOT NULL REFERENCES areas(code),
      unit          TEXT NOT NULL,
      direction     TEXT NOT NULL CHECK (direction IN ('lower','higher','range','milestone')),
      precision     INTEGER NOT NULL DEFAULT 2,
      frequency     TEXT NOT NULL DEFAULT 'quarter' CHECK (frequency IN ('quarter','year')),
      lead_units    TEXT NOT NULL DEFAULT '[]',
      partner_units TEXT NOT NULL DEFAULT '[]',
      source_doc    TEXT NOT NULL DEFAULT '',
      source_clause TEXT NOT NULL DEFAULT '',
      source_quote  TEXT NOT NULL DEFAULT '',
      retired       INTEGER NOT NULL DEFAULT 0,
      -- 'seed' rows may be upgraded by a newer catalogue until a user edits them.
      origin        TEXT NOT NULL DEFAULT 'seed' CHECK (origin IN ('seed','user')),
      user_edited   INTEGER NOT NULL DEFAULT 0,
      sort          INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE targets (
      id            INTEGER PRIMARY KEY,
      indicator     TEXT NOT NULL REFERENCES indicators(code),
      year          INTEGER NOT NULL,
      region        TEXT REFERENCES regions(code),
      comparator    TEXT NOT NULL CHECK (comparator IN ('<=','>=','=','between')),
      value         REAL NOT NULL,
      value_max     REAL,
      deadline      TEXT,
      source_doc    TEXT NOT NULL DEFAULT '',
      source_clause TEXT NOT NULL DEFAULT '',
      source_quote  TEXT NOT NULL DEFAULT '',
      origin        TEXT NOT NULL DEFAULT 'seed' CHECK (origin IN ('seed','user')),
      user_edited   INTEGER NOT NULL DEFAULT 0,
      CHECK (comparator <> 'between' OR (value_max IS NOT NULL AND value_max >= value))
    ) STRICT;
    CREATE UNIQUE INDEX targets_key ON targets(indicator, year, ifnull(region, ''));

    CREATE TABLE periods (
      code    TEXT PRIMARY KEY,   -- '2026Q1' or '2026'
      year    INTEGER NOT NULL,
      quarter INTEGER CHECK (quarter BETWEEN 1 AND 4),
      sort    INTEGER NOT NULL    -- year*10 + quarter (0 for a whole year)
    ) STRICT;

    CREATE TABLE import_batches (
      id          TEXT PRIMARY KEY,
      kind        TEXT NOT NULL,          -- 'template' | 'long' | 'catalogue' | 'manual'
      file_name   TEXT NOT NULL,
      sha256      TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      created_by  TEXT NOT NULL,
      accepted    INTEGER NOT NULL DEFAULT 0,
      summary     TEXT NOT NULL DEFAULT '{}',
      undone_at   TEXT,
      undone_by   TEXT
    ) STRICT;

    CREATE TABLE observations (
      indicator   TEXT NOT NULL REFERENCES indicators(code),
      region      TEXT NOT NULL REFERENCES regions(code),
      period      TEXT NOT NULL REFERENCES periods(code),
      value       REAL NOT NULL,
      note        TEXT NOT NULL DEFAULT '',
      source_kind TEXT NOT NULL CHECK (source_kind IN ('manual','import','seed','undo','restore')),
      batch_id    TEXT REFERENCES import_batches(id),
      file_name   TEXT,
      sheet       TEXT,
      cell        TEXT,
      source_ref  TEXT,                   -- seed citation, JSON
      updated_at  TEXT NOT NULL,
      updated_by  TEXT NOT NULL,
      PRIMARY KEY (indicator, region, period)
    ) STRICT;
    CREATE INDEX observations_period ON observations(period, indicator);
    CREATE INDEX observations_batch ON observations(batch_id);

    -- Every change of an observation, forever. old_value NULL = there was none;
    -- new_value NULL = it was removed.
    CREATE TABLE observation_history (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      indicator   TEXT NOT NULL,
      region      TEXT NOT NULL,
      period      TEXT NOT NULL,
      old_value   REAL,
      new_value   REAL,
      old_note    TEXT,
      new_note    TEXT,
      source_kind TEXT NOT NULL CHECK (source_kind IN ('manual','import','seed','undo','restore')),
      batch_id    TEXT,
      file_name   TEXT,
      sheet       TEXT,
      cell        TEXT,
      source_ref  TEXT,
      reason      TEXT,
      os_user     TEXT NOT NULL,
      changed_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX observation_history_key ON observation_history(indicator, region, period);
    CREATE INDEX observation_history_batch ON observation_history(batch_id);
    CREATE TRIGGER observation_history_no_update BEFORE UPDATE ON observation_history
      BEGIN SELECT RAISE(ABORT, 'observation_history is append-only'); END;
    CREATE TRIGGER observation_history_no_delete BEFORE DELETE ON observation_history
      BEGIN SELECT RAISE(ABORT, 'observation_history is append-only'); END;

    -- Catalogue changes (indicators, targets) by users, seeds and imports.
    CREATE TABLE catalogue_history (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      entity     TEXT NOT NULL CHECK (entity IN ('indicator','target','catalogue')),
      entity_key TEXT NOT NULL,
      old_json   TEXT,
      new_json   TEXT,
      source     TEXT NOT NULL,          -- 'seed:<version>' | 'manual' | 'import:<batch>'
      reason     TEXT,
      os_user    TEXT NOT NULL,
      changed_at TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER catalogue_history_no_update BEFORE UPDATE ON catalogue_history
      BEGIN SELECT RAISE(ABORT, 'catalogue_history is append-only'); END;
    CREATE TRIGGER catalogue_history_no_delete BEFORE DELETE ON catalogue_history
      BEGIN SELECT RAISE(ABORT, 'catalogue_history is append-only'); END;
  `);
}
