/**
 * Browser mode end to end: the built renderer served by startWebServer over a
 * temporary store, driven by headless Chromium (playwright-core, Debian's
 * /usr/bin/chromium). Builds only when out/ is missing or stale (through
 * scripts/start.mjs --build-only, which shares a lock with npm start), then
 * serves a private copy of out/renderer so a concurrent rebuild cannot pull
 * files from under the page. Screenshots go to test-results/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import type { CoreContext } from '../../electron/core/store';
import type { WebServer } from '../../electron/web/server';
import { CHROMIUM, hasChromium, SHOTS, startE2E, type E2E } from './harness';

if (!hasChromium) {
  console.warn(`[browser-mode e2e] 跳过：找不到 Chromium（${CHROMIUM}）。CI 会安装它；本地可设 YS_CHROMIUM。`);
}

describe.skipIf(!hasChromium)('browser mode, end to end', () => {
  let e2e: E2E;
  let ctx: CoreContext;
  let web: WebServer;
  let page: Page;
  let pageErrors: string[] = [];
  let cspViolations: string[] = [];

  beforeAll(async () => {
    e2e = await startE2E('ys-e2e-');
    ctx = e2e.ctx;
    web = e2e.web;
    const tracked = await e2e.newPage({ width: 1440, height: 900 });
    page = tracked.page;
    pageErrors = tracked.errors;
    cspViolations = tracked.cspViolations;
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the catalogue grouped by area', async () => {
    // The catalogue is the 指标 page of the window (the window opens on 总览).
    await page.goto(`${web.url}#/indicator`);
    await expect(page.title()).resolves.toBe('营商环境指标监测工作站');
    await page.getByRole('heading', { level: 1, name: '营商环境指标监测工作站' }).waitFor();
    await page.locator('.area-name', { hasText: '开办企业' }).first().waitFor();
    const areas = await page.locator('.area-name').allTextContents();
    expect(areas).toContain('开办企业');
    expect(areas).toContain('获得电力');
    const count = await page.locator('button.indicator').count();
    expect(count).toBeGreaterThan(50);
    // Targets per year read like "2022 ≥65%".
    const targets = await page.locator('.indicator-targets').allTextContents();
    expect(targets.some((s) => /^20\d\d [≤≥=]/.test(s))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'browser-mode-catalogue.png'), fullPage: false });
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('draws a chart of actual values against targets for a chosen indicator', async () => {
    // Give one 开办企业 indicator with targets a few quarterly values, through the page's own API route.
    const cat = await invoke(ctx, 'catalogue.get', {});
    if (!cat.ok) throw new Error(cat.error.message);
    const area = cat.value.areas.find((a) => a.name === '开办企业')!;
    const indicator = cat.value.indicators.find(
      (i) => i.areaCode === area.code && (i.direction === 'lower' || i.direction === 'higher') && i.targets.some((t) => t.regionCode === null),
    )!;
    expect(indicator).toBeTruthy();
    const base = indicator.targets.find((t) => t.regionCode === null)!.value;
    const outcomes = await page.evaluate(
      async ({ code, base }) => {
        const token = document.querySelector('meta[name="workstation-token"]')?.getAttribute('content') ?? '';
        const results: unknown[] = [];
        for (const [i, period] of ['2023Q4', '2024Q2', '2024Q4', '2025Q2', '2025Q4'].entries()) {
          const res = await fetch('/api/invoke', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Workstation-Token': token },
            body: JSON.stringify({
              channel: 'observations.set',
              input: { indicator: code, region: '460000', period, value: Math.round(base * (1.6 - i * 0.15) * 100) / 100, note: 'e2e' },
            }),
          });
          results.push(await res.json());
        }
        return results;
      },
      { code: indicator.code, base },
    );
    expect(outcomes).toEqual(Array(5).fill({ ok: true, value: { outcome: 'new' } }));

    const button = page.locator(`button.indicator[data-code="${indicator.code}"]`);
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await expect(button.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('.detail-head h2').textContent()).resolves.toBe(indicator.name);
    const chart = page.locator('figure.chart svg.recharts-surface[role="application"]');
    await chart.waitFor({ state: 'visible' });
    // Two drawn lines: the actual values and the step line of the target in force.
    await page.locator('figure.chart path.recharts-line-curve').nth(1).waitFor({ state: 'attached' });
    expect(await page.locator('figure.chart path.recharts-line-curve').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('figure.chart .recharts-line-dots circle, figure.chart circle.recharts-dot').count()).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: path.join(SHOTS, 'browser-mode-chart.png'), fullPage: false });
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('switches to English and back through t()', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Business Environment Indicator Monitoring Workstation' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '营商环境指标监测工作站' }).waitFor();
  });
});
