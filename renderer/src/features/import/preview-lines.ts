/**
 * A previewed return as the lines of its table: every refused cell, every
 * value (new, changed, unchanged) and every reminder, in the order of the
 * sheets and, within a sheet, as the cells read (row by row). Pure.
 */
import type { ImportReport } from '../../stores/ui-b-import';

/** The count buttons above the table: each shows only its kind of line. */
export type Filter = 'all' | 'new' | 'changed' | 'unchanged' | 'rejected' | 'warnings';

export interface PreviewLine {
  kind: 'new' | 'changed' | 'unchanged' | 'rejected' | 'warning';
  sheet: string;
  cell: string;
  code: string;
  region: string | null;
  period: string | null;
  oldValue: number | null;
  newValue: number | null;
  message: string | null;
  order: number;
}

/** A1 → sort key (row first, then column) so the table reads like the sheet. */
function cellOrder(cell: string): number {
  const m = /^([A-Z]+)(\d+)$/.exec(cell.toUpperCase());
  if (!m) return Number.MAX_SAFE_INTEGER;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return Number(m[2]) * 1000 + col;
}

export function linesOf(report: ImportReport): PreviewLine[] {
  const lines: PreviewLine[] = [];
  const sheetIndex = new Map<string, number>();
  const order = (sheet: string, cell: string) => {
    if (!sheetIndex.has(sheet)) sheetIndex.set(sheet, sheetIndex.size);
    return sheetIndex.get(sheet)! * 1e9 + cellOrder(cell);
  };
  for (const r of report.rejected) lines.push({ kind: 'rejected', ...r, region: null, period: null, oldValue: null, newValue: null, order: order(r.sheet, r.cell) });
  for (const r of report.rows)
    lines.push({ kind: r.status, sheet: r.sheet, cell: r.cell, code: r.code, region: r.region, period: r.period, oldValue: r.oldValue, newValue: r.newValue, message: null, order: order(r.sheet, r.cell) });
  for (const w of report.warnings) lines.push({ kind: 'warning', ...w, region: null, period: null, oldValue: null, newValue: null, order: order(w.sheet, w.cell) + 0.5 });
  return lines.sort((a, b) => a.order - b.order);
}

/** Every value read, by kind — from the report's counts, as a big file's preview lists only its first rows. */
export function counts(report: ImportReport) {
  const c = report.rowCounts;
  const rejected = report.rejectedTotal;
  const warnings = report.warningsTotal;
  return { all: c.new + c.changed + c.unchanged + rejected + warnings, new: c.new, changed: c.changed, unchanged: c.unchanged, rejected, warnings };
}

export function shownBy(filter: Filter): (line: PreviewLine) => boolean {
  switch (filter) {
    case 'all':
      return () => true;
    case 'warnings':
      return (l) => l.kind === 'warning';
    default:
      return (l) => l.kind === filter;
  }
}
