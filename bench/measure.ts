/**
 * Runs a bench task in its own process so its peak RSS is its own. TypeScript
 * tasks run under tsx's CommonJS hook (--require tsx/cjs), as the code is
 * CommonJS: tsx's ESM hook (--import tsx) would add a loader thread of its own
 * (about 35 MB and some startup) that the built app does not have.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface TaskResult {
  ms: number;
  peakRssMb: number;
  [key: string]: unknown;
}

export function runTask(task: string, args: string[] = [], cmd?: string[]): TaskResult {
  const root = path.resolve(__dirname, '..');
  const argv = cmd ?? [process.execPath, '--require', 'tsx/cjs', path.join(root, 'bench', 'tasks', `${task}.ts`), ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 });
  if (r.status !== 0) throw new Error(`${task} failed (${r.signal ?? r.status}): ${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(last) as TaskResult;
}

/** Median of `runs` timings of fn, in ms. */
export function medianMs(fn: () => void, runs = 15): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** medianMs for async work: one run to warm up, then the median of `runs`. */
export async function medianMsAsync(fn: () => Promise<void>, runs = 15): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
