/**
 * Import of a returned workbook: preview (reads only) and commit (one
 * transaction, all or nothing). Any rejected cell means nothing is written;
 * a file that changes nothing creates no batch.
 */
import type ExcelJS from 'exceljs';
import type { ImportReport } from '../../../shared/channels/returns';
import { nowIso } from '../clock';
import { applyObservationChanges, type ObservationChange } from '../observations/write';
import type { CoreContext } from '../store';
import type { HandlerHooks } from '../handlers/types';
import { insertBatch, nextBatchId } from './batches';
import { evaluate, type Evaluation } from './evaluate';
import { parseWorkbook } from './parse';
import { loadImportCatalogue, type ImportCatalogue, type ParsedReturn } from './parsed';
import { loadBytes, workbookFromBytes, type LoadedBytes } from './read-workbook';
import { parseLongStreamed } from './stream/long';
import { NeedsModel } from './stream/parts';
import { LISTED_ISSUES } from './issue-list';
import { markReceived } from './tracker';
import type { WriteSet } from './write-set';

/** Values handed to applyObservationChanges at a time (their keys are distinct: evaluate removed repeats). */
const WRITE_CHUNK = 8_192;
/** Above this many values a batch is written with a larger page cache… */
const BIG_WRITE = 50_000;
/** …of this size (negative: KiB, as PRAGMA cache_size takes it). */
const BIG_WRITE_CACHE_KIB = -32_768;

/**
 * Rows of each status a preview lists. Beyond that it gives counts: nobody
 * reads 640,000 rows on screen, and holding them would cost ~100 MB. Every
 * refused cell and every warning is always listed.
 */
export const PREVIEW_ROW_LIMIT = 5_000;
/** Refused cells, and warnings, a report lists (the first, in reading order); the totals count them all. */
export const ISSUE_LIMIT = LISTED_ISSUES;
const LIMITS = { rowLimit: PREVIEW_ROW_LIMIT, issueLimit: ISSUE_LIMIT };

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
    rowCounts: ev.rowCounts,
    rowsOmitted: ev.rowsOmitted,
    rejectedTotal: ev.rejectedTotal,
    warningsTotal: ev.warningsTotal,
  };
}

/** What a commit would do now. Writes nothing, and the file is only read. */
export async function previewImport(ctx: CoreContext, file: string, hooks: HandlerHooks = {}): Promise<ImportReport> {
  const r = await readReturn(ctx, file, hooks);
  const ev = evaluate(ctx.db, r.cat, r.parsed, { writes: false, ...LIMITS });
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
    const ev = evaluate(ctx.db, r.cat, r.parsed, LIMITS);
    if (ev.rejected.length > 0 || ev.writes.length === 0) return report(r, ev, null, 0);
    const batchId = writeBatch(ctx, r, ev.writes, { unchanged: ev.unchanged, warnings: ev.warningsTotal }, (done, total) =>
      hooks.progress?.(done, total, '写入数据'),
    );
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
  writes: WriteSet,
  counts: { unchanged: number; warnings: number },
  /** After each chunk of values: how many are written, of how many. */
  onWritten?: (done: number, total: number) => void,
): string {
  const at = nowIso();
  const batchId = nextBatchId(ctx.db);
  const regions = writes.distinct('region');
  const periods = writes.distinct('period');
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
  // A big file's values land all over the key and period indexes: a larger page cache while they are written
  // keeps those pages at hand (640,000 values: ~8 s -> ~6 s, for 32 MB held only meanwhile).
  const cacheBefore = writes.length > BIG_WRITE ? (ctx.db.pragma('cache_size', { simple: true }) as number) : null;
  if (cacheBefore !== null) ctx.db.pragma(`cache_size = ${BIG_WRITE_CACHE_KIB}`);
  try {
    writeChunks(ctx, r, writes, batchId, at, onWritten);
  } finally {
    if (cacheBefore !== null) ctx.db.pragma(`cache_size = ${cacheBefore}`);
  }
  // A template is one region's return for one quarter: its arrival moves the tracker.
  if (r.parsed.kind === 'template' && r.parsed.region && r.parsed.period) {
    markReceived(ctx.db, r.parsed.region, r.parsed.period, batchId, ctx.user);
  }
  return batchId;
}

/** The values, a chunk at a time, each through applyObservationChanges (its row and its history row). */
function writeChunks(ctx: CoreContext, r: ReadReturn, writes: WriteSet, batchId: string, at: string, onWritten?: (done: number, total: number) => void): void {
  // A few thousand at a time: the change objects for a whole big file would cost more memory than the writing saves.
  const list = writes.list;
  const fileName = r.loaded.fileName;
  for (let from = 0; from < writes.length; from += WRITE_CHUNK) {
    const chunk: ObservationChange[] = [];
    for (let k = from; k < Math.min(from + WRITE_CHUNK, writes.length); k++) {
      const i = writes.candidate(k);
      chunk.push({
        indicator: list.code(i),
        region: list.region(i),
        period: list.period(i),
        value: list.value(i),
        note: list.note(i),
        source: { kind: 'import', batchId, fileName, sheet: list.sheet(i), cell: list.cell(i) },
        user: ctx.user,
        at,
      });
    }
    applyObservationChanges(ctx.db, chunk);
    onWritten?.(from + chunk.length, writes.length);
  }
}
