import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError, assertWritableDir, describeIoError } from '../errors';
import { connect } from './driver';
import { migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { backupTo } from '../backup/backup';

export interface OpenOptions {
  /** Where the pre-migration backups go; default: `<dir of file>/backups`. */
  backupDir?: string;
}

export interface OpenResult {
  db: Database;
  /** Whether the full integrity check ran (after an unclean shutdown, or before a migration). */
  integrityChecked: boolean;
  migratedFrom: number;
  /** The safety copy taken before migrating, if any. */
  preMigrationBackup: string | null;
}

export function applyPragmas(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
  db.pragma('busy_timeout = 5000');
}

export function integrity(db: Database): string {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).join('; ');
}

/**
 * Whether the last connection closed cleanly. Closing the last connection
 * checkpoints the log and deletes the -wal file; one left with frames in it
 * means a crash, a kill, a power cut — or another process with the store
 * open right now.
 */
function closedCleanly(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size === 0;
  } catch {
    return true;
  }
}

/**
 * Opens (or creates) the store: pragmas, the integrity check when it is
 * called for, and — after a backup made with SQLite's backup API — the
 * pending migrations.
 *
 * The full check (PRAGMA integrity_check) reads every page and index: at a
 * million values it takes ~5 s, too long to pay on every start and every CLI
 * command. It runs when the store may not be what the last session left —
 * after an unclean shutdown — and before a migration rewrites it; otherwise
 * SQLite's own checks on every page it reads stand guard, and `check` (CLI)
 * and 设置 → 数据检查 run the full check on demand.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<OpenResult> {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  } catch (e) {
    throw describeIoError(e, path.dirname(file));
  }
  // WAL needs its -wal and -shm files beside the database: the folder must be writable.
  assertWritableDir(path.dirname(path.resolve(file)));
  const mustCheck = !closedCleanly(path.resolve(file));
  let db: Database;
  try {
    db = connect(file);
    applyPragmas(db);
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new AppError('storage', `这个文件不是工作站的数据库，或已损坏：${file}`);
    }
    if ((e as NodeJS.ErrnoException).code) throw describeIoError(e, file);
    throw new AppError('storage', `无法打开数据库：${file}（${(e as Error).message}）`);
  }
  try {
    const from = schemaVersion(db);
    const checked = mustCheck || (from > 0 && from < LATEST_SCHEMA_VERSION);
    if (checked) {
      const check = integrity(db);
      if (check !== 'ok') {
        throw new AppError('storage', `数据库完整性检查未通过：${file}。请从备份恢复。（${check.slice(0, 200)}）`);
      }
    }
    let preMigrationBackup: string | null = null;
    if (from > 0 && from < LATEST_SCHEMA_VERSION) {
      const dir = options.backupDir ?? path.join(path.dirname(path.resolve(file)), 'backups');
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      preMigrationBackup = path.join(dir, `升级前备份-v${from}-${stamp}.db`);
      await backupTo(db, preMigrationBackup);
    }
    migrate(db);
    return { db, integrityChecked: checked, migratedFrom: from, preMigrationBackup };
  } catch (e) {
    db.close();
    throw e;
  }
}
