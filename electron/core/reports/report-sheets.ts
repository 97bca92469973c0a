/**
 * The sheets of the quarterly report that read the period matrix: 汇总
 * (every indicator × region, with notes), one sheet per area (indicators ×
 * regions) and 地区排名 (the league table). Each writes and commits its rows
 * as it goes and returns the number of data rows written.
 */
import type ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import type { Catalogue, IndicatorView, Region } from '../../../shared/contract';
import { periodLabel as labelOf, parsePeriod, type Period } from '../../../shared/periods';
import { targetInForce } from '../../../shared/targets';
import type { MatrixCell, PeriodMatrix } from './matrix';
import {
  CENTER,
  clean,
  gapFmtFor,
  INT_FMT,
  look,
  n,
  numberLook,
  numFmtFor,
  openSheet,
  putRow,
  SCORE_FMT,
  STATUS_LABEL,
  statusLook,
  t,
  targetText,
  TEXT,
  TEXT_WRAP,
  tick,
  type Cell,
} from './report-format';

/** Everything the sheet writers share. */
export interface ReportContext {
  db: Database;
  wb: ExcelJS.Workbook;
  matrix: PeriodMatrix;
  /** The matrix cells by cellKey(indicator, region). */
  cells: Map<string, MatrixCell>;
  /** Active indicators with their targets and frequency, in catalogue order. */
  catalogue: Catalogue;
  /** The regions shown: all, or the one the report is for. */
  regions: Region[];
  focus: Region | null;
  period: Period;
  periodLabel: string;
  title: string;
  subtitle: string;
  asOf: string | null;
  /** Throws if writing failed meanwhile (disk full): called between chunks. */
  check: () => void;
}

/** Rows between pauses that let the zip stream drain. */
const CHUNK = 500;

export function cellKey(indicator: string, region: string): string {
  return `${indicator}|${region}`;
}

export function indexCells(m: PeriodMatrix): Map<string, MatrixCell> {
  return new Map(m.cells.map((c) => [cellKey(c.indicator, c.region), c]));
}

/** Every CHUNK rows: lets the zip stream drain, then stops if writing has failed meanwhile. */
export async function pace(rc: ReportContext, written: number): Promise<void> {
  if (written % CHUNK === 0) {
    await tick();
    rc.check();
  }
}

/** The target column: the focus region's own target, or the province's when the report covers all regions. */
export function targetColumn(rc: ReportContext): { header: string; width: number } {
  return { header: rc.focus ? '目标值' : '目标值（全省）', width: 16 };
}

/** One value column per region shown, in the order of rc.regions. */
export function regionColumns(rc: ReportContext): Array<{ header: string; width: number }> {
  return rc.regions.map((r) => ({ header: r.name, width: 11 }));
}

/** The value cell of an indicator in a region, coloured by status. */
function valueCell(ind: Pick<IndicatorView, 'unit' | 'precision' | 'direction'>, cell: MatrixCell | undefined): Cell {
  const status = cell?.status ?? 'no-data';
  return n(cell?.value ?? null, statusLook(status, { numFmt: numFmtFor(ind.unit, ind.precision, ind.direction), align: 'right' }));
}

// ---------------------------------------------------------------------------

export async function writeSummary(rc: ReportContext, name: string, notes: Map<string, string>): Promise<number> {
  const ws = openSheet(rc.wb, name, {
    title: rc.title,
    subtitle: `${rc.subtitle}　每行一个地区的一个指标；状态按当期有效目标判定，得分为市县间 0–100 的前沿距离分，排名仅在市县间计算。`,
    periodLabel: rc.periodLabel,
    freezeColumns: 1,
    autoFilter: true,
    columns: [
      { header: '地区', width: 16 },
      { header: '领域', width: 18 },
      { header: '指标代码', width: 10 },
      { header: '指标名称', width: 34 },
      { header: '单位', width: 7 },
      { header: '实际值', width: 11 },
      { header: '数据期间', width: 10 },
      { header: '目标值', width: 18 },
      { header: '状态', width: 8 },
      { header: '差距', width: 10 },
      { header: '得分', width: 7 },
      { header: '排名', width: 6 },
      { header: '备注', width: 36 },
    ],
  });
  const { cells } = rc;
  let rows = 0;
  for (const region of rc.regions) {
    for (const ind of rc.catalogue.indicators) {
      const c = cells.get(cellKey(ind.code, region.code));
      const status = c?.status ?? 'no-data';
      const fromYear = c?.valuePeriod && c.valuePeriod !== rc.period.code ? parsePeriod(c.valuePeriod) : null;
      putRow(ws, [
        t(region.name),
        t(ind.area),
        t(ind.code),
        t(ind.name, TEXT_WRAP),
        t(ind.unit, CENTER),
        valueCell(ind, c),
        t(fromYear ? labelOf(fromYear) : '', CENTER),
        t(targetText(c?.target ?? null, ind.direction), CENTER),
        t(STATUS_LABEL[status], statusLook(status, { align: 'center' })),
        n(clean(c?.gap ?? null), numberLook(gapFmtFor(ind.unit, ind.precision, ind.direction))),
        n(roundScore(c?.score ?? null), numberLook(SCORE_FMT)),
        n(c?.rank ?? null, numberLook(INT_FMT, { align: 'center' })),
        t(c?.valuePeriod ? notes.get(`${ind.code}|${region.code}|${c.valuePeriod}`) : '', TEXT_WRAP),
      ]);
      rows += 1;
      await pace(rc, rows);
    }
  }
  ws.commit();
  return rows;
}

