/** The built app (out/), for tests that run the real bundles rather than the sources. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

let built = false;

/** Builds main, preload and renderer (scripts/start.mjs --build-only), once per test file. */
export function buildAppOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--build-only'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}
