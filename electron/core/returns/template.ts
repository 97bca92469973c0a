/**
 * Writes the return template (填报表, CONTRACTS §2) for one region and quarter:
 * a protected `填报` sheet where only 本期实际值 and 备注 can be typed, plain
 * instructions, and a hidden `_meta` sheet that lets the import recognise a
 * return for the wrong region, period or catalogue.
 */
import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import type { IndicatorView, TargetView } from '../../../shared/contract';
import { parsePeriod, periodLabel, previousQuarter, type Period } from '../../../shared/periods';
import { targetInForce } from '../../../shared/targets';
import { readCatalogue, resolveRegion } from '../catalogue/read';
import { nowIso } from '../clock';
import { AppError } from '../errors';
import { writeWorkbookAtomic } from '../xlsx/atomic-write';
import { dueDateFor } from './tracker';
import { instructionLines } from './template-text';
import { displayUnit, INSTRUCTIONS_SHEET, META_KEYS, META_SHEET, TEMPLATE_COLUMNS, TEMPLATE_SHEET, TEMPLATE_VERSION, TITLE } from './layout';

export interface TemplateRequest {
  region: string;
  period: string;
  unit?: string;
  out: string;
}

const WIDTHS: Record<(typeof TEMPLATE_COLUMNS)[number], number> = {
  指标代码: 12, 指标名称: 40, 单位: 18, 目标值: 22, 上期实际值: 12, 本期实际值: 14, 备注: 30, 领域: 16, 牵头单位: 24,
};

/** Width of text in column units: a Chinese character takes two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
  return w;
}

/**
 * Row height for wrapped text. Set explicitly because LibreOffice does not
 * grow rows it reads from a file, and overlapping text is unreadable in print.
 */
function fitHeight(row: ExcelJS.Row): void {
  let lines = 1;
  row.eachCell((c, n) => {
    const w = WIDTHS[TEMPLATE_COLUMNS[n - 1]!] ?? 10;
    lines = Math.max(lines, Math.ceil(textWidth(String(c.value ?? '')) / (w - 1)));
  });
  row.height = 16 * lines + 4;
}
const COL = Object.fromEntries(TEMPLATE_COLUMNS.map((t, i) => [t, i + 1])) as Record<(typeof TEMPLATE_COLUMNS)[number], number>;
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};

/** "≤ 1", "≥ 95", "45–50", "完成（2026-12-31 前）": the target as a person reads it. */
export function targetText(t: Pick<TargetView, 'comparator' | 'value' | 'valueMax' | 'deadline'> | null, ind: Pick<IndicatorView, 'direction'>): string {
  if (!t) return '';
  if (ind.direction === 'milestone') return t.deadline ? `完成（${t.deadline} 前）` : '完成';
  switch (t.comparator) {
    case '<=': return `≤ ${t.value}`;
    case '>=': return `≥ ${t.value}`;
    case '=': return `= ${t.value}`;
    case 'between': return `${t.value}–${t.valueMax ?? t.value}`;
  }
}

function quarterOf(input: string): Period {
  const p = parsePeriod(input);
  if (!p || p.quarter === null) throw new AppError('usage', `期间“${input}”无法识别：填报模板按季度生成，请写成 2026Q1 或 2026年第一季度`);
  return p;
}

/** Indicators of the responsible unit (牵头 or 责任/配合), or all of them. */
function pickIndicators(all: IndicatorView[], unit: string | undefined): IndicatorView[] {
  if (!unit) return all;
  const key = unit.trim();
  const picked = all.filter((i) => i.leadUnits.includes(key) || i.partnerUnits.includes(key));
  if (picked.length === 0) throw new AppError('not-found', `指标目录中没有由“${key}”牵头或配合的指标，请核对单位名称`);
  return picked;
}

/**
 * Data validation on a value cell. Excel and WPS stop a wrong entry with the
 * message; blank stays allowed because blank means "no data".
 */
function validationFor(ind: IndicatorView): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, errorStyle: 'stop' as const, errorTitle: '填写有误' };
  if (ind.direction === 'milestone') {
    return { ...common, type: 'list', formulae: ['"1,0"'], promptTitle: '完成情况', prompt: '已完成填 1，未完成填 0；无数据请留空', error: '本指标只能填 1（已完成）或 0（未完成）；无数据请留空，并在备注中说明。' };
  }
  if (ind.unit === '%') {
    return { ...common, type: 'decimal', operator: 'between', formulae: [0, 100], promptTitle: '单位：%', prompt: '填 0 到 100 之间的数字，65% 填 65', error: '请填写 0 到 100 之间的数字（65% 填 65），不要带单位；无数据请留空。' };
  }
  return {
    ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0],
    promptTitle: `单位：${ind.unit}`, prompt: `只填数字（以${ind.unit}计），不带单位`,
    error: `请填写不小于 0 的数字（单位：${ind.unit}），不要带单位；无数据请留空。`,
  };
}

