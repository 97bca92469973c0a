/**
 * Browser mode under test, over real sockets: the server on a fresh store in a
 * temporary folder, serving a stand-in renderer (no build needed), and a raw
 * request helper.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { closeStore, openStore, type CoreContext } from '../../electron/core/store';
import { startWebServer, type WebServer, type WebServerOptions } from '../../electron/web/server';
import { CSP_META } from '../../shared/csp';
import { miniSeeds } from '../fixtures/mini-seeds';
import { tmpDir } from './tmp';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A raw request on a connection of its own: node:http sends path and Host
 * exactly as given (fetch would normalise them, and hide the guards' work).
 */
export function request(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, agent: false, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** The smallest page that passes for the built renderer: only its CSP meta tag matters to the server. */
export const STAND_IN_PAGE = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP_META}"></head><body></body></html>`;

export interface TempWebServer {
  /** The temporary folder: renderer/ (the static files) and data/ (the store) inside. */
  dir: string;
  staticDir: string;
  ctx: CoreContext;
  web: WebServer;
  /** Closes the server, then the store. */
  stop(): Promise<void>;
}

/**
 * Starts browser mode on a fresh store (mini seeds) in a temporary folder,
 * removed after the file's tests. `files` are written first, by path relative
 * to that folder (e.g. 'renderer/assets/app.js', or 'secret.txt' outside the
 * served folder).
 */
export async function startOnTempStore(
  prefix: string,
  options: { page?: string; files?: Record<string, string>; server?: Omit<WebServerOptions, 'ctx' | 'staticDir'> } = {},
): Promise<TempWebServer> {
  const dir = tmpDir(prefix);
  const staticDir = path.join(dir, 'renderer');
  const files = { 'renderer/index.html': options.page ?? STAND_IN_PAGE, ...options.files };
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  const ctx = await openStore({ dbFile: path.join(dir, 'data', 'web.db'), seeds: miniSeeds(), user: 'web' });
  let web: WebServer;
  try {
    web = await startWebServer({ port: 0, ...options.server, ctx, staticDir });
  } catch (e) {
    closeStore(ctx);
    throw e;
  }
  return {
    dir,
    staticDir,
    ctx,
    web,
    stop: async () => {
      await web.close();
      closeStore(ctx);
    },
  };
}
