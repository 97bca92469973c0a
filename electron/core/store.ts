import path from 'node:path';
import type { Database } from 'better-sqlite3';
import pkg from '../../package.json';
import { seeds as bundledSeeds } from '../../seeds';
import { applySeeds, type Seeds } from './catalogue/seed';
import { osUser } from './clock';
import { deferCheckpoints } from './db/checkpoint';
import { openDatabase } from './db/open';
import { backupDirFor, DB_FILE_NAME, defaultDataDir } from './paths';

/** Everything a handler needs; one per open store. */
export interface CoreContext {
  db: Database;
  dbFile: string;
  dataDir: string;
  backupDir: string;
  user: string;
  appVersion: string;
  /** Re-applies seeds and migrations after the file's content was replaced (restore). */
  seeds: Seeds;
}

export interface OpenStoreOptions {
  dbFile?: string;
  seeds?: Seeds;
  user?: string;
  appVersion?: string;
}

/** The app's version, from package.json (one place to bump it). */
export const APP_VERSION: string = pkg.version;

export async function openStore(options: OpenStoreOptions = {}): Promise<CoreContext> {
  const dbFile = path.resolve(options.dbFile ?? path.join(defaultDataDir(), DB_FILE_NAME));
  const backupDir = backupDirFor(dbFile);
  const { db } = await openDatabase(dbFile, { backupDir });
  deferCheckpoints(db);
  const user = options.user ?? osUser();
  const seeds = options.seeds ?? bundledSeeds;
  try {
    applySeeds(db, seeds, user);
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    db,
    dbFile,
    dataDir: path.dirname(dbFile),
    backupDir,
    user,
    appVersion: options.appVersion ?? APP_VERSION,
    seeds,
  };
}

export function closeStore(ctx: CoreContext): void {
  if (ctx.db.open) ctx.db.close();
}
