/**
 * applyObservationChanges (the set-based writer imports use) against
 * applyObservationChange called once per change: on two copies of the same
 * store, the same changes must leave identical observations and identical
 * history (ids included), give the same outcomes, and refuse the same way.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { applyObservationChange, applyObservationChanges, ensurePeriod, type ObservationChange } from '../../electron/core/observations/write';
import { closeStore, openStore, type CoreContext } from '../../electron/core/store';
import { returnsSeeds } from '../fixtures/mini-seeds';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-batch-');
let seq = 0;

async function store(): Promise<CoreContext> {
  return openStore({ dbFile: path.join(dir, `b${++seq}.db`), seeds: returnsSeeds(), user: 'tester' });
}

function dump(db: Database) {
  return {
    observations: db.prepare("SELECT rowid, * FROM observations WHERE source_kind <> 'seed' ORDER BY rowid").all(),
    history: db.prepare("SELECT * FROM observation_history WHERE source_kind <> 'seed' ORDER BY id").all(),
    periods: db.prepare('SELECT * FROM periods ORDER BY code').all(),
  };
}

function attempt<T>(fn: () => T): { ok: T } | { error: string } {
  try {
    return { ok: fn() };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { error: `${e.kind}: ${e.message}` };
  }
}

describe('applyObservationChanges writes exactly what applyObservationChange does, change by change', async () => {
  const stores: CoreContext[] = [];
  afterAll(() => stores.forEach(closeStore));

  const indicators = ['KB-TIME', 'DL-LOW-DAYS', 'ZW-ONLINE', 'DL-OUTAGE', 'KJ-COST', 'YJS-ONLINE'];
  const regions = ['460000', '460100', '460200', '469025'];
  const source = { kind: 'import' as const, batchId: 'B1', fileName: '长表.xlsx', sheet: '数据' };
  function changes(round: number, count: number): ObservationChange[] {
    const out: ObservationChange[] = [];
    let n = 0;
    for (let y = 2021; out.length < count; y++)
      for (let q = 1; q <= 4 && out.length < count; q++)
        for (const region of regions)
          for (const indicator of indicators) {
            if (out.length >= count) break;
            n++;
            const value = n % 5 === 0 ? 10 : Math.round(((n * 7919 + round * 104729) % 100_000) / 7) / 10 + (n % 3) * Number.EPSILON;
            out.push({
              indicator, region, period: n % 11 === 0 ? String(y) : `${y}Q${q}`, value,
              note: n % 4 === 0 ? undefined : n % 4 === 1 ? '' : `备注“${n}”\n'第二行'`,
              source: { ...source, batchId: `B${round}`, cell: `D${n + 1}` }, user: 'tester', at: `2026-01-0${round}T00:00:00.000Z`,
            });
          }
    return out;
  }

  async function pair() {
    const a = await store();
    const b = await store();
    stores.push(a, b);
    for (const ctx of [a, b]) {
      ctx.db.prepare(`INSERT INTO import_batches(id, kind, file_name, sha256, created_at, created_by) VALUES ('B1','long','f','x','t','u'), ('B2','long','f','x','t','u')`).run();
    }
    return { a, b };
  }

  function both(a: CoreContext, b: CoreContext, list: ObservationChange[]) {
    const one = attempt(() => a.db.transaction(() => list.map((c) => applyObservationChange(a.db, c)))());
    const many = attempt(() => b.db.transaction(() => applyObservationChanges(b.db, list))());
    expect(many).toEqual(one);
    expect(dump(b.db)).toEqual(dump(a.db));
    return one;
  }

  it('new, changed and unchanged values, notes kept or replaced, years and quarters', async () => {
    const { a, b } = await pair();
    const first = both(a, b, changes(1, 500));
    expect(first).toMatchObject({ ok: expect.arrayContaining(['new']) });
    // The second round changes some values, repeats others, leaves notes out: unchanged, changed and kept notes.
    const second = changes(2, 700).map((c, i) => (i % 3 === 0 ? { ...changes(1, 700)[i]!, source: c.source, at: c.at } : c));
    const again = both(a, b, second);
    expect((again as { ok: string[] }).ok).toEqual(expect.arrayContaining(['new', 'changed', 'unchanged']));
  });

  it('a locked period refuses the whole batch, as the first locked change does one by one', async () => {
    const { a, b } = await pair();
    for (const ctx of [a, b]) {
      ensurePeriod(ctx.db, '2022Q2');
      ctx.db.prepare(`INSERT INTO returns(region, period, state, changed_at, changed_by) VALUES ('460100', '2022Q2', 'approved', 't', 'u')`).run();
    }
    const r = both(a, b, changes(1, 300));
    expect(r).toEqual({ error: expect.stringMatching(/^rejected: 2022Q2 的数据已审定锁定/) });
  });

  it('an unreadable period is refused the same way', async () => {
    const { a, b } = await pair();
    const list = changes(1, 200);
    list[150] = { ...list[150]!, period: '2026Q5' };
    expect(both(a, b, list)).toEqual({ error: 'rejected: 无法识别的期间：2026Q5' });
  });

  it('removals and a key changed twice in one batch go one by one', async () => {
    const { a, b } = await pair();
    both(a, b, changes(1, 100));
    const list = changes(2, 100);
    list.push({ ...list[0]!, value: 42 });
    both(a, b, list);
    both(a, b, [...changes(1, 100), { ...list[1]!, value: null }]);
  });
});
