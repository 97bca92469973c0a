/**
 * Progress in browser mode: an /api/invoke sent with X-Request-Id can be
 * followed through POST /api/progress (token required) while it runs; the
 * entry goes when the request ends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStore, openStore, type CoreContext } from '../../electron/core/store';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { writeLongReturn } from '../helpers/returns';
import { request, STAND_IN_PAGE } from '../helpers/web-server';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-webprog-');

describe('browser mode: progress of a long request', () => {
  let ctx: CoreContext;
  let web: WebServer;
  let file: string;
  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), STAND_IN_PAGE);
    ctx = await openStore({ dbFile: path.join(dir, 'data', 'p.db'), user: 'web' });
    web = await startWebServer({ port: 0, ctx, staticDir: path.join(dir, 'renderer') });
    fs.mkdirSync(path.join(dir, 'data', 'uploads'), { recursive: true });
    file = path.join(dir, 'data', 'uploads', 'big.xlsx');
    await writeLongReturn(file, 30_000, { value: (n) => 5 + (n % 3) });
  });
  afterAll(async () => {
    await web.close();
    closeStore(ctx);
  });

  const progressOf = (id: string, headers: Record<string, string> = { 'X-Workstation-Token': web.token }) =>
    request(web.port, { method: 'POST', path: '/api/progress', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ id }) });

  it('reports the stages while the request runs, and nothing after', async () => {
    let finished = false;
    const call = request(web.port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'Content-Type': 'application/json', 'X-Workstation-Token': web.token, 'X-Request-Id': 'import-1' },
      body: JSON.stringify({ channel: 'import.preview', input: { file } }),
    }).finally(() => (finished = true));
    const seen: Array<{ done: number; total: number; label: string }> = [];
    while (!finished) {
      const r = await progressOf('import-1');
      expect(r.status).toBe(200);
      const value = (JSON.parse(r.body) as { value: { done: number; total: number; label: string } | null }).value;
      if (value) seen.push(value);
      await new Promise((res) => setTimeout(res, 5));
    }
    const done = JSON.parse((await call).body) as { ok: boolean; value: { accepted: number } };
    expect(done).toMatchObject({ ok: true, value: { accepted: 30_000 } });
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) {
      expect(['读取文件', '检查内容', '核对数据', '完成']).toContain(p.label);
      expect(p.done).toBeLessThanOrEqual(p.total);
    }
    expect(JSON.parse((await progressOf('import-1')).body)).toEqual({ ok: true, value: null });
  });

  it('wants the token, and a POST', async () => {
    expect((await progressOf('import-1', {})).status).toBe(403);
    expect((await request(web.port, { method: 'GET', path: '/api/progress' })).status).toBe(405);
  });
});