// ---------------------------------------------------------------------------

/** Areas that hold at least one active indicator, in catalogue order, with those indicators. */
export function areasWithIndicators(catalogue: Catalogue): Array<{ code: string; name: string; indicators: IndicatorView[] }> {
  return catalogue.areas
    .map((a) => ({ code: a.code, name: a.name, indicators: catalogue.indicators.filter((i) => i.areaCode === a.code) }))
    .filter((a) => a.indicators.length > 0);
}

export async function writeAreaSheet(
  rc: ReportContext,
  name: string,
  area: { code: string; name: string; indicators: IndicatorView[] },
): Promise<number> {
  const ws = openSheet(rc.wb, name, {
    title: `${rc.title}　${area.name}`,
    subtitle: `${rc.subtitle}　单元格颜色：绿=达标，黄=接近，红=未达标，灰=无数据（按各地区当期有效目标判定）。`,
    periodLabel: rc.periodLabel,
    freezeColumns: 2,
    columns: [
      { header: '指标代码', width: 10 },
      { header: '指标名称', width: 32 },
      { header: '单位', width: 7 },
      targetColumn(rc),
      ...regionColumns(rc),
    ],
  });
  const { cells } = rc;
  let rows = 0;
  for (const ind of area.indicators) {
    const target = targetInForce(ind.targets, rc.period, rc.focus?.code ?? null);
    putRow(ws, [
      t(ind.code),
      t(ind.name, TEXT_WRAP),
      t(ind.unit, CENTER),
      t(targetText(target, ind.direction), CENTER),
      ...rc.regions.map((r) => valueCell(ind, cells.get(cellKey(ind.code, r.code)))),
    ]);
    rows += 1;
    await pace(rc, rows);
  }
  // The area's composite per ranked region: the same numbers as in 地区排名.
  const composite = new Map(
    rc.matrix.composites.map((c) => [c.region, c.areas.find((a) => a.area === area.code)?.score ?? null] as const),
  );
  const score = numberLook(SCORE_FMT, { bold: true });
  putRow(ws, [
    t('', TEXT),
    t('领域综合得分（0–100）', look({ bold: true })),
    t('', TEXT),
    t('', TEXT),
    ...rc.regions.map((r) => n(roundScore(composite.get(r.code) ?? null), score)),
  ]);
  rows += 1;
  ws.commit();
  return rows;
}

/** Scores are shown to one decimal. */
function roundScore(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10;
}

// ---------------------------------------------------------------------------

export async function writeLeague(rc: ReportContext, name: string): Promise<number> {
  const areaName = new Map(rc.catalogue.areas.map((a) => [a.code, a.name]));
  const regionName = new Map(rc.matrix.regions.map((r) => [r.code, r.name]));
  // Only areas in which some region has a score: 31 empty columns help nobody.
  const areaCodes = rc.catalogue.areas
    .map((a) => a.code)
    .filter((code) => rc.matrix.composites.some((c) => c.areas.some((a) => a.area === code && a.score !== null)));
  const ws = openSheet(rc.wb, name, {
    title: `${rc.title}　地区排名`,
    subtitle: `${rc.subtitle}　综合得分为各领域得分的等权平均（领域得分为该领域各指标得分的平均）；仅市县参与排名，只列出有得分的领域。`,
    periodLabel: rc.periodLabel,
    freezeColumns: 2,
    columns: [
      { header: '排名', width: 6 },
      { header: '地区', width: 18 },
      { header: '综合得分', width: 9 },
      ...areaCodes.map((code) => ({ header: areaName.get(code) ?? code, width: 10 })),
    ],
  });
  const sorted = [...rc.matrix.composites]
    .filter((c) => !rc.focus || c.region === rc.focus.code)
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  let rows = 0;
  const score = numberLook(SCORE_FMT);
  for (const c of sorted) {
    const byArea = new Map(c.areas.map((a) => [a.area, a.score]));
    putRow(ws, [
      n(c.rank, numberLook(INT_FMT, { align: 'center' })),
      t(regionName.get(c.region) ?? c.region),
      n(roundScore(c.overall), numberLook(SCORE_FMT, { bold: true })),
      ...areaCodes.map((code) => n(roundScore(byArea.get(code) ?? null), score)),
    ]);
    rows += 1;
  }
  if (rc.focus && sorted.length === 0) {
    putRow(ws, [t('', TEXT), t(`${rc.focus.name}不参与市县排名（全省及园区只展示、不排名）。`, TEXT)]);
  }
  ws.commit();
  return rows;
}
