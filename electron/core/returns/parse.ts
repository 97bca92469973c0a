/**
 * Decides what a workbook is — a return template or the long format — and
 * refuses, before any cell is read, data the person who checked the file
 * could not see (hidden sheets holding values). This is the reading of
 * exceljs's whole-workbook model; stream/long.ts reads long-format workbooks
 * the same way without building it.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { LONG_REQUIRED, META_SHEET, TEMPLATE_REQUIRED, TEMPLATE_SHEET } from './layout';
import type { ImportCatalogue, ParsedReturn } from './parsed';
import { parseLong } from './parse-long';
import { parseTemplate } from './parse-template';
import { findHeader, isEmptyCell, type HeaderRow } from './read-workbook';

/** The value column of a sheet in either format, if it is one. */
function recognise(ws: ExcelJS.Worksheet): { header: HeaderRow; valueCol: number } | null {
  const t = findHeader(ws, TEMPLATE_REQUIRED);
  if (t) return { header: t, valueCol: t.cols.get('本期实际值')! };
  const l = findHeader(ws, LONG_REQUIRED);
  if (l) return { header: l, valueCol: l.cols.get('实际值')! };
  return null;
}

function holdsValues(ws: ExcelJS.Worksheet, header: HeaderRow, valueCol: number): boolean {
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    if (!isEmptyCell(ws.getRow(r).getCell(valueCol))) return true;
  }
  return false;
}

export function hiddenSheetError(name: string): AppError {
  return new AppError('rejected', `工作表“${name}”被隐藏，但其中有要导入的数据。请取消隐藏、核对后再发送，或删除这个工作表。`);
}

export function nothingToImportError(): AppError {
  return new AppError(
    'rejected',
    `文件里没有找到可以导入的表格：需要名为“${TEMPLATE_SHEET}”的工作表（工作站下发的填报模板），` +
      `或者表头含有“${LONG_REQUIRED.join('、')}”的工作表（长表）。请检查是否发错了文件。`,
  );
}

function refuseHiddenSheets(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    if (ws.state === 'visible' || ws.name === META_SHEET) continue;
    const seen = recognise(ws);
    if (seen && holdsValues(ws, seen.header, seen.valueCol)) throw hiddenSheetError(ws.name);
  }
}

export function parseWorkbook(wb: ExcelJS.Workbook, cat: ImportCatalogue): ParsedReturn {
  refuseHiddenSheets(wb);
  const template = wb.getWorksheet(TEMPLATE_SHEET);
  const templateHeader = template ? findHeader(template, TEMPLATE_REQUIRED) : null;
  if (template && templateHeader) return parseTemplate(wb, template, templateHeader, cat);

  const long = wb.worksheets
    .filter((ws) => ws.state === 'visible')
    .map((ws) => ({ ws, header: findHeader(ws, LONG_REQUIRED) }))
    .filter((x): x is { ws: ExcelJS.Worksheet; header: HeaderRow } => x.header !== null);
  if (long.length) return parseLong(long, cat);

  throw nothingToImportError();
}
