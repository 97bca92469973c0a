/**
 * The request guards of browser mode (see server.ts for the whole list):
 * only our own host name and origin, and, for every API call that acts, a
 * POST carrying the per-run token in a header — a header a foreign page
 * cannot set without a CORS preflight we never grant.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { errorResult, sendJson } from './responses';

export const TOKEN_HEADER = 'x-workstation-token';

export function newToken(): string {
  return crypto.randomBytes(24).toString('hex');
}

/** Constant-time, so the token cannot be guessed a character at a time. */
function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * Why a request must be refused before it is routed, or null. The Host check
 * defeats DNS rebinding (a foreign name resolved to 127.0.0.1); the Origin
 * check, cross-site requests that a browser labels with their origin.
 */
export function foreignRequestRefusal(req: http.IncomingMessage, port: number): string | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return '拒绝：主机名不符。';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return '拒绝：来源不符。';
  return null;
}

/** For the acting API routes: answers 405 or 403 and returns false unless this is a POST with our token. */
export function isTokenPost(req: http.IncomingMessage, res: http.ServerResponse, token: string): boolean {
  if (req.method !== 'POST') {
    sendJson(res, 405, errorResult('usage', '只接受 POST 请求。'));
    return false;
  }
  if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
    sendJson(res, 403, errorResult('forbidden', '拒绝：缺少或错误的访问令牌。'));
    return false;
  }
  return true;
}
