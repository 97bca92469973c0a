/**
 * POST /api/invoke {channel, input}: the handler table over HTTP. File paths
 * in the input must lie in the exchange folders (electron/core/path-policy.ts).
 */
import type http from 'node:http';
import { invoke } from '../core/dispatch';
import { browserPathRefusal } from '../core/path-policy';
import type { CoreContext } from '../core/store';
import { isTokenPost } from './guards';
import type { ProgressBoard } from './progress';
import { BodyTooLarge, readBody } from './request-body';
import { errorResult, megabytes, sendJson } from './responses';

export function invokeRoute(ctx: CoreContext, token: string, maxBody: number, progress: ProgressBoard) {
  return async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isTokenPost(req, res, token)) return;
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBody);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        sendJson(res, 413, errorResult('usage', `请求内容过大（上限 ${megabytes(maxBody)} MB）。`));
        // The rest of the body is not worth reading: close once the answer is out.
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
    const refused = browserPathRefusal(ctx.dataDir, channel, input ?? {});
    if (refused) {
      sendJson(res, 403, refused);
      return;
    }
    const id = progress.begin(req);
    try {
      const hooks = id ? { progress: (done: number, total: number, label: string) => progress.report(id, { done, total, label }) } : {};
      sendJson(res, 200, await invoke(ctx, channel, input ?? {}, hooks));
    } finally {
      if (id) progress.finish(id);
    }
  };
}
