/**
 * Streams a file to a temporary name beside the target and renames it into
 * place only when everything was written: a crash, a full disk or a failure
 * halfway never leaves a truncated workbook under the real name, and an old
 * file there stays as it was until the new one is complete.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, describeIoError, isAppError } from '../errors';

export interface AtomicSink {
  /** Where to write: the temporary file. */
  stream: fs.WriteStream;
  /** The temporary file's path (for diagnostics; it is removed or renamed). */
  tmp: string;
  /** Throws the stream's error, if it failed (e.g. disk full): call it between chunks of work. */
  check: () => void;
  /** Rejects as soon as the stream fails; race long awaits against it. */
  failure: Promise<never>;
}

type Phase = 'open' | 'write' | 'rename';

/** Plain-Chinese sentences for the disk problems an evaluator can act on. */
export function describeWriteError(e: unknown, file: string, phase: Phase): AppError {
  if (isAppError(e)) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const untouched = '原有文件未改动。';
  if (code === 'ENOSPC') return new AppError('storage', `磁盘空间已满，无法写入：${file}。请清理磁盘后重试，${untouched}`);
  if (code === 'EROFS') return new AppError('storage', `磁盘或文件夹是只读的，无法写入：${file}。请换一个位置保存。`);
  if (code === 'EISDIR') return new AppError('usage', `保存位置是一个文件夹，不是文件：${file}。请在路径末尾写上文件名，如 报告.xlsx。`);
  if (code === 'ENOTDIR') return new AppError('usage', `保存路径不对：${file} 所在的上级路径不是文件夹。`);
  if (phase === 'rename' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')) {
    return new AppError('usage', `无法覆盖文件：${file}。它可能正在 Excel 或 WPS 中打开，请关闭后重试；${untouched}`);
  }
  if (code === 'EPERM' || code === 'EACCES') return new AppError('usage', `没有权限在这里保存文件：${file}。请换一个文件夹。`);
  if (code === 'EBUSY') return new AppError('usage', `文件正被其他程序占用：${file}。请关闭后重试；${untouched}`);
  return describeIoError(e, file);
}

function closed(stream: fs.WriteStream): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => stream.once('close', () => resolve()));
}

/**
 * Runs `produce` against a write stream on `.<name>.<random>.partial` in the
 * target's folder; when it resolves (and the stream has flushed and closed)
 * the file is renamed to `out`. On any failure the temporary file is removed
 * and the error comes back as an AppError with a plain Chinese message.
 * `produce` must end the stream (e.g. by committing the workbook).
 */
export async function writeFileAtomic(out: string, produce: (sink: AtomicSink) => Promise<void>): Promise<string> {
  const target = path.resolve(out);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.partial`);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target, { throwIfNoEntry: false });
  } catch (e) {
    throw describeWriteError(e, target, 'open');
  }
  if (stat?.isDirectory()) throw describeWriteError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), target, 'open');

  let fd: number;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(tmp, 'wx');
  } catch (e) {
    throw describeWriteError(e, target, 'open');
  }

  const stream = fs.createWriteStream(tmp, { fd, autoClose: true });
  let failed: Error | null = null;
  let rejectFailure: (e: Error) => void = () => {};
  const failure = new Promise<never>((_, reject) => {
    rejectFailure = reject;
  });
  failure.catch(() => {}); // observed through check() or a race; never unhandled
  stream.on('error', (e) => {
    failed ??= e;
    rejectFailure(e);
  });
  const check = () => {
    if (failed) throw failed;
  };

  let phase: Phase = 'write';
  try {
    await Promise.race([produce({ stream, tmp, check, failure }), failure]);
    if (!stream.writableFinished) await Promise.race([new Promise<void>((r) => stream.once('finish', () => r())), failure]);
    await closed(stream);
    check();
    phase = 'rename';
    fs.renameSync(tmp, target);
  } catch (e) {
    if (!stream.destroyed) stream.destroy();
    await closed(stream);
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more we can do; the name says it is a leftover.
    }
    // Errors without an errno code are not disk problems (e.g. the caller's own): pass them on as they are.
    if (!isAppError(e) && !(e as NodeJS.ErrnoException)?.code) throw e;
    throw describeWriteError(e, target, phase);
  }
  return target;
}
