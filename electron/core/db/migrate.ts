import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';
import { migrations as allMigrations, type Migration } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs the pending migrations in order, all in one transaction: the file is
 * either at the old version or at the new one, never in between.
 * Refuses a database written by a newer app instead of guessing.
 */
export function migrate(db: Database, migrations: readonly Migration[] = allMigrations): { from: number; to: number } {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new AppError(
      'storage',
      `这个数据库文件由更新版本的工作站写入（结构版本 ${from}），本程序只认识到版本 ${latest}。为避免损坏数据，已拒绝打开。请安装新版程序后再打开它。`,
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return { from, to: latest };
}
