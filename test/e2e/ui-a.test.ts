/**
 * The window end to end (UI-A): 总览 with KPI cards and the heatmap on seeded
 * values, drill-down into 指标, [ ] to step the period, region and period
 * remembered across a reload, 地区, 设置 with the database path, backup and
 * restore, the PNG export, the help overlay; screenshots of the four pages
 * at 1366×768 and 1920×1080 into test-results/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorView } from '../../shared/contract';
import { parsePeriod, previousQuarter } from '../../shared/periods';
import { currentQuarter } from '../../renderer/src/stores/periods';
import { CHROMIUM, hasChromium, SHOTS, startE2E, type E2E, type TrackedPage } from './harness';

const SCREENSHOTS = path.join(SHOTS, 'screenshots');

if (!hasChromium) console.warn(`[ui-a e2e] 跳过：找不到 Chromium（${CHROMIUM}）。`);

/** Values for regions: some meet the target, some miss it, a few near it. */
const REGIONS = ['460000', '460100', '460200', '460400', '469005', '469002', '469006', '469023'];
const LOWER_FACTORS = [0.8, 0.9, 1.05, 1.4, 2.0, 1.0, 0.7, 1.2];
const HIGHER_FACTORS = [1.2, 1.1, 0.95, 0.7, 0.5, 1.0, 1.3, 0.85];

function pngSize(file: string): { width: number; height: number; bytes: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), bytes: buf.length };
}

async function waitForApp(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: '营商环境指标监测工作站' }).waitFor();
  // The top bar's selectors are enabled once region and period are decided.
  await page.waitForFunction(() => {
    const s = document.querySelector<HTMLSelectElement>('[data-testid="period-select"]');
    return !!s && !s.disabled && s.value !== '';
  });
}

