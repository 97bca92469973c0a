/**
 * Browser mode under attack, in headless Chromium (playwright-core, Debian's
 * /usr/bin/chromium) against the built renderer served by startWebServer:
 *
 * - the page has no Node globals (require, process, module, Buffer, global)
 *   and, in browser mode, no window.workstation at all;
 * - the CSP header is on the page, and a script injected into the DOM (a
 *   <script> element, an inline event handler through innerHTML, a
 *   javascript: URL, a script from another origin) does not run, nor do
 *   eval, new Function and string timers in the page's own scripts: each
 *   raises a securitypolicyviolation;
 * - the page's own fetch without the token is refused;
 * - a page on another origin (a second server on another loopback port)
 *   cannot make the workstation write: a no-cors text/plain POST, a form
 *   POST and a CORS fetch with a guessed token all leave the store as it was.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore, type CoreContext } from '../../electron/core/store';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { CSP } from '../../shared/csp';
import { tmpDir } from '../helpers/tmp';

const ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.YS_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);

if (!hasChromium) console.warn(`[security e2e] 跳过：找不到 Chromium（${CHROMIUM}）。`);

describe.skipIf(!hasChromium)('browser mode under attack (Chromium)', () => {
  let ctx: CoreContext;
  let web: WebServer;
  let evil: http.Server;
  let evilUrl: string;
  let browser: Browser;
  let page: Page;
  let writeBody: unknown;
  const history = () => (ctx.db.prepare('SELECT count(*) AS n FROM observation_history').get() as { n: number }).n;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--build-only'], { cwd: ROOT, stdio: 'inherit' });
    const dir = tmpDir('ys-e2e-sec-');
    const staticDir = path.join(dir, 'renderer');
    fs.cpSync(path.join(ROOT, 'out', 'renderer'), staticDir, { recursive: true });
    // A same-origin script, so eval is tried by page code (code evaluated over DevTools is exempt from CSP).
    fs.writeFileSync(
      path.join(staticDir, 'assets', 'csp-probe.js'),
      `window.__probe = {};
       try { eval('window.__pwned4 = true'); window.__probe.eval = 'ran'; } catch (e) { window.__probe.eval = e.name; }
       try { new Function('window.__pwned5 = true')(); window.__probe.fn = 'ran'; } catch (e) { window.__probe.fn = e.name; }
       try { setTimeout('window.__pwned7 = true', 0); } catch (e) { window.__probe.timer = e.name; }`,
    );
    ctx = await openStore({ dbFile: path.join(dir, 'e2e.db'), user: 'e2e' });
    web = await startWebServer({ ctx, port: 0, staticDir });

    // A write the store would accept (checked at the end of the attack test, with the token).
    const cat = await invoke(ctx, 'catalogue.get', {});
    if (!cat.ok) throw new Error(cat.error.message);
    const indicator = cat.value.indicators.find((i) => !i.retired)!.code;
    writeBody = { channel: 'observations.set', input: { indicator, region: '460000', period: '2026Q1', value: 1 } };

    // The attacker's site: another origin on the loopback interface, no CSP of its own.
    const target = `${web.url}api/invoke`;
    const body = JSON.stringify(writeBody);
    // enctype=text/plain sends name=value: {"channel":…,"pad":"=" + "} is valid JSON.
    const formName = `${body.slice(0, -1)},"pad":"`;
    const attack = `
      <!doctype html><html><body>
      <form id="f" method="POST" action="${target}" enctype="text/plain" target="sink">
        <input name='${formName}' value='"}'>
      </form>
      <iframe name="sink"></iframe>
      <script>
        window.results = {};
        (async () => {
          try { await fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(body)} }); window.results.noCors = 'sent'; }
          catch (e) { window.results.noCors = 'blocked: ' + e.message; }
          try { const r = await fetch(${JSON.stringify(target)}, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Workstation-Token': '0'.repeat(48) }, body: ${JSON.stringify(body)} }); window.results.cors = 'status ' + r.status + ' ' + (await r.text()); }
          catch (e) { window.results.cors = 'blocked: ' + e.message; }
          try { const r = await fetch(${JSON.stringify(web.url)}); window.results.read = 'read ' + (await r.text()).length; }
          catch (e) { window.results.read = 'blocked: ' + e.message; }
          document.getElementById('f').submit();
          window.results.form = 'submitted';
        })();
      </script></body></html>`;
    evil = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(attack);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
    await web?.close();
    if (ctx) closeStore(ctx);
  });

  it('the page has no Node globals and, in browser mode, no bridge', async () => {
    const res = await page.goto(web.url);
    expect(res?.headers()['content-security-policy']).toBe(CSP);
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      Buffer: typeof (globalThis as Record<string, unknown>).Buffer,
      global: typeof (globalThis as Record<string, unknown>).global,
      workstation: typeof (window as unknown as Record<string, unknown>).workstation,
      electron: typeof (globalThis as Record<string, unknown>).electron,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', global: 'undefined', workstation: 'undefined', electron: 'undefined' });
  });

  it('blocks scripts injected into the page, with a CSP violation for each', async () => {
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      // 1. A <script> element with inline code.
      const s = document.createElement('script');
      s.textContent = 'window.__pwned1 = true';
      document.body.appendChild(s);
      // 2. An inline event handler through innerHTML (the image fails to load, onerror would fire).
      const div = document.createElement('div');
      div.innerHTML = '<img src="/no-such-image.png" onerror="window.__pwned2 = true"><script>window.__pwned3 = true</script>';
      document.body.appendChild(div);
      // 3. eval, new Function and a string timer, tried by a same-origin script of the page.
      await new Promise<void>((resolve, reject) => {
        const probe = document.createElement('script');
        probe.src = '/assets/csp-probe.js';
        probe.onload = () => resolve();
        probe.onerror = () => reject(new Error('csp-probe.js did not load'));
        document.body.appendChild(probe);
      });
      const probe = w.__probe as { eval?: string; fn?: string };
      // 4. A javascript: URL.
      const a = document.createElement('a');
      a.href = 'javascript:window.__pwned6 = true';
      document.body.appendChild(a);
      a.click();
      // 5. A script from another origin.
      const remote = document.createElement('script');
      remote.src = 'http://127.0.0.1:9/evil.js';
      document.body.appendChild(remote);
      await new Promise((r) => setTimeout(r, 800));
      return {
        ran: [1, 2, 3, 4, 5, 6, 7].filter((i) => w[`__pwned${i}`] !== undefined),
        evalBlocked: probe.eval === 'EvalError',
        fnBlocked: probe.fn === 'EvalError',
        violations: [...new Set(violations)].sort(),
      };
    });
    expect(outcome.ran).toEqual([]);
    expect(outcome.evalBlocked).toBe(true);
    expect(outcome.fnBlocked).toBe(true);
    expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'script-src']));
  });

  it("refuses the page's own call without the token", async () => {
    const r = await page.evaluate(async () => {
      const res = await fetch('/api/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ channel: 'app.info', input: {} }) });
      return { status: res.status, body: await res.json() };
    });
    expect(r).toMatchObject({ status: 403, body: { ok: false, error: { kind: 'forbidden' } } });
  });

  it('a page on another origin cannot make the workstation write or read its page', async () => {
    const before = history();
    const attacker = await browser.newPage();
    const seen: string[] = [];
    attacker.on('response', (r) => {
      if (r.url().startsWith(`${web.url}api/`)) seen.push(`${r.request().method()} ${r.status()}`);
    });
    await attacker.goto(evilUrl);
    await attacker.waitForFunction(() => (window as unknown as { results: Record<string, string> }).results?.form === 'submitted', undefined, { timeout: 15_000 });
    await attacker.waitForTimeout(500);
    const results = await attacker.evaluate(() => (window as unknown as { results: Record<string, string> }).results);
    await attacker.close();
    // Whatever the browser let through reached a server that said no; nothing was written.
    expect(history()).toBe(before);
    expect(results.cors).toMatch(/^blocked/); // the preflight is refused: no CORS headers
    expect(results.read).toMatch(/^blocked/); // no Access-Control-Allow-Origin: the page's token stays unread
    expect(seen.length, 'the form POST reached the server').toBeGreaterThan(0);
    for (const s of seen) expect(s, s).toMatch(/ 403$/);
    // Control: the same body from our own page, with the token, is a real write.
    const own = await page.evaluate(async (body) => {
      const token = document.querySelector('meta[name="workstation-token"]')?.getAttribute('content') ?? '';
      const res = await fetch('/api/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Workstation-Token': token }, body: JSON.stringify(body) });
      return res.json();
    }, writeBody);
    expect(own).toMatchObject({ ok: true });
    expect(history()).toBe(before + 1);
  });
});
