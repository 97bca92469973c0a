import type { Channel } from '../../shared/contract';
import type { ParsedArgs } from './args';
import { parsePeriod } from '../../shared/periods';

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
  /** With --json: what to print, when the contract prints less than the channel returns (import). */
  json?: (value: any) => unknown;
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
  template: {
    usage: 'template --region <name> --period <YYYYQn> --out <file.xlsx> [--unit <单位>]',
    summary: '生成某地区某季度的填报模板（--unit 只含该单位负责的指标）',
    toCall: (a) => ({
      channel: 'returns.template',
      input: { region: flag(a, 'region', true), period: flag(a, 'period', true), out: flag(a, 'out', true), ...(flag(a, 'unit') ? { unit: flag(a, 'unit') } : {}) },
    }),
    human: (r) => `已生成填报模板 ${r.file}（${r.indicators} 个指标）`,
  },
  import: {
    usage: 'import <file.xlsx> [--dry-run] [--json]',
    summary: '检查并导入填报表（模板或长表），全部通过才写入；--dry-run 只检查',
    toCall: (a) => ({ channel: a.flags['dry-run'] === true ? 'import.preview' : 'import.commit', input: { file: positional(a, 0, '要导入的文件路径') } }),
    // CONTRACTS §1 prints exactly these fields; past 10,000 issues of a kind the lists stop and a total says how many there were.
    json: (r) => ({
      batchId: r.batchId, accepted: r.accepted, unchanged: r.unchanged, rejected: r.rejected, warnings: r.warnings,
      ...(r.rejectedTotal > r.rejected.length ? { rejectedTotal: r.rejectedTotal } : {}),
      ...(r.warningsTotal > r.warnings.length ? { warningsTotal: r.warningsTotal } : {}),
    }),
    human: importHuman,
    exitCode: (r) => (r.rejected.length > 0 ? 1 : 0),
  },
  'undo-import': {
    usage: 'undo-import <batchId> [--json]',
    summary: '撤销一个导入批次，恢复它替换掉的值',
    toCall: (a) => ({ channel: 'import.undo', input: { batchId: positional(a, 0, '导入批次号') } }),
    human: (r) =>
      `已撤销导入批次 ${r.batchId}：恢复 ${r.restored} 个值` + (r.skipped ? `；${r.skipped} 个值之后已被改动，保留现状` : ''),
  },
  export: {
    usage: 'export --period <YYYYQn> [--region <name>] --out <file.xlsx>',
    summary: '生成季度报告工作簿（汇总、地区排名、报送情况、趋势、各领域）',
    toCall: (a) => {
      const period = flag(a, 'period', true);
      const region = flag(a, 'region');
      // 2026年第一季度 / 2026-Q1 read as 2026Q1; anything else is checked (and refused) by the channel.
      const input: Record<string, unknown> = { period: parsePeriod(period)?.code ?? period, out: flag(a, 'out', true) };
      if (region !== undefined) input.region = region;
      return { channel: 'reports.export', input };
    },
    human: (r) => `已生成季度报告 ${r.file}（${r.sheets.length} 个工作表，${r.rows} 行数据）`,
  },
};

/** Names reserved by CONTRACTS §1 until their module registers them. */
export const RESERVED: string[] = [];

interface Issue {
  sheet: string;
  cell: string;
  code: string;
  message: string;
}

function importHuman(r: {
  batchId: string | null; accepted: number; unchanged: number; rejected: Issue[]; warnings: Issue[]; rejectedTotal: number; warningsTotal: number;
}): string {
  const line = (i: Issue) => `  ${i.sheet}!${i.cell}${i.code ? `（${i.code}）` : ''}：${i.message}`;
  const more = (listed: number, total: number) => (total > listed ? [`  ……另有 ${total - listed} 处未列出（只列出前 ${listed} 处）。`] : []);
  const out: string[] = [];
  if (r.rejected.length) out.push(`有 ${r.rejectedTotal} 处需要改正，未导入任何数据：`, ...r.rejected.map(line), ...more(r.rejected.length, r.rejectedTotal));
  else if (r.batchId) out.push(`已导入，批次 ${r.batchId}：新增或修改 ${r.accepted} 个值，${r.unchanged} 个与原有数据相同。`);
  else if (r.accepted) out.push(`检查通过：可导入 ${r.accepted} 个值，${r.unchanged} 个与原有数据相同（尚未写入）。`);
  else out.push(`没有需要导入的变化：${r.unchanged} 个值与原有数据相同。`);
  if (r.warnings.length) out.push(`请核实 ${r.warningsTotal} 处：`, ...r.warnings.map(line), ...more(r.warnings.length, r.warningsTotal));
  return out.join('\n');
}
