/**
 * Reads a filled return template (CONTRACTS §2). The region and period come
 * from the title rows and the _meta sheet; when the two disagree, or the
 * catalogue changed under a value, the whole file is refused — a return read
 * against the wrong region or unit would store wrong numbers silently.
 */
import type ExcelJS from 'exceljs';
import { parsePeriod, periodLabel } from '../../../shared/periods';
import { AppError } from '../errors';
import { displayUnit, META_KEYS, META_SHEET, normaliseLabel, READABLE_TEMPLATE_VERSIONS, TEMPLATE_SHEET, TITLE } from './layout';
import { emptyParsed, takeCell, type ImportCatalogue, type ParsedReturn } from './parsed';
import { address, cellInput, cellText, hiddenRowsWithData, isEmptyCell, type HeaderRow } from './read-workbook';

function readMeta(wb: ExcelJS.Workbook): Map<string, string> {
  const meta = new Map<string, string>();
  const ws = wb.getWorksheet(META_SHEET);
  ws?.eachRow((row) => {
    const key = cellText(row.getCell(1));
    if (key) meta.set(key, cellText(row.getCell(2)));
  });
  return meta;
}

/** Title rows: a label cell (地区, 期间, …) and the first non-empty cell to its right. */
function readTitles(ws: ExcelJS.Worksheet, headerRow: number): Map<string, string> {
  const titles = new Map<string, string>();
  const labels = new Set<string>(Object.values(TITLE));
  for (let r = 1; r < headerRow; r++) {
    const row = ws.getRow(r);
    row.eachCell((cell, col) => {
      const label = normaliseLabel(cellText(cell));
      if (!labels.has(label) || titles.has(label)) return;
      for (let c = col + 1; c <= col + 4; c++) {
        const v = cellText(row.getCell(c));
        if (v) {
          titles.set(label, v);
          return;
        }
      }
    });
  }
  return titles;
}

function refuse(message: string): never {
  throw new AppError('rejected', message);
}

function resolveWhere(cat: ImportCatalogue, meta: Map<string, string>, titles: Map<string, string>): { region: string; period: string } {
  const titleRegionText = titles.get(TITLE.region);
  const metaRegionCode = meta.get(META_KEYS.region);
  const titleRegion = titleRegionText ? cat.resolveRegion(titleRegionText) : null;
  if (titleRegionText && !titleRegion) refuse(`表头写的地区“${titleRegionText}”不在地区名单中，无法导入。请使用工作站下发的模板。`);
  const metaRegion = metaRegionCode ? cat.resolveRegion(metaRegionCode) : null;
  if (metaRegionCode && !metaRegion) refuse(`模板记录的地区代码“${metaRegionCode}”不在地区名单中，无法导入。请重新下载该地区的模板。`);
  if (titleRegion && metaRegion && titleRegion.code !== metaRegion.code) {
    refuse(`这份表格的表头写的地区是“${titleRegion.name}”，但它是用“${metaRegion.name}”的模板改的，无法确定是哪个地区的数据。请用“${titleRegion.name}”的模板重新填报。`);
  }
  const region = titleRegion ?? metaRegion;
  if (!region) refuse('表格里找不到地区（表头的“地区”一行），无法导入。请使用工作站下发的模板。');

  const titlePeriodText = titles.get(TITLE.period);
  const metaPeriodText = meta.get(META_KEYS.period);
  const titlePeriod = titlePeriodText ? parsePeriod(titlePeriodText) : null;
  if (titlePeriodText && !titlePeriod) refuse(`表头写的期间“${titlePeriodText}”无法识别，应写成 2026Q1 或 2026年第一季度。`);
  const metaPeriod = metaPeriodText ? parsePeriod(metaPeriodText) : null;
  if (titlePeriod && metaPeriod && titlePeriod.code !== metaPeriod.code) {
    refuse(`这份表格的表头写的期间是${periodLabel(titlePeriod)}，但它是用${periodLabel(metaPeriod)}的模板改的，无法确定是哪一期的数据。请用${periodLabel(titlePeriod)}的模板重新填报。`);
  }
  const period = titlePeriod ?? metaPeriod;
  if (!period) refuse('表格里找不到期间（表头的“期间”一行），无法导入。请使用工作站下发的模板。');
  return { region: region.code, period: period.code };
}

