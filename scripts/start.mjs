#!/usr/bin/env node
/**
 * npm start — build if needed, then run the app.
 *
 * 1. Builds with electron-vite when out/ is missing or older than any source
 *    (a full build takes about a second). Concurrent starts (and the e2e
 *    tests) share a lock in .tmp/, so two builds never overwrite each other.
 * 2. With an Electron runtime (node_modules/electron/dist present) and a
 *    display, launches the desktop app on the build.
 * 3. Otherwise says so in one line and serves browser mode
 *    (electron/web/main.ts under tsx) on 127.0.0.1, printing the address.
 *    Runs until Ctrl+C.
 *
 * Options: --build-only (build if stale, then exit), --force-build,
 * --browser (browser mode even if Electron is available). Everything after
 * `--` goes to browser mode (e.g. -- --port 8080 --db ./x.db).
 * Env: YS_PORT, YS_DATA_DIR as for browser mode and the CLI.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const SOURCES = ['electron', 'shared', 'renderer', 'seeds', 'electron.vite.config.ts', 'package.json'];
const OUTPUTS = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'];
const LOCK = path.join(root, '.tmp', 'build.lock');

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

/** Why a build is needed, or null when out/ is current. */
export function staleReason() {
  let oldestOut = Infinity;
  for (const rel of OUTPUTS) {
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) return `缺少 ${rel}`;
    oldestOut = Math.min(oldestOut, fs.statSync(file).mtimeMs);
  }
  const newestSrc = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return newestSrc > oldestOut ? '源文件比构建结果新' : null;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock(fn) {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        // A lock left by a crashed build (older than 3 minutes) is broken.
        if (Date.now() - fs.statSync(LOCK).mtimeMs > 3 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`等待构建锁超时：${LOCK}`);
      sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds when needed; returns true when it built. Throws when the build fails. */
export function ensureBuilt({ force = false, log = (m) => process.stderr.write(m + '\n') } = {}) {
  return withLock(() => {
    const reason = force ? '按要求重新构建' : staleReason();
    if (!reason) return false;
    log(`正在构建界面（${reason}）… / Building (${reason === '源文件比构建结果新' ? 'sources changed' : 'needed'})…`);
    const started = Date.now();
    const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write((r.stdout ?? '') + (r.stderr ?? ''));
      throw new Error(`构建失败（electron-vite build 退出码 ${r.status ?? r.signal}）/ build failed`);
    }
    log(`构建完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。/ Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return true;
  });
}

/**
 * The Electron executable, without triggering electron's own download
 * (require('electron') would try to fetch the binary when it is missing).
 */
export function electronBinary() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : 'electron';
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel);
    return fs.existsSync(p) ? p : null;
  }
  if (!fs.existsSync(pathFile)) return null;
  const p = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(p) ? p : null;
}

function hasDisplay() {
  if (process.platform === 'win32' || process.platform === 'darwin') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function run(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 0 : 1);
  });
  child.on('error', (e) => {
    process.stderr.write(`无法启动 ${cmd}：${e.message}\n`);
    process.exitCode = 1;
  });
}

function main(argv) {
  const dashdash = argv.indexOf('--');
  const own = dashdash >= 0 ? argv.slice(0, dashdash) : argv;
  const passThrough = dashdash >= 0 ? argv.slice(dashdash + 1) : [];
  try {
    ensureBuilt({ force: own.includes('--force-build') });
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
    return;
  }
  if (own.includes('--build-only')) return;

  const electron = own.includes('--browser') ? null : electronBinary();
  if (electron && hasDisplay()) {
    run(electron, [root]);
    return;
  }
  const why = electron ? ['没有可用的显示器', 'no display available'] : ['Electron 运行时不可用', 'Electron runtime unavailable'];
  process.stderr.write(`${why[0]}，改用浏览器模式 / ${why[1]}, serving browser mode instead.\n`);
  const tsxCli = path.join(path.dirname(require.resolve('tsx/package.json', { paths: [root] })), 'dist', 'cli.mjs');
  run(process.execPath, [tsxCli, path.join(root, 'electron', 'web', 'main.ts'), ...passThrough]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
