/**
 * The Content-Security-Policy of the renderer, in one place. The Electron
 * shell and browser mode send CSP as a response header; renderer/index.html
 * carries CSP_META in a <meta> tag (the same policy minus frame-ancestors,
 * which browsers ignore — and complain about — in a meta tag). The build
 * refuses an index.html whose meta tag differs (electron.vite.config.ts).
 * No inline or eval'd script, ever.
 */
const BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
];

export const CSP = [...BASE, "frame-ancestors 'none'"].join('; ');
export const CSP_META = BASE.join('; ');

/**
 * Only for `electron-vite dev`: the Vite dev server injects an inline
 * react-refresh preamble and talks to its HMR websocket. Never used by a
 * build, by browser mode or by a packaged app.
 */
const DEV = BASE.map((d) =>
  d.startsWith('script-src')
    ? "script-src 'self' 'unsafe-inline'"
    : d.startsWith('connect-src')
      ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:* http://localhost:* http://127.0.0.1:*"
      : d,
);
export const DEV_CSP = [...DEV, "frame-ancestors 'none'"].join('; ');
export const DEV_CSP_META = DEV.join('; ');
