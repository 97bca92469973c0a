/**
 * Importing an edited catalogue workbook: a preview (what is new, what
 * changes from what to what, what is refused and why), then a commit of the
 * whole file in one transaction as one batch — all or nothing.
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Direction } from '../../../shared/domain';
import { nowIso } from '../clock';
import { loadWorkbook } from '../returns/read-workbook';
import {
  differingFields, INDICATOR_FIELDS, indicatorRow, TARGET_FIELDS, targetKey, targetRow, writeIndicator, writeTarget,
  type Row,
} from './write';
import { DIRECTION_LABEL, documentNames, FREQUENCY_LABEL, joinUnits, PROVINCE_WIDE, SHEET_INDICATORS, SHEET_TARGETS } from './workbook-format';
import { readCatalogueWorkbook, type ParsedWorkbook, type Rejection } from './workbook-read';

export interface CatalogueChange {
  entity: 'indicator' | 'target';
  key: string;
  kind: 'new' | 'changed' | 'unchanged';
  sheet: string;
  row: number;
  changes: Array<{ field: string; old: string; new: string }>;
}

export interface CataloguePreview {
  file: string;
  counts: { new: number; changed: number; unchanged: number; rejected: number };
  items: CatalogueChange[];
  rejected: Rejection[];
}

const TITLES: Record<string, string> = {
  code: '指标代码', name: '指标名称', name_en: '英文名称', area: '领域代码', unit: '单位', direction: '方向', precision: '精度',
  frequency: '频度', lead_units: '牵头单位', partner_units: '配合单位', source_doc: '出处文件', source_clause: '出处条款',
  retired: '已停用', indicator: '指标代码', year: '年度', region: '地区', comparator: '比较符', value: '目标值', value_max: '目标上限',
  deadline: '截止日期',
};

/** Cell-style text of a stored value, for the preview's "old → new". */
function shower(db: Database): (field: string, v: unknown) => string {
  const docs = documentNames(db);
  const regions = new Map((db.prepare('SELECT code, name FROM regions').all() as Array<{ code: string; name: string }>).map((r) => [r.code, r.name]));
  return (field, v) => {
    if (v === null || v === undefined) return field === 'region' ? PROVINCE_WIDE : '';
    switch (field) {
      case 'direction': return DIRECTION_LABEL[v as Direction] ?? String(v);
      case 'frequency': return FREQUENCY_LABEL[v as 'quarter' | 'year'] ?? String(v);
      case 'lead_units': case 'partner_units': return joinUnits(String(v));
      case 'retired': return v ? '是' : '否';
      case 'source_doc': return docs.label(String(v));
      case 'region': return regions.get(String(v)) ?? String(v);
      default: return String(v);
    }
  };
}

function diff(db: Database, parsed: ParsedWorkbook): CatalogueChange[] {
  const show = shower(db);
  const item = <F extends object>(entity: 'indicator' | 'target', key: string, sheet: string, row: number, old: Row | undefined, next: F, fields: ReadonlyArray<keyof F>): CatalogueChange => {
    const fs = differingFields(old, next, fields);
    return {
      entity, key, sheet, row,
      kind: !old ? 'new' : fs.length ? 'changed' : 'unchanged',
      changes: fs.map((f) => ({ field: TITLES[f as string] ?? String(f), old: old ? show(f as string, old[f as string]) : '', new: show(f as string, next[f]) })),
    };
  };
  return [
    ...parsed.indicators.map((i) => item('indicator', i.fields.code, SHEET_INDICATORS, i.row, indicatorRow(db, i.fields.code), i.fields, INDICATOR_FIELDS)),
    ...parsed.targets.map((t) => item('target', targetKey(t.fields), SHEET_TARGETS, t.row, targetRow(db, t.fields), t.fields, TARGET_FIELDS)),
  ];
}

function summarise(file: string, items: CatalogueChange[], rejected: Rejection[]): CataloguePreview {
  const n = (k: CatalogueChange['kind']) => items.filter((i) => i.kind === k).length;
  return { file, counts: { new: n('new'), changed: n('changed'), unchanged: n('unchanged'), rejected: rejected.length }, items, rejected };
}

export async function previewCatalogueImport(db: Database, file: string): Promise<CataloguePreview> {
  // The shared reader: size/zip guard first, then one read of the bytes.
  const { wb, file: abs } = await loadWorkbook(file);
  const parsed = readCatalogueWorkbook(db, wb);
  return summarise(abs, diff(db, parsed), parsed.rejected);
}

/**
 * Writes every new and changed row as one batch (kind 'catalogue'), or
 * nothing at all when any cell was refused. batchId null = nothing written.
 */
export async function commitCatalogueImport(db: Database, file: string, user: string): Promise<CataloguePreview & { batchId: string | null }> {
  const { wb, file: abs, fileName, sha256 } = await loadWorkbook(file);
  // The file is read once more here (not taken from the preview): what is committed is what the file holds now.
  return db.transaction(() => {
    const parsed = readCatalogueWorkbook(db, wb);
    const preview = summarise(abs, diff(db, parsed), parsed.rejected);
    if (preview.rejected.length || preview.counts.new + preview.counts.changed === 0) return { ...preview, batchId: null };
    const at = nowIso();
    const batchId = `catalogue-${at.replace(/\D/g, '').slice(0, 14)}-${crypto.randomBytes(3).toString('hex')}`;
    db.prepare(
      `INSERT INTO import_batches(id, kind, file_name, sha256, created_at, created_by, accepted, summary) VALUES (?, 'catalogue', ?, ?, ?, ?, ?, ?)`,
    ).run(batchId, fileName, sha256, at, user,
      preview.counts.new + preview.counts.changed, JSON.stringify(preview.counts));
    const src = { source: `import:${batchId}`, reason: null, user, at };
    // Indicators before targets: a new target may belong to a new indicator.
    for (const i of parsed.indicators) writeIndicator(db, i.fields, src);
    for (const t of parsed.targets) writeTarget(db, t.fields, src);
    return { ...preview, batchId };
  })();
}
