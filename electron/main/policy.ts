/**
 * The shell's decisions that need no Electron, kept pure so they are tested
 * under plain Node (test/unit/main-policy.test.ts) — Electron itself cannot be
 * launched in CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppOrigin {
  /** Absolute path of the built renderer's index.html (production). */
  rendererIndex: string;
  /** The electron-vite dev server URL (development only). */
  devUrl?: string;
}

/**
 * Is this URL our own page? Production: exactly the built index.html over
 * file:// (query and hash ignored). Development: the dev server's origin.
 */
export function isAppUrl(url: string | undefined | null, origin: AppOrigin): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (origin.devUrl) {
    try {
      const dev = new URL(origin.devUrl);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin) return true;
    } catch {
      /* a malformed dev URL trusts nothing */
    }
  }
  if (u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return false;
  let file: string;
  try {
    file = fileURLToPath(new URL(u.pathname, 'file://'));
  } catch {
    return false;
  }
  return path.normalize(file) === path.normalize(origin.rendererIndex);
}

/**
 * Where the better-sqlite3 build for Electron's ABI lives
 * (scripts/build-electron-sqlite.mjs writes it; electron-builder copies it to
 * resources/native/). Returns the first that exists, or undefined.
 */
export function electronSqliteBinding(opts: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
  exists?: (p: string) => boolean;
}): string | undefined {
  const exists = opts.exists ?? ((p: string) => fs.existsSync(p));
  const candidates = opts.isPackaged
    ? [path.join(opts.resourcesPath, 'native', 'better_sqlite3.node')]
    : [path.join(opts.appPath, 'native', 'electron', 'better_sqlite3.node')];
  return candidates.find((p) => exists(p));
}

/** A file name for a backup offered in the save dialog: 营商环境数据备份-20260115-0930.db */
export function defaultBackupName(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `营商环境数据备份-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}.db`;
}
