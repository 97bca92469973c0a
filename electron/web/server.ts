/**
 * Browser mode: the built renderer and the handler table over HTTP, for
 * machines where the Electron runtime is not available. node:http only.
 *
 * Guards, all on every request:
 * - binds 127.0.0.1 only;
 * - Host must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding);
 * - an Origin header, when present, must be our own origin;
 * - POST /api/invoke needs X-Workstation-Token: <per-run random token>. The
 *   page gets the token from a <meta name="workstation-token"> injected into
 *   index.html (no inline script: the CSP forbids it);
 * - static files only from inside staticDir; bodies capped;
 * - file paths in an /api/invoke input (shared/path-fields.ts) only inside
 *   <dataDir>/uploads, downloads or backups, else 403 (electron/core/path-policy.ts).
 *
 * Files (browser mode has no native dialogs):
 * - POST /api/upload?name=<file name> (token header; raw bytes, capped at
 *   100 MB) stores the file as <dataDir>/uploads/<random>/<sanitized name>
 *   and answers {path}: the page then hands that path to import.preview etc.;
 * - POST /api/download-ticket {path} (token header) gives a one-time,
 *   short-lived /api/download?ticket=… for a file inside <dataDir>/downloads/
 *   or the backups folder only (an <a download> cannot send the header);
 *   GET /api/download?ticket=… sends it as an attachment (RFC 5987 name).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { InvokeResult } from '../../shared/contract';
import { CSP } from '../../shared/csp';
import { invoke } from '../core/dispatch';
import { browserPathRefusal } from '../core/path-policy';
import type { CoreContext } from '../core/store';

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

export const TOKEN_HEADER = 'x-workstation-token';
const DEFAULT_MAX_BODY = 64 * 1024 * 1024;
const DEFAULT_MAX_UPLOAD = 100 * 1024 * 1024;
/** A download ticket is good for one request within this time. */
const TICKET_TTL_MS = 2 * 60_000;
/** Uploads older than this are removed when the server starts. */
const UPLOAD_KEEP_MS = 24 * 60 * 60_000;

const DOWNLOAD_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.db': 'application/octet-stream',
};

/**
 * A file name from the page, made safe to store: no folders, no control or
 * reserved characters, no leading dots, not a Windows device name, at most
 * 180 bytes (the extension kept). Never empty.
 */
export function sanitizeUploadName(raw: string): string {
  let name = (raw.normalize('NFC').split(/[/\\]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)) name = `_${name}`;
  if (!name) name = 'upload';
  const fullExt = path.extname(name);
  const ext = fullExt.length <= 16 ? fullExt : '';
  let stem = ext ? name.slice(0, -ext.length) : name;
  while (Buffer.byteLength(stem + ext, 'utf8') > 180 && stem.length > 1) stem = stem.slice(0, -1);
  return stem + ext;
}

/** attachment; filename="ascii fallback"; filename*=UTF-8''… (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** True when `file` lies inside `dir` (both already resolved). */
function isInside(file: string, dir: string): boolean {
  return file.startsWith(dir + path.sep);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

const BASE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': type, 'Content-Length': String(buf.length), ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
}

