/**
 * 省级汇总 end to end, in Chromium against browser mode with a real
 * temporary store (test/e2e/harness.ts): two cities' long-format files,
 * written here with exceljs, are uploaded together through the file input and
 * compared. One file agrees with a value typed in earlier, the other differs
 * from it, and the two files disagree with each other on a third value: both
 * conflicts are shown side by side with their sources, 确认汇总 stays disabled
 * until each has a choice, and after the commit the store holds the chosen
 * values with their lineage (file, sheet, cell) and the typed-in value where
 * it was kept. A file with an invalid cell blocks the roll-up, naming the cell.
 * Screenshot at 1366×768 into test-results/screenshots/consolidate-1366.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorView } from '../../shared/contract';
import { CHROMIUM, hasChromium, SHOTS, startE2E, type E2E, type TrackedPage } from './harness';

const SCREENSHOTS = path.join(SHOTS, 'screenshots');
const P = '2026Q1';

if (!hasChromium) console.warn(`[consolidate e2e] 跳过：找不到 Chromium（${CHROMIUM}）。`);

/** A long-format file as a city would send it: 地区, 期间, 指标代码, 实际值, 备注 on sheet 数据. */
async function longFile(dir: string, name: string, rows: Array<[string, string, string, number | string]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['地区', '期间', '指标代码', '实际值', '备注']);
  for (const r of rows) ws.addRow([...r, '']);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function waitForApp(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: '营商环境指标监测工作站' }).waitFor();
  await page.waitForFunction(() => {
    const s = document.querySelector<HTMLSelectElement>('[data-testid="period-select"]');
    return !!s && !s.disabled && s.value !== '';
  });
}

