/**
 * The built renderer, served from inside staticDir only (no traversal, no
 * symbolic link out of it). index.html gets the per-run token as a
 * <meta name="workstation-token">: the CSP forbids inline script, so a meta
 * tag is how the page learns it.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { send, TEXT_TYPE } from './responses';

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

/** The token goes into the page as a meta tag, just before </head>. */
export function injectToken(html: string, token: string): string {
  const tag = `<meta name="workstation-token" content="${token}">`;
  const i = html.search(/<\/head>/i);
  if (i < 0) return tag + html;
  return html.slice(0, i) + '  ' + tag + '\n  ' + html.slice(i);
}

/** The real path of the built index.html; throws (in Chinese, with the fix) when the renderer is not built. */
export function renderedIndex(staticDir: string): { root: string; indexFile: string } {
  const root = fs.realpathSync(path.resolve(staticDir));
  const indexFile = path.join(root, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`找不到界面文件 ${indexFile}：请先运行 npm run build。`);
  }
  return { root, indexFile };
}

/** `root` must already be a real path (renderedIndex gives one). */
export function staticRoute(root: string, indexFile: string, token: string) {
  return function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, '只接受 GET 请求。', TEXT_TYPE, { Allow: 'GET, HEAD' });
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      send(res, 400, '请求地址不合法。', TEXT_TYPE);
      return;
    }
    if (decoded.includes('\0')) {
      send(res, 400, '请求地址不合法。', TEXT_TYPE);
      return;
    }
    const notFound = () => send(res, 404, '未找到。', TEXT_TYPE);
    const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^[/\\]+/, '');
    const candidate = path.resolve(root, rel);
    if (candidate !== root && !candidate.startsWith(root + path.sep)) return notFound();
    let real: string;
    try {
      real = fs.realpathSync(candidate);
    } catch {
      return notFound();
    }
    // Again after resolving links: a link inside root may point outside it.
    if (!real.startsWith(root + path.sep)) return notFound();
    let stat: fs.Stats;
    try {
      stat = fs.statSync(real);
    } catch {
      return notFound();
    }
    if (!stat.isFile()) return notFound();
    const type = MIME[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
    if (real === indexFile) {
      // Never cached: it carries this run's token.
      send(res, 200, injectToken(fs.readFileSync(real, 'utf8'), token), type, { 'Cache-Control': 'no-store' });
      return;
    }
    // Vite puts content-hashed names under assets/: those never change.
    const cache = /[/\\]assets[/\\]/.test(real) ? 'public, max-age=31536000, immutable' : 'no-cache';
    send(res, 200, fs.readFileSync(real), type, { 'Cache-Control': cache });
  };
}
