/**
 * Reads an edited catalogue workbook into rows ready to write, checking each
 * cell; anything wrong comes back naming its sheet and cell, in words for the
 * person who typed it. Nothing here writes to the database.
 */
import type ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import type { Comparator } from '../../../shared/domain';
import { resolveRegion } from './read';
import type { IndicatorFields, TargetFields } from './write';
import { indicatorRow } from './write';
import {
  cellDate, cellNumber, cellText, documentNames, INDICATOR_HEADERS, PROVINCE_WIDE, readComparator, readDirection, readFrequency,
  readYesNo, SHEET_INDICATORS, SHEET_TARGETS, splitUnits, TARGET_HEADERS,
} from './workbook-format';

export interface Rejection {
  sheet: string;
  cell: string;
  code: string;
  message: string;
}

export interface ParsedWorkbook {
  indicators: Array<{ row: number; fields: IndicatorFields }>;
  targets: Array<{ row: number; fields: TargetFields }>;
  rejected: Rejection[];
}

interface SheetRows {
  ws: ExcelJS.Worksheet;
  /** Column number by title. */
  col: Map<string, number>;
  rows: number[];
}

/** Finds the title row (within the first rows: a title above it is allowed) and the data rows under it. */
function locate(wb: ExcelJS.Workbook, name: string, headers: readonly string[], rejected: Rejection[]): SheetRows | null {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    rejected.push({ sheet: name, cell: '', code: '', message: `工作簿中没有名为“${name}”的工作表。请使用工作站导出的指标目录工作簿。` });
    return null;
  }
  for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
    const col = new Map<string, number>();
    ws.getRow(r).eachCell((cell, c) => {
      const t = cellText(cell.value);
      if (t && !col.has(t)) col.set(t, c);
    });
    if (!col.has(headers[0]!)) continue;
    const missing = headers.filter((h) => !col.has(h));
    if (missing.length) {
      rejected.push({ sheet: name, cell: `A${r}`, code: '', message: `“${name}”表的标题行缺少这些列：${missing.join('、')}。` });
      return null;
    }
    const rows: number[] = [];
    for (let d = r + 1; d <= ws.rowCount; d++) {
      const values = headers.map((h) => cellText(ws.getCell(d, col.get(h)!).value));
      if (values.some((v) => v !== '')) rows.push(d);
    }
    return { ws, col, rows };
  }
  rejected.push({ sheet: name, cell: 'A1', code: '', message: `“${name}”表中找不到标题行（应有“${headers[0]}”等列）。` });
  return null;
}

/** Cell access by column title, collecting one message per bad cell. */
function rowReader(s: SheetRows, sheet: string, row: number, rejected: Rejection[], code: () => string) {
  let ok = true;
  const cell = (title: string) => s.ws.getCell(row, s.col.get(title)!);
  return {
    raw: (title: string) => cell(title).value,
    text: (title: string) => cellText(cell(title).value),
    reject(title: string, message: string) {
      ok = false;
      rejected.push({ sheet, cell: cell(title).address, code: code(), message });
    },
    get ok() {
      return ok;
    },
  };
}

