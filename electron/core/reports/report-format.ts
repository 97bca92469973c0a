/**
 * How the report workbook looks: number formats by unit, status labels and
 * red/amber/green fills, target text, shared cell styles, and the common
 * frame of every sheet (title, header row, frozen panes, A4 landscape print
 * setup, page numbers). Pure presentation, no data access.
 */
import type ExcelJS from 'exceljs';
import type { Direction } from '../../../shared/domain';
import type { Status } from '../../../shared/scoring';
import type { TargetLike } from '../../../shared/targets';
import { headerFooterText, safeText } from './safe-text';

export const REPORT_FONT = 'Microsoft YaHei';
export const REPORT_TITLE = '海南省营商环境指标季度报告';

export const STATUS_LABEL: Record<Status, string> = {
  met: '达标',
  near: '接近',
  missed: '未达标',
  'no-target': '无目标',
  'no-data': '无数据',
};

/** Fill and text colour per status (Excel's own good/neutral/bad palette); no fill for "no target". */
const STATUS_COLOURS: Record<Status, { fill: string | null; font: string }> = {
  met: { fill: 'FFC6EFCE', font: 'FF006100' },
  near: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  missed: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  'no-target': { fill: null, font: 'FF000000' },
  'no-data': { fill: 'FFD9D9D9', font: 'FF595959' },
};

const HEADER_FILL = 'FFDDEBF7';

// ---------------------------------------------------------------------------
// Number formats

/** Values are stored as shown (65 means 65 %), so '%' is a literal suffix, not Excel's ×100 format. */
export function numFmtFor(unit: string, precision: number, direction: Direction): string {
  if (direction === 'milestone') return '[=1]"完成";[=0]"未完成";0.00';
  const u = unit.trim();
  if (u === '%') return '0.00"%"';
  if (u === '天' || u === '工作日' || u === '小时') return '0.0';
  if (u === '项' || u === '个' || u === '件' || u === '家') return '0';
  if (u === '美元') return '#,##0';
  const p = Math.max(0, Math.min(6, Math.round(precision)));
  return p === 0 ? '#,##0' : `#,##0.${'0'.repeat(p)}`;
}

/** The same, signed: a gap of +0.5 reads "better than the target by 0.5". */
export function gapFmtFor(unit: string, precision: number, direction: Direction): string {
  if (direction === 'milestone') return '0';
  const f = numFmtFor(unit, precision, direction);
  return `+${f};-${f};${f}`;
}

export const SCORE_FMT = '0.0';
export const INT_FMT = '0';
export const SHARE_FMT = '0.0%';

/** A number as text for target labels: up to 6 decimals, no float noise, thousands grouped. */
export function numberText(v: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, useGrouping: true }).format(v);
}

/** "≤ 1", "≥ 90", "45–50", "等于 3", "完成"; '' without a target. Never starts with a formula character. */
export function targetText(target: TargetLike | null, direction: Direction): string {
  if (!target) return '';
  if (direction === 'milestone') return target.deadline ? `完成（${target.deadline} 前）` : '完成';
  switch (target.comparator) {
    case '<=':
      return `≤ ${numberText(target.value)}`;
    case '>=':
      return `≥ ${numberText(target.value)}`;
    case '=':
      return `等于 ${numberText(target.value)}`;
    case 'between': {
      const hi = target.valueMax ?? target.value;
      return `${numberText(Math.min(target.value, hi))}–${numberText(Math.max(target.value, hi))}`;
    }
  }
}

/** Rounds away float noise (0.30000000000000004) before a number lands in a cell. */
export function clean(v: number | null, digits = 9): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f + 0;
}

// ---------------------------------------------------------------------------
// Styles: one shared object per look, so exceljs resolves each to a style id once.

export interface Look {
  numFmt?: string;
  bold?: boolean;
  size?: number;
  colour?: string;
  fill?: string | null;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  border?: boolean;
}

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const looks = new Map<string, Partial<ExcelJS.Style>>();

export function look(l: Look): Partial<ExcelJS.Style> {
  const key = JSON.stringify([l.numFmt, l.bold, l.size, l.colour, l.fill, l.align, l.wrap, l.border]);
  let s = looks.get(key);
  if (!s) {
    s = {
      font: { name: REPORT_FONT, size: l.size ?? 10, bold: l.bold ?? false, color: { argb: l.colour ?? 'FF000000' } },
      alignment: { vertical: 'middle', horizontal: l.align ?? 'left', wrapText: l.wrap ?? false },
    };
    if (l.numFmt) s.numFmt = l.numFmt;
    if (l.fill) s.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: l.fill } };
    if (l.border !== false) s.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
    looks.set(key, s);
  }
  return s;
}

export const TEXT = look({});
export const TEXT_WRAP = look({ wrap: true });
export const CENTER = look({ align: 'center' });

