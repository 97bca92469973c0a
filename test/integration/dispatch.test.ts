import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, closeStore } from '../../electron/core/store';
import { invoke } from '../../electron/core/dispatch';
import { tmpDir } from '../helpers/tmp';
import { miniSeeds } from '../fixtures/mini-seeds';

describe('the handler table at its boundary', async () => {
  const ctx = await openStore({ dbFile: path.join(tmpDir('ys-dispatch-'), 'd.db'), seeds: miniSeeds(), user: 'tester' });

  it('rejects unknown channels and malformed input with Chinese messages', async () => {
    const unknown = await invoke(ctx, 'fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'usage' } });
    const bad = await invoke(ctx, 'observations.set', { indicator: 'KB-TIME', region: '海口', period: '2026年', value: 'abc' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/请求内容不合法/);
    const extra = await invoke(ctx, 'app.check', { sneaky: 1 });
    expect(extra.ok).toBe(false);
  });

  it('writes a manual value with its history and reads it back', async () => {
    const set = await invoke(ctx, 'observations.set', { indicator: 'DL-LOW-DAYS', region: '三亚', period: '2026Q2', value: 7, note: '测试' });
    expect(set).toEqual({ ok: true, value: { outcome: 'new' } });
    const list = await invoke(ctx, 'observations.list', { indicator: 'DL-LOW-DAYS' });
    expect(list.ok && list.value).toMatchObject([{ region: '460200', period: '2026Q2', value: 7, sourceKind: 'manual', updatedBy: 'tester' }]);
    const hist = await invoke(ctx, 'observations.history', { region: '三亚市' });
    expect(hist.ok && hist.value[0]).toMatchObject({ oldValue: null, newValue: 7, osUser: 'tester' });
    const missing = await invoke(ctx, 'observations.set', { indicator: 'NOPE', region: '三亚', period: '2026Q2', value: 7 });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('check reports integrity ok', async () => {
    const res = await invoke(ctx, 'app.check', {});
    expect(res).toEqual({ ok: true, value: { integrity: 'ok', indicators: 2, regions: 4, observations: 2, batches: 0 } });
    closeStore(ctx);
  });
});
