import fs from 'node:fs';

/**
 * The one error type the core throws on purpose. `message` is a plain Chinese
 * sentence for the person in front of the screen; `kind` decides the CLI exit
 * code and how the shells report it.
 */
export type AppErrorKind =
  /** The input was read but rejected (validation); nothing was written. CLI exit 1. */
  | 'rejected'
  /** Bad usage or an unreadable file; nothing was written. CLI exit 2. */
  | 'usage'
  /** The database or the disk failed us. */
  | 'storage'
  /** The request names something that does not exist. */
  | 'not-found';

export class AppError extends Error {
  constructor(
    public readonly kind: AppErrorKind,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Turns disk errors into sentences a municipal evaluator can act on. */
/**
 * Asks the disk up front whether a folder can be written, so that a
 * read-only stick or a folder without permission gets a plain sentence
 * instead of SQLite's "unable to open database file".
 */
export function assertWritableDir(dir: string): void {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    throw describeIoError(e, dir);
  }
}

export function describeIoError(e: unknown, file: string): AppError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new AppError('usage', `找不到文件：${file}`);
  if (code === 'EACCES' || code === 'EPERM') return new AppError('usage', `没有权限读写文件：${file}`);
  if (code === 'EROFS') return new AppError('storage', `磁盘或文件夹是只读的，无法写入：${file}。请换一个可以写入的位置。`);
  if (code === 'ENOSPC') return new AppError('storage', `磁盘空间已满，无法写入：${file}。请清理磁盘后重试，原有数据未受影响。`);
  if (code === 'EISDIR') return new AppError('usage', `这是一个文件夹，不是文件：${file}`);
  return new AppError('storage', `读写文件失败：${file}（${(e as Error)?.message ?? String(e)}）`);
}