export function parseTemplate(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, header: HeaderRow, cat: ImportCatalogue): ParsedReturn {
  const meta = readMeta(wb);
  const titles = readTitles(ws, header.row);
  const version = meta.get(META_KEYS.version) ?? titles.get(TITLE.version) ?? '1';
  if (!READABLE_TEMPLATE_VERSIONS.includes(version)) {
    refuse(`这份模板的版本是 ${version}，本工作站只认识版本 ${READABLE_TEMPLATE_VERSIONS.join('、')}。请升级工作站，或用本工作站重新生成模板。`);
  }
  const where = resolveWhere(cat, meta, titles);
  const col = (t: string) => header.cols.get(t)!;
  const [codeCol, unitCol, valueCol, noteCol] = [col('指标代码'), col('单位'), col('本期实际值'), col('备注')];

  const hidden = hiddenRowsWithData(ws, header.row, [valueCol, noteCol]);
  if (hidden.length) {
    refuse(`“${TEMPLATE_SHEET}”工作表第 ${hidden.join('、')} 行被隐藏，但其中填有数据。请取消隐藏、核对后再发送。`);
  }

  const rows: Array<{ r: number; code: string; unitText: string; valueCell: ExcelJS.Cell; note: string }> = [];
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const valueCell = row.getCell(valueCol);
    const code = cellText(row.getCell(codeCol));
    if (!code && isEmptyCell(valueCell)) continue;
    rows.push({ r, code, unitText: cellText(row.getCell(unitCol)), valueCell, note: cellText(row.getCell(noteCol)) });
  }

  // A template from an older catalogue still imports, unless a value stands
  // against an indicator whose unit changed or that no longer exists.
  if (meta.has(META_KEYS.fingerprint) && meta.get(META_KEYS.fingerprint) !== cat.fingerprint) {
    const changes: string[] = [];
    for (const x of rows) {
      if (!x.code || isEmptyCell(x.valueCell)) continue;
      const ind = cat.indicators.get(x.code);
      if (!ind) changes.push(`指标 ${x.code} 已不在指标目录中`);
      else if (x.unitText && normaliseLabel(x.unitText) !== normaliseLabel(displayUnit(ind))) {
        changes.push(`指标 ${x.code}（${ind.name}）的单位已由“${x.unitText}”改为“${displayUnit(ind)}”`);
      }
    }
    if (changes.length) {
      refuse(`这份模板生成以后指标目录有了变化：${changes.join('；')}。请重新下载模板，把数据填到新模板里再发送。`);
    }
  }

  const out: ParsedReturn = { ...emptyParsed('template'), region: where.region, period: where.period };
  for (const x of rows) {
    const cell = address(x.r, valueCol);
    if (!x.code) {
      out.rejected.add({ sheet: ws.name, cell, code: '', message: `第 ${x.r} 行没有指标代码，这个值不知道属于哪个指标。请不要自行增加行。` });
      continue;
    }
    const ind = cat.indicators.get(x.code);
    if (!ind) {
      if (isEmptyCell(x.valueCell)) continue;
      out.rejected.add({
        sheet: ws.name, cell: address(x.r, codeCol), code: x.code,
        message: `指标代码“${x.code}”不在指标目录中，请核对代码，不要自行增加行或修改代码。`,
      });
      continue;
    }
    takeCell(out, { sheet: ws.name, cell, code: x.code, region: where.region, period: where.period, note: x.note || undefined }, cellInput(x.valueCell), ind);
  }
  return out;
}
