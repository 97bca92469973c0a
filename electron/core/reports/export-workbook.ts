/**
 * The quarterly report workbook (CONTRACTS §1 `export`): 汇总, 地区排名,
 * 报送情况, 趋势 and one sheet per area. Written with exceljs's streaming
 * writer, one sheet after the other, rows committed as they are made, so a
 * large store exports in bounded memory; the file appears under its name
 * only once it is complete (write-atomic.ts).
 */
import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import type { Catalogue } from '../../../shared/contract';
import { parsePeriod, periodLabel } from '../../../shared/periods';
import { readCatalogue } from '../catalogue/read';
import { AppError } from '../errors';
import { readPeriodMatrix } from './matrix';
import { notesForPeriods } from './report-data';
import { REPORT_TITLE } from './report-format';
import { writeReturns, writeTrend } from './report-sheets-more';
import { areasWithIndicators, indexCells, writeAreaSheet, writeLeague, writeSummary, type ReportContext } from './report-sheets';
import { safeSheetName } from './safe-text';
import { periodsStandingFor } from './snapshot';
import { writeFileAtomic } from '../xlsx/write-atomic';

export interface ExportReportOptions {
  /** A quarter, e.g. 2026Q1. */
  period: string;
  /** Region code: then only that region's columns and rows. */
  region?: string;
  /** The .xlsx file to write (replaced only once the new one is complete). */
  out: string;
  /** Freeze the numbers as they stood at this moment (ISO). */
  asOf?: string | null;
}

export interface ExportReportResult {
  file: string;
  sheets: string[];
  /** Data rows written over all sheets (titles and headers not counted). */
  rows: number;
}

export type ExportProgress = (done: number, total: number, label: string) => void;

export const SUMMARY_SHEET = '汇总';
export const LEAGUE_SHEET = '地区排名';
export const RETURNS_SHEET = '报送情况';
export const TREND_SHEET = '趋势';

type SheetJob = { name: string; label: string; write: (rc: ReportContext) => Promise<number> };

export async function exportReport(db: Database, options: ExportReportOptions, progress?: ExportProgress): Promise<ExportReportResult> {
  const p = parsePeriod(options.period);
  if (!p || p.quarter === null) throw new AppError('usage', `请选择一个季度（如 2026Q1），而不是：${options.period}`);
  const asOf = options.asOf ?? null;
  const matrix = readPeriodMatrix(db, p.code, { asOf });
  const full = readCatalogue(db, { includeRetired: false });
  const catalogue: Catalogue = { ...full, indicators: full.indicators.filter((i) => !i.retired) };
  const focus = options.region ? (matrix.regions.find((r) => r.code === options.region) ?? null) : null;
  if (options.region && !focus) throw new AppError('not-found', `找不到地区：${options.region}`);
  const label = periodLabel(p);
  const title = `${REPORT_TITLE} ${label}${focus ? ` ${focus.name}` : ''}`;
  const made = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const subtitle = asOf ? `数据截至 ${asOf.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')}（UTC）；生成于 ${made}（UTC）。` : `生成于 ${made}（UTC）。`;

  const { quarter, year } = periodsStandingFor(p.code);
  const notes = notesForPeriods(db, [quarter, ...(year ? [year] : [])], asOf);

  const used = new Set<string>();
  const jobs: SheetJob[] = [
    { name: safeSheetName(SUMMARY_SHEET, used), label: '汇总', write: (rc) => writeSummary(rc, jobs[0]!.name, notes) },
  ];
  const add = (raw: string, label: string, write: (rc: ReportContext, name: string) => Promise<number>) => {
    const name = safeSheetName(raw, used);
    jobs.push({ name, label, write: (rc) => write(rc, name) });
  };
  add(LEAGUE_SHEET, '地区排名', writeLeague);
  add(RETURNS_SHEET, '报送情况', writeReturns);
  add(TREND_SHEET, '趋势', writeTrend);
  for (const area of areasWithIndicators(catalogue)) {
    add(area.name, `领域：${area.name}`, (rc, name) => writeAreaSheet(rc, name, area));
  }

  let rows = 0;
  const file = await writeFileAtomic(options.out, async (sink) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink.stream, useStyles: true, useSharedStrings: false });
    wb.creator = '营商环境指标监测工作站';
    wb.title = title;
    const zip = (wb as unknown as { zip: NodeJS.EventEmitter & { abort: () => void } }).zip;
    zip.on('error', () => {}); // surfaces through the file stream / commit instead of crashing the process
    const rc: ReportContext = {
      db, wb, matrix, cells: indexCells(matrix), catalogue, focus, asOf, title, subtitle,
      regions: focus ? [focus] : matrix.regions,
      period: p,
      periodLabel: label,
      check: sink.check,
    };
    try {
      for (const [i, job] of jobs.entries()) {
        progress?.(i, jobs.length, `正在写入工作表“${job.label}”`);
        rows += await job.write(rc);
        sink.check();
      }
      await Promise.race([wb.commit(), sink.failure]);
    } catch (e) {
      zip.abort();
      throw e;
    }
  });
  progress?.(jobs.length, jobs.length, '报告已生成');
  return { file, sheets: jobs.map((j) => j.name), rows };
}
