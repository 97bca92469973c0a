/**
 * The long format read straight from the guarded bytes, a row at a time, with
 * the same rules and in the same order as parse.ts on exceljs's model:
 *  1. every hidden sheet (but _meta) that a template or long header makes
 *     recognisable, and that holds a value below it, refuses the file;
 *  2. each visible sheet with a long header (in its top rows) is read, and
 *     one with hidden rows holding values refuses the file;
 *  3. no such sheet at all refuses the file.
 * A workbook with a 填报 sheet is a template: NeedsModel, as is anything the
 * streamed reader cannot promise to read as exceljs would (parts.ts,
 * sheet-reader.ts).
 */
import type { CellInput } from '../../../../shared/values';
import { HEADER_SCAN_ROWS, LONG_REQUIRED, META_SHEET, TEMPLATE_REQUIRED, TEMPLATE_SHEET } from '../layout';
import { hiddenSheetError, nothingToImportError } from '../parse';
import { hiddenRowsError, longColumns, LongRows } from '../parse-long';
import type { ImportCatalogue, ParsedReturn } from '../parsed';
import * as readWorkbook from '../read-workbook';
import type { LoadedBytes } from '../read-workbook';
import { NeedsModel, readBook, type Book, type BookSheet } from './parts';
import { readSheet, type StreamRow } from './sheet-reader';

// Bound once (an imported binding is a getter call per use under tsx).
const { addTitle, inputText, isEmptyInput } = readWorkbook;

function cellAt(row: StreamRow, col: number): CellInput | undefined {
  const cols = row.cols;
  for (let k = 0; k < row.count; k++) {
    const c = cols[k]!;
    if (c === col) return row.cells[k];
    if (c > col) return undefined;
  }
  return undefined;
}

function textAt(row: StreamRow, col: number): string {
  const c = cellAt(row, col);
  return c ? inputText(c) : '';
}

function holdsValue(row: StreamRow, col: number): boolean {
  const c = cellAt(row, col);
  return c !== undefined && !isEmptyInput(c);
}

function titlesOf(row: StreamRow): Map<string, number> {
  const titles = new Map<string, number>();
  for (let k = 0; k < row.count; k++) addTitle(titles, row.cols[k]!, inputText(row.cells[k]!));
  return titles;
}

/** parse.ts's recognise + holdsValues: a template header wins over a long one, wherever both are in the top rows. */
async function hiddenSheetHoldsValues(book: Book, sheet: BookSheet): Promise<boolean> {
  let template: { row: number; col: number } | null = null;
  let long: { row: number; col: number } | null = null;
  let inTemplate = false;
  let inLong = false;
  await readSheet(book, sheet, (row) => {
    if (row.number <= HEADER_SCAN_ROWS && (!template || !long)) {
      const titles = titlesOf(row);
      if (!template && TEMPLATE_REQUIRED.every((t) => titles.has(t))) template = { row: row.number, col: titles.get('本期实际值')! };
      if (!long && LONG_REQUIRED.every((t) => titles.has(t))) long = { row: row.number, col: titles.get('实际值')! };
    }
    const t = template as { row: number; col: number } | null;
    const l = long as { row: number; col: number } | null;
    if (t && row.number > t.row && holdsValue(row, t.col)) inTemplate = true;
    if (l && row.number > l.row && holdsValue(row, l.col)) inLong = true;
    // Past the top rows the header is settled: stop once the answer is known.
    if (row.number > HEADER_SCAN_ROWS) return t ? inTemplate : l ? inLong : true;
    return false;
  });
  const t = template as { row: number; col: number } | null;
  return t ? inTemplate : long ? inLong : false;
}

/** Reads one visible sheet into `rows` if it has a long header; says whether it had. */
async function readLongSheet(book: Book, sheet: BookSheet, rows: LongRows): Promise<boolean> {
  let header = 0;
  let cols: ReturnType<typeof longColumns> | null = null;
  const hidden: number[] = [];
  await readSheet(book, sheet, (row) => {
    if (cols === null) {
      if (row.number > HEADER_SCAN_ROWS) return true; // no header in the top rows: not a long-format sheet
      const titles = titlesOf(row);
      if (LONG_REQUIRED.every((t) => titles.has(t))) {
        header = row.number;
        cols = longColumns({ row: header, cols: titles });
      }
      return false;
    }
    const value = cellAt(row, cols.value);
    // A row without a value says nothing, whatever else it holds.
    if (value === undefined || isEmptyInput(value)) return false;
    if (row.hidden) hidden.push(row.number);
    // Once the sheet is to be refused, only the hidden rows are worth collecting.
    else if (hidden.length === 0) rows.row(sheet.name, row.number, cols, row, textAt, value);
    return false;
  });
  if (hidden.length) throw hiddenRowsError(sheet.name, hidden);
  return header > 0;
}

/** The long format from guarded bytes; NeedsModel when exceljs's model must decide. */
export async function parseLongStreamed(loaded: LoadedBytes, cat: ImportCatalogue): Promise<ParsedReturn> {
  const book = await readBook(loaded);
  if (book.sheets.some((s) => s.name === TEMPLATE_SHEET)) throw new NeedsModel(`a “${TEMPLATE_SHEET}” sheet: a return template`);
  for (const s of book.sheets) {
    if (s.state === 'visible' || s.name === META_SHEET) continue;
    if (await hiddenSheetHoldsValues(book, s)) throw hiddenSheetError(s.name);
  }
  const rows = new LongRows(cat);
  let found = false;
  for (const s of book.sheets) {
    if (s.state !== 'visible') continue;
    if (await readLongSheet(book, s, rows)) found = true;
  }
  if (!found) throw nothingToImportError();
  return rows.out;
}
