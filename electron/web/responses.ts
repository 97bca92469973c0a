/**
 * How browser mode answers: every response carries the same security headers
 * (the CSP of the renderer, no sniffing, no framing, no referrer), and API
 * errors have the shape of an InvokeResult so the page handles them alike.
 */
import type http from 'node:http';
import type { InvokeResult } from '../../shared/contract';
import { CSP } from '../../shared/csp';

export const BASE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const JSON_TYPE = 'application/json; charset=utf-8';
export const TEXT_TYPE = 'text/plain; charset=utf-8';

/** The whole body at once, with a Content-Length; HEAD gets the headers only. */
export function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': type, 'Content-Length': String(buf.length), ...extra });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

/** API answers are never cached: they are per-run and may hold data. */
export function sendJson(res: http.ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), JSON_TYPE, { 'Cache-Control': 'no-store', ...extra });
}

export function errorResult(kind: string, message: string): InvokeResult<never> {
  return { ok: false, error: { kind, message } };
}

/** A failure inside an API route: a 500 if nothing was sent yet, else the connection is cut. */
export function answerApiFailure(res: http.ServerResponse, e: unknown): void {
  if (!res.headersSent) sendJson(res, 500, errorResult('storage', `操作失败：${(e as Error)?.message ?? String(e)}`));
  else res.destroy();
}

/** A megabyte count for messages about size caps. */
export function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
