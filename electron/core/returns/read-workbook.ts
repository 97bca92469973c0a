/**
 * Low-level reading of a returned workbook: loading it once (behind the
 * size/zip guard), and with exceljs each cell described as a CellInput for
 * shared/values.ts, header rows, hidden rows. Knows nothing of indicators or
 * the database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { CellInput } from '../../../shared/values';
import { AppError, describeIoError } from '../errors';
import { classifyPart, DEFAULT_LIMITS, guardXlsx, guardXlsxBytes, type GuardedZip, type GuardKeep } from './guard';
import { HEADER_SCAN_ROWS, normaliseLabel } from './layout';

/**
 * The worksheets and shared strings of a workbook of ordinary size are kept
 * as the guard inflated them, for the streamed reader; bigger ones it
 * inflates again, a chunk at a time (memory stays bounded).
 */
const KEEP: GuardKeep = {
  wants: (name) => {
    const kind = classifyPart(name);
    return kind === 'worksheet' || kind === 'sharedStrings';
  },
  budget: 24 * 1024 * 1024,
};

/** A workbook's bytes, read once, guarded, and hashed: every later reader sees exactly these. */
export interface LoadedBytes {
  bytes: Buffer;
  /** What the guard checked: the entries (with where their data lies) and what it measured. */
  zip: GuardedZip;
  file: string;
  fileName: string;
  sha256: string;
}

export interface LoadedWorkbook {
  wb: ExcelJS.Workbook;
  file: string;
  fileName: string;
  sha256: string;
}

/**
 * Reads the file into memory once, then guards, hashes and parses those
 * bytes: the guard, the digest and the parse all see the very same bytes even
 * if the original changes meanwhile (still open in Excel, on a USB stick), and
 * the original is only ever opened for reading.
 */
export async function loadBytes(file: string, options: { keepParts?: boolean } = {}): Promise<LoadedBytes> {
  const abs = path.resolve(file);
  const fileName = path.basename(abs);
  let bytes: Buffer;
  try {
    const fh = await fs.open(abs, 'r');
    try {
      const st = await fh.stat();
      if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      // Too big to hold: let the guard refuse it from the file, reading only what it needs.
      if (st.size > DEFAULT_LIMITS.maxFileBytes) await guardXlsx(abs);
      bytes = await fh.readFile();
    } finally {
      await fh.close().catch(() => undefined);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const err = describeIoError(e, abs);
    throw err.kind === 'storage' ? new AppError('usage', err.message) : err;
  }
  const zip = await guardXlsxBytes(bytes, DEFAULT_LIMITS, abs, options.keepParts === false ? undefined : KEEP);
  return { bytes, zip, file: abs, fileName, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/** exceljs's whole-workbook model of guarded bytes. */
export async function workbookFromBytes(bytes: Buffer, fileName: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError(
      'usage',
      `无法读取“${fileName}”：它不是有效的 Excel 工作簿（.xlsx）。如果是 .xls、.et 或 .csv 文件，请先在 Excel 或 WPS 中另存为 .xlsx 再导入。`,
    );
  }
  return wb;
}

/** Loads, guards and parses the whole workbook with exceljs (templates, catalogue workbooks, marked-up copies). */
export async function loadWorkbook(file: string): Promise<LoadedWorkbook> {
  const loaded = await loadBytes(file, { keepParts: false });
  const wb = await workbookFromBytes(loaded.bytes, loaded.fileName);
  return { wb, file: loaded.file, fileName: loaded.fileName, sha256: loaded.sha256 };
}

type Result = NonNullable<CellInput['cachedResult']>;

function richTextOf(v: unknown): string | null {
  if (v && typeof v === 'object' && Array.isArray((v as ExcelJS.CellRichTextValue).richText)) {
    return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text ?? '').join('');
  }
  return null;
}

/** A formula's saved result in the shapes readValue knows; undefined when none was saved. */
function formulaResult(r: unknown): Result | undefined {
  if (r === undefined || r === null) return undefined;
  if (typeof r === 'number' || typeof r === 'string' || typeof r === 'boolean' || r instanceof Date) return r;
  const rt = richTextOf(r);
  if (rt !== null) return rt;
  if (typeof r === 'object' && 'error' in r) return { error: String((r as { error: unknown }).error) };
  return String(r);
}

/** True for a cell covered by a merge but not its top-left (master) cell: only the master holds the value. */
export function isMergedSlave(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master.address !== cell.address;
}

/** The cell as readValue expects it. Strings, shared strings and inline strings all arrive as text. */
export function cellInput(cell: ExcelJS.Cell): CellInput {
  if (isMergedSlave(cell)) return { type: 'empty', value: null };
  const v = cell.value;
  const numFmt = cell.numFmt || undefined;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return { type: 'empty', value: null };
    case ExcelJS.ValueType.Number:
      return { type: 'number', value: v as number, numFmt };
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return { type: 'string', value: String(v ?? '') };
    case ExcelJS.ValueType.RichText:
      return { type: 'richText', value: richTextOf(v) ?? '' };
    case ExcelJS.ValueType.Date:
      return { type: 'date', value: v as Date };
    case ExcelJS.ValueType.Boolean:
      return { type: 'boolean', value: Boolean(v) };
    case ExcelJS.ValueType.Error:
      return { type: 'error', value: String((v as ExcelJS.CellErrorValue).error) };
    case ExcelJS.ValueType.Hyperlink: {
      const text = (v as ExcelJS.CellHyperlinkValue).text as unknown;
      return { type: 'string', value: richTextOf(text) ?? String(text ?? '') };
    }
    case ExcelJS.ValueType.Formula: {
      // cell.value drops a saved result that is falsy (0, FALSE, ""); cell.result keeps it.
      const f = v as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
      return { type: 'formula', value: cell.formula ?? ('formula' in f ? f.formula : ''), cachedResult: formulaResult(f.result ?? cell.result), numFmt };
    }
    default:
      return { type: 'string', value: String(v ?? '') };
  }
}

