/**
 * Downloads in browser mode. An <a download> cannot send the token header,
 * so the page first asks, with the token, for a ticket:
 * - POST /api/download-ticket {path} gives a one-time, short-lived
 *   /api/download?ticket=… for a file inside the download folders only
 *   (<dataDir>/downloads and the backups folders);
 * - GET /api/download?ticket=… sends it as an attachment (RFC 5987 name) and
 *   spends the ticket.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { isTokenPost } from './guards';
import { readBody } from './request-body';
import { BASE_HEADERS, errorResult, send, sendJson, TEXT_TYPE } from './responses';

/** A download ticket is good for one request within this time. */
const TICKET_TTL_MS = 2 * 60_000;

/** A ticket request is a short JSON object: anything longer is not one. */
const MAX_TICKET_BODY = 64 * 1024;

const DOWNLOAD_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.db': 'application/octet-stream',
};

/** attachment; filename="ascii fallback"; filename*=UTF-8''… (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The real path of `requested` when it is an existing file inside one of
 * `roots`; else null. Both sides are resolved through symbolic links, so a
 * link in a download folder cannot lead outside it.
 */
function downloadable(requested: unknown, roots: readonly string[]): string | null {
  if (typeof requested !== 'string' || requested === '' || requested.includes('\0') || !path.isAbsolute(requested)) return null;
  let real: string;
  try {
    real = fs.realpathSync(path.resolve(requested));
    if (!fs.statSync(real).isFile()) return null;
  } catch {
    return null;
  }
  const realRoots = roots.flatMap((r) => {
    try {
      return [fs.realpathSync(r)];
    } catch {
      return [];
    }
  });
  return realRoots.some((r) => real.startsWith(r + path.sep)) ? real : null;
}

/** The two download routes, sharing one ticket table. */
export function downloadRoutes(downloadRoots: readonly string[], token: string) {
  const tickets = new Map<string, { file: string; expires: number }>();

  async function handleTicket(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isTokenPost(req, res, token)) return;
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, MAX_TICKET_BODY)).toString('utf8'));
    } catch {
      sendJson(res, 400, errorResult('usage', '请求内容应为 {"path": "..."}。'));
      return;
    }
    const file = downloadable((body as { path?: unknown } | null)?.path, downloadRoots);
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

  function handleDownload(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void {
    if (req.method !== 'GET') {
      send(res, 405, '只接受 GET 请求。', TEXT_TYPE, { Allow: 'GET' });
      return;
    }
    const id = query.get('ticket') ?? '';
    const ticket = tickets.get(id);
    tickets.delete(id);
    const notFound = () => send(res, 404, '下载链接无效或已过期，请重新导出。', TEXT_TYPE, { 'Cache-Control': 'no-store' });
    if (!ticket || ticket.expires < Date.now()) return notFound();
    // Checked again: the file may have been swapped for a link since the ticket was given.
    const file = downloadable(ticket.file, downloadRoots);
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

  return { handleTicket, handleDownload };
}
