/**
 * How a typed cell becomes a number (CONTRACTS §4). Pure: no Node, no Excel
 * library — the workbook reader describes each cell as a CellInput and this
 * decides. Messages are written for the person who filled the cell; the caller
 * adds which cell it was.
 */

/** What a cell held, as the workbook reader saw it. */
export interface CellInput {
  type: 'number' | 'string' | 'formula' | 'date' | 'boolean' | 'empty' | 'error' | 'richText';
  /**
   * number for 'number'; text for 'string' and 'richText' (runs joined); the
   * formula text for 'formula'; a Date (or ISO text) for 'date'; boolean for
   * 'boolean'; the error text ('#DIV/0!') for 'error'; null for 'empty'.
   */
  value: number | string | boolean | Date | null;
  /** Formula only: the result last saved by Excel/WPS/LibreOffice; undefined when none was saved. */
  cachedResult?: number | string | boolean | Date | { error: string } | null;
  /** The cell's number format ('0%', 'General', …): 0.65 shown as 65% means 65 for a % indicator. */
  numFmt?: string;
}

export interface IndicatorUnit {
  unit: string;
  direction: 'lower' | 'higher' | 'range' | 'milestone';
}

export type ValueReading =
  | { kind: 'value'; value: number; warning?: string }
  | { kind: 'empty' }
  | { kind: 'placeholder'; warning: string }
  | { kind: 'rejected'; message: string };

/** Units in the catalogue that mean something else: a number followed by one of these is in the wrong unit. */
const KNOWN_UNITS = [
  '个工作日', '工作日', '自然日', '天', '日', '小时', '分钟', '秒', '周', '个月', '月', '年',
  '美元', '万美元', '元', '万元', '亿元', '个', '项', '家', '件', '万件', '亿件', '次', '人', '万人', '万人次',
  '笔', '万笔', '类', '千瓦', '户', '份', '个百分点', '百分点', '%',
];

/** Typed for "nothing to report". Compared after folding widths and dropping spaces. */
const PLACEHOLDERS = new Set(['—', '——', '–', '―', '─', '-', '--', '/', '\\', '无', '暂无', '不适用', 'N/A', 'NA', '#N/A']);

const MILESTONE_WORDS: Record<string, number> = { 是: 1, 否: 0, 已完成: 1, 完成: 1, 未完成: 0 };

/** Full-width digits, letters, punctuation and the ideographic space to their ASCII forms; the minus sign too. */
export function foldWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0\u2002-\u200b\ufeff]/g, ' ')
    .replace(/\u2212/g, '-');
}

/** 0.65 * 100 is 65.00000000000001 in floating point; values carry far fewer digits than 12. */
function tidy(n: number): number {
  return Number(n.toPrecision(12));
}

/** True when the number format shows the value as a percentage (a '%' outside quotes and brackets). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return bare.includes('%');
}

function unitLabel(u: IndicatorUnit): string {
  return u.direction === 'milestone' ? '完成填 1，未完成填 0' : `单位：${u.unit}`;
}

function quote(s: string): string {
  const t = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return `“${t}”`;
}

function formatDate(d: Date | string): string {
  if (typeof d === 'string') return d.slice(0, 10);
  return Number.isNaN(d.getTime()) ? '日期' : d.toISOString().slice(0, 10);
}

/**
 * A number already known to be numeric, checked against the indicator.
 * `typed` is the text as the person typed it; a number cell passes null and
 * its number format instead, and how it was shown is worked out only for a
 * message (most values need none).
 */
function checkNumber(n: number, u: IndicatorUnit, typed: string | null, fromPercentFormat: boolean, numFmt?: string): ValueReading {
  if (!Number.isFinite(n)) return { kind: 'rejected', message: `${quote(typed ?? displayNumber(n, numFmt))}不是有效的数字，请填写数字（${unitLabel(u)}）` };
  if (u.direction === 'milestone') {
    if (n === 1 || n === 0) return { kind: 'value', value: n };
    return { kind: 'rejected', message: `本指标是完成情况类指标，只能填 1（已完成）或 0（未完成），不能填 ${quote(typed ?? displayNumber(n, numFmt))}` };
  }
  if (fromPercentFormat && u.unit !== '%') {
    return { kind: 'rejected', message: `${quote(typed ?? displayNumber(n, numFmt))}显示为百分数，但本指标单位是${u.unit}，请填写以${u.unit}计的数字，不要设置为百分比格式` };
  }
  const value = fromPercentFormat ? tidy(n * 100) : n;
  if (value < 0) {
    return { kind: 'rejected', message: `${quote(typed ?? displayNumber(n, numFmt))}是负数，本指标（单位：${u.unit}）不能为负数，请核实后填写` };
  }
  if (u.unit === '%' && value > 100) {
    return { kind: 'value', value, warning: `${quote(typed ?? displayNumber(n, numFmt))}超过了 100%，请核实是否填错` };
  }
  if (u.unit === '%' && !fromPercentFormat && value > 0 && value < 1) {
    return {
      kind: 'value',
      value,
      warning: `本指标单位是 %，${quote(typed ?? displayNumber(n, numFmt))}按 ${value}% 计入；如果想填的是 ${tidy(value * 100)}%，请改填 ${tidy(value * 100)}`,
    };
  }
  return { kind: 'value', value };
}

