import type { Channel } from '../../shared/contract';
import type { ParsedArgs } from './args';

export class UsageError extends Error {}

export interface CommandSpec {
  usage: string;
  summary: string;
  /** Builds the channel call from the arguments; throws UsageError on bad usage. */
  toCall: (args: ParsedArgs) => { channel: Channel; input: Record<string, unknown> };
  /** Human output (without --json), to stdout. */
  human: (value: any) => string;
  /** Exit code for a successful call (import with rejections → 1). */
  exitCode?: (value: any) => number;
}

function flag(args: ParsedArgs, name: string, required: true): string;
function flag(args: ParsedArgs, name: string, required?: false): string | undefined;
function flag(args: ParsedArgs, name: string, required = false): string | undefined {
  const v = args.flags[name];
  if (v === undefined || v === true) {
    if (required) throw new UsageError(`缺少参数 --${name}`);
    return undefined;
  }
  return v;
}

function positional(args: ParsedArgs, index: number, what: string): string {
  const v = args.positionals[index];
  if (!v) throw new UsageError(`缺少${what}`);
  return v;
}

/** The commands of CONTRACTS §1. Excel commands are reserved here and served by the returns module. */
export const commands: Record<string, CommandSpec> = {
  catalogue: {
    usage: 'catalogue [--json]',
    summary: '输出指标目录及各年度目标',
    toCall: () => ({ channel: 'catalogue.get', input: {} }),
    human: (c) =>
      `指标目录 ${c.version}：${c.indicators.length} 个指标，${c.indicators.reduce((n: number, i: { targets: unknown[] }) => n + i.targets.length, 0)} 个目标\n` +
      c.indicators.map((i: { code: string; name: string; unit: string }) => `  ${i.code}\t${i.name}（${i.unit}）`).join('\n'),
  },
  check: {
    usage: 'check [--json]',
    summary: '检查数据库完整性并统计',
    toCall: () => ({ channel: 'app.check', input: {} }),
    human: (c) => `完整性：${c.integrity}；指标 ${c.indicators}，地区 ${c.regions}，实际值 ${c.observations}，导入批次 ${c.batches}`,
    exitCode: (c) => (c.integrity === 'ok' ? 0 : 1),
  },
  backup: {
    usage: 'backup --out <file>',
    summary: '把数据库完整备份到一个文件',
    toCall: (a) => ({ channel: 'backup.create', input: { out: flag(a, 'out', true) } }),
    human: (r) => `已备份到 ${r.file}`,
  },
  restore: {
    usage: 'restore <file>',
    summary: '从备份文件恢复（恢复前自动备份当前数据）',
    toCall: (a) => ({ channel: 'backup.restore', input: { file: positional(a, 0, '备份文件路径') } }),
    human: (r) => `已从 ${r.restored.file} 恢复：${r.restored.observations} 个实际值。恢复前的数据已保存到 ${r.safetyCopy}`,
  },
};

/** Names reserved by CONTRACTS §1 until their module registers them. */
export const RESERVED = ['template', 'import', 'undo-import', 'export'];