function errorResult(kind: string, message: string): InvokeResult<never> {
  return { ok: false, error: { kind, message } };
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The token goes into the page as a meta tag, just before </head>. */
export function injectToken(html: string, token: string): string {
  const tag = `<meta name="workstation-token" content="${token}">`;
  const i = html.search(/<\/head>/i);
  if (i < 0) return tag + html;
  return html.slice(0, i) + '  ' + tag + '\n  ' + html.slice(i);
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { ctx } = options;
  const staticDir = fs.realpathSync(path.resolve(options.staticDir));
  const indexFile = path.join(staticDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`找不到界面文件 ${indexFile}：请先运行 npm run build。`);
  }
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  const token = crypto.randomBytes(24).toString('hex');
  let port = 0;

  // File exchange folders (see the header comment).
  const uploadsDir = path.join(path.resolve(ctx.dataDir), 'uploads');
  const downloadsDir = path.join(path.resolve(ctx.dataDir), 'downloads');
  const downloadRoots = [downloadsDir, path.resolve(ctx.backupDir), path.join(path.resolve(ctx.dataDir), 'backups')];
  fs.mkdirSync(downloadsDir, { recursive: true });
  pruneUploads(uploadsDir);
  const tickets = new Map<string, { file: string; expires: number }>();

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, errorResult('usage', '只接受 POST 请求。'));
      return;
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      sendJson(res, 403, errorResult('forbidden', '拒绝：缺少或错误的访问令牌。'));
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBody);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        sendJson(res, 413, errorResult('usage', `请求内容过大（上限 ${Math.round(maxBody / 1024 / 1024)} MB）。`));
        res.on('finish', () => req.destroy());
      } else if (!res.headersSent) {
        sendJson(res, 400, errorResult('usage', '请求读取失败。'));
      }
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      sendJson(res, 400, errorResult('usage', '请求内容不是合法的 JSON。'));
      return;
    }
    if (!body || typeof body !== 'object' || typeof (body as { channel?: unknown }).channel !== 'string') {
      sendJson(res, 400, errorResult('usage', '请求内容应为 {"channel": "...", "input": {...}}。'));
      return;
    }
    const { channel, input } = body as { channel: string; input?: unknown };
    // File paths from the page: only inside <dataDir>/uploads, downloads, backups (electron/core/path-policy.ts).
    const refused = browserPathRefusal(ctx.dataDir, channel, input ?? {});
    if (refused) {
      sendJson(res, 403, refused);
      return;
    }
    const result = await invoke(ctx, channel, input ?? {});
    sendJson(res, 200, result);
  }

  /** POST /api/upload?name=…: the body, streamed to <dataDir>/uploads/<random>/<name>, capped. */
  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, errorResult('usage', '只接受 POST 请求。'));
      return;
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      sendJson(res, 403, errorResult('forbidden', '拒绝：缺少或错误的访问令牌。'));
      return;
    }
    const rawName = query.get('name');
    if (!rawName) {
      sendJson(res, 400, errorResult('usage', '请在地址中给出文件名（?name=…）。'));
      return;
    }
    const tooLarge = () => {
      send(res, 413, JSON.stringify(errorResult('usage', `文件过大（上限 ${Math.round(maxUpload / 1024 / 1024)} MB）。`)), 'application/json; charset=utf-8', {
        'Cache-Control': 'no-store',
        Connection: 'close',
      });
      res.on('finish', () => req.destroy());
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxUpload) return tooLarge();
    const dir = path.join(uploadsDir, crypto.randomBytes(12).toString('hex'));
    const file = path.join(dir, sanitizeUploadName(rawName));
    fs.mkdirSync(dir, { recursive: true });
    const out = fs.createWriteStream(file, { flags: 'wx' });
    let size = 0;
    let over = false;
    try {
      await new Promise<void>((resolve, reject) => {
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxUpload) {
            over = true;
            req.pause();
            out.destroy();
            resolve();
            return;
          }
          if (!out.write(chunk)) {
            req.pause();
            out.once('drain', () => req.resume());
          }
        });
        req.on('end', () => out.end(resolve));
        req.on('error', reject);
        out.on('error', reject);
      });
    } catch {
      out.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
      if (!res.headersSent) sendJson(res, 400, errorResult('usage', '文件上传失败，请重试。'));
      return;
    }
    if (over) {
      fs.rmSync(dir, { recursive: true, force: true });
      return tooLarge();
    }
    sendJson(res, 200, { path: file, name: path.basename(file), size });
  }

  /** The real path of `requested` when it is a file inside a download folder; else null. */
  function downloadable(requested: unknown): string | null {
    if (typeof requested !== 'string' || requested === '' || requested.includes('\0') || !path.isAbsolute(requested)) return null;
    let real: string;
    try {
      real = fs.realpathSync(path.resolve(requested));
      if (!fs.statSync(real).isFile()) return null;
    } catch {
      return null;
    }
    const roots = downloadRoots.flatMap((r) => {
      try {
        return [fs.realpathSync(r)];
      } catch {
        return [];
      }
    });
    return roots.some((r) => isInside(real, r)) ? real : null;
  }

  /** POST /api/download-ticket {path}: a one-time link for a file in the download folders. */
  async function handleTicket(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, errorResult('usage', '只接受 POST 请求。'));
      return;
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
      sendJson(res, 403, errorResult('forbidden', '拒绝：缺少或错误的访问令牌。'));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
    } catch {
      sendJson(res, 400, errorResult('usage', '请求内容应为 {"path": "..."}。'));
      return;
    }
    const file = downloadable((body as { path?: unknown } | null)?.path);
    if (!file) {
      sendJson(res, 403, errorResult('forbidden', '拒绝：只能下载工作站导出文件夹中的文件。'));
      return;
    }
    const now = Date.now();
    for (const [id, t] of tickets) if (t.expires < now) tickets.delete(id);
    const id = crypto.randomBytes(24).toString('hex');
    tickets.set(id, { file, expires: now + TICKET_TTL_MS });
    sendJson(res, 200, { url: `/api/download?ticket=${id}`, name: path.basename(file) });
  }

  /** GET /api/download?ticket=…: the file as an attachment; the ticket is spent. */
  function handleDownload(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void {
    if (req.method !== 'GET') {
      send(res, 405, '只接受 GET 请求。', 'text/plain; charset=utf-8', { Allow: 'GET' });
      return;
    }
    const id = query.get('ticket') ?? '';
    const ticket = tickets.get(id);
    tickets.delete(id);
    const notFound = () => send(res, 404, '下载链接无效或已过期，请重新导出。', 'text/plain; charset=utf-8', { 'Cache-Control': 'no-store' });
    if (!ticket || ticket.expires < Date.now()) return notFound();
    const file = downloadable(ticket.file);
    if (!file) return notFound();
    const stat = fs.statSync(file);
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': DOWNLOAD_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(stat.size),
      'Content-Disposition': contentDisposition(path.basename(file)),
      'Cache-Control': 'no-store',
    });
    const stream = fs.createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, '只接受 GET 请求。', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      send(res, 400, '请求地址不合法。', 'text/plain; charset=utf-8');
      return;
    }
    if (decoded.includes('\0')) {
      send(res, 400, '请求地址不合法。', 'text/plain; charset=utf-8');
      return;
    }
    const notFound = () => send(res, 404, '未找到。', 'text/plain; charset=utf-8');
    const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^[/\\]+/, '');
    const candidate = path.resolve(staticDir, rel);
    if (candidate !== staticDir && !candidate.startsWith(staticDir + path.sep)) return notFound();
    let real: string;
    try {
      real = fs.realpathSync(candidate);
    } catch {
      return notFound();
    }
    if (!real.startsWith(staticDir + path.sep)) return notFound();
    let stat: fs.Stats;
    try {
      stat = fs.statSync(real);
    } catch {
      return notFound();
    }
    if (!stat.isFile()) return notFound();
    const ext = path.extname(real).toLowerCase();
    const type = MIME[ext] ?? 'application/octet-stream';
    if (real === indexFile) {
      const html = injectToken(fs.readFileSync(real, 'utf8'), token);
      send(res, 200, html, type, { 'Cache-Control': 'no-store' });
      return;
    }
    const cache = /[/\\]assets[/\\]/.test(real) ? 'public, max-age=31536000, immutable' : 'no-cache';
    send(res, 200, fs.readFileSync(real), type, { 'Cache-Control': cache });
  }

  const server = http.createServer((req, res) => {
    // DNS-rebinding guard: only our own host names, on our own port.
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(host)) {
      send(res, 403, '拒绝：主机名不符。', 'text/plain; charset=utf-8');
      return;
    }
    const originHeader = req.headers.origin;
    if (originHeader !== undefined && !allowedOrigins().has(originHeader)) {
      send(res, 403, '拒绝：来源不符。', 'text/plain; charset=utf-8');
      return;
    }
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '/';
    if (pathname === '/api/invoke') {
      handleInvoke(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, errorResult('storage', `操作失败：${(e as Error)?.message ?? String(e)}`));
        else res.destroy();
      });
      return;
    }
    if (pathname === '/api/upload' || pathname === '/api/download-ticket' || pathname === '/api/download') {
      const query = new URL(rawUrl, 'http://127.0.0.1').searchParams;
      const work =
        pathname === '/api/upload'
          ? handleUpload(req, res, query)
          : pathname === '/api/download-ticket'
            ? handleTicket(req, res)
            : Promise.resolve(handleDownload(req, res, query));
      work.catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, errorResult('storage', `操作失败：${(e as Error)?.message ?? String(e)}`));
        else res.destroy();
      });
      return;
    }
    if (pathname.startsWith('/api/')) {
      sendJson(res, 404, errorResult('not-found', '未知的接口。'));
      return;
    }
    try {
      serveStatic(req, res, pathname);
    } catch (e) {
      if (!res.headersSent) send(res, 500, `读取失败：${(e as Error)?.message ?? String(e)}`, 'text/plain; charset=utf-8');
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

/** Removes upload folders older than a day (the imports have long been read by then). */
function pruneUploads(uploadsDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(uploadsDir);
  } catch {
    return;
  }
  const cutoff = Date.now() - UPLOAD_KEEP_MS;
  for (const name of names) {
    if (!/^[0-9a-f]{24}$/.test(name)) continue;
    const dir = path.join(uploadsDir, name);
    try {
      if (fs.statSync(dir).mtimeMs < cutoff) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
}
