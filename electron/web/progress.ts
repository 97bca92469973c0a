/**
 * Progress of long requests in browser mode. A page that wants it sends its
 * /api/invoke with an X-Request-Id of its choosing and asks POST /api/progress
 * {id} (with the token) while it waits; the answer is the latest
 * {done, total, label} the handler reported, or null. An entry lives only as
 * long as its request.
 */
import type http from 'node:http';
import { isTokenPost } from './guards';
import { readBody } from './request-body';
import { errorResult, sendJson } from './responses';

export interface Progress {
  done: number;
  total: number;
  label: string;
}

export const REQUEST_ID_HEADER = 'x-request-id';
const ID = /^[A-Za-z0-9-]{1,64}$/;

export class ProgressBoard {
  private readonly latest = new Map<string, Progress | null>();

  constructor(private readonly token: string) {}

  /** The request's id, if it sent a well-formed one; its entry then exists until `finish`. */
  begin(req: http.IncomingMessage): string | null {
    const id = req.headers[REQUEST_ID_HEADER];
    if (typeof id !== 'string' || !ID.test(id) || this.latest.has(id)) return null;
    this.latest.set(id, null);
    return id;
  }

  report(id: string, p: Progress): void {
    if (this.latest.has(id)) this.latest.set(id, p);
  }

  finish(id: string): void {
    this.latest.delete(id);
  }

  route() {
    return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
      if (!isTokenPost(req, res, this.token)) return;
      let id: unknown;
      try {
        id = (JSON.parse((await readBody(req, 1024)).toString('utf8')) as { id?: unknown }).id;
      } catch {
        sendJson(res, 400, errorResult('usage', '请求内容应为 {"id": "..."}。'));
        return;
      }
      sendJson(res, 200, { ok: true, value: typeof id === 'string' ? (this.latest.get(id) ?? null) : null });
    };
  }
}
