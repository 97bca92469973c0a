/**
 * Reads the long format (CONTRACTS §3): one value per row, any regions and
 * periods, on any number of sheets. Regions by name, short name or code;
 * periods as 2026Q1, 2026年第一季度, 2026-Q1 or a year.
 */
import type ExcelJS from 'exceljs';
import { parsePeriod } from '../../../shared/periods';
import { AppError } from '../errors';
import { emptyParsed, takeCell, type ImportCatalogue, type ParsedReturn } from './parsed';
import { address, cellInput, cellText, hiddenRowsWithData, isEmptyCell, type HeaderRow } from './read-workbook';

export function parseLong(sheets: Array<{ ws: ExcelJS.Worksheet; header: HeaderRow }>, cat: ImportCatalogue): ParsedReturn {
  const out = emptyParsed('long');
  for (const { ws, header } of sheets) {
    const col = (t: string) => header.cols.get(t)!;
    const [regionCol, periodCol, codeCol, valueCol, noteCol] = [col('地区'), col('期间'), col('指标代码'), col('实际值'), col('备注')];
    const hidden = hiddenRowsWithData(ws, header.row, [valueCol]);
    if (hidden.length) {
      throw new AppError('rejected', `“${ws.name}”工作表第 ${hidden.join('、')} 行被隐藏，但其中填有数据。请取消隐藏、核对后再发送。`);
    }
    for (let r = header.row + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const valueCell = row.getCell(valueCol);
      // A row without a value says nothing, whatever else it holds.
      if (isEmptyCell(valueCell)) continue;
      const regionText = cellText(row.getCell(regionCol));
      const periodText = cellText(row.getCell(periodCol));
      const code = cellText(row.getCell(codeCol));
      const reject = (c: number, message: string) => out.rejected.push({ sheet: ws.name, cell: address(r, c), code, message });

      const region = regionText ? cat.resolveRegion(regionText) : null;
      if (!region) {
        reject(regionCol, regionText ? `地区“${regionText}”无法识别，请填写地区全称、简称或代码（如 海口市、海口、460100）。` : '这一行没有填地区。');
      }
      const period = periodText ? parsePeriod(periodText) : null;
      if (!period) {
        reject(periodCol, periodText ? `期间“${periodText}”无法识别，请写成 2026Q1、2026年第一季度或 2026（全年）。` : '这一行没有填期间。');
      }
      const ind = code ? cat.indicators.get(code) : undefined;
      if (!ind) reject(codeCol, code ? `指标代码“${code}”不在指标目录中，请核对。` : '这一行没有填指标代码。');
      if (!region || !period || !ind) continue;
      const note = cellText(row.getCell(noteCol));
      takeCell(out, { sheet: ws.name, cell: address(r, valueCol), code, region: region.code, period: period.code, note: note || undefined }, cellInput(valueCell), ind);
    }
  }
  return out;
}
