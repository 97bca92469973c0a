/**
 * Which file paths a page may hand to the core. The CLI is not asked (the
 * person typed the path); the shells that serve a page are:
 *
 * - browser mode (electron/web/server.ts): reads only inside
 *   <dataDir>/uploads, <dataDir>/downloads or <dataDir>/backups; writes only
 *   inside <dataDir>/downloads or <dataDir>/backups;
 * - the desktop IPC (electron/main/index.ts): the same folders, plus the
 *   exact files the person chose in the shell's own open/save dialogs
 *   (electron/main/path-grants.ts).
 *
 * Not the data folder itself: it holds the live database, its WAL and lock
 * files and Chromium's session data, which no export may overwrite.
 *
 * A path is accepted only when it is absolute, has no `..` segment and no NUL,
 * and its real location — symbolic links followed as far as the path exists
 * (fs.realpathSync), the rest appended — lies strictly inside an allowed
 * folder, itself resolved the same way. Pure apart from reading the file
 * system: tested under plain Node (test/integration/security.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { InvokeResult } from '../../shared/contract';
import { pathsOf } from '../../shared/path-fields';

export const BROWSER_PATH_REFUSAL = '浏览器模式下只能读写数据目录中的上传、下载和备份文件夹';
export const DESKTOP_PATH_REFUSAL = '只能读写在文件对话框中选择的文件，或数据目录中的上传、下载和备份文件夹';

export interface PathRoots {
  read: string[];
  write: string[];
}

/** The exchange folders of a data folder (they need not exist yet). */
export function exchangeRoots(dataDir: string): PathRoots {
  const d = path.resolve(dataDir);
  const uploads = path.join(d, 'uploads');
  const downloads = path.join(d, 'downloads');
  const backups = path.join(d, 'backups');
  return { read: [uploads, downloads, backups], write: [downloads, backups] };
}

/**
 * Where `p` really is: the real path of its longest existing prefix (links
 * followed), with the parts that do not exist yet appended. null when the
 * path cannot be resolved (a link loop, no permission, a NUL byte).
 */
export function realLocation(p: string): string | null {
  if (p.includes('\0')) return null;
  let cur = path.resolve(p);
  const missing: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(cur), ...missing);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return null;
      const parent = path.dirname(cur);
      if (parent === cur) return null;
      missing.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

/** Strictly inside `dir` (both already real). */
export function isStrictlyInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function wellFormed(p: string): boolean {
  return p.length > 0 && !p.includes('\0') && path.isAbsolute(p) && !p.split(/[\\/]+/).includes('..');
}

/** Is `p` a well-formed path whose real location lies inside one of `roots`? */
export function insideRoots(p: string, roots: readonly string[]): boolean {
  if (!wellFormed(p)) return false;
  const real = realLocation(p);
  if (!real) return false;
  return roots.some((r) => {
    const rr = realLocation(r);
    return rr !== null && isStrictlyInside(real, rr);
  });
}

export interface PathCheckOptions {
  roots: PathRoots;
  /** Paths granted one by one (the desktop's dialogs); absent in browser mode. */
  granted?: (p: string, access: 'read' | 'write') => boolean;
}

export type PathCheck = { ok: true } | { ok: false; access: 'read' | 'write'; path: string };

/** Every path the input names must be granted or lie inside the roots for its access. */
export function checkInputPaths(channel: string, input: unknown, opts: PathCheckOptions): PathCheck {
  const { read, write } = pathsOf(channel, input);
  for (const [access, list, roots] of [
    ['read', read, opts.roots.read],
    ['write', write, opts.roots.write],
  ] as const) {
    for (const p of list) {
      const ok = (wellFormed(p) && opts.granted?.(p, access) === true) || insideRoots(p, roots);
      if (!ok) return { ok: false, access, path: p };
    }
  }
  return { ok: true };
}

function refusal(message: string): InvokeResult<never> {
  return { ok: false, error: { kind: 'usage', message } };
}

/** Browser mode: null when the request may go on, else the error result to send (HTTP 403). */
export function browserPathRefusal(dataDir: string, channel: string, input: unknown): InvokeResult<never> | null {
  return checkInputPaths(channel, input, { roots: exchangeRoots(dataDir) }).ok ? null : refusal(BROWSER_PATH_REFUSAL);
}

/** Desktop IPC: null when the request may go on, else the error result. */
export function desktopPathRefusal(
  dataDir: string,
  channel: string,
  input: unknown,
  granted: (p: string, access: 'read' | 'write') => boolean,
): InvokeResult<never> | null {
  return checkInputPaths(channel, input, { roots: exchangeRoots(dataDir), granted }).ok ? null : refusal(DESKTOP_PATH_REFUSAL);
}
