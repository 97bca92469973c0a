/**
 * Browser-mode file exchange over real sockets: POST /api/upload (token,
 * Origin, size cap, name sanitised into <dataDir>/uploads/<random>/),
 * POST /api/download-ticket + GET /api/download (only files inside
 * <dataDir>/downloads/ or the backups folder; one-time tickets; RFC 5987
 * names), and the desktop-only dialog channels refused by the core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import type { CoreContext } from '../../electron/core/store';
import { contentDisposition, sanitizeUploadName, type WebServer } from '../../electron/web/server';
import { request, startOnTempStore, type Reply, type TempWebServer } from '../helpers/web-server';

const json = (r: Reply) => JSON.parse(r.body) as Record<string, unknown>;

describe('browser-mode file exchange', () => {
  let site: TempWebServer;
  let ctx: CoreContext;
  let web: WebServer;
  let dir: string;

  beforeAll(async () => {
    // secret.txt lies outside the data folder: no upload name or download path may reach it.
    site = await startOnTempStore('ys-webfiles-', { files: { 'secret.txt': 'outside' }, server: { maxUploadBytes: 256 * 1024 } });
    ({ ctx, web, dir } = site);
  });

  afterAll(() => site?.stop());

  const upload = (name: string, body: Buffer | string, headers: Record<string, string> = { 'X-Workstation-Token': web.token }) =>
    request(web.port, { method: 'POST', path: `/api/upload?name=${encodeURIComponent(name)}`, headers: { 'Content-Type': 'application/octet-stream', ...headers }, body });

  const ticket = (file: unknown, headers: Record<string, string> = { 'X-Workstation-Token': web.token }) =>
    request(web.port, { method: 'POST', path: '/api/download-ticket', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ path: file }) });

  it('stores an upload under <dataDir>/uploads/<random>/ and answers its path', async () => {
    const res = await upload('海口市 2026Q1 填报表.xlsx', Buffer.from('PK\u0003\u0004 fake'));
    expect(res.status).toBe(200);
    const { path: stored, name, size } = json(res) as { path: string; name: string; size: number };
    expect(name).toBe('海口市 2026Q1 填报表.xlsx');
    expect(size).toBe(9);
    expect(path.dirname(path.dirname(stored))).toBe(path.join(ctx.dataDir, 'uploads'));
    expect(path.basename(path.dirname(stored))).toMatch(/^[0-9a-f]{24}$/);
    expect(fs.readFileSync(stored, 'utf8')).toBe('PK\u0003\u0004 fake');
    // Two uploads of the same name never collide.
    const again = json(await upload('海口市 2026Q1 填报表.xlsx', 'x')) as { path: string };
    expect(again.path).not.toBe(stored);
  });

  it('refuses an upload without the token, with a wrong one, or from a foreign Origin', async () => {
    const none = await upload('a.xlsx', 'x', {});
    expect(none.status).toBe(403);
    expect(json(none)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect((await upload('a.xlsx', 'x', { 'X-Workstation-Token': 'nope' })).status).toBe(403);
    expect((await upload('a.xlsx', 'x', { 'X-Workstation-Token': web.token, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await request(web.port, { path: '/api/upload?name=a.xlsx', headers: { 'X-Workstation-Token': web.token } })).status).toBe(405);
    expect((await request(web.port, { method: 'POST', path: '/api/upload', headers: { 'X-Workstation-Token': web.token }, body: 'x' })).status).toBe(400);
  });

  it('sanitises the name: no traversal, no folders, no device names', async () => {
    for (const evil of ['../../secret.txt', '..\\..\\secret.txt', '/etc/passwd', 'C:\\Windows\\win.ini', '....', 'a\u0000b.xlsx', 'con.xlsx']) {
      const res = await upload(evil, 'x');
      expect(res.status, evil).toBe(200);
      const stored = (json(res) as { path: string }).path;
      expect(path.dirname(path.dirname(stored)), evil).toBe(path.join(ctx.dataDir, 'uploads'));
      expect(path.basename(stored), evil).not.toMatch(/^\.|[/\\\u0000]/);
    }
    expect(fs.readFileSync(path.join(dir, 'secret.txt'), 'utf8')).toBe('outside');
    expect(sanitizeUploadName('../../secret.txt')).toBe('secret.txt');
    expect(sanitizeUploadName('..\\..\\a.xlsx')).toBe('a.xlsx');
    expect(sanitizeUploadName('....')).toBe('upload');
    expect(sanitizeUploadName('CON.xlsx')).toBe('_CON.xlsx');
    expect(sanitizeUploadName('a<b>:c?.xlsx')).toBe('a_b__c_.xlsx');
    const long = sanitizeUploadName(`${'表'.repeat(200)}.xlsx`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(180);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('caps the upload size', async () => {
    const big = Buffer.alloc(300 * 1024, 1);
    const res = await upload('big.xlsx', big).catch((e: NodeJS.ErrnoException) => ({
      status: e.code === 'EPIPE' || e.code === 'ECONNRESET' ? 413 : 0,
      headers: {},
      body: Buffer.from('{}'),
    }));
    expect(res.status).toBe(413);
    // Nothing half-written is left behind.
    const leftovers = fs.readdirSync(path.join(ctx.dataDir, 'uploads')).flatMap((d) => fs.readdirSync(path.join(ctx.dataDir, 'uploads', d)));
    expect(leftovers).not.toContain('big.xlsx');
  });

  it('downloads a file from <dataDir>/downloads once, as an attachment with its Chinese name', async () => {
    const file = path.join(ctx.dataDir, 'downloads', '2026年第一季度 报告.xlsx');
    fs.writeFileSync(file, 'report bytes');
    const t = await ticket(file);
    expect(t.status).toBe(200);
    const { url, name } = json(t) as { url: string; name: string };
    expect(name).toBe('2026年第一季度 报告.xlsx');
    expect(url).toMatch(/^\/api\/download\?ticket=[0-9a-f]{48}$/);
    const res = await request(web.port, { path: url });
    expect(res.status).toBe(200);
    expect(res.body).toBe('report bytes');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(contentDisposition('2026年第一季度 报告.xlsx'));
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2026年第一季度 报告.xlsx')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // One time only.
    expect((await request(web.port, { path: url })).status).toBe(404);
  });

  it('serves backups too', async () => {
    fs.mkdirSync(ctx.backupDir, { recursive: true });
    const file = path.join(ctx.backupDir, 'copy.db');
    fs.writeFileSync(file, 'db');
    const t = await ticket(file);
    expect(t.status).toBe(200);
    const res = await request(web.port, { path: (json(t) as { url: string }).url });
    expect(res.body).toBe('db');
  });

  it('refuses a file outside the download folders, however it is named', async () => {
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(ctx.dataDir, 'downloads', 'link.txt'));
    const outside = [
      path.join(dir, 'secret.txt'),
      path.join(ctx.dataDir, 'downloads', '..', '..', 'secret.txt'),
      path.join(ctx.dataDir, 'downloads', 'link.txt'),
      ctx.dbFile,
      path.join(ctx.dataDir, 'downloads'),
      path.join(ctx.dataDir, 'downloads', 'missing.xlsx'),
      'downloads/x.xlsx',
      '',
      42,
    ];
    for (const p of outside) {
      const res = await ticket(p);
      expect(res.status, String(p)).toBe(403);
      expect(res.body).not.toContain('outside');
    }
    // The upload folder is not a download folder either.
    const up = (json(await upload('x.xlsx', 'uploaded')) as { path: string }).path;
    expect((await ticket(up)).status).toBe(403);
    // Without the token there is no ticket at all.
    fs.writeFileSync(path.join(ctx.dataDir, 'downloads', 'ok.xlsx'), 'ok');
    expect((await ticket(path.join(ctx.dataDir, 'downloads', 'ok.xlsx'), {})).status).toBe(403);
    // A made-up ticket, or the old ?path= form, finds nothing.
    expect((await request(web.port, { path: `/api/download?ticket=${'0'.repeat(48)}` })).status).toBe(404);
    expect((await request(web.port, { path: `/api/download?path=${encodeURIComponent(path.join(dir, 'secret.txt'))}&token=${web.token}` })).status).toBe(404);
    expect((await request(web.port, { method: 'POST', path: '/api/download' })).status).toBe(405);
  });

  it('encodes file names per RFC 5987 with an ASCII fallback', () => {
    expect(contentDisposition('report.xlsx')).toBe(`attachment; filename="report.xlsx"; filename*=UTF-8''report.xlsx`);
    expect(contentDisposition('海口 "a".pdf')).toBe(`attachment; filename="__ _a_.pdf"; filename*=UTF-8''%E6%B5%B7%E5%8F%A3%20%22a%22.pdf`);
  });

  it('the native dialog channels are desktop-only in the core', async () => {
    const r = await invoke(ctx, 'files.chooseOpen', {});
    expect(r).toMatchObject({ ok: false, error: { kind: 'usage', message: '此功能只在桌面程序中可用' } });
    const s = await invoke(ctx, 'files.chooseSave', { suggestedName: 'a.xlsx' });
    expect(s).toMatchObject({ ok: false, error: { kind: 'usage' } });
  });
});
