/**
 * The files the person chose in the shell's own dialogs. A page may name a
 * path outside the data folder's exchange folders only if it is one of these
 * (electron/core/path-policy.ts): a compromised page cannot make up a path,
 * it can only use what the person picked. Plain module (no 'electron'), so it
 * is tested under Node.
 *
 * A file from a save dialog may be written and read back; one from an open
 * dialog may only be read. Grants last while the app runs; the oldest are
 * forgotten beyond MAX_GRANTS.
 */
import path from 'node:path';

export type Access = 'read' | 'write';

const MAX_GRANTS = 1000;
const grants = new Map<string, Access>();

function key(p: string): string {
  const r = path.resolve(p);
  return process.platform === 'win32' ? r.toLowerCase() : r;
}

function usable(p: unknown): p is string {
  return typeof p === 'string' && p.length > 0 && !p.includes('\0') && path.isAbsolute(p);
}

/** Call with the path a dialog returned: 'write' for a save dialog, 'read' for an open dialog. */
export function grantPath(p: string, access: Access): void {
  if (!usable(p)) return;
  const k = key(p);
  const had = grants.get(k);
  grants.delete(k);
  grants.set(k, had === 'write' ? 'write' : access);
  while (grants.size > MAX_GRANTS) grants.delete(grants.keys().next().value as string);
}

/** Was exactly this file chosen by the person, for this kind of access? */
export function isGranted(p: string, access: Access): boolean {
  if (!usable(p)) return false;
  const g = grants.get(key(p));
  return g === 'write' || (g === 'read' && access === 'read');
}

/** Forget every grant (tests; a restart does the same). */
export function revokeAllGrants(): void {
  grants.clear();
}