export function readCatalogueWorkbook(db: Database, wb: ExcelJS.Workbook): ParsedWorkbook {
  const rejected: Rejection[] = [];
  const out: ParsedWorkbook = { indicators: [], targets: [], rejected };
  const docs = documentNames(db);
  const areas = new Set((db.prepare('SELECT code FROM areas').all() as Array<{ code: string }>).map((a) => a.code));
  const sheetCodes = new Set<string>();

  const si = locate(wb, SHEET_INDICATORS, INDICATOR_HEADERS, rejected);
  const seenInd = new Map<string, number>();
  for (const r of si?.rows ?? []) {
    const c = rowReader(si!, SHEET_INDICATORS, r, rejected, () => code);
    const code = c.text('指标代码');
    if (!code) {
      c.reject('指标代码', '指标代码不能为空。');
      continue;
    }
    if (code.length > 64 || /\s/.test(code)) c.reject('指标代码', `指标代码“${code}”不能含空格，且不超过 64 个字符。`);
    sheetCodes.add(code);
    if (seenInd.has(code)) c.reject('指标代码', `指标代码 ${code} 在第 ${seenInd.get(code)} 行已出现，同一指标只能有一行。`);
    else seenInd.set(code, r);
    const old = indicatorRow(db, code);
    const name = c.text('指标名称');
    if (!name) c.reject('指标名称', '指标名称不能为空。');
    const area = c.text('领域代码');
    if (!areas.has(area)) c.reject('领域代码', area ? `没有这个领域代码：${area}（可用代码见“说明”表）。` : '领域代码不能为空。');
    const unit = c.text('单位');
    if (!unit) c.reject('单位', '单位不能为空。');
    const direction = readDirection(c.text('方向'));
    if (!direction) c.reject('方向', `方向应为 越低越好、越高越好、区间 或 里程碑，不能是“${c.text('方向')}”。`);
    const precisionRaw = cellNumber(c.raw('精度'));
    const precision = precisionRaw ?? (old ? Number(old.precision) : 2);
    if (!Number.isInteger(precision) || precision < 0 || precision > 6) c.reject('精度', `精度应为 0 到 6 的整数（小数位数），不能是“${c.text('精度')}”。`);
    const frequency = c.text('频度') === '' ? ((old?.frequency as 'quarter' | 'year' | undefined) ?? 'quarter') : readFrequency(c.text('频度'));
    if (!frequency) c.reject('频度', `频度应为“季度”或“年度”，不能是“${c.text('频度')}”。`);
    const retired = readYesNo(c.text('已停用'));
    if (retired === null) c.reject('已停用', `“已停用”应填“是”或“否”，不能是“${c.text('已停用')}”。`);
    if (!c.ok) continue;
    out.indicators.push({
      row: r,
      fields: {
        code, name, name_en: c.text('英文名称'), area, unit, direction: direction!, precision, frequency: frequency!,
        lead_units: JSON.stringify(splitUnits(c.text('牵头单位'))), partner_units: JSON.stringify(splitUnits(c.text('配合单位'))),
        source_doc: docs.resolve(c.text('出处文件')), source_clause: c.text('出处条款'), retired: retired ? 1 : 0,
      },
    });
  }

  const st = locate(wb, SHEET_TARGETS, TARGET_HEADERS, rejected);
  const seenTarget = new Map<string, number>();
  for (const r of st?.rows ?? []) {
    const c = rowReader(st!, SHEET_TARGETS, r, rejected, () => code);
    const code = c.text('指标代码');
    if (!code) c.reject('指标代码', '指标代码不能为空。');
    else if (!sheetCodes.has(code) && !indicatorRow(db, code)) c.reject('指标代码', `没有这个指标代码：${code}。新指标请先在“指标”表中添加。`);
    const year = cellNumber(c.raw('年度'));
    if (year === undefined || !Number.isInteger(year) || year < 2000 || year > 2100) {
      c.reject('年度', `年度应为四位数年份，例如 2026，不能是“${c.text('年度')}”。`);
    }
    const regionText = c.text('地区');
    let region: string | null = null;
    if (regionText && regionText !== PROVINCE_WIDE) {
      const found = resolveRegion(db, regionText);
      const kind = found && (db.prepare('SELECT kind FROM regions WHERE code = ?').get(found.code) as { kind: string }).kind;
      if (!found) c.reject('地区', `没有这个地区：${regionText}。全省目标请留空。`);
      else if (kind !== 'province') region = found.code;
    }
    const comparator: Comparator | null = readComparator(c.text('比较符'));
    if (!comparator) c.reject('比较符', `比较符应为 <=、>=、= 或 between，不能是“${c.text('比较符')}”。`);
    const value = cellNumber(c.raw('目标值'));
    if (value === undefined) c.reject('目标值', '目标值不能为空。');
    else if (Number.isNaN(value)) c.reject('目标值', `目标值应为数字，不能是“${c.text('目标值')}”。`);
    const max = cellNumber(c.raw('目标上限'));
    if (max !== undefined && Number.isNaN(max)) c.reject('目标上限', `目标上限应为数字，不能是“${c.text('目标上限')}”。`);
    else if (comparator === 'between' && (max === undefined || (value !== undefined && !(max > value)))) {
      c.reject('目标上限', '比较符为 between 时，须填写比目标值更大的目标上限。');
    } else if (comparator && comparator !== 'between' && max !== undefined) {
      c.reject('目标上限', '只有比较符为 between 时才填写目标上限；其他比较符请留空。');
    }
    const deadline = cellDate(c.raw('截止日期'));
    if (deadline === null) c.reject('截止日期', `截止日期应为日期，例如 2026-12-31，不能是“${c.text('截止日期')}”。`);
    if (!c.ok) continue;
    const key = `${code}|${year}|${region ?? ''}`;
    if (seenTarget.has(key)) {
      c.reject('指标代码', `与第 ${seenTarget.get(key)} 行重复：同一指标、年度和地区只能有一个目标。`);
      continue;
    }
    seenTarget.set(key, r);
    out.targets.push({
      row: r,
      fields: {
        indicator: code, year: year!, region, comparator: comparator!, value: value!, value_max: max ?? null, deadline: deadline ?? null,
        source_doc: docs.resolve(c.text('出处文件')), source_clause: c.text('出处条款'),
      },
    });
  }
  return out;
}
