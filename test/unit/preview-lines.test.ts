/** The import preview's counts and lines: counts come from the report's totals, lines from what it lists. */
import { describe, expect, it } from 'vitest';
import { counts, linesOf, shownBy } from '../../renderer/src/features/import/preview-lines';
import type { ImportReport } from '../../renderer/src/stores/ui-b-import';

const row = (cell: string, status: 'new' | 'changed' | 'unchanged') => ({ sheet: '数据', cell, code: 'A', region: '460100', period: '2026Q1', status, oldValue: null, newValue: 1 });
const issue = (cell: string, message: string) => ({ sheet: '数据', cell, code: 'A', message });

function report(over: Partial<ImportReport>): ImportReport {
  return {
    batchId: null, fileName: 'f.xlsx', sha256: 'x', kind: 'long', accepted: 0, unchanged: 0,
    rejected: [], warnings: [], rejectedTotal: 0, warningsTotal: 0, rows: [], rowCounts: { new: 0, changed: 0, unchanged: 0 }, rowsOmitted: 0,
    ...over,
  };
}

describe('import preview lines', () => {
  it('counts every value and issue from the totals when the report lists only the first ones', () => {
    const r = report({
      rows: [row('D2', 'new'), row('D3', 'changed')],
      rowCounts: { new: 600_000, changed: 40_000, unchanged: 7 },
      rowsOmitted: 640_005,
      warnings: [issue('D3', '请核实')],
      warningsTotal: 250_000,
      rejected: [issue('B9', '地区无法识别')],
      rejectedTotal: 12_000,
    });
    expect(counts(r)).toEqual({ all: 600_000 + 40_000 + 7 + 12_000 + 250_000, new: 600_000, changed: 40_000, unchanged: 7, rejected: 12_000, warnings: 250_000 });
    const lines = linesOf(r);
    expect(lines.map((l) => `${l.kind}:${l.cell}`)).toEqual(['new:D2', 'changed:D3', 'warning:D3', 'rejected:B9']);
    expect(lines.filter(shownBy('warnings')).map((l) => l.message)).toEqual(['请核实']);
  });
});
