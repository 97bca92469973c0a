import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openStore, closeStore } from '../../electron/core/store';
import { invoke } from '../../electron/core/dispatch';
import { tmpDir } from '../helpers/tmp';
import { miniSeeds } from '../fixtures/mini-seeds';

const dir = tmpDir('ys-consolidate-');

/** A long-format file as a city would send it. */
async function longFile(name: string, rows: Array<[string, string, string, number | string, string?]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['地区', '期间', '指标代码', '实际值', '备注']);
  for (const r of rows) ws.addRow([r[0], r[1], r[2], r[3], r[4] ?? '']);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('province consolidation of many long-format files', async () => {
  const ctx = await openStore({ dbFile: path.join(dir, 'c.db'), seeds: miniSeeds(), user: 'province' });
  await invoke(ctx, 'observations.set', { indicator: 'KB-TIME', region: '三亚', period: '2026Q1', value: 1.1 });

  const haikou = await longFile('海口.xlsx', [
    ['海口', '2026Q1', 'KB-TIME', 0.9],
    ['海口', '2026Q1', 'DL-LOW-DAYS', 6],
    ['三亚', '2026Q1', 'KB-TIME', 1.1], // agrees with the store
  ]);
  const sanya = await longFile('三亚.xlsx', [
    ['三亚市', '2026年第一季度', 'KB-TIME', 1.3], // differs from the store
    ['海口市', '2026Q1', 'DL-LOW-DAYS', 7], // differs from 海口.xlsx
    ['白沙', '2026Q1', 'DL-LOW-DAYS', 9],
  ]);

  it('shows conflicts side by side with both sources and writes nothing', async () => {
    const res = await invoke(ctx, 'consolidate.preview', { files: [haikou, sanya] });
    if (!res.ok) throw new Error(res.error.message);
    const p = res.value;
    expect(p.files.map((f) => f.fileName)).toEqual(['海口.xlsx', '三亚.xlsx']);
    expect(p.newValues).toBe(2); // 海口 KB-TIME, 白沙 DL-LOW-DAYS
    expect(p.unchangedValues).toBe(0);
    const byKey = Object.fromEntries(p.conflicts.map((c) => [c.key, c]));
    expect(Object.keys(byKey).sort()).toEqual(['DL-LOW-DAYS|460100|2026Q1', 'KB-TIME|460200|2026Q1']);
    const storeConflict = byKey['KB-TIME|460200|2026Q1']!;
    expect(storeConflict.store).toMatchObject({ value: 1.1, sourceKind: 'manual', updatedBy: 'province' });
    expect(storeConflict.candidates).toEqual([
      { fileIndex: 0, fileName: '海口.xlsx', sheet: '数据', cell: 'D4', value: 1.1 },
      { fileIndex: 1, fileName: '三亚.xlsx', sheet: '数据', cell: 'D2', value: 1.3 },
    ]);
    expect(byKey['DL-LOW-DAYS|460100|2026Q1']!.candidates.map((c) => c.value)).toEqual([6, 7]);
    const obs = await invoke(ctx, 'observations.list', {});
    expect(obs.ok && obs.value).toHaveLength(2); // the seeded 2025 figure and 三亚's stored value
  });

  it('refuses to commit while a conflict is unresolved', async () => {
    const res = await invoke(ctx, 'consolidate.commit', { files: [haikou, sanya], resolutions: [{ key: 'KB-TIME|460200|2026Q1', choose: 'store' }] });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/还有 1 处数据冲突/);
    const obs = await invoke(ctx, 'observations.list', {});
    expect(obs.ok && obs.value).toHaveLength(2); // the seeded 2025 figure and 三亚's stored value
  });

  it('commits the union with the chosen values, one batch per file with lineage', async () => {
    const res = await invoke(ctx, 'consolidate.commit', {
      files: [haikou, sanya],
      resolutions: [
        { key: 'KB-TIME|460200|2026Q1', choose: 'store' },
        { key: 'DL-LOW-DAYS|460100|2026Q1', choose: 1 },
      ],
    });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.batches.map((b) => b.accepted)).toEqual([1, 2]);
    const obs = await invoke(ctx, 'observations.list', {});
    if (!obs.ok) throw new Error('list');
    const v = Object.fromEntries(obs.value.map((o) => [`${o.indicator}|${o.region}`, o]));
    expect(v['KB-TIME|460200']).toMatchObject({ value: 1.1, sourceKind: 'manual' });
    expect(v['KB-TIME|460100']).toMatchObject({ value: 0.9, fileName: '海口.xlsx', sheet: '数据', cell: 'D2' });
    expect(v['DL-LOW-DAYS|460100']).toMatchObject({ value: 7, fileName: '三亚.xlsx', cell: 'D3' });
    expect(v['DL-LOW-DAYS|469025']).toMatchObject({ value: 9, fileName: '三亚.xlsx', cell: 'D4' });
    // Each batch can be undone on its own.
    const undo = await invoke(ctx, 'import.undo', { batchId: res.value.batches[1]!.batchId! });
    expect(undo.ok && undo.value.restored).toBe(2);
    closeStore(ctx);
  });
});
