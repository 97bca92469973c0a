/**
 * Reads the long format (CONTRACTS §3): one value per row, any regions and
 * periods, on any number of sheets. Regions by name, short name or code;
 * periods as 2026Q1, 2026年第一季度, 2026-Q1 or a year.
 *
 * The row rules live in LongRows, shared by both readers: parseLong below
 * (exceljs's whole-workbook model, for workbooks the streamed reader hands
 * back) and stream/long.ts (the streamed reader, for everything else).
 */
import type ExcelJS from 'exceljs';
import { parsePeriod, type Period } from '../../../shared/periods';
import type { CellInput } from '../../../shared/values';
import { AppError } from '../errors';
import * as parsedModule from './parsed';
import { emptyParsed, type ImportCatalogue, type ParsedReturn } from './parsed';
import * as readWorkbook from './read-workbook';
import { cellInput, cellText, hiddenRowsWithData, isEmptyCell, type HeaderRow } from './read-workbook';

// Bound once (an imported binding is a getter call per use under tsx): these run for every row.
const takeCell = parsedModule.takeCell;
const address = readWorkbook.address;

export interface LongColumns {
  region: number;
  period: number;
  code: number;
  value: number;
  note: number;
}

export function longColumns(header: HeaderRow): LongColumns {
  const col = (t: string) => header.cols.get(t)!;
  return { region: col('地区'), period: col('期间'), code: col('指标代码'), value: col('实际值'), note: col('备注') };
}

export function hiddenRowsError(sheet: string, rows: number[]): AppError {
  return new AppError('rejected', `“${sheet}”工作表第 ${rows.join('、')} 行被隐藏，但其中填有数据。请取消隐藏、核对后再发送。`);
}

/** The rules for one row of the long format, with what is resolved once remembered (regions, periods). */
export class LongRows {
  readonly out = emptyParsed('long');
  private readonly regions = new Map<string, { code: string; name: string } | null>();
  private readonly periods = new Map<string, Period | null>();

  constructor(private readonly cat: ImportCatalogue) {}

  private region(text: string): { code: string; name: string } | null {
    let r = this.regions.get(text);
    if (r === undefined) {
      r = this.cat.resolveRegion(text);
      this.regions.set(text, r);
    }
    return r;
  }

  private period(text: string): Period | null {
    let p = this.periods.get(text);
    if (p === undefined) {
      p = parsePeriod(text);
      this.periods.set(text, p);
    }
    return p;
  }

  /** A row whose value cell is not empty. `text(source, col)` is a cell's text (cellText). */
  row<S>(sheet: string, r: number, cols: LongColumns, source: S, text: (source: S, col: number) => string, value: CellInput): void {
    const out = this.out;
    const regionText = text(source, cols.region);
    const periodText = text(source, cols.period);
    const code = text(source, cols.code);

    const region = regionText ? this.region(regionText) : null;
    if (!region) {
      this.reject(sheet, r, cols.region, code, regionText ? `地区“${regionText}”无法识别，请填写地区全称、简称或代码（如 海口市、海口、460100）。` : '这一行没有填地区。');
    }
    const period = periodText ? this.period(periodText) : null;
    if (!period) {
      this.reject(sheet, r, cols.period, code, periodText ? `期间“${periodText}”无法识别，请写成 2026Q1、2026年第一季度或 2026（全年）。` : '这一行没有填期间。');
    }
    const ind = code ? this.cat.indicators.get(code) : undefined;
    if (!ind) this.reject(sheet, r, cols.code, code, code ? `指标代码“${code}”不在指标目录中，请核对。` : '这一行没有填指标代码。');
    if (!region || !period || !ind) return;
    const note = text(source, cols.note);
    takeCell(out, { sheet, cell: address(r, cols.value), code, region: region.code, period: period.code, note: note || undefined }, value, ind);
  }

  private reject(sheet: string, r: number, c: number, code: string, message: string): void {
    this.out.rejected.add({ sheet, cell: address(r, c), code, message });
  }
}

export function parseLong(sheets: Array<{ ws: ExcelJS.Worksheet; header: HeaderRow }>, cat: ImportCatalogue): ParsedReturn {
  const rows = new LongRows(cat);
  for (const { ws, header } of sheets) {
    const cols = longColumns(header);
    const hidden = hiddenRowsWithData(ws, header.row, [cols.value]);
    if (hidden.length) throw hiddenRowsError(ws.name, hidden);
    for (let r = header.row + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const valueCell = row.getCell(cols.value);
      // A row without a value says nothing, whatever else it holds.
      if (isEmptyCell(valueCell)) continue;
      rows.row(ws.name, r, cols, row, (rw, c) => cellText(rw.getCell(c)), cellInput(valueCell));
    }
  }
  return rows.out;
}
