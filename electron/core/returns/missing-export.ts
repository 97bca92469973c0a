/**
 * The list of returns still missing for a period (overdue ones first), as a
 * workbook an evaluator can forward to the departments being chased.
 */
import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import { parsePeriod, periodLabel } from '../../../shared/periods';
import { writeWorkbookAtomic } from '../xlsx/atomic-write';
import { listReturns, STATE_LABEL, todayLocal } from './tracker';

export const MISSING_HEADERS = ['地区', '期间', '状态', '截止日期', '是否逾期', '已有数据项数'] as const;

export async function exportMissing(db: Database, period: string, out: string, today = todayLocal()): Promise<{ file: string; rows: number }> {
  const rows = listReturns(db, period, today)
    .filter((r) => r.state === 'expected')
    // Overdue first: those are the calls to make today.
    .sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const label = periodLabel(parsePeriod(period)!);

  const wb = new ExcelJS.Workbook();
  wb.creator = '营商环境指标监测工作站';
  const ws = wb.addWorksheet('未报送', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: MISSING_HEADERS[0], width: 22 },
    { header: MISSING_HEADERS[1], width: 18 },
    { header: MISSING_HEADERS[2], width: 10 },
    { header: MISSING_HEADERS[3], width: 13 },
    { header: MISSING_HEADERS[4], width: 10 },
    { header: MISSING_HEADERS[5], width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow([r.regionName, label, STATE_LABEL[r.state], r.dueDate, r.overdue ? '是' : '否', r.observations]);
    if (r.overdue) row.getCell(5).font = { bold: true, color: { argb: 'FFC00000' } };
  }
  const file = await writeWorkbookAtomic(wb, out);
  return { file, rows: rows.length };
}
