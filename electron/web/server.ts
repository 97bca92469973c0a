/**
 * Browser mode: the built renderer and the handler table over HTTP, for
 * machines where the Electron runtime is not available. node:http only.
 * This file wires the pieces together; each lives in its own module.
 *
 * Guards, all on every request (guards.ts):
 * - binds 127.0.0.1 only;
 * - Host must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding);
 * - an Origin header, when present, must be our own origin;
 * - every acting API call is a POST with X-Workstation-Token: <per-run random
 *   token>. The page gets the token from a <meta name="workstation-token">
 *   injected into index.html (static-files.ts; no inline script: the CSP
 *   forbids it);
 * - static files only from inside staticDir; bodies capped;
 * - file paths in an /api/invoke input (shared/path-fields.ts) only inside
 *   <dataDir>/uploads, downloads or backups, else 403 (invoke.ts,
 *   electron/core/path-policy.ts).
 *
 * Files (browser mode has no native dialogs):
 * - POST /api/upload?name=… stores the bytes under <dataDir>/uploads/ and
 *   answers the path (uploads.ts);
 * - POST /api/progress {id} (token) answers the latest progress of the
 *   /api/invoke that carried X-Request-Id: id (progress.ts);
 * - POST /api/download-ticket + GET /api/download?ticket=… hand out files
 *   from the download folders only (downloads.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { CoreContext } from '../core/store';
import { downloadRoutes } from './downloads';
import { foreignRequestRefusal, newToken } from './guards';
import { invokeRoute } from './invoke';
import { ProgressBoard } from './progress';
import { answerApiFailure, errorResult, send, sendJson, TEXT_TYPE } from './responses';
import { renderedIndex, staticRoute } from './static-files';
import { pruneUploads, uploadRoute } from './uploads';

export { contentDisposition } from './downloads';
export { TOKEN_HEADER } from './guards';
export { injectToken } from './static-files';
export { sanitizeUploadName } from './uploads';

export interface WebServerOptions {
  ctx: CoreContext;
  /** 0 (default) picks any free port. */
  port?: number;
  /** The built renderer (electron-vite build → out/renderer). */
  staticDir: string;
  /** Largest accepted request body, in bytes. Default 64 MB. */
  maxBodyBytes?: number;
  /** Largest accepted upload (POST /api/upload), in bytes. Default 100 MB. */
  maxUploadBytes?: number;
}

export interface WebServer {
  url: string;
  token: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 64 * 1024 * 1024;
const DEFAULT_MAX_UPLOAD = 100 * 1024 * 1024;

type ApiRoute = (req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams) => Promise<void> | void;

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { ctx } = options;
  const { root: staticDir, indexFile } = renderedIndex(options.staticDir);
  const token = newToken();
  let port = 0;

  // The file exchange folders (see uploads.ts and downloads.ts).
  const dataDir = path.resolve(ctx.dataDir);
  const uploadsDir = path.join(dataDir, 'uploads');
  const downloadsDir = path.join(dataDir, 'downloads');
  const downloadRoots = [downloadsDir, path.resolve(ctx.backupDir), path.join(dataDir, 'backups')];
  fs.mkdirSync(downloadsDir, { recursive: true });
  pruneUploads(uploadsDir);

  const { handleTicket, handleDownload } = downloadRoutes(downloadRoots, token);
  const progress = new ProgressBoard(token);
  const api = new Map<string, ApiRoute>([
    ['/api/invoke', invokeRoute(ctx, token, options.maxBodyBytes ?? DEFAULT_MAX_BODY, progress)],
    ['/api/progress', progress.route()],
    ['/api/upload', uploadRoute(uploadsDir, token, options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD)],
    ['/api/download-ticket', handleTicket],
    ['/api/download', handleDownload],
  ]);
  const serveStatic = staticRoute(staticDir, indexFile, token);

  const server = http.createServer((req, res) => {
    const refusal = foreignRequestRefusal(req, port);
    if (refusal) {
      send(res, 403, refusal, TEXT_TYPE);
      return;
    }
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '/';
    const route = api.get(pathname);
    if (route) {
      const query = new URL(rawUrl, 'http://127.0.0.1').searchParams;
      // async, so that a synchronous throw in a route is answered like a rejected promise.
      void (async () => route(req, res, query))().catch((e: unknown) => answerApiFailure(res, e));
      return;
    }
    if (pathname.startsWith('/api/')) {
      sendJson(res, 404, errorResult('not-found', '未知的接口。'));
      return;
    }
    try {
      serveStatic(req, res, pathname);
    } catch (e) {
      if (!res.headersSent) send(res, 500, `读取失败：${(e as Error)?.message ?? String(e)}`, TEXT_TYPE);
    }
  });
  server.requestTimeout = 5 * 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
