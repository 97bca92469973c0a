/**
 * The headless shell: `npm run --silent cli -- <command> [options]`.
 * Same handler table as the desktop app. With --json, stdout holds exactly
 * one JSON document; messages go to stderr. Exit: 0 done, 1 rejected, 2 bad
 * usage / unreadable file / storage failure.
 */
import { parseArgs } from './cli/args';
import { commands, RESERVED, UsageError } from './cli/commands';
import { invoke } from './core/dispatch';
import { closeStore, openStore } from './core/store';
import { isAppError } from './core/errors';

const BOOLEAN_FLAGS = new Set(['json', 'dry-run', 'help']);

function helpText(): string {
  const lines = Object.entries(commands).map(([, c]) => `  ${c.usage.padEnd(60)} ${c.summary}`);
  return `用法：npm run --silent cli -- <命令> [选项] [--db <数据库文件>] [--json]\n\n${lines.join('\n')}\n`;
}

/** One self-erasing status line on a terminal; nothing when piped. */
function progressLine(done: number, total: number, label: string): void {
  process.stderr.write(`\r\x1b[K${label} ${done}/${total}`);
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, BOOLEAN_FLAGS);
  const json = args.flags.json === true;
  const fail = (code: number, kind: string, message: string, details?: unknown): number => {
    if (json) process.stdout.write(JSON.stringify({ error: { kind, message, ...(details ? { details } : {}) } }) + '\n');
    process.stderr.write(message + '\n');
    return code;
  };
  if (!args.command || args.flags.help) {
    process.stderr.write(helpText());
    return args.command ? 0 : 2;
  }
  const spec = commands[args.command];
  if (!spec) {
    if (RESERVED.includes(args.command)) return fail(2, 'usage', `命令 ${args.command} 尚未在此版本中提供。`);
    return fail(2, 'usage', `未知命令：${args.command}\n${helpText()}`);
  }
  let call;
  try {
    call = spec.toCall(args);
  } catch (e) {
    if (e instanceof UsageError) return fail(2, 'usage', `${e.message}。用法：${spec.usage}`);
    throw e;
  }
  const dbFlag = args.flags.db;
  let ctx;
  try {
    ctx = await openStore({ dbFile: typeof dbFlag === 'string' ? dbFlag : undefined });
  } catch (e) {
    if (isAppError(e)) return fail(2, e.kind, e.message);
    throw e;
  }
  try {
    const result = await invoke(ctx, call.channel, call.input, {
      progress: json || !process.stderr.isTTY ? undefined : progressLine,
    });
    if (!json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    if (!result.ok) {
      const code = result.error.kind === 'rejected' ? 1 : 2;
      return fail(code, result.error.kind, result.error.message, result.error.details);
    }
    if (json) process.stdout.write(JSON.stringify(spec.json ? spec.json(result.value) : result.value) + '\n');
    else process.stdout.write(spec.human(result.value) + '\n');
    return spec.exitCode ? spec.exitCode(result.value) : 0;
  } finally {
    closeStore(ctx);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`意外错误：${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
