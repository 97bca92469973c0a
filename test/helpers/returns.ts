/** Helpers for the Excel round-trip tests: filling a template like a person would, and looking at the database. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import { seeds } from '../../seeds';
import type { CoreContext } from '../../electron/core/store';
import { invoke } from '../../electron/core/dispatch';
import type { Channel, ChannelOutput } from '../../shared/contract';

export type Fill = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };

/** The header row of the 填报 sheet and its columns by title. */
export function templateLayout(ws: ExcelJS.Worksheet): { header: number; col: (title: string) => number } {
  for (let r = 1; r <= 20; r++) {
    const titles = (ws.getRow(r).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    if (titles.includes('指标代码') && titles.includes('本期实际值')) {
      return {
        header: r,
        col: (t) => {
          const i = titles.indexOf(t);
          if (i < 0) throw new Error(`no column ${t}`);
          return i;
        },
      };
    }
  }
  throw new Error('no header row');
}

export function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  const { header, col } = templateLayout(ws);
  for (let r = header + 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col('指标代码')).value === code) return r;
  throw new Error(`no row for ${code}`);
}

/** Types values into 本期实际值 (and 备注), lets `edit` do anything else, and saves to `out`. */
export async function fillTemplate(
  src: string,
  out: string,
  values: Record<string, Fill>,
  options: { notes?: Record<string, string>; edit?: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void; useSharedStrings?: boolean } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  const ws = wb.getWorksheet('填报')!;
  const { col } = templateLayout(ws);
  for (const [code, v] of Object.entries(values)) {
    const cell = ws.getRow(rowOf(ws, code)).getCell(col('本期实际值'));
    if (v && typeof v === 'object' && 'numFmt' in v && !(v instanceof Date)) {
      cell.value = v.value;
      // A loaded workbook shares one style object between cells: replace it, never mutate it.
      cell.style = { ...cell.style, numFmt: v.numFmt };
    } else {
      cell.value = v as ExcelJS.CellValue;
    }
  }
  for (const [code, n] of Object.entries(options.notes ?? {})) ws.getRow(rowOf(ws, code)).getCell(col('备注')).value = n;
  options.edit?.(wb, ws);
  await wb.xlsx.writeFile(out, { useSharedStrings: options.useSharedStrings ?? true });
  return out;
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function counts(db: Database): { observations: number; history: number; batches: number } {
  const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { observations: n('observations'), history: n('observation_history'), batches: n('import_batches') };
}

/** The values as a person sees them (provenance columns left out). */
export function values(db: Database): Array<{ indicator: string; region: string; period: string; value: number; note: string }> {
  return db.prepare('SELECT indicator, region, period, value, note FROM observations ORDER BY indicator, region, period').all() as never;
}

/** invoke that throws on failure, for the happy paths. */
export async function call<C extends Channel>(ctx: CoreContext, channel: C, input: unknown): Promise<ChannelOutput<C>> {
  const r = await invoke(ctx, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

/**
 * A long-format return (CONTRACTS §3) of `rows` values with the bundled
 * catalogue: every non-milestone indicator × every region × quarter from
 * 2021Q1 on, written with exceljs's streaming writer. Value n (from 1) is
 * `value(n)`, its note `note(n)`; `code` puts one code on every row.
 */
export async function writeLongReturn(
  file: string,
  rows: number,
  options: { value?: (n: number) => number; note?: (n: number) => string; code?: string } = {},
): Promise<string> {
  const value = options.value ?? ((n: number) => 5 + (n % 7));
  const note = options.note ?? (() => '');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('数据');
  ws.addRow(['地区', '期间', '指标代码', '实际值', '备注']).commit();
  const codes = seeds.catalogue.indicators.filter((i) => i.direction !== 'milestone' && !i.retired).map((i) => i.code);
  let n = 0;
  for (let q = 0; n < rows; q++)
    for (const r of seeds.regions)
      for (const c of codes) {
        if (n >= rows) break;
        n++;
        ws.addRow([r.name, `${2021 + Math.floor(q / 4)}Q${(q % 4) + 1}`, options.code ?? c, value(n), note(n)]).commit();
      }
  ws.commit();
  await wb.commit();
  return file;
}
