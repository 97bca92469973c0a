/**
 * The log is copied into the database file after a request has answered, not
 * inside its commit (db/checkpoint.ts): right after an import returns, its
 * pages are still only in the -wal file; a moment later they are in the
 * database file, and a reopened store reads every value.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore } from '../../electron/core/store';
import { counts, writeLongReturn } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-ckpt-');

describe('checkpoints after the answer', () => {
  it('an import’s commit leaves its pages in the log; they reach the database file once the request has answered', async () => {
    const dbFile = path.join(dir, 'c.db');
    const file = path.join(dir, 'r.xlsx');
    await writeLongReturn(file, 6000, { value: (n) => 5 + (n % 3) });
    const ctx = await openStore({ dbFile, user: 'tester' });
    expect(ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    const before = fs.statSync(dbFile).size;

    const r = await invoke(ctx, 'import.commit', { file });
    expect(r.ok).toBe(true);
    // Answered: the commit is durable in the log, the database file not yet touched.
    expect(fs.statSync(dbFile).size).toBe(before);
    expect(fs.statSync(`${dbFile}-wal`).size).toBeGreaterThan(1_000_000);

    await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(dbFile).size).toBeGreaterThan(before + 1_000_000);
    closeStore(ctx);

    const again = await openStore({ dbFile, user: 'tester' });
    expect(counts(again.db).observations).toBeGreaterThanOrEqual(6000);
    closeStore(again);
  });
});
