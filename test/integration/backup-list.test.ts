/** backup.list: the finished backups in the store's backups folder, newest first, by kind. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore } from '../../electron/core/store';
import { miniSeeds } from '../fixtures/mini-seeds';
import { tmpDir } from '../helpers/tmp';

describe('backup.list', () => {
  it('lists made and automatic backups newest first, skipping half-written and foreign files', async () => {
    const dir = tmpDir('ys-backuplist-');
    const ctx = await openStore({ dbFile: path.join(dir, 'w.db'), seeds: miniSeeds(), user: 'tester' });
    const none = await invoke(ctx, 'backup.list', {});
    expect(none).toEqual({ ok: true, value: [] });

    const made = await invoke(ctx, 'backup.create', {});
    expect(made.ok).toBe(true);
    const first = made.ok ? made.value.file : '';
    // An older pre-migration backup, a half-written one and a stray file beside them.
    const old = path.join(ctx.backupDir, '升级前备份-v2-2025-01-01T00-00-00-000Z.db');
    fs.copyFileSync(first, old);
    fs.utimesSync(old, new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'));
    fs.writeFileSync(path.join(ctx.backupDir, '备份-x.db.part'), 'half');
    fs.writeFileSync(path.join(ctx.backupDir, '说明.txt'), 'notes');
    await new Promise((r) => setTimeout(r, 20));
    const restored = await invoke(ctx, 'backup.restore', { file: first });
    expect(restored.ok).toBe(true);

    const r = await invoke(ctx, 'backup.list', {});
    expect(r.ok).toBe(true);
    const list = r.ok ? r.value : [];
    expect(list.map((b) => b.kind)).toEqual(['pre-restore', 'manual', 'pre-migration']);
    expect(list[1]).toMatchObject({ file: first, name: path.basename(first) });
    expect(list[1]!.bytes).toBe(fs.statSync(first).size);
    expect(list.every((b) => path.dirname(b.file) === ctx.backupDir)).toBe(true);
    closeStore(ctx);
  });
});
