/**
 * The file sent back to the person who filled the return: a copy of their own
 * workbook with every refused cell red and every doubtful one amber, each with
 * a note saying why, plus a sheet listing them all. The original file is only
 * read; the copy is written to a temporary name and renamed.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ReturnIssue } from '../../../shared/channels/returns';
import { AppError } from '../errors';
import type { CoreContext } from '../store';
import { writeWorkbookAtomic } from '../xlsx/atomic-write';
import { evaluate } from './evaluate';
import { readReturn } from './import';

const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF9999' } };
const AMBER: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD966' } };
export const ISSUES_SHEET = '导入检查结果';

function mark(wb: ExcelJS.Workbook, issue: ReturnIssue, fill: ExcelJS.Fill, prefix: string, done: Set<string>): void {
  const ws = wb.getWorksheet(issue.sheet);
  if (!ws || !issue.cell) return;
  const key = `${issue.sheet}!${issue.cell}`;
  const cell = ws.getCell(issue.cell);
  const text = `${prefix}${issue.message}`;
  if (done.has(key)) {
    // A second issue at the same cell adds to the note; the first (worse) fill stays.
    const note = typeof cell.note === 'string' ? cell.note : '';
    cell.note = note ? `${note}\n${text}` : text;
    return;
  }
  done.add(key);
  // Cells read from a file share style objects: assigning cell.fill would paint every cell of that style.
  cell.style = { ...cell.style, fill };
  cell.note = text;
}

export async function writeErrorsCopy(ctx: CoreContext, file: string, out: string): Promise<{ file: string; rejected: number }> {
  const source = path.resolve(file);
  const target = path.resolve(out);
  if (source === target) throw new AppError('usage', '标注错误的副本不能覆盖原文件，请换一个文件名。');
  const r = await readReturn(ctx, source, {}, { model: true });
  const ev = evaluate(ctx.db, r.cat, r.parsed);

  // The workbook parsed from the file's bytes is ours to mark up: the file itself is never opened for writing.
  const copy = r.wb!;
  const done = new Set<string>();
  for (const i of ev.rejected) mark(copy, i, RED, '【需改正】', done);
  for (const i of ev.warnings) mark(copy, i, AMBER, '【请核实】', done);

  const old = copy.getWorksheet(ISSUES_SHEET);
  if (old) copy.removeWorksheet(old.id);
  const list = copy.addWorksheet(ISSUES_SHEET);
  list.columns = [
    { header: '类别', width: 10 }, { header: '工作表', width: 12 }, { header: '单元格', width: 10 },
    { header: '指标代码', width: 14 }, { header: '说明', width: 90 },
  ];
  list.getRow(1).font = { bold: true };
  for (const i of ev.rejected) list.addRow(['需改正', i.sheet, i.cell, i.code, i.message]).getCell(1).fill = RED;
  for (const i of ev.warnings) list.addRow(['请核实', i.sheet, i.cell, i.code, i.message]).getCell(1).fill = AMBER;
  if (ev.rejected.length + ev.warnings.length === 0) list.addRow(['', '', '', '', '没有发现问题。']);
  const unlisted = ev.rejectedTotal - ev.rejected.length + (ev.warningsTotal - ev.warnings.length);
  if (unlisted > 0) list.addRow(['', '', '', '', `另有 ${unlisted} 处问题未标注（每类只标注前 ${ev.rejected.length > ev.warnings.length ? ev.rejected.length : ev.warnings.length} 处）。请先改正以上各处再发回。`]);

  const written = await writeWorkbookAtomic(copy, target);
  return { file: written, rejected: ev.rejected.length };
}