describe.skipIf(!hasChromium)('省级汇总 (province consolidation), end to end', () => {
  let e2e: E2E;
  let tracked: TrackedPage;
  let page: Page;
  let a: IndicatorView; // the indicator 三亚 already has a typed-in value for
  let b: IndicatorView; // the one the two files disagree on
  const code: Record<string, string> = {};

  beforeAll(async () => {
    e2e = await startE2E('ys-e2e-consolidate-');
    const catalogue = (await e2e.call('catalogue.get', {})).indicators;
    const numeric = catalogue.filter((i) => !i.retired && (i.direction === 'lower' || i.direction === 'higher') && i.unit === '天');
    [a, b] = numeric as [IndicatorView, IndicatorView];
    expect(a && b).toBeTruthy();
    for (const r of await e2e.call('regions.list', {})) code[r.name] = r.code;
    for (const name of ['海口市', '三亚市', '琼海市']) expect(code[name], name).toBeTruthy();
    expect(await e2e.call('observations.list', { period: P })).toEqual([]);
    // Typed in earlier: 三亚 (which one file repeats and the other contradicts) and 琼海 (repeated as is).
    await e2e.call('observations.set', { indicator: a.code, region: code['三亚市']!, period: P, value: 1.1 });
    await e2e.call('observations.set', { indicator: a.code, region: code['琼海市']!, period: P, value: 5 });

    tracked = await e2e.newPage({ width: 1366, height: 768 });
    page = tracked.page;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.goto(e2e.web.url);
    await waitForApp(page);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('compares two files, shows the conflicts side by side, commits the chosen values with their lineage', async () => {
    const haikou = await longFile(e2e.dir, '海口市 汇总.xlsx', [
      ['海口', P, a.code, 0.9], // new
      ['海口', P, b.code, 6], // differs from 三亚's file
      ['三亚', P, a.code, 1.1], // agrees with the store
      ['琼海', P, a.code, 5], // agrees with the store
    ]);
    const sanya = await longFile(e2e.dir, '三亚市 汇总.xlsx', [
      ['三亚市', '2026年第一季度', a.code, 1.3], // differs from the store
      ['海口市', P, b.code, 7], // differs from 海口's file
      ['琼海', P, b.code, 9], // new
    ]);

    await page.locator('button.nav-item[data-page="import"]').click();
    await page.locator('.ub-import').waitFor();
    await page.getByRole('tab', { name: '省级汇总' }).click();
    await page.getByTestId('consolidate-file-input').setInputFiles([haikou, sanya]);
    const files = page.locator('[data-testid="consolidate-files"] tbody tr');
    await expect.poll(() => files.count()).toBe(2);
    expect(await files.nth(0).textContent()).toContain('海口市 汇总.xlsx');
    expect(await files.nth(1).textContent()).toContain('三亚市 汇总.xlsx');

    await page.getByTestId('consolidate-compare').click();
    const rows = page.getByTestId('conflict-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await files.nth(0).locator('td').nth(3).textContent()).toBe('4');
    expect(await files.nth(1).locator('td').nth(3).textContent()).toBe('3');
    const totals = (await page.getByTestId('consolidate-totals').textContent()) ?? '';
    expect(totals).toContain('新增 2 个值');
    expect(totals).toContain('与库中相同 1 个');
    expect(totals).toContain('数据冲突 2 处');

    // The store conflict: the typed-in value with its lineage next to each file's value and cell.
    const storeRow = page.locator(`[data-testid="conflict-row"][data-key="${a.code}|${code['三亚市']}|${P}"]`);
    const storeText = (await storeRow.textContent()) ?? '';
    expect(storeText).toContain('三亚市');
    expect(storeText).toContain('2026年第一季度');
    expect(storeText).toContain(a.code);
    expect(storeText).toContain(a.name);
    const stored = storeRow.locator('.ub-cons-store');
    expect(await stored.textContent()).toMatch(/保留库中值\s*1\.1 天\s*手工录入 · e2e · \d{4}-\d{2}-\d{2}/);
    const cands = storeRow.locator('.ub-cons-cands .ub-cons-opt');
    expect(await cands.count()).toBe(2);
    expect(await cands.nth(0).textContent()).toMatch(/1\.1 天.*与库中相同.*海口市 汇总\.xlsx 数据!D4/);
    expect(await cands.nth(1).textContent()).toMatch(/1\.3 天.*三亚市 汇总\.xlsx 数据!D2/);
    // Side by side: one line (tops aligned), stored value first.
    const box = async (l: typeof cands) => {
      const b = await l.boundingBox();
      if (!b) throw new Error('not on screen');
      return b;
    };
    const [s0, c0, c1] = [await box(stored.locator('.ub-cons-opt')), await box(cands.nth(0)), await box(cands.nth(1))];
    expect(Math.abs(s0.y - c0.y)).toBeLessThan(2);
    expect(Math.abs(c0.y - c1.y)).toBeLessThan(2);
    expect(s0.x + s0.width).toBeLessThanOrEqual(c0.x);
    expect(c0.x + c0.width).toBeLessThanOrEqual(c1.x);

    // The cross-file conflict: nothing stored, the two files' values.
    const crossRow = page.locator(`[data-testid="conflict-row"][data-key="${b.code}|${code['海口市']}|${P}"]`);
    expect(await crossRow.locator('.ub-cons-store').textContent()).toContain('库中还没有这个值');
    expect(await crossRow.locator('.ub-cons-cands').textContent()).toMatch(/6 天.*海口市 汇总\.xlsx 数据!D3.*7 天.*三亚市 汇总\.xlsx 数据!D3/);

    // Not before every conflict has a choice.
    const commit = page.getByTestId('consolidate-commit');
    expect(await commit.isDisabled()).toBe(true);
    expect(await page.getByTestId('consolidate-commit-why').textContent()).toContain('还有 2 处冲突没有选择');
    await page.getByTestId('consolidate-all-store').click();
    expect(await storeRow.getByRole('radio', { name: '保留库中值 1.1 天' }).isChecked()).toBe(true);
    expect(await page.getByTestId('consolidate-chosen').textContent()).toBe('已选择 1 / 2');
    expect(await commit.isDisabled()).toBe(true);
    expect(await page.getByTestId('consolidate-commit-why').textContent()).toContain('还有 1 处冲突没有选择');
    // 全部采用最新文件 then back to the stored value, by hand.
    await page.getByTestId('consolidate-all-latest').click();
    expect(await storeRow.getByRole('radio', { name: '采用“三亚市 汇总.xlsx”的值 1.3 天' }).isChecked()).toBe(true);
    expect(await crossRow.getByRole('radio', { name: '采用“三亚市 汇总.xlsx”的值 7 天' }).isChecked()).toBe(true);
    await storeRow.getByRole('radio', { name: '保留库中值 1.1 天' }).check();
    expect(await commit.isEnabled()).toBe(true);
    await page.locator('.ub-cons-conflicts').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'consolidate-1366.png') });

    await commit.click();
    const result = page.getByTestId('consolidate-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('汇总完成：共写入 3 个值，分为 2 个导入批次');
    const batchRows = result.locator('tbody tr');
    expect(await batchRows.count()).toBe(2);
    expect(await batchRows.nth(0).textContent()).toMatch(/海口市 汇总\.xlsx.*1$/);
    expect(await batchRows.nth(1).textContent()).toMatch(/三亚市 汇总\.xlsx.*2$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'consolidate-done-1366.png') });

    // In the store: the chosen values with where they came from; the typed-in value kept.
    const obs = await e2e.call('observations.list', { period: P });
    const v = Object.fromEntries(obs.map((o) => [`${o.indicator}|${o.region}`, o]));
    expect(v[`${a.code}|${code['三亚市']}`]).toMatchObject({ value: 1.1, sourceKind: 'manual', fileName: null, updatedBy: 'e2e' });
    expect(v[`${a.code}|${code['琼海市']}`]).toMatchObject({ value: 5, sourceKind: 'manual' });
    expect(v[`${a.code}|${code['海口市']}`]).toMatchObject({ value: 0.9, sourceKind: 'import', fileName: '海口市 汇总.xlsx', sheet: '数据', cell: 'D2' });
    expect(v[`${b.code}|${code['海口市']}`]).toMatchObject({ value: 7, sourceKind: 'import', fileName: '三亚市 汇总.xlsx', sheet: '数据', cell: 'D3' });
    expect(v[`${b.code}|${code['琼海市']}`]).toMatchObject({ value: 9, sourceKind: 'import', fileName: '三亚市 汇总.xlsx', sheet: '数据', cell: 'D4' });
    expect(obs).toHaveLength(5);

    // Each batch is in 导入记录, to be undone there.
    await result.getByRole('button', { name: '查看导入记录' }).click();
    const listed = page.locator('[data-testid="batches"] tbody tr');
    await listed.first().waitFor();
    const text = (await listed.allTextContents()).join('\n');
    expect(text).toContain('海口市 汇总.xlsx');
    expect(text).toContain('三亚市 汇总.xlsx');
    expect(tracked.errors).toEqual([]);
    expect(tracked.cspViolations).toEqual([]);
  });

  it('blocks the roll-up while a file has an invalid cell, naming the cell and why', async () => {
    const good = await longFile(e2e.dir, '万宁市.xlsx', [['万宁', '2026Q2', a.code, 2]]);
    const bad = await longFile(e2e.dir, '文昌市.xlsx', [
      ['文昌', '2026Q2', a.code, 3],
      ['文昌', '2026Q2', b.code, '三天左右'],
    ]);
    await page.getByRole('tab', { name: '省级汇总' }).click();
    const again = page.getByRole('button', { name: '开始新的汇总' });
    if (await again.isVisible()) await again.click();
    else if (await page.getByRole('button', { name: '清空列表' }).isVisible()) await page.getByRole('button', { name: '清空列表' }).click();
    await page.getByTestId('consolidate-file-input').setInputFiles([good, bad]);
    await page.getByTestId('consolidate-compare').click();
    const rejected = page.getByTestId('consolidate-rejected');
    await rejected.waitFor();
    expect(await rejected.textContent()).toContain('须先退回填报单位修改');
    const file = rejected.locator('section[data-file="文昌市.xlsx"]');
    expect(await file.locator('tr.ub-line-rejected').count()).toBe(1);
    expect(await file.locator('tr.ub-line-rejected td').first().textContent()).toBe('数据!D3');
    expect(await file.locator('tr.ub-line-rejected .ub-line-message').textContent()).toBeTruthy();
    expect(await page.getByTestId('consolidate-commit').isDisabled()).toBe(true);
    expect(await page.getByTestId('consolidate-commit-why').textContent()).toContain('有 1 个文件须先退回修改');
    await page.locator('.ub-cons-files').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'consolidate-rejected-1366.png') });
    expect(await e2e.call('observations.list', { period: '2026Q2' })).toEqual([]);
    expect(tracked.errors).toEqual([]);
  });
});
