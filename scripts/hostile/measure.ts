/** Time and memory of one guard run, for `make-hostile-corpus.ts --measure`. */
import path from 'node:path';
import { guardXlsx } from '../../electron/core/returns/xlsx-guard';

/** One guard run with wall time and resident-set growth (peak sampled every 2 ms). */
export async function measureGuard(file: string): Promise<{ file: string; ms: number; rssBeforeMB: number; rssPeakGrowthMB: number; check: string; message: string }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  const t0 = performance.now();
  let check = 'pass';
  let message = '';
  try {
    await guardXlsx(file);
  } catch (e) {
    const details = (e as { details?: { check?: string } }).details;
    check = details?.check ?? (e as Error).name;
    message = (e as Error).message;
  }
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const MB = 1024 * 1024;
  return { file: path.basename(file), ms: Math.round(ms), rssBeforeMB: Math.round(before / MB), rssPeakGrowthMB: Math.round((peak - before) / MB), check, message };
}
