/**
 * `npm start` where no Electron runtime exists (here, CI): it builds when
 * needed, says it falls back, and serves browser mode on 127.0.0.1 until
 * stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';

const ROOT = path.resolve(__dirname, '..', '..');

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM'); // the whole group: start.mjs, tsx and the server
    } catch {
      child.kill('SIGTERM');
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000).unref();
  });
}

describe('npm start without an Electron runtime', () => {
  const dataDir = tmpDir('ys-start-');
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child) await stop(child);
  });

  it('serves browser mode and prints its address', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, YS_DATA_DIR: dataDir, YS_PORT: '0', ELECTRON_OVERRIDE_DIST_PATH: path.join(dataDir, 'no-electron') };
    delete env.YS_SQLITE_BINDING;
    child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address within 90 s\nstdout: ${stdout}\nstderr: ${stderr}`)), 90_000);
      child!.stdout!.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
        const m = /浏览器模式已启动：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`start.mjs exited early (${code})\nstdout: ${stdout}\nstderr: ${stderr}`));
      });
    });
    expect(stderr).toMatch(/Electron 运行时不可用，改用浏览器模式 \/ Electron runtime unavailable, serving browser mode instead\./);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<meta name="workstation-token" content="[0-9a-f]{48}">/);
    expect(html).toContain('营商环境指标监测工作站');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");

    // The same store as the CLI: YS_DATA_DIR decides.
    const token = /content="([0-9a-f]{48})"/.exec(html)![1]!;
    const info = await fetch(new URL('/api/invoke', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Workstation-Token': token },
      body: JSON.stringify({ channel: 'app.info', input: {} }),
    });
    const body = (await info.json()) as { ok: boolean; value: { dataDir: string } };
    expect(body.ok).toBe(true);
    expect(path.resolve(body.value.dataDir)).toBe(path.resolve(dataDir));

    await stop(child);
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
  });
});
