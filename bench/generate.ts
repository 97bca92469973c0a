/**
 * Deterministic bench data: a store with the real catalogue and regions and
 * `values` observations spread over regions × indicators × quarters from
 * 2021Q1 on (fixed seed), each with its history row, as the app writes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { closeStore, openStore } from '../electron/core/store';
import { applyObservationChanges, type ObservationChange } from '../electron/core/observations/write';

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export interface GeneratedStore {
  file: string;
  values: number;
  quarters: number;
}

/** Quarters 2021Q1.. as many as needed; beyond 2030 the store is synthetic history, which is what a load test wants. */
function quarterCodes(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${2021 + Math.floor(i / 4)}Q${(i % 4) + 1}`);
  return out;
}

export async function generateStore(file: string, values: number, seed = 42): Promise<GeneratedStore> {
  if (fs.existsSync(file)) fs.rmSync(file);
  for (const ext of ['-wal', '-shm']) fs.rmSync(file + ext, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const ctx = await openStore({ dbFile: file, user: 'bench' });
  const indicators = ctx.db.prepare(`SELECT code FROM indicators WHERE retired = 0 ORDER BY sort`).all() as Array<{ code: string }>;
  const regions = ctx.db.prepare(`SELECT code FROM regions ORDER BY sort`).all() as Array<{ code: string }>;
  const perQuarter = indicators.length * regions.length;
  const quarters = quarterCodes(Math.ceil(values / perQuarter));
  const rnd = lcg(seed);
  const at = '2026-01-01T00:00:00.000Z';
  let n = 0;
  // One quarter per transaction, written as one batch (the same rows and history as one change at a time).
  const batch = ctx.db.transaction((q: string) => {
    const changes: ObservationChange[] = [];
    for (const r of regions)
      for (const i of indicators) {
        if (n >= values) break;
        n++;
        changes.push({
          indicator: i.code, region: r.code, period: q, value: Math.round(rnd() * 1000) / 10,
          source: { kind: 'manual' }, user: 'bench', at,
        });
      }
    applyObservationChanges(ctx.db, changes);
  });
  for (const q of quarters) {
    if (n >= values) break;
    batch(q);
  }
  closeStore(ctx);
  return { file, values: n, quarters: quarters.length };
}
