/**
 * Browser-mode server guards, over real sockets: token, Origin, Host
 * (DNS rebinding), path traversal, loopback-only binding, body cap.
 * Serves a tiny stand-in renderer, so no build is needed.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, CSP_META } from '../../shared/csp';
import { injectToken, type WebServer } from '../../electron/web/server';
import { request, startOnTempStore, type TempWebServer } from '../helpers/web-server';

describe('browser-mode web server', () => {
  let site: TempWebServer;
  let web: WebServer;

  beforeAll(async () => {
    site = await startOnTempStore('ys-web-', {
      page: `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP_META}"><title>t</title></head><body><script type="module" src="./assets/app.js"></script></body></html>`,
      // secret.txt lies beside the served folder: the traversal attempts aim at it.
      files: { 'renderer/assets/app.js': 'console.log(1)', 'secret.txt': 'outside' },
      server: { maxBodyBytes: 1024 * 1024 },
    });
    web = site.web;
  });

  afterAll(() => site?.stop());

  const api = (headers: Record<string, string>, body: unknown = { channel: 'app.check', input: {} }) =>
    request(web.port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('binds the loopback interface only, with a fresh long token', () => {
    const addr = web.server.address() as AddressInfo;
    expect(addr.address).toBe('127.0.0.1');
    expect(web.url).toBe(`http://127.0.0.1:${addr.port}/`);
    expect(web.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('serves index.html with the token in a meta tag, the CSP header and nosniff', async () => {
    const res = await request(web.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<meta name="workstation-token" content="${web.token}">`);
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain(`content="${CSP_META}"`);
    const js = await request(web.port, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.headers['content-security-policy']).toBe(CSP);
  });

  it('answers a call with the token and a same-origin Origin', async () => {
    const res = await api({ 'X-Workstation-Token': web.token, Origin: `http://127.0.0.1:${web.port}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { integrity: 'ok', indicators: 2, regions: 4, observations: 1, batches: 0 } });
    const viaLocalhost = await api({ 'X-Workstation-Token': web.token, Host: `localhost:${web.port}`, Origin: `http://localhost:${web.port}` });
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const none = await api({});
    expect(none.status).toBe(403);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const wrong = await api({ 'X-Workstation-Token': web.token.replace(/.$/, (c) => (c === '0' ? '1' : '0')) });
    expect(wrong.status).toBe(403);
    const short = await api({ 'X-Workstation-Token': 'abc' });
    expect(short.status).toBe(403);
  });

  it('refuses a foreign Origin even with the token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${web.port + 1}`, 'null', `https://127.0.0.1:${web.port}`]) {
      const res = await api({ 'X-Workstation-Token': web.token, Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    const page = await request(web.port, { path: '/', headers: { Origin: 'http://evil.example' } });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain(web.token);
  });

  it('refuses a foreign Host (DNS rebinding), for the page and the API', async () => {
    for (const host of ['evil.example', `evil.example:${web.port}`, `127.0.0.1:${web.port + 1}`, '127.0.0.1', `0.0.0.0:${web.port}`]) {
      const page = await request(web.port, { path: '/', headers: { Host: host } });
      expect(page.status, host).toBe(403);
      expect(page.body).not.toContain(web.token);
      const res = await api({ 'X-Workstation-Token': web.token, Host: host });
      expect(res.status, host).toBe(403);
    }
  });

  it('returns an error result for an unknown channel and for bad input', async () => {
    const unknown = await api({ 'X-Workstation-Token': web.token }, { channel: 'fs.readFile', input: { path: '/etc/passwd' } });
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { kind: 'usage' } });
    const bad = await api({ 'X-Workstation-Token': web.token }, { channel: 'app.check', input: { sneaky: 1 } });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false });
    const notJson = await api({ 'X-Workstation-Token': web.token }, '{nope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { kind: 'usage' } });
    const get = await request(web.port, { path: '/api/invoke', headers: { 'X-Workstation-Token': web.token } });
    expect(get.status).toBe(405);
  });

  it('caps the body size', async () => {
    const big = JSON.stringify({ channel: 'app.check', input: {}, pad: 'x'.repeat(2 * 1024 * 1024) });
    const res = await api({ 'X-Workstation-Token': web.token }, big).catch((e: NodeJS.ErrnoException) => ({ status: e.code === 'EPIPE' || e.code === 'ECONNRESET' ? 413 : 0, body: '', headers: {} }));
    expect(res.status).toBe(413);
  });

  it('never serves a file outside the static folder', async () => {
    for (const p of ['/../package.json', '/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/assets/%00app.js']) {
      const res = await request(web.port, { path: p });
      expect([400, 404], p).toContain(res.status);
      expect(res.body).not.toContain('outside');
    }
    expect((await request(web.port, { path: '/nope.js' })).status).toBe(404);
    expect((await request(web.port, { path: '/assets' })).status).toBe(404);
    expect((await request(web.port, { method: 'POST', path: '/' })).status).toBe(405);
  });

  it('puts the token just before </head>', () => {
    expect(injectToken('<html><head><title>x</title></head></html>', 'abc')).toBe(
      '<html><head><title>x</title>  <meta name="workstation-token" content="abc">\n  </head></html>',
    );
  });
});
