#!/usr/bin/env node
/**
 * npm run rebuild:electron — builds better-sqlite3 for Electron's ABI into
 * native/electron/better_sqlite3.node, which the desktop shell loads
 * (electron/main/policy.ts → useNativeBinding) and electron-builder ships as
 * resources/native/better_sqlite3.node.
 *
 * node_modules/better-sqlite3/build is never touched: plain Node (tests, CLI,
 * browser mode) keeps using the build npm made. The package is copied to a
 * temporary folder and built there with node-gyp against Electron's headers.
 *
 * Needs: the Electron headers (downloaded from --dist-url, default
 * https://electronjs.org/headers, or an extracted copy given with --nodedir),
 * Python 3 and a C++ toolchain (Windows: Visual Studio Build Tools). Build on
 * each target OS; a Windows .node cannot be made on Linux.
 *
 * Options: --electron <version> (default: the installed electron package),
 *          --arch <x64|arm64|ia32> (default: this machine's),
 *          --dist-url <url>, --nodedir <extracted headers dir>.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const OUT_DIR = path.join(root, 'native', 'electron');
const OUT_FILE = path.join(OUT_DIR, 'better_sqlite3.node');

function fail(message) {
  process.stderr.write(`\n✗ 未能为 Electron 编译 better-sqlite3 / could not build better-sqlite3 for Electron\n  ${message.replace(/\n/g, '\n  ')}\n`);
  process.exit(1);
}

function option(name, fallback) {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const a = argv[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1] ?? fallback;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function fingerprint(file) {
  if (!fs.existsSync(file)) return null;
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function reachable(url) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 15_000);
  try {
    const res = await fetch(url, { method: 'GET', signal: ctrl.signal, redirect: 'follow' });
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (e) {
    return e?.cause?.code ?? e?.name ?? String(e);
  } finally {
    clearTimeout(timer);
  }
}

async function main() {
  let electronPkg;
  try {
    electronPkg = readJson(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    electronPkg = null;
  }
  const electronVersion = option('electron', process.env.ELECTRON_VERSION ?? electronPkg?.version);
  if (!electronVersion) fail('找不到 Electron 版本：请安装 electron 依赖，或用 --electron <版本> 指定。');
  const arch = option('arch', process.arch);
  const distUrl = option('dist-url', 'https://electronjs.org/headers');
  const nodedir = option('nodedir', undefined);

  let sqliteDir;
  try {
    sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }));
  } catch {
    fail('找不到 node_modules/better-sqlite3：请先运行 npm install。');
  }
  const sqliteVersion = readJson(path.join(sqliteDir, 'package.json')).version;
  let nodeGyp;
  try {
    nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] });
  } catch {
    fail('找不到 node-gyp（随 @electron/rebuild 安装）：请先运行 npm install。');
  }

  process.stderr.write(`为 Electron ${electronVersion}（${process.platform}-${arch}）编译 better-sqlite3 ${sqliteVersion} …\n`);

  if (nodedir) {
    if (!fs.existsSync(path.join(nodedir, 'include', 'node', 'node_version.h'))) {
      fail(`--nodedir ${nodedir} 中没有 Electron 头文件（include/node/node_version.h）。`);
    }
  } else {
    const probe = `${distUrl.replace(/\/$/, '')}/v${electronVersion}/SHASUMS256.txt`;
    const problem = await reachable(probe);
    if (problem) {
      fail(
        `无法下载 Electron ${electronVersion} 的头文件（${probe}：${problem}）。\n` +
          `Electron headers are not reachable from this machine.\n` +
          `请在能访问 ${distUrl} 的机器上运行 npm run rebuild:electron，\n` +
          `或下载并解压 node-v${electronVersion}-headers.tar.gz 后运行：\n` +
          `  npm run rebuild:electron -- --nodedir <解压后的目录>\n` +
          `浏览器模式、命令行和测试不需要这一步。/ Browser mode, the CLI and the tests do not need this step.`,
      );
    }
  }

  const npmBuild = path.join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
  const before = fingerprint(npmBuild);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-electron-sqlite-'));
  const pkgCopy = path.join(work, 'better-sqlite3');
  try {
    fs.cpSync(sqliteDir, pkgCopy, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(sqliteDir, src);
        return rel !== 'build' && !rel.startsWith(`build${path.sep}`) && !rel.startsWith(`node_modules${path.sep}`) && rel !== 'node_modules';
      },
    });

    // npm's own settings must not leak in: a user-level `nodedir` (e.g. /usr)
    // would silently build against Node's headers instead of Electron's.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i.test(k)));
    const args = [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, `--dist-url=${distUrl}`, `--devdir=${path.join(os.homedir(), '.electron-gyp')}`];
    if (nodedir) args.push(`--nodedir=${path.resolve(nodedir)}`);
    const r = spawnSync(process.execPath, args, { cwd: pkgCopy, stdio: 'inherit', env });
    if (r.status !== 0) {
      fail(
        `node-gyp 失败（退出码 ${r.status ?? r.signal}）。请检查上面的输出：常见原因是缺少 Python 3 或 C++ 编译工具` +
          `（Windows：Visual Studio Build Tools 的“使用 C++ 的桌面开发”），或无法下载头文件。`,
      );
    }
    const built = path.join(pkgCopy, 'build', 'Release', 'better_sqlite3.node');
    if (!fs.existsSync(built)) fail(`编译结束但没有生成 ${built}。`);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.copyFileSync(built, OUT_FILE);
    fs.writeFileSync(
      path.join(OUT_DIR, 'build-info.json'),
      JSON.stringify({ electron: electronVersion, platform: process.platform, arch, betterSqlite3: sqliteVersion, builtAt: new Date().toISOString() }, null, 2) + '\n',
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (fingerprint(npmBuild) !== before) fail('内部错误：node_modules/better-sqlite3/build 被改动了。请运行 npm rebuild better-sqlite3。');
  process.stderr.write(`✓ 已生成 ${path.relative(root, OUT_FILE)}（Electron ${electronVersion}，${process.platform}-${arch}）。\n`);
}

main().catch((e) => fail(e?.stack ?? String(e)));
