/**
 * Import of a returned workbook: preview (reads only) and commit (one
 * transaction, all or nothing). Any rejected cell means nothing is written;
 * a file that changes nothing creates no batch.
 */
import type ExcelJS from 'exceljs';
import type { ImportReport } from '../../../shared/channels/returns';
import { nowIso } from '../clock';
import { applyObservationChanges } from '../observations/write';
import type { CoreContext } from '../store';
import type { HandlerHooks } from '../handlers/types';
import { insertBatch, nextBatchId } from './batches';
import { evaluate, type Evaluation } from './evaluate';
import { parseWorkbook } from './parse';
import { loadImportCatalogue, type ImportCatalogue, type ParsedReturn } from './parsed';
import { loadBytes, workbookFromBytes, type LoadedBytes } from './read-workbook';
import { parseLongStreamed } from './stream/long';
import { NeedsModel } from './stream/parts';
import { markReceived } from './tracker';

/** Values handed to applyObservationChanges at a time (their keys are distinct: evaluate removed repeats). */
const WRITE_CHUNK = 65_536;

export interface ReadReturn {
  loaded: { file: string; fileName: string; sha256: string };
  parsed: ParsedReturn;
  cat: ImportCatalogue;
  /** exceljs's model of the file, when it was read that way (always, with `model: true`). */
  wb?: ExcelJS.Workbook;
}

export interface ReadOptions {
  /** Read through exceljs's whole-workbook model even for the long format (to mark up a copy of it). */
  model?: boolean;
}

/**
 * Parses guarded bytes. Long-format workbooks — the big ones — are streamed a
 * row at a time (stream/long.ts); templates, and anything the streamed reader
 * cannot promise to read exactly as exceljs would, go through exceljs's model.
 */
export async function parseLoaded(loaded: LoadedBytes, cat: ImportCatalogue, options: ReadOptions = {}): Promise<{ parsed: ParsedReturn; wb?: ExcelJS.Workbook }> {
  if (!options.model) {
    try {
      return { parsed: await parseLongStreamed(loaded, cat) };
    } catch (e) {
      if (!(e instanceof NeedsModel)) throw e;
    }
  }
  const wb = await workbookFromBytes(loaded.bytes, loaded.fileName);
  return { parsed: parseWorkbook(wb, cat), wb };
}

/** Loads and parses; throws AppError('usage') for an unreadable file, AppError('rejected') for a file refused as a whole. */
export async function readReturn(ctx: CoreContext, file: string, hooks: HandlerHooks = {}, options: ReadOptions = {}): Promise<ReadReturn> {
  hooks.progress?.(0, 3, '读取文件');
  const loaded = await loadBytes(file, { keepParts: !options.model });
  hooks.progress?.(1, 3, '检查内容');
  const cat = loadImportCatalogue(ctx.db);
  const { parsed, wb } = await parseLoaded(loaded, cat, options);
  hooks.progress?.(2, 3, '核对数据');
  return { loaded: { file: loaded.file, fileName: loaded.fileName, sha256: loaded.sha256 }, parsed, cat, ...(wb ? { wb } : {}) };
}

function report(r: ReadReturn, ev: Evaluation, batchId: string | null, accepted: number): ImportReport {
  return {
    batchId,
    fileName: r.loaded.fileName,
    sha256: r.loaded.sha256,
    kind: r.parsed.kind,
    accepted,
    unchanged: ev.unchanged,
    rejected: ev.rejected,
    warnings: ev.warnings,
    rows: ev.rows,
  };
}

/** What a commit would do now. Writes nothing, and the file is only read. */
export async function previewImport(ctx: CoreContext, file: string, hooks: HandlerHooks = {}): Promise<ImportReport> {
  const r = await readReturn(ctx, file, hooks);
  const ev = evaluate(ctx.db, r.cat, r.parsed, { writes: false, consume: true });
  hooks.progress?.(3, 3, '完成');
  return report(r, ev, null, ev.accepted);
}

/**
 * Evaluates again inside the transaction (the database may have moved since
 * a preview) and writes every value through applyObservationChanges, so each
 * one has its history row naming the batch, file, sheet and cell.
 */
export async function commitImport(ctx: CoreContext, file: string, hooks: HandlerHooks = {}): Promise<ImportReport> {
  const r = await readReturn(ctx, file, hooks);
  const result = ctx.db.transaction((): ImportReport => {
    const ev = evaluate(ctx.db, r.cat, r.parsed, { consume: true });
    if (ev.rejected.length > 0 || ev.writes.length === 0) return report(r, ev, null, 0);
    const batchId = writeBatch(ctx, r, ev.writes, { unchanged: ev.unchanged, warnings: ev.warnings.length });
    return report(r, ev, batchId, ev.writes.length);
  })();
  hooks.progress?.(3, 3, '完成');
  return result;
}

/**
 * Writes one file's values as one batch, every value through
 * applyObservationChanges so each has its history row naming the batch, file,
 * sheet and cell. Call inside the caller's transaction. Returns the batch id.
 */
export function writeBatch(
  ctx: CoreContext,
  r: ReadReturn,
  writes: Evaluation['writes'],
  counts: { unchanged: number; warnings: number },
): string {
  const at = nowIso();
  const batchId = nextBatchId(ctx.db);
  const regions = [...new Set(writes.map((w) => w.region))];
  const periods = [...new Set(writes.map((w) => w.period))];
  insertBatch(ctx.db, {
    id: batchId,
    kind: r.parsed.kind,
    fileName: r.loaded.fileName,
    sha256: r.loaded.sha256,
    createdAt: at,
    createdBy: ctx.user,
    accepted: writes.length,
    summary: {
      kind: r.parsed.kind, regions, periods, accepted: writes.length, unchanged: counts.unchanged, warnings: counts.warnings,
      ...(r.parsed.region ? { region: r.parsed.region, period: r.parsed.period } : {}),
    },
  });
  // A few thousand at a time: the change objects for a whole big file would cost more memory than the writing saves.
  for (let i = 0; i < writes.length; i += WRITE_CHUNK) {
    applyObservationChanges(
      ctx.db,
      writes.slice(i, i + WRITE_CHUNK).map((w) => ({
        indicator: w.code,
        region: w.region,
        period: w.period,
        value: w.value,
        note: w.note,
        source: { kind: 'import' as const, batchId, fileName: r.loaded.fileName, sheet: w.sheet, cell: w.cell },
        user: ctx.user,
        at,
      })),
    );
  }
  // A template is one region's return for one quarter: its arrival moves the tracker.
  if (r.parsed.kind === 'template' && r.parsed.region && r.parsed.period) {
    markReceived(ctx.db, r.parsed.region, r.parsed.period, batchId, ctx.user);
  }
  return batchId;
}
