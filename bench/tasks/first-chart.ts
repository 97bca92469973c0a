/**
 * Time to first chart in the renderer (browser mode, headless Chromium): the
 * built renderer served by startWebServer over a copy of STORE, a fresh page
 * opened on an indicator's view, and the time from navigation start until the
 * first chart path with data is drawn (performance.now() in the page, polled
 * every frame). Needs a build (node scripts/start.mjs --build-only) and
 * /usr/bin/chromium (or YS_CHROMIUM). Args: STORE [RUNS]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { closeStore, openStore } from '../../electron/core/store';
import { startWebServer } from '../../electron/web/server';
import { peakRssMb } from '../measure';

const [store, runsArg] = process.argv.slice(2) as [string, string?];
const runs = Number(runsArg ?? 3);
const ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.YS_CHROMIUM ?? '/usr/bin/chromium';

/** In the page: the moment (ms since navigation start) a chart has a drawn path, or false. */
const CHART_DRAWN = () => {
  for (const p of Array.from(document.querySelectorAll('svg.recharts-surface path'))) {
    const d = p.getAttribute('d') ?? '';
    if (/^M[^M]*[LCAHVQ]/i.test(d) && d.length > 12) return performance.now();
  }
  return false;
};

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-bench-chart-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let ctx: Awaited<ReturnType<typeof openStore>> | null = null;
  let web: Awaited<ReturnType<typeof startWebServer>> | null = null;
  try {
    const staticDir = path.join(dir, 'renderer');
    fs.cpSync(path.join(ROOT, 'out', 'renderer'), staticDir, { recursive: true });
    const db = path.join(dir, 'store.db');
    fs.copyFileSync(store, db);
    ctx = await openStore({ dbFile: db, user: 'bench' });
    // The first indicator, in the last quarter that has all its values.
    const code = (ctx.db.prepare('SELECT code FROM indicators WHERE retired = 0 ORDER BY sort LIMIT 1').get() as { code: string }).code;
    const period = (
      ctx.db.prepare('SELECT period FROM observations WHERE indicator = ? GROUP BY period ORDER BY count(*) DESC, period DESC LIMIT 1').get(code) as { period: string }
    ).period;
    web = await startWebServer({ ctx, port: 0, staticDir });
    const times: number[] = [];
    const errors: string[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${web.url}#/indicator/${encodeURIComponent(code)}?p=${period}`, { waitUntil: 'commit' });
      const at = await page.waitForFunction(CHART_DRAWN, null, { polling: 'raf', timeout: 60_000 });
      times.push((await at.jsonValue()) as number);
      await context.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(JSON.stringify({ ms: sorted[Math.floor(sorted.length / 2)], runs: times, indicator: code, period, pageErrors: errors.length, peakRssMb: peakRssMb() }));
  } finally {
    await browser.close();
    await web?.close();
    if (ctx) closeStore(ctx);
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
