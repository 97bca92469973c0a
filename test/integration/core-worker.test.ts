import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCoreWorker } from '../../electron/core/worker-client';
import { tmpDir } from '../helpers/tmp';

const root = path.resolve(__dirname, '../..');

describe('the core in a worker thread (the desktop shell’s way)', () => {
  it('serves the same handler table, with progress, off the main thread', async () => {
    const dbFile = path.join(tmpDir('ys-worker-'), 'w.db');
    // Under plain Node the worker runs the TypeScript source through tsx; the desktop build bundles it.
    const core = startCoreWorker(path.join(root, 'electron', 'core', 'worker.ts'), { dbFile, nativeBinding: null });
    expect(await core.ready).toBe(dbFile);
    const check = await core.invoke('app.check', {});
    expect(check).toMatchObject({ ok: true, value: { integrity: 'ok' } });
    const bad = await core.invoke('no.such.channel', {});
    expect(bad).toMatchObject({ ok: false, error: { kind: 'usage' } });

    // The main thread stays free while the worker works.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const exported = await core.invoke('reports.export', { period: '2025Q4', out: path.join(path.dirname(dbFile), 'r.xlsx') }, () => {});
    clearInterval(timer);
    expect(exported.ok).toBe(true);
    expect(ticks).toBeGreaterThan(0);
    await core.close();
  });

  it('reports a database it cannot open instead of hanging', async () => {
    const dir = tmpDir('ys-worker-bad-');
    const aFile = path.join(dir, 'not-a-folder');
    fs.writeFileSync(aFile, 'x');
    const core = startCoreWorker(path.join(root, 'electron', 'core', 'worker.ts'), { dbFile: path.join(aFile, 'x.db'), nativeBinding: null });
    await expect(core.ready).rejects.toThrow();
    const r = await core.invoke('app.check', {});
    expect(r.ok).toBe(false);
    await core.close();
  });
});
