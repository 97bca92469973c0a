/**
 * Manual catalogue edits from the UI: add, change or retire an indicator;
 * set or remove a target for one year and region. Same checks as the
 * workbook import, same history (source 'manual').
 */
import type { Database } from 'better-sqlite3';
import type { Comparator, Direction } from '../../../shared/domain';
import { nowIso } from '../clock';
import { AppError } from '../errors';
import { resolveRegion } from './read';
import { documentNames, PROVINCE_WIDE } from './workbook-format';
import { indicatorRow, removeTarget, targetRow, writeIndicator, writeTarget, type IndicatorFields, type WriteOutcome } from './write';

export interface IndicatorEdit {
  code: string;
  name?: string;
  nameEn?: string;
  area?: string;
  unit?: string;
  direction?: Direction;
  precision?: number;
  frequency?: 'quarter' | 'year';
  leadUnits?: string[];
  partnerUnits?: string[];
  source?: { doc: string; clause: string };
  retired?: boolean;
  reason?: string;
}

export interface TargetEdit {
  indicator: string;
  year: number;
  region?: string | null;
  remove?: boolean;
  comparator?: Comparator;
  value?: number;
  valueMax?: number | null;
  deadline?: string | null;
  source?: { doc: string; clause: string };
  reason?: string;
}

const clean = (list: string[]) => JSON.stringify(list.map((s) => s.trim()).filter(Boolean));

export function setIndicator(db: Database, e: IndicatorEdit, user: string): WriteOutcome {
  const old = indicatorRow(db, e.code) as (IndicatorFields & Record<string, unknown>) | undefined;
  if (!old && (!e.name || !e.area || !e.unit || !e.direction)) {
    throw new AppError('rejected', `新增指标 ${e.code} 须填写名称、领域、单位和方向。`);
  }
  const area = e.area ?? old!.area;
  if (!db.prepare('SELECT 1 FROM areas WHERE code = ?').get(area)) throw new AppError('rejected', `没有这个领域代码：${area}`);
  const docs = documentNames(db);
  const next: IndicatorFields = {
    code: e.code,
    name: e.name ?? old!.name,
    name_en: e.nameEn ?? old?.name_en ?? '',
    area,
    unit: e.unit ?? old!.unit,
    direction: e.direction ?? old!.direction,
    precision: e.precision ?? old?.precision ?? 2,
    frequency: e.frequency ?? old?.frequency ?? 'quarter',
    lead_units: e.leadUnits ? clean(e.leadUnits) : (old?.lead_units ?? '[]'),
    partner_units: e.partnerUnits ? clean(e.partnerUnits) : (old?.partner_units ?? '[]'),
    source_doc: e.source ? docs.resolve(e.source.doc) : (old?.source_doc ?? ''),
    source_clause: e.source ? e.source.clause.trim() : (old?.source_clause ?? ''),
    // Retiring hides an indicator from new templates; its values and charts stay.
    retired: e.retired === undefined ? (old?.retired ?? 0) : e.retired ? 1 : 0,
  };
  return db.transaction(() => writeIndicator(db, next, { source: 'manual', reason: e.reason?.trim() || null, user, at: nowIso() }))();
}

export function setTarget(db: Database, e: TargetEdit, user: string): WriteOutcome {
  if (!indicatorRow(db, e.indicator)) throw new AppError('not-found', `没有这个指标：${e.indicator}`);
  let region: string | null = null;
  if (e.region && e.region.trim() !== PROVINCE_WIDE) {
    const found = resolveRegion(db, e.region);
    if (!found) throw new AppError('not-found', `没有这个地区：${e.region}`);
    const kind = (db.prepare('SELECT kind FROM regions WHERE code = ?').get(found.code) as { kind: string }).kind;
    // The province's own target is the province-wide one: one key, not two.
    region = kind === 'province' ? null : found.code;
  }
  const key = { indicator: e.indicator, year: e.year, region };
  const src = { source: 'manual', reason: e.reason?.trim() || null, user, at: nowIso() };
  if (e.remove) return db.transaction(() => removeTarget(db, key, src))();

  const old = targetRow(db, key);
  const comparator = e.comparator ?? (old?.comparator as Comparator | undefined);
  const value = e.value ?? (old?.value as number | undefined);
  if (!comparator || value === undefined) throw new AppError('rejected', '新目标须填写比较符和目标值。');
  const valueMax = comparator === 'between' ? (e.valueMax !== undefined ? e.valueMax : ((old?.value_max as number | null) ?? null)) : null;
  if (comparator === 'between' && (valueMax === null || !(valueMax > value))) {
    throw new AppError('rejected', '比较符为 between 时，须填写比目标值更大的目标上限。');
  }
  if (comparator !== 'between' && e.valueMax !== undefined && e.valueMax !== null) {
    throw new AppError('rejected', '只有比较符为 between 时才填写目标上限。');
  }
  const docs = documentNames(db);
  return db.transaction(() =>
    writeTarget(db, {
      ...key,
      comparator,
      value,
      value_max: valueMax,
      deadline: e.deadline !== undefined ? e.deadline : ((old?.deadline as string | null) ?? null),
      source_doc: e.source ? docs.resolve(e.source.doc) : String(old?.source_doc ?? ''),
      source_clause: e.source ? e.source.clause.trim() : String(old?.source_clause ?? ''),
    }, src),
  )();
}
