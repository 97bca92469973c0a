/**
 * The shape of the return template (CONTRACTS §2) and of the long format
 * (§3), shared by the writer and the reader so the two cannot drift apart.
 */
import type { IndicatorUnit } from '../../../shared/values';

export const TEMPLATE_SHEET = '填报';
export const INSTRUCTIONS_SHEET = '填报说明';
export const META_SHEET = '_meta';

/** Bump when the layout changes in a way the reader must know about; keep reading the older ones. */
export const TEMPLATE_VERSION = '1';
export const READABLE_TEMPLATE_VERSIONS: readonly string[] = ['1'];

/** The columns the writer puts down, in order. */
export const TEMPLATE_COLUMNS = ['指标代码', '指标名称', '单位', '目标值', '上期实际值', '本期实际值', '备注', '领域', '牵头单位'] as const;
/** What the reader needs to recognise a template (CONTRACTS §2); other columns may stand beside them. */
export const TEMPLATE_REQUIRED = ['指标代码', '指标名称', '单位', '目标值', '本期实际值', '备注'] as const;
/** CONTRACTS §3. */
export const LONG_REQUIRED = ['地区', '期间', '指标代码', '实际值', '备注'] as const;

/** Labels of the title rows above the header (label in one cell, value in the next). */
export const TITLE = {
  region: '地区',
  period: '期间',
  unit: '填报单位',
  due: '报送截止日期',
  version: '模板版本',
} as const;

/** Keys of the _meta sheet (one key/value pair per row). */
export const META_KEYS = {
  version: 'templateVersion',
  region: 'regionCode',
  regionName: 'regionName',
  period: 'period',
  unit: 'unit',
  fingerprint: 'catalogueFingerprint',
  catalogueVersion: 'catalogueVersion',
  generatedAt: 'generatedAt',
} as const;

/** How many rows from the top the reader searches for a header row. */
export const HEADER_SCAN_ROWS = 20;

/**
 * The 单位 column as the person filling sees it. Milestones have no unit, so
 * the column says how to fill them; the reader compares against this same text
 * to notice a unit that changed since the template was made.
 */
export function displayUnit(i: IndicatorUnit): string {
  return i.direction === 'milestone' ? '完成填1，未完成填0' : i.unit;
}

/** Header and label text compared without spaces, line breaks or a trailing colon. */
export function normaliseLabel(s: string): string {
  return s.replace(/\s+/g, '').replace(/[:：]$/, '');
}
