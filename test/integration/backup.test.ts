import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openStore, closeStore } from '../../electron/core/store';
import { invoke } from '../../electron/core/dispatch';
import { connect } from '../../electron/core/db/driver';
import { tmpDir } from '../helpers/tmp';
import { miniSeeds } from '../fixtures/mini-seeds';

const dir = tmpDir('ys-backup-');

function dump(db: Database): Record<string, unknown[]> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()]));
}

describe('backup and restore', () => {
  it('a backup restores to an identical database', async () => {
    const ctx = await openStore({ dbFile: path.join(dir, 'live.db'), seeds: miniSeeds(), user: 'tester' });
    const set = (value: number | null) =>
      invoke(ctx, 'observations.set', { indicator: 'KB-TIME', region: '海口', period: '2026Q1', value });
    expect((await set(1.2)).ok).toBe(true);
    const before = dump(ctx.db);

    const backupFile = path.join(dir, 'b1.db');
    const made = await invoke(ctx, 'backup.create', { out: backupFile });
    expect(made).toEqual({ ok: true, value: { file: backupFile } });
    const copy = connect(backupFile, { readonly: true });
    expect(dump(copy)).toEqual(before);
    copy.close();

    await set(3);
    await set(null);
    expect(dump(ctx.db)).not.toEqual(before);

    const restored = await invoke(ctx, 'backup.restore', { file: backupFile });
    if (!restored.ok) throw new Error(restored.error.message);
    expect(restored.value.restored.observations).toBe(2);
    expect(dump(ctx.db)).toEqual(before);

    // The state before the restore was kept, so the restore can itself be undone.
    const safety = connect(restored.value.safetyCopy, { readonly: true });
    expect((safety.prepare('SELECT count(*) n FROM observation_history').get() as { n: number }).n).toBe(4);
    safety.close();
    closeStore(ctx);

    // And the file on disk, reopened, is the restored one.
    const again = await openStore({ dbFile: path.join(dir, 'live.db'), seeds: miniSeeds(), user: 'tester' });
    expect(dump(again.db)).toEqual(before);
    closeStore(again);
  });

  it('refuses to restore a file that is not a backup', async () => {
    const ctx = await openStore({ dbFile: path.join(dir, 'live2.db'), seeds: miniSeeds() });
    const bogus = path.join(dir, 'bogus.db');
    require('node:fs').writeFileSync(bogus, 'not a database at all, just text'.repeat(200));
    const res = await invoke(ctx, 'backup.restore', { file: bogus });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/不是工作站的数据库|无法读取/);
    closeStore(ctx);
  });
});