export function statusLook(status: Status, base: Look = {}): Partial<ExcelJS.Style> {
  const c = STATUS_COLOURS[status];
  return look({ ...base, fill: c.fill, colour: c.font });
}

export function numberLook(numFmt: string, extra: Look = {}): Partial<ExcelJS.Style> {
  return look({ align: 'right', ...extra, numFmt });
}

// ---------------------------------------------------------------------------
// Sheet frame

export interface Column {
  header: string;
  width: number;
}

export interface SheetFrame {
  /** Row number of the header row (data starts below it). */
  headerRow: number;
}

export const HEADER_ROW = 3;

/** Cell value plus look; values are numbers, null, or text that already went through safeText. */
export type Cell = { v: string | number | null; s: Partial<ExcelJS.Style> };

/** Text cell: always through safeText. */
export function t(text: string | null | undefined, s: Partial<ExcelJS.Style> = TEXT): Cell {
  const v = safeText(text);
  return { v: v === '' ? null : v, s };
}

/** Number cell; null stays an empty (but styled) cell. */
export function n(value: number | null, s: Partial<ExcelJS.Style>): Cell {
  return { v: value === null || !Number.isFinite(value) ? null : value, s };
}

/** Column widths per sheet, for estimating the height of wrapped rows (neither Excel nor LibreOffice re-fits on open). */
const widthsOf = new WeakMap<ExcelJS.Worksheet, number[]>();

/** Lines a text needs in a column of this width: CJK and full-width characters count double. */
export function estimateLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  let lines = 0;
  for (const para of text.split(/\r?\n/)) {
    let w = 0;
    for (const ch of para) w += ch.charCodeAt(0) > 0x2e7f ? 1.9 : 1;
    lines += Math.max(1, Math.ceil(w / usable));
  }
  return lines;
}

const LINE_HEIGHT = 14;

/** Writes and commits one row: values first, then a style per cell; wrapped text gets the height it needs. */
export function putRow(ws: ExcelJS.Worksheet, cells: Cell[], height?: number): void {
  const row = ws.addRow(cells.map((c) => c.v));
  let lines = 1;
  const widths = widthsOf.get(ws);
  cells.forEach((c, i) => {
    row.getCell(i + 1).style = c.s;
    if (!height && widths && typeof c.v === 'string' && c.s.alignment?.wrapText) {
      lines = Math.max(lines, estimateLines(c.v, widths[i] ?? 10));
    }
  });
  if (height) row.height = height;
  else if (lines > 1) row.height = Math.min(409, lines * LINE_HEIGHT + 4);
  row.commit();
}

/**
 * Adds a sheet with the common frame: title (merged), subtitle, header row,
 * frozen panes below the header (and right of `freezeColumns`), column
 * widths, A4 landscape fit to one page wide, page numbers in the footer.
 */
export function openSheet(
  wb: ExcelJS.Workbook,
  name: string,
  opts: { title: string; subtitle: string; columns: Column[]; freezeColumns?: number; autoFilter?: boolean; periodLabel: string },
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: opts.freezeColumns ?? 0, showGridLines: true }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L${headerFooterText(REPORT_TITLE)}&R${headerFooterText(opts.periodLabel)}`,
      oddFooter: '&C第 &P 页，共 &N 页',
    },
  });
  ws.columns = opts.columns.map((c) => ({ width: c.width }));
  widthsOf.set(ws, opts.columns.map((c) => c.width));
  const last = Math.max(1, opts.columns.length);
  ws.mergeCells(1, 1, 1, last);
  ws.mergeCells(2, 1, 2, last);
  // mergeCells already created rows 1 and 2: fill those rather than adding new ones.
  const titleRow = (n: number, cell: Cell, height: number) => {
    const row = ws.getRow(n);
    row.getCell(1).value = cell.v;
    row.getCell(1).style = cell.s;
    row.height = height;
    row.commit();
  };
  titleRow(1, t(opts.title, look({ bold: true, size: 14, border: false })), 28);
  const total = opts.columns.reduce((sum, c) => sum + c.width, 0);
  titleRow(2, t(opts.subtitle, look({ size: 9, colour: 'FF595959', border: false, wrap: true })), estimateLines(opts.subtitle, total) * 13 + 5);
  const header = look({ bold: true, fill: HEADER_FILL, align: 'center', wrap: true });
  const headerLines = Math.max(2, ...opts.columns.map((c) => estimateLines(c.header, c.width)));
  putRow(ws, opts.columns.map((c) => t(c.header, header)), headerLines * LINE_HEIGHT + 4);
  if (opts.autoFilter && opts.columns.length > 0) {
    ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: opts.columns.length } };
  }
  return ws;
}

/** Lets the zip stream drain between chunks of rows, so memory stays bounded. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
