import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** A deterministic pseudo-random sequence, so a failing round can be replayed. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Runs the real CLI with `node --import tsx` (one process, so SIGKILL hits
 * the process doing the work) and kills it after `delayMs` unless it ends
 * first. Resolves with the exit code (null when killed).
 */
export function runCliAndKill(args: string[], delayMs: number): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'cli.ts'), ...args], { cwd: root, stdio: 'ignore' });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