export async function writeTemplate(db: Database, req: TemplateRequest): Promise<{ file: string; indicators: number }> {
  const region = resolveRegion(db, req.region);
  if (!region) throw new AppError('not-found', `没有这个地区：${req.region}`);
  const period = quarterOf(req.period);
  const catalogue = readCatalogue(db, { includeRetired: false });
  const indicators = pickIndicators(catalogue.indicators, req.unit);
  const prev = previousQuarter(period);
  const prevValues = new Map(
    (db.prepare('SELECT indicator, value FROM observations WHERE region = ? AND period = ?').all(region.code, prev.code) as Array<{
      indicator: string; value: number;
    }>).map((r) => [r.indicator, r.value]),
  );
  const due = dueDateFor(period.code);

  const wb = new ExcelJS.Workbook();
  wb.creator = '营商环境指标监测工作站';
  wb.created = new Date();
  const ws = wb.addWorksheet(TEMPLATE_SHEET, {
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.columns = TEMPLATE_COLUMNS.map((t) => ({ key: t, width: WIDTHS[t] }));

  // Title rows: what the return is for, visible to the person filling it and read back on import.
  ws.getCell('A1').value = `${region.name}${periodLabel(period)}营商环境指标实际值填报表`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  const titles: Array<[string, string, string?]> = [
    [TITLE.region, region.name],
    [TITLE.period, period.code, periodLabel(period)],
    [TITLE.unit, req.unit?.trim() ?? '（全部指标）'],
    [TITLE.due, due],
    [TITLE.version, TEMPLATE_VERSION],
  ];
  titles.forEach(([label, value, hint], i) => {
    const row = ws.getRow(2 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
    if (hint) row.getCell(3).value = hint;
  });
  const headerRow = 2 + titles.length + 1;
  const header = ws.getRow(headerRow);
  TEMPLATE_COLUMNS.forEach((t, i) => {
    const c = header.getCell(i + 1);
    c.value = t;
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });

  indicators.forEach((ind, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    const target = targetInForce(ind.targets, period, region.code);
    row.getCell(COL.指标代码).value = ind.code;
    row.getCell(COL.指标名称).value = ind.name;
    row.getCell(COL.单位).value = displayUnit(ind);
    row.getCell(COL.目标值).value = targetText(target, ind);
    const p = prevValues.get(ind.code);
    if (p !== undefined) row.getCell(COL.上期实际值).value = p;
    row.getCell(COL.领域).value = ind.area;
    row.getCell(COL.牵头单位).value = ind.leadUnits.join('、');
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = THIN;
      c.alignment = { vertical: 'middle', wrapText: true };
    });
    for (const col of [COL.本期实际值, COL.备注]) {
      const c = row.getCell(col);
      c.protection = { locked: false };
      c.fill = INPUT_FILL;
      c.border = THIN;
    }
    row.getCell(COL.本期实际值).dataValidation = validationFor(ind);
    fitHeight(row);
  });

  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: headerRow, topLeftCell: `C${headerRow + 1}`, activeCell: `F${headerRow + 1}` }];
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  // No password: the lock prevents slips, not a determined user (CONTRACTS §2).
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  const help = wb.addWorksheet(INSTRUCTIONS_SHEET, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  help.getColumn(1).width = 110;
  instructionLines({ regionName: region.name, periodLabel: periodLabel(period), due }).forEach((line, i) => {
    const c = help.getCell(i + 1, 1);
    c.value = line;
    c.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) c.font = { bold: true, size: 14 };
  });
  await help.protect('', { selectLockedCells: true, selectUnlockedCells: true });

  // veryHidden in Excel/WPS; LibreOffice turns it into hidden on save, which the reader accepts.
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const metaRows: Array<[string, string]> = [
    [META_KEYS.version, TEMPLATE_VERSION],
    [META_KEYS.region, region.code],
    [META_KEYS.regionName, region.name],
    [META_KEYS.period, period.code],
    [META_KEYS.unit, req.unit?.trim() ?? ''],
    [META_KEYS.fingerprint, catalogue.fingerprint],
    [META_KEYS.catalogueVersion, catalogue.version],
    [META_KEYS.generatedAt, nowIso()],
  ];
  metaRows.forEach((r) => meta.addRow(r));
  await meta.protect('', {});
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];

  const file = await writeWorkbookAtomic(wb, req.out);
  return { file, indicators: indicators.length };
}
