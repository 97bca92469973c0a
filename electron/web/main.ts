/**
 * Browser mode entry: `tsx electron/web/main.ts [--db <file>] [--port <n>] [--static <dir>]`
 * (normally started by `npm start` when no Electron runtime is available).
 * Expects the built renderer in out/renderer (npm run build). Same store as
 * the desktop app and the CLI: --db, else YS_DATA_DIR, else the app's data
 * directory. Port: --port, else YS_PORT, else any free port.
 */
import path from 'node:path';
import { parseArgs } from '../cli/args';
import { isAppError } from '../core/errors';
import { closeStore, openStore, type CoreContext } from '../core/store';
import { startWebServer, type WebServer } from './server';

function projectRoot(): string {
  // tsx runs this file as CommonJS (package.json has no "type": "module").
  return typeof __dirname === 'string' ? path.resolve(__dirname, '..', '..') : process.cwd();
}

function parsePort(raw: string | true | undefined): number | undefined {
  if (raw === undefined || raw === true || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`端口不合法：${raw}`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(['serve', ...argv], new Set(['help']));
  if (args.flags.help) {
    process.stderr.write('用法：tsx electron/web/main.ts [--db <数据库文件>] [--port <端口>] [--static <界面目录>]\n');
    return 0;
  }
  let port: number | undefined;
  try {
    port = parsePort(args.flags.port) ?? parsePort(process.env.YS_PORT) ?? 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const staticDir =
    typeof args.flags.static === 'string'
      ? path.resolve(args.flags.static)
      : path.join(projectRoot(), 'out', 'renderer');
  const dbFlag = args.flags.db;

  let ctx: CoreContext;
  try {
    ctx = await openStore({ dbFile: typeof dbFlag === 'string' ? dbFlag : undefined });
  } catch (e) {
    process.stderr.write(`无法打开数据文件：${isAppError(e) ? e.message : (e as Error)?.message ?? String(e)}\n`);
    return 2;
  }

  let web: WebServer;
  try {
    web = await startWebServer({ ctx, port, staticDir });
  } catch (e) {
    closeStore(ctx);
    const err = e as NodeJS.ErrnoException;
    const message = err?.code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请换一个端口（--port 或 YS_PORT）。` : err?.message ?? String(e);
    process.stderr.write(`浏览器模式无法启动：${message}\n`);
    return 2;
  }

  process.stdout.write(`浏览器模式已启动：${web.url}\n`);
  process.stderr.write(`数据文件：${ctx.dbFile}\n按 Ctrl+C 退出。\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      web
        .close()
        .catch(() => undefined)
        .finally(() => {
          closeStore(ctx);
          process.stderr.write(`已退出（${signal}）。\n`);
          resolve(0);
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('SIGHUP', stop);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    if (code !== 0) process.exit(code);
  },
  (e) => {
    process.stderr.write(`意外错误：${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(2);
  },
);
