import type { Database } from 'better-sqlite3';
import { migration001Core } from './001-core';
import { migration002Returns } from './002-returns';
import { migration003PeriodIndex } from './003-period-index';

export interface Migration {
  /** The user_version the database has after this migration. */
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Ordered; never edit a shipped migration, add a new one. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'core', up: migration001Core },
  { version: 2, name: 'returns', up: migration002Returns },
  { version: 3, name: 'period-index', up: migration003PeriodIndex },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
