/**
 * A full or read-only disk: a clear Chinese error, nothing half-written, and
 * the same running app goes on working once the disk is back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { checkConsistency } from '../../electron/core/db/consistency';
import { integrity } from '../../electron/core/db/open';
import { closeStore, openStore } from '../../electron/core/store';
import { mountTinyFs } from '../helpers/tinyfs';
import { writeLongReturn } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const work = tmpDir('ys-disk-');

describe('disk faults', async () => {
  const disk = mountTinyFs(24 * 1024 * 1024);
  afterAll(() => disk.unmount());
  const ctx = await openStore({ dbFile: path.join(disk.dir, 'workstation.db'), user: 'tester' });
  afterAll(() => closeStore(ctx));
  const big = path.join(work, 'big.xlsx');
  await writeLongReturn(big, 8000, { note: () => '说明文字'.repeat(5) });

  it('a full disk refuses an import with a plain message, writes nothing, and the app goes on', async () => {
    disk.fill(64 * 1024);
    const res = await invoke(ctx, 'import.commit', { file: big });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/磁盘空间已满/);
    expect(integrity(ctx.db)).toBe('ok');
    expect(checkConsistency(ctx.db)).toEqual({ mismatches: [], partialBatches: [] });
    const batches = await invoke(ctx, 'import.batches', {});
    expect(batches.ok && batches.value).toHaveLength(0);
    // Reading still works while the disk is full.
    expect((await invoke(ctx, 'catalogue.get', {})).ok).toBe(true);

    disk.unfill();
    const again = await invoke(ctx, 'import.commit', { file: big });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.accepted).toBe(8000);
  });

  it('a full disk refuses an export and leaves the old report and no partial file', async () => {
    const out = path.join(disk.dir, 'report.xlsx');
    fs.writeFileSync(out, 'OLD');
    disk.fill(16 * 1024);
    const res = await invoke(ctx, 'reports.export', { period: '2021Q4', out });
    disk.unfill();
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/磁盘空间已满/);
    expect(fs.readFileSync(out, 'utf8')).toBe('OLD');
    expect(fs.readdirSync(disk.dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('a read-only disk: saving there is refused in plain words, opening a store there is refused, and the app goes on', async () => {
    const ro = mountTinyFs(32 * 1024 * 1024);
    try {
      const dbThere = path.join(ro.dir, 'copy.db');
      expect((await invoke(ctx, 'backup.create', { out: dbThere })).ok).toBe(true);
      ro.readOnly(true);
      const exported = await invoke(ctx, 'reports.export', { period: '2021Q4', out: path.join(ro.dir, 'r.xlsx') });
      expect(exported.ok).toBe(false);
      if (!exported.ok) expect(exported.error.message).toMatch(/只读/);
      const backup = await invoke(ctx, 'backup.create', { out: path.join(ro.dir, 'b.db') });
      expect(backup.ok).toBe(false);
      if (!backup.ok) expect(backup.error.message).toMatch(/只读/);
      await expect(openStore({ dbFile: dbThere })).rejects.toThrow(/只读/);
      // The running app is unharmed.
      const ok = await invoke(ctx, 'observations.set', { indicator: 'A01-01', region: '海口', period: '2026Q1', value: 1 });
      expect(ok).toEqual({ ok: true, value: { outcome: 'new' } });
      expect(integrity(ctx.db)).toBe('ok');
    } finally {
      ro.unmount();
    }
  });
});