describe.skipIf(!hasChromium)('the window (UI-A), end to end', () => {
  let e2e: E2E;
  let tracked: TrackedPage;
  let page: Page;
  const Q = currentQuarter();
  const P = previousQuarter(parsePeriod(Q)!).code;
  let seeded: IndicatorView[] = [];

  beforeAll(async () => {
    e2e = await startE2E('ys-e2e-ui-a-');
    const cat = await e2e.call('catalogue.get', {});
    // Two lower/higher indicators with a province-wide target from each of three areas.
    for (const area of ['A01', 'A02', 'A03']) {
      const picks = cat.indicators
        .filter((i) => i.areaCode === area && !i.retired && (i.direction === 'lower' || i.direction === 'higher'))
        .filter((i) => i.targets.some((t) => t.regionCode === null && t.comparator !== 'between'))
        .slice(0, 2);
      seeded.push(...picks);
    }
    expect(seeded.length).toBeGreaterThanOrEqual(4);
    for (const ind of seeded) {
      const target = ind.targets.filter((t) => t.regionCode === null).sort((a, b) => b.year - a.year)[0]!.value || 1;
      const factors = ind.direction === 'lower' ? LOWER_FACTORS : HIGHER_FACTORS;
      for (const [i, region] of REGIONS.entries()) {
        const now = Math.round(target * factors[i]! * 100) / 100;
        // Last quarter a little worse for most, better for one: movers both ways.
        const before = i === 3 ? now * 0.8 : ind.direction === 'lower' ? now * 1.15 : now * 0.88;
        await e2e.call('observations.set', { indicator: ind.code, region, period: P, value: Math.round(before * 100) / 100, note: 'e2e' });
        await e2e.call('observations.set', { indicator: ind.code, region, period: Q, value: now, note: 'e2e' });
      }
    }
    tracked = await e2e.newPage({ width: 1440, height: 900 });
    page = tracked.page;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('opens on 总览 for the latest quarter with data: KPI cards and the heatmap', async () => {
    await page.goto(e2e.web.url);
    await waitForApp(page);
    expect(await page.getByTestId('period-select').inputValue()).toBe(Q);
    expect(await page.getByTestId('region-select').inputValue()).toBe('460000');
    await page.locator('.kpi-card[data-kpi="share"] .kpi-value').waitFor();
    expect(await page.locator('.kpi-card[data-kpi="share"] .kpi-value').textContent()).toMatch(/^\d+%$/);
    expect(Number(await page.locator('.kpi-card[data-kpi="improved"] .kpi-value').textContent())).toBeGreaterThan(0);
    expect(Number(await page.locator('.kpi-card[data-kpi="worsened"] .kpi-value').textContent())).toBeGreaterThan(0);
    expect(await page.locator('.kpi-card[data-kpi="returns"] .kpi-value').textContent()).toMatch(/^\d+$/);
    // Areas with data only (the default), every region a column.
    expect(await page.locator('.heatmap tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.heat-cell').count()).toBeGreaterThanOrEqual(3 * 21);
    expect(await page.locator('.heat-cell.heat-green').count()).toBeGreaterThan(0);
    expect(await page.locator('.heat-cell.heat-red').count()).toBeGreaterThan(0);
    expect(await page.locator('.rank-row').count()).toBeGreaterThan(0);
    expect(await page.locator('.mover').count()).toBeGreaterThan(0);
    expect(tracked.errors).toEqual([]);
    expect(tracked.cspViolations).toEqual([]);
  });

  it('drills down from a heatmap cell to the indicator view with its chart', async () => {
    const cell = page.locator('.heat-cell[data-area="A01"][data-region="460200"]');
    await cell.click();
    await page.locator('.detail-head h2').waitFor();
    expect(page.url()).toMatch(/#\/indicator\/A01-/);
    const name = await page.locator('.detail-head h2').textContent();
    expect(seeded.filter((i) => i.areaCode === 'A01').map((i) => i.name)).toContain(name);
    // The drill-down made 三亚 the current region: the chart draws the province and 三亚.
    expect(await page.getByTestId('region-select').inputValue()).toBe('460200');
    const chart = page.locator('figure.chart-line svg.recharts-surface[role="application"]');
    await chart.waitFor({ state: 'visible' });
    expect(await page.locator('figure.chart-line path.recharts-line-curve').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('figure.chart-line .recharts-line-dots circle').count()).toBeGreaterThanOrEqual(4);
    // All regions for the quarter: one bar per region with a value.
    await page.locator('figure.chart-bars .recharts-bar-rectangle').first().waitFor();
    expect(await page.locator('figure.chart-bars .recharts-bar-rectangle').count()).toBe(REGIONS.length);
    // Values with their lineage.
    await page.locator('.values-table tbody tr').first().waitFor();
    expect(await page.locator('.values-table').textContent()).toContain('手工录入');
    expect(tracked.errors).toEqual([]);
  });

  it('shows a value’s history', async () => {
    await page.locator('.values-table tbody tr').first().getByRole('button', { name: '历史' }).click();
    await page.locator('.history li').first().waitFor();
    expect(await page.locator('.history').first().textContent()).toContain('e2e');
  });

  it('exports a chart as a PNG download', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('figure.chart-line .export-png').click()]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const file = path.join(SCREENSHOTS, 'ui-a-export-trend.png');
    await download.saveAs(file);
    const { width, height, bytes } = pngSize(file);
    const box = await page.locator('figure.chart-line svg.recharts-surface[role="application"]').boundingBox();
    expect(width).toBe(Math.round(box!.width) * 2);
    expect(height).toBeGreaterThan(box!.height * 2);
    expect(bytes).toBeGreaterThan(10_000);
    expect(tracked.errors).toEqual([]);
    expect(tracked.cspViolations).toEqual([]);
  });

  it('steps the period with [ and ]', async () => {
    await page.locator('.detail-head h2').click();
    await page.keyboard.press('[');
    await expect.poll(() => page.getByTestId('period-select').inputValue()).toBe(P);
    await page.keyboard.press(']');
    await expect.poll(() => page.getByTestId('period-select').inputValue()).toBe(Q);
    // The last quarter offered is the current one: ] stops there.
    await page.keyboard.press(']');
    expect(await page.getByTestId('period-select').inputValue()).toBe(Q);
  });

  it('focuses the search with / and opens pages with Alt+digit; ? shows the shortcuts', async () => {
    await page.keyboard.press('Alt+1');
    await page.locator('.kpi-card').first().waitFor();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('indicator-search');
    await page.keyboard.type('获得电力');
    await expect.poll(() => page.locator('.area-name').allTextContents()).toEqual(['获得电力']);
    await page.locator('.detail-head h2').click();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: '键盘快捷键' }).waitFor();
    expect(await page.getByRole('dialog').textContent()).toContain('Alt+8');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('shows a region: indicators with status, gap, score, rank, and the composite trend', async () => {
    await page.keyboard.press('Alt+3');
    await page.locator('.region-table').waitFor();
    expect(page.url()).toContain('#/region/460200');
    expect(await page.locator('.region-table .group-row').count()).toBeGreaterThanOrEqual(3);
    const text = (await page.locator('.region-table').textContent()) ?? '';
    expect(text).toMatch(/达标|未达标|接近/);
    expect(text).toMatch(/\d+\/19/);
    await page.locator('figure.chart-composite svg.recharts-surface[role="application"]').waitFor();
    expect(await page.locator('.kpi-card[data-kpi="composite"] .kpi-value').textContent()).toMatch(/^\d+\.\d$/);
    expect(tracked.errors).toEqual([]);
  });

  it('remembers the region and the period across a reload', async () => {
    await page.getByTestId('region-select').selectOption('469005');
    await page.locator('.region-table').click();
    await page.keyboard.press('[');
    await expect.poll(() => page.getByTestId('period-select').inputValue()).toBe(P);
    await page.reload();
    await waitForApp(page);
    expect(await page.getByTestId('region-select').inputValue()).toBe('469005');
    expect(await page.getByTestId('period-select').inputValue()).toBe(P);
    // The deep link survives too.
    expect(page.url()).toContain('#/region/469005');
    await page.getByTestId('period-select').selectOption(Q);
  });

  it('shows the database file in 设置, backs up now, and restores after a preview', async () => {
    await page.keyboard.press('Alt+8');
    const info = page.getByTestId('app-info');
    await info.waitFor();
    expect(await info.textContent()).toContain(e2e.ctx.dbFile);
    expect(await info.textContent()).toContain('2026.');
    // The full check comes after the facts, and fills in the contents and the verdict.
    await expect.poll(async () => (await info.textContent()) ?? '').toMatch(/完整性检查正常/);

    await page.getByRole('button', { name: '立即备份' }).click();
    const result = page.getByTestId('backup-result');
    await result.waitFor();
    const file = ((await result.locator('.mono').textContent()) ?? '').trim();
    expect(file).toMatch(/\.db$/);
    expect(fs.existsSync(file)).toBe(true);
    expect(path.dirname(file)).toBe(path.join(path.dirname(e2e.ctx.dbFile), 'backups'));

    // The path box is filled with the new backup: look inside, then restore.
    expect(await page.getByLabel('备份文件路径').inputValue()).toBe(file);
    await page.getByRole('button', { name: '查看备份内容' }).click();
    const summary = page.getByTestId('backup-summary');
    await summary.waitFor();
    const observations = (e2e.ctx.db.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n;
    expect(await summary.textContent()).toContain(String(observations));
    await page.getByRole('button', { name: '从此备份恢复…' }).click();
    const dialog = page.getByRole('dialog', { name: '确认从备份恢复？' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('恢复前会先把当前数据保存');
    await dialog.getByRole('button', { name: '保存当前数据并恢复' }).click();
    await page.getByText('恢复前的数据已保存到：').waitFor();

    // The backups folder, listed newest first: the safety copy of the restore, then the backup made above.
    const list = page.getByTestId('backup-list');
    await expect.poll(async () => (await list.locator('tbody tr td:nth-child(2)').allTextContents()).slice(0, 2)).toEqual(['恢复前自动备份', '手动备份']);
    await list.getByRole('button', { name: /^预览 .* 的备份$/ }).nth(1).click();
    await expect.poll(async () => page.getByLabel('备份文件路径').inputValue()).toBe(file);
    await summary.waitFor();
    expect(tracked.errors).toEqual([]);
    expect(tracked.cspViolations).toEqual([]);
  });

  it('edits the catalogue: adds a target with its source, shown in the list and kept in the history', async () => {
    const ind = seeded[0]!;
    await page.goto(`${e2e.web.url}#/indicator/${ind.code}`);
    await page.locator('.detail-head h2').waitFor();
    await page.getByRole('button', { name: '添加目标' }).click();
    const dialog = page.getByRole('dialog', { name: '添加目标' });
    await dialog.waitFor();
    await dialog.getByLabel('年度 *').fill('2029');
    await dialog.getByLabel(/^目标值/).fill('0.5');
    await dialog.getByLabel('条款').fill('e2e 条款');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.locator('.targets-panel').textContent()) ?? '').toContain('2029');
    const rows = e2e.ctx.db.prepare(`SELECT count(*) AS n FROM targets WHERE indicator = ? AND year = 2029`).get(ind.code) as { n: number };
    expect(rows.n).toBe(1);

    // The catalogue's own history for the indicator: the new target on top, the bundled catalogue's rows below.
    const history = page.getByTestId('catalogue-history');
    await history.locator('summary').click();
    const first = history.locator('tbody tr').first();
    await expect.poll(async () => (await first.textContent()) ?? '').toContain('目标 2029 年 全省 · 新增');
    expect(await first.textContent()).toContain('手工编辑');
    expect(await first.textContent()).toContain('目标值 0.5');
    expect(await history.locator('tbody').textContent()).toContain('内置指标目录');
    await history.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ui-a-catalogue-history.png') });
  });

  it('takes screenshots of 总览, 指标, 地区 and 设置 at 1366×768 and 1920×1080', async () => {
    const code = seeded[0]!.code;
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      const t = await e2e.newPage({ width, height });
      const p = t.page;
      await p.goto(`${e2e.web.url}#/region/460100`);
      await waitForApp(p);
      await p.locator('.region-table').waitFor();
      await p.locator('figure.chart-composite svg.recharts-surface[role="application"]').waitFor();
      await p.screenshot({ path: path.join(SCREENSHOTS, `ui-a-region-${width}x${height}.png`) });

      await p.keyboard.press('Alt+1');
      await p.locator('.heatmap').waitFor();
      await p.screenshot({ path: path.join(SCREENSHOTS, `ui-a-dashboard-${width}x${height}.png`) });

      await p.evaluate((c) => (window.location.hash = `#/indicator/${c}`), code);
      await p.locator('figure.chart-line svg.recharts-surface[role="application"]').waitFor();
      await p.screenshot({ path: path.join(SCREENSHOTS, `ui-a-indicator-${width}x${height}.png`) });
      await p.locator('figure.chart-bars').scrollIntoViewIfNeeded();
      await p.screenshot({ path: path.join(SCREENSHOTS, `ui-a-indicator-bars-${width}x${height}.png`) });

      await p.keyboard.press('Alt+8');
      await p.getByTestId('app-info').getByText('正常').waitFor();
      await p.screenshot({ path: path.join(SCREENSHOTS, `ui-a-settings-${width}x${height}.png`) });
      expect(t.errors).toEqual([]);
      expect(t.cspViolations).toEqual([]);
      await t.context.close();
    }
  });
});