const NUMBER_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)(.*)$/;
const DATE_RE = /^(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}月\d{1,2}日|\d{1,2}[/-]\d{1,2}[/-]\d{2,4})(\s*\d{1,2}:\d{2}(:\d{2})?)?$/;

/** Text typed into a cell: a number with an optional unit, a placeholder, a milestone word, or something we refuse. */
function readText(raw: string, u: IndicatorUnit): ValueReading {
  const shown = raw.trim();
  const s = foldWidth(raw).trim();
  if (s === '') return { kind: 'empty' };
  const compact = s.replace(/\s+/g, '');
  if (PLACEHOLDERS.has(compact.toUpperCase())) {
    return { kind: 'placeholder', warning: `${quote(shown)}按“无数据”处理，本期该指标不计入；如有数据请填写数字` };
  }
  if (u.direction === 'milestone' && compact in MILESTONE_WORDS) {
    return { kind: 'value', value: MILESTONE_WORDS[compact]! };
  }
  if (DATE_RE.test(s)) {
    return { kind: 'rejected', message: `${quote(shown)}是日期，本指标要填写数字（${unitLabel(u)}）` };
  }
  const m = NUMBER_RE.exec(compact);
  if (!m) return { kind: 'rejected', message: `${quote(shown)}不是数字，请只填写数字（${unitLabel(u)}）；无数据请留空` };
  const n = Number(`${m[1]}${m[2]!.replace(/,/g, '')}`);
  const suffix = m[3]!;
  // Text is read as typed: a number format never rescales it.
  if (suffix === '') return checkNumber(n, u, shown, false);
  if (u.direction === 'milestone') {
    return { kind: 'rejected', message: `本指标是完成情况类指标，只能填 1（已完成）或 0（未完成），不能填 ${quote(shown)}` };
  }
  if (suffix === u.unit) return checkNumber(n, u, shown, false);
  if (suffix === '%') {
    return { kind: 'rejected', message: `${quote(shown)}是百分数，本指标单位是${u.unit}，请填写以${u.unit}计的数字` };
  }
  if (KNOWN_UNITS.includes(suffix)) {
    return {
      kind: 'rejected',
      message: `${quote(shown)}的单位是${suffix}，本指标单位是${u.unit}，请换算成${u.unit}后填写数字`,
    };
  }
  return { kind: 'rejected', message: `${quote(shown)}不是数字，请只填写数字（${unitLabel(u)}）；无数据请留空` };
}

/** Reads one cell for one indicator (CONTRACTS §4). */
export function readValue(raw: CellInput, indicator: IndicatorUnit): ValueReading {
  switch (raw.type) {
    case 'empty':
      return { kind: 'empty' };
    case 'number':
      return checkNumber(Number(raw.value), indicator, null, isPercentFormat(raw.numFmt), raw.numFmt);
    case 'string':
    case 'richText':
      return readText(String(raw.value ?? ''), indicator);
    case 'boolean':
      if (indicator.direction === 'milestone') return { kind: 'value', value: raw.value ? 1 : 0 };
      return { kind: 'rejected', message: `单元格是逻辑值 ${raw.value ? 'TRUE' : 'FALSE'}，本指标要填写数字（${unitLabel(indicator)}）` };
    case 'date':
      return {
        kind: 'rejected',
        message: `单元格是日期（${formatDate(raw.value as Date | string)}），本指标要填写数字（${unitLabel(indicator)}）；如果数字被显示成了日期，请把单元格格式改为“常规”后重新填写`,
      };
    case 'error':
      return { kind: 'rejected', message: `单元格显示错误值 ${String(raw.value)}，请改为填写数字` };
    case 'formula':
      return readFormula(raw, indicator);
  }
}

function readFormula(raw: CellInput, u: IndicatorUnit): ValueReading {
  const r = raw.cachedResult;
  const formula = `=${String(raw.value ?? '').replace(/^=/, '')}`;
  if (r === undefined || r === null) {
    return {
      kind: 'rejected',
      message: `单元格是公式（${formula}），但文件里没有保存计算结果。请在 Excel 或 WPS 中打开后保存一次，或直接填写数字`,
    };
  }
  if (typeof r === 'object' && !(r instanceof Date)) {
    return { kind: 'rejected', message: `单元格的公式（${formula}）计算出错（${r.error}），请改为填写数字` };
  }
  if (r instanceof Date) return readValue({ type: 'date', value: r }, u);
  if (typeof r === 'boolean') return readValue({ type: 'boolean', value: r }, u);
  if (typeof r === 'number') return readValue({ type: 'number', value: r, numFmt: raw.numFmt }, u);
  return readValue({ type: 'string', value: r, numFmt: raw.numFmt }, u);
}

/** How the person saw the number: 0.65 in a percent cell is "65%". */
function displayNumber(n: number, numFmt: string | undefined): string {
  return isPercentFormat(numFmt) ? `${tidy(n * 100)}%` : String(n);
}
