/**
 * The catalogue as a workbook to edit in Excel or WPS and import back:
 * sheet 指标 (one row per indicator), sheet 目标 (one row per indicator, year
 * and region), and a 说明 sheet with the codes a cell may hold. Values are
 * written in the exact form the importer reads, so an untouched export
 * imports as "unchanged" everywhere.
 */
import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import type { Direction } from '../../../shared/domain';
import { writeWorkbookAtomic } from '../xlsx/atomic-write';
import {
  DIRECTION_LABEL, documentNames, FREQUENCY_LABEL, INDICATOR_HEADERS, joinUnits, PROVINCE_WIDE, SHEET_INDICATORS, SHEET_TARGETS,
  TARGET_HEADERS,
} from './workbook-format';

interface IndicatorDbRow {
  code: string; name: string; name_en: string; area: string; unit: string; direction: Direction; precision: number;
  frequency: 'quarter' | 'year'; lead_units: string; partner_units: string; source_doc: string; source_clause: string; retired: number;
}
interface TargetDbRow {
  indicator: string; year: number; region_name: string | null; comparator: string; value: number; value_max: number | null;
  deadline: string | null; source_doc: string; source_clause: string;
}

function addSheet(wb: ExcelJS.Workbook, name: string, headers: readonly string[], widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  ws.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 12 }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  return ws;
}

/** Drop-down lists on the coded columns, so a typo is caught while typing (blank rows below included, for additions). */
function listValidation(ws: ExcelJS.Worksheet, column: number, choices: string[], rows: number): void {
  for (let r = 2; r <= rows; r++) {
    ws.getCell(r, column).dataValidation = {
      type: 'list', allowBlank: true, formulae: [`"${choices.join(',')}"`],
      showErrorMessage: true, errorTitle: '请从列表中选择', error: `可填：${choices.join('、')}`,
    };
  }
}

const EXTRA_ROWS = 200;

export async function exportCatalogueWorkbook(db: Database, out: string): Promise<{ file: string; indicators: number; targets: number }> {
  const docs = documentNames(db);
  const inds = db
    .prepare('SELECT i.* FROM indicators i JOIN areas a ON a.code = i.area ORDER BY a.sort, i.sort, i.code')
    .all() as IndicatorDbRow[];
  const targets = db
    .prepare(
      `SELECT t.*, r.name AS region_name FROM targets t LEFT JOIN regions r ON r.code = t.region
       JOIN indicators i ON i.code = t.indicator JOIN areas a ON a.code = i.area
       ORDER BY a.sort, i.sort, t.indicator, t.year, ifnull(r.sort, -1)`,
    )
    .all() as TargetDbRow[];

  const wb = new ExcelJS.Workbook();
  wb.creator = '营商环境指标监测工作站';
  const wi = addSheet(wb, SHEET_INDICATORS, INDICATOR_HEADERS, [16, 36, 36, 10, 10, 11, 6, 7, 28, 28, 36, 24, 8]);
  for (const i of inds) {
    wi.addRow([
      i.code, i.name, i.name_en, i.area, i.unit, DIRECTION_LABEL[i.direction], i.precision, FREQUENCY_LABEL[i.frequency],
      joinUnits(i.lead_units), joinUnits(i.partner_units), docs.label(i.source_doc), i.source_clause, i.retired ? '是' : '否',
    ]);
  }
  const lastInd = inds.length + 1 + EXTRA_ROWS;
  listValidation(wi, 6, Object.values(DIRECTION_LABEL), lastInd);
  listValidation(wi, 8, Object.values(FREQUENCY_LABEL), lastInd);
  listValidation(wi, 13, ['是', '否'], lastInd);

  const wt = addSheet(wb, SHEET_TARGETS, TARGET_HEADERS, [16, 7, 20, 8, 10, 10, 12, 36, 24]);
  for (const t of targets) {
    wt.addRow([
      t.indicator, t.year, t.region_name ?? '', t.comparator, t.value, t.value_max ?? null, t.deadline ?? '',
      docs.label(t.source_doc), t.source_clause,
    ]);
  }
  // Text cells: Excel would otherwise turn a typed 2026-12-31 into a date serial, and <= into a formula attempt.
  wt.getColumn(4).numFmt = '@';
  wt.getColumn(7).numFmt = '@';
  listValidation(wt, 4, ['<=', '>=', '=', 'between'], targets.length + 1 + EXTRA_ROWS);

  addGuide(wb, db);
  const file = await writeWorkbookAtomic(wb, out);
  return { file, indicators: inds.length, targets: targets.length };
}

/** What may be typed where: area codes, region names, the coded words. Ignored on import. */
function addGuide(wb: ExcelJS.Workbook, db: Database): void {
  const ws = wb.addWorksheet('说明');
  ws.columns = [{ width: 16 }, { width: 40 }, { width: 30 }];
  const lines: string[][] = [
    ['怎样修改', '在“指标”“目标”两张表中修改或新增行，保存后在工作站中选择“导入指标目录”。'],
    ['', '先预览，确认无误再导入；导入后可整批撤销。表中删去的行不会从目录中删除，停用指标请把“已停用”填为“是”。'],
    ['', `“地区”留空表示${PROVINCE_WIDE}目标；比较符为 between 时须填写更大的“目标上限”。`],
    ['方向', Object.values(DIRECTION_LABEL).join('、')],
    ['频度', Object.values(FREQUENCY_LABEL).join('、')],
    ['比较符', '<=、>=、=、between'],
    [],
    ['领域代码', '领域名称', '来源方案'],
  ];
  for (const a of db.prepare('SELECT code, name, plan FROM areas ORDER BY sort').all() as Array<{ code: string; name: string; plan: string }>) {
    lines.push([a.code, a.name, a.plan]);
  }
  lines.push([], ['地区', '可用简称']);
  const aliases = db.prepare('SELECT alias, region FROM region_aliases').all() as Array<{ alias: string; region: string }>;
  for (const r of db.prepare('SELECT code, name FROM regions ORDER BY sort').all() as Array<{ code: string; name: string }>) {
    lines.push([r.name, aliases.filter((a) => a.region === r.code && a.alias !== r.name && a.alias !== r.code).map((a) => a.alias).join('、')]);
  }
  for (const l of lines) ws.addRow(l);
  ws.getColumn(1).font = { bold: true };
}
