import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError, assertWritableDir, describeIoError } from '../errors';
import { connect } from '../db/driver';
import { integrity } from '../db/open';
import { schemaVersion } from '../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';

/**
 * A consistent copy of a live database through SQLite's online backup API
 * (never a file copy, which could catch the WAL half-written). Written to a
 * temporary name and renamed, so a crash leaves either nothing or a whole file.
 */
export async function backupTo(db: Database, target: string): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.partial`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    assertWritableDir(dir);
    await db.backup(tmp);
    const copy = connect(tmp);
    try {
      // A backup is a standalone file: fold its WAL into it.
      copy.pragma('journal_mode = DELETE');
      const check = integrity(copy);
      if (check !== 'ok') throw new AppError('storage', `备份文件校验失败：${check}`);
    } finally {
      copy.close();
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw describeIoError(e, target);
  }
}

export interface BackupSummary {
  file: string;
  schemaVersion: number;
  indicators: number;
  regions: number;
  observations: number;
  batches: number;
  lastChange: string | null;
}

/** What a backup file holds, read without changing it (for the restore preview). */
export function inspectBackup(file: string): BackupSummary {
  if (!fs.existsSync(file)) throw new AppError('usage', `找不到备份文件：${file}`);
  let db: Database;
  try {
    db = connect(file, { readonly: true });
  } catch {
    throw new AppError('usage', `无法读取备份文件，它可能不是工作站的数据库：${file}`);
  }
  try {
    let check: string;
    try {
      check = integrity(db);
    } catch {
      throw new AppError('usage', `这个文件不是工作站的数据库备份：${file}`);
    }
    if (check !== 'ok') throw new AppError('usage', `备份文件已损坏，不能恢复：${file}`);
    const version = schemaVersion(db);
    if (version === 0) throw new AppError('usage', `这个文件不是工作站的数据库备份：${file}`);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError('usage', `这个备份由更新版本的工作站写入（结构版本 ${version}），本程序无法恢复它。`);
    }
    const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const last = db.prepare('SELECT max(changed_at) AS t FROM observation_history').get() as { t: string | null };
    return {
      file,
      schemaVersion: version,
      indicators: count('indicators'),
      regions: count('regions'),
      observations: count('observations'),
      batches: count('import_batches'),
      lastChange: last.t,
    };
  } finally {
    db.close();
  }
}

/**
 * Replaces the live database's content with a backup's, through the backup
 * API in the other direction, inside the live connection's file locks. The
 * current state is saved first so a restore can itself be undone.
 */
export async function restoreFrom(db: Database, source: string, safetyCopy: string): Promise<BackupSummary> {
  const summary = inspectBackup(source);
  await backupTo(db, safetyCopy);
  const src = connect(source, { readonly: true });
  try {
    // backup() from the source connection into the live file's path would
    // bypass our connection; instead attach and copy page by page via VACUUM INTO
    // is not an option either (it creates a new file). SQLite's backup API from
    // src into the live main database is what `src.backup(livePath)` does.
    await src.backup(db.name);
  } finally {
    src.close();
  }
  return summary;
}
