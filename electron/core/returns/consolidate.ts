/**
 * Province consolidation: many cities' long-format files read together. A
 * value that two files — or a file and the store — give differently is a
 * conflict, shown side by side with both sources and never settled silently:
 * the person chooses. The result is the union, each file committed as its own
 * batch so every value keeps its lineage (file, sheet, cell).
 */
import type { ConsolidationPreview, Resolution } from '../../../shared/channels/consolidate';
import { AppError } from '../errors';
import type { HandlerHooks } from '../handlers/types';
import { stmt } from '../db/statements';
import type { CoreContext } from '../store';
import { evaluate, type Evaluation } from './evaluate';
import { readReturn, writeBatch, type ReadReturn } from './import';

const keyOf = (c: { code: string; region: string; period: string }) => `${c.code}|${c.region}|${c.period}`;

interface Evaluated {
  r: ReadReturn;
  ev: Evaluation;
}

interface StoreRow {
  value: number;
  source_kind: string;
  file_name: string | null;
  sheet: string | null;
  cell: string | null;
  updated_by: string;
  updated_at: string;
}

async function readAll(ctx: CoreContext, files: string[], hooks: HandlerHooks): Promise<ReadReturn[]> {
  const out: ReadReturn[] = [];
  for (let i = 0; i < files.length; i++) {
    hooks.progress?.(i, files.length, `读取第 ${i + 1} 个文件`);
    out.push(await readReturn(ctx, files[i]!));
  }
  return out;
}

function analyse(ctx: CoreContext, read: ReadReturn[]): { evaluated: Evaluated[]; preview: ConsolidationPreview } {
  const evaluated = read.map((r) => ({ r, ev: evaluate(ctx.db, r.cat, r.parsed) }));
  const current = stmt(ctx.db, `SELECT value, source_kind, file_name, sheet, cell, updated_by, updated_at FROM observations WHERE indicator = ? AND region = ? AND period = ?`);
  const byKey = new Map<string, ConsolidationPreview['conflicts'][number]['candidates']>();
  evaluated.forEach(({ r, ev }, fileIndex) => {
    for (const row of ev.rows) {
      const list = byKey.get(keyOf(row)) ?? [];
      list.push({ fileIndex, fileName: r.loaded.fileName, sheet: row.sheet, cell: row.cell, value: row.newValue! });
      byKey.set(keyOf(row), list);
    }
  });
  const conflicts: ConsolidationPreview['conflicts'] = [];
  let newValues = 0;
  let unchangedValues = 0;
  for (const [key, candidates] of byKey) {
    const [code, region, period] = key.split('|') as [string, string, string];
    const store = current.get(code, region, period) as StoreRow | undefined;
    const values = new Set(candidates.map((c) => c.value));
    if (store) values.add(store.value);
    if (values.size > 1) {
      conflicts.push({
        key, indicator: code, region, regionName: read[0]!.cat.regionName(region), period,
        store: store
          ? { value: store.value, sourceKind: store.source_kind, fileName: store.file_name, sheet: store.sheet, cell: store.cell, updatedBy: store.updated_by, updatedAt: store.updated_at }
          : null,
        candidates,
      });
    } else if (store) unchangedValues++;
    else newValues++;
  }
  return {
    evaluated,
    preview: {
      files: evaluated.map(({ r, ev }) => ({
        fileName: r.loaded.fileName, sha256: r.loaded.sha256, kind: r.parsed.kind,
        values: ev.rows.length, rejected: ev.rejected, warnings: ev.warnings,
      })),
      conflicts,
      newValues,
      unchangedValues,
    },
  };
}

export async function previewConsolidation(ctx: CoreContext, files: string[], hooks: HandlerHooks = {}): Promise<ConsolidationPreview> {
  const read = await readAll(ctx, files, hooks);
  return analyse(ctx, read).preview;
}

/**
 * Commits the union. Refused as a whole while any file has a rejected cell or
 * any conflict has no resolution; a conflict resolved to 'store' keeps the
 * stored value, one resolved to a file index takes that file's value.
 */
export async function commitConsolidation(
  ctx: CoreContext,
  files: string[],
  resolutions: Resolution[],
  hooks: HandlerHooks = {},
): Promise<{ batches: Array<{ fileName: string; batchId: string | null; accepted: number }>; preview: ConsolidationPreview }> {
  const read = await readAll(ctx, files, hooks);
  return ctx.db.transaction(() => {
    const { evaluated, preview } = analyse(ctx, read);
    const rejectedFiles = preview.files.filter((f) => f.rejected.length > 0);
    if (rejectedFiles.length > 0) {
      throw new AppError('rejected', `有 ${rejectedFiles.length} 个文件含有不合格的单元格（如 ${rejectedFiles[0]!.fileName}），请先退回修改，全部数据均未写入。`, preview);
    }
    const chosen = new Map(resolutions.map((r) => [r.key, r.choose]));
    const open = preview.conflicts.filter((c) => !chosen.has(c.key));
    if (open.length > 0) {
      throw new AppError('rejected', `还有 ${open.length} 处数据冲突没有选定采用哪个值（如 ${open[0]!.regionName} ${open[0]!.period} 指标 ${open[0]!.indicator}），全部数据均未写入。`, preview);
    }
    const conflictKeys = new Set(preview.conflicts.map((c) => c.key));
    // Outside conflicts, files that give a key all give the same value: the first of them writes it.
    const firstFile = new Map<string, number>();
    evaluated.forEach(({ ev }, i) => {
      for (let k = 0; k < ev.writes.length; k++) if (!firstFile.has(ev.writes.key(k))) firstFile.set(ev.writes.key(k), i);
    });
    const batches = evaluated.map(({ r, ev }, fileIndex) => {
      const mine = ev.writes.filter((k) => {
        const key = ev.writes.key(k);
        return conflictKeys.has(key) ? chosen.get(key) === fileIndex : firstFile.get(key) === fileIndex;
      });
      if (mine.length === 0) return { fileName: r.loaded.fileName, batchId: null, accepted: 0 };
      const batchId = writeBatch(ctx, r, mine, { unchanged: ev.unchanged, warnings: ev.warningsTotal });
      return { fileName: r.loaded.fileName, batchId, accepted: mine.length };
    });
    hooks.progress?.(files.length, files.length, '完成');
    return { batches, preview };
  })();
}
