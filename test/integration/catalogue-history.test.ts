/** catalogue.history: one indicator's catalogue story (its row and its targets'), newest first, from the append-only history. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore } from '../../electron/core/store';
import { miniSeeds } from '../fixtures/mini-seeds';
import { call } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

describe('catalogue.history', () => {
  it('tells the seeding, then hand edits with their reasons, field by field; other indicators stay out', async () => {
    const ctx = await openStore({ dbFile: path.join(tmpDir('ys-cathist-'), 'c.db'), seeds: miniSeeds(), user: 'tester' });
    const seeded = await call(ctx, 'catalogue.history', { indicator: 'KB-TIME' });
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.every((e) => e.source.startsWith('seed:') && e.kind === 'created')).toBe(true);
    expect(seeded.some((e) => e.entity === 'indicator' && e.key === 'KB-TIME')).toBe(true);
    expect(seeded.every((e) => e.key === 'KB-TIME' || e.key.startsWith('KB-TIME/'))).toBe(true);

    await call(ctx, 'catalogue.setTarget', {
      indicator: 'KB-TIME', year: 2030, comparator: '<=', value: 2, source: { doc: 'e2e', clause: '第一条' }, reason: '新方案',
    });
    await call(ctx, 'catalogue.setTarget', { indicator: 'KB-TIME', year: 2030, value: 1.5, reason: '调低' });
    await call(ctx, 'catalogue.setIndicator', { code: 'KB-TIME', name: '企业开办全流程时间', reason: '改名' });
    // Another indicator's change is not in this story.
    await call(ctx, 'catalogue.setIndicator', { code: 'DL-LOW-DAYS', name: '低压接电时间', reason: '改名' });

    const history = await call(ctx, 'catalogue.history', { indicator: 'KB-TIME' });
    const [renamed, lowered, added] = history;
    expect(renamed).toMatchObject({ entity: 'indicator', kind: 'changed', source: 'manual', reason: '改名', user: 'tester', changes: [{ field: 'name', old: '企业开办时间', new: '企业开办全流程时间' }] });
    expect(lowered).toMatchObject({ entity: 'target', key: 'KB-TIME/2030/全省', kind: 'changed', reason: '调低', changes: [{ field: 'value', old: 2, new: 1.5 }] });
    expect(added).toMatchObject({ entity: 'target', key: 'KB-TIME/2030/全省', kind: 'created', reason: '新方案' });
    expect(added!.changes).toContainEqual({ field: 'value', old: null, new: 2 });
    expect(history.slice(3)).toEqual(seeded);

    const limited = await invoke(ctx, 'catalogue.history', { indicator: 'KB-TIME', limit: 2 });
    expect(limited.ok && limited.value.map((e) => e.id)).toEqual([renamed!.id, lowered!.id]);
    closeStore(ctx);
  });
});
