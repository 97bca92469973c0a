/**
 * Shared set-up of the end-to-end tests: build the renderer if stale
 * (scripts/start.mjs --build-only, which shares a lock with npm start), serve
 * a private copy of out/renderer over a temporary store with the browser-mode
 * server, and drive Debian's Chromium with playwright-core. Pages collect
 * their errors and CSP violations.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { invoke } from '../../electron/core/dispatch';
import { closeStore, openStore, type CoreContext } from '../../electron/core/store';
import { startWebServer, type WebServer } from '../../electron/web/server';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { tmpDir } from '../helpers/tmp';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.YS_CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, 'test-results');
export const hasChromium = fs.existsSync(CHROMIUM);

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors and console errors (CSP violations apart). */
  errors: string[];
  cspViolations: string[];
}

export interface E2E {
  dir: string;
  ctx: CoreContext;
  web: WebServer;
  browser: Browser;
  /** A page in a fresh browser context (its own localStorage). */
  newPage(opts?: { width?: number; height?: number; acceptDownloads?: boolean }): Promise<TrackedPage>;
  /** A channel called straight on the core, throwing its message on refusal. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  close(): Promise<void>;
}

export function buildRenderer(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--build-only'], { cwd: ROOT, stdio: 'inherit' });
}

export async function startE2E(prefix = 'ys-e2e-'): Promise<E2E> {
  buildRenderer();
  const dir = tmpDir(prefix);
  const staticDir = path.join(dir, 'renderer');
  fs.cpSync(path.join(ROOT, 'out', 'renderer'), staticDir, { recursive: true });
  const ctx = await openStore({ dbFile: path.join(dir, 'e2e.db'), user: 'e2e' });
  const web = await startWebServer({ ctx, port: 0, staticDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  fs.mkdirSync(SHOTS, { recursive: true });

  return {
    dir,
    ctx,
    web,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
        locale: 'zh-CN',
        acceptDownloads: opts.acceptDownloads ?? true,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      const cspViolations: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
        else errors.push(m.text());
      });
      return { page, context, errors, cspViolations };
    },
    async call(channel, input) {
      const r = await invoke(ctx, channel, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as ChannelOutput<typeof channel>;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await web.close().catch(() => undefined);
      closeStore(ctx);
    },
  };
}