/** A label or code cell as plain text (a formula shows its result), trimmed. */
export function cellText(cell: ExcelJS.Cell): string {
  return inputText(cellInput(cell));
}

/** The text of a cell already described as a CellInput (see cellText). */
export function inputText(c: CellInput): string {
  let v: unknown = c.value;
  if (c.type === 'formula') v = c.cachedResult;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return '';
  return String(v).trim();
}

export function isEmptyCell(cell: ExcelJS.Cell): boolean {
  return isEmptyInput(cellInput(cell));
}

/** Nothing, or only spaces, in a cell already described as a CellInput. */
export function isEmptyInput(c: CellInput): boolean {
  if (c.type === 'empty') return true;
  return (c.type === 'string' || c.type === 'richText') && String(c.value).trim() === '';
}

export interface HeaderRow {
  row: number;
  /** Normalised title → column number (the first one, if a title repeats). */
  cols: Map<string, number>;
}

/** Adds a header cell's title to `cols` (the first column wins when a title repeats). */
export function addTitle(cols: Map<string, number>, col: number, text: string): void {
  const t = normaliseLabel(text);
  if (t && !cols.has(t)) cols.set(t, col);
}

/** The first row among the top rows that holds every one of the titles. */
export function findHeader(ws: ExcelJS.Worksheet, titles: readonly string[]): HeaderRow | null {
  const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    const cols = new Map<string, number>();
    ws.getRow(r).eachCell((cell, col) => addTitle(cols, col, cellText(cell)));
    if (titles.every((t) => cols.has(t))) return { row: r, cols };
  }
  return null;
}

/** A row the person cannot see: hidden, collapsed into an outline, or squeezed to zero height. */
export function isHiddenRow(row: ExcelJS.Row): boolean {
  return row.hidden === true || row.height === 0;
}

/** Rows below the header that are hidden yet hold something in the given columns. */
export function hiddenRowsWithData(ws: ExcelJS.Worksheet, afterRow: number, cols: number[]): number[] {
  const found: number[] = [];
  for (let r = afterRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (isHiddenRow(row) && cols.some((c) => !isEmptyCell(row.getCell(c)))) found.push(r);
  }
  return found;
}

export function address(row: number, col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}
