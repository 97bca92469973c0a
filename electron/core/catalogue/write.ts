/**
 * The only way a user changes the catalogue (by hand or by an imported
 * workbook): the row and its catalogue_history entry are written together,
 * with the whole old and new row as JSON so that an undo can put back
 * exactly what was there. A touched row becomes origin='user',
 * user_edited=1, which tells applySeeds never to overwrite it.
 */
import type { Database } from 'better-sqlite3';
import type { Comparator, Direction } from '../../../shared/domain';
import { stmt } from '../db/statements';
import { sameNumber } from './workbook-format';

export interface IndicatorFields {
  code: string;
  name: string;
  name_en: string;
  area: string;
  unit: string;
  direction: Direction;
  precision: number;
  frequency: 'quarter' | 'year';
  /** JSON array, as stored. */
  lead_units: string;
  partner_units: string;
  source_doc: string;
  source_clause: string;
  retired: 0 | 1;
}

export interface TargetFields {
  indicator: string;
  year: number;
  /** Region code; null = province-wide. */
  region: string | null;
  comparator: Comparator;
  value: number;
  value_max: number | null;
  deadline: string | null;
  source_doc: string;
  source_clause: string;
}

export interface CatalogueWriteSource {
  /** 'manual' or 'import:<batchId>'. */
  source: string;
  reason: string | null;
  user: string;
  at: string;
}

export type WriteOutcome = 'new' | 'changed' | 'unchanged' | 'removed';
export type Row = Record<string, unknown>;

export const INDICATOR_FIELDS: ReadonlyArray<keyof IndicatorFields> = [
  'code', 'name', 'name_en', 'area', 'unit', 'direction', 'precision', 'frequency', 'lead_units', 'partner_units',
  'source_doc', 'source_clause', 'retired',
];
export const TARGET_FIELDS: ReadonlyArray<keyof TargetFields> = [
  'indicator', 'year', 'region', 'comparator', 'value', 'value_max', 'deadline', 'source_doc', 'source_clause',
];
const NUMERIC = new Set(['value', 'value_max']);

export function targetKey(t: { indicator: string; year: number; region: string | null }): string {
  // Same form as the seeding history, so one target's history reads as one story.
  return `${t.indicator}/${t.year}/${t.region ?? '全省'}`;
}

/** The columns whose value would change. */
export function differingFields<F extends object>(old: Row | undefined, next: F, fields: ReadonlyArray<keyof F>): Array<keyof F> {
  if (!old) return [...fields];
  return fields.filter((f) => {
    const a = (old[f as string] ?? null) as unknown;
    const b = (next[f] ?? null) as unknown;
    if (NUMERIC.has(f as string)) return !sameNumber(a as number | null, b as number | null);
    return a !== b;
  });
}

export function indicatorRow(db: Database, code: string): Row | undefined {
  return stmt(db, 'SELECT * FROM indicators WHERE code = ?').get(code) as Row | undefined;
}

export function targetRow(db: Database, t: { indicator: string; year: number; region: string | null }): Row | undefined {
  return stmt(db, `SELECT * FROM targets WHERE indicator = ? AND year = ? AND ifnull(region, '') = ifnull(?, '')`).get(
    t.indicator, t.year, t.region,
  ) as Row | undefined;
}

export function recordHistory(db: Database, entity: 'indicator' | 'target', key: string, old: Row | undefined | null, next: Row | undefined | null, s: CatalogueWriteSource): void {
  stmt(
    db,
    `INSERT INTO catalogue_history(entity, entity_key, old_json, new_json, source, reason, os_user, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(entity, key, old ? JSON.stringify(old) : null, next ? JSON.stringify(next) : null, s.source, s.reason, s.user, s.at);
}

/** A verbatim quote belongs to a citation: it survives only while the document and clause stay the same. */
function keptQuote(old: Row | undefined, next: { source_doc: string; source_clause: string }): string {
  return old && old.source_doc === next.source_doc && old.source_clause === next.source_clause ? String(old.source_quote ?? '') : '';
}

export function writeIndicator(db: Database, next: IndicatorFields, s: CatalogueWriteSource): WriteOutcome {
  const old = indicatorRow(db, next.code);
  if (old && differingFields(old, next, INDICATOR_FIELDS).length === 0) return 'unchanged';
  const row = { ...next, source_quote: keptQuote(old, next) };
  if (!old) {
    const sort = (stmt(db, 'SELECT ifnull(max(sort), 0) + 1 AS s FROM indicators').get() as { s: number }).s;
    stmt(
      db,
      `INSERT INTO indicators(code, name, name_en, area, unit, direction, precision, frequency, lead_units, partner_units,
         source_doc, source_clause, source_quote, retired, origin, user_edited, sort)
       VALUES (@code, @name, @name_en, @area, @unit, @direction, @precision, @frequency, @lead_units, @partner_units,
         @source_doc, @source_clause, @source_quote, @retired, 'user', 1, @sort)`,
    ).run({ ...row, sort });
  } else {
    stmt(
      db,
      `UPDATE indicators SET name=@name, name_en=@name_en, area=@area, unit=@unit, direction=@direction, precision=@precision,
         frequency=@frequency, lead_units=@lead_units, partner_units=@partner_units, source_doc=@source_doc,
         source_clause=@source_clause, source_quote=@source_quote, retired=@retired, origin='user', user_edited=1
       WHERE code=@code`,
    ).run(row);
  }
  recordHistory(db, 'indicator', next.code, old, indicatorRow(db, next.code), s);
  return old ? 'changed' : 'new';
}

export function writeTarget(db: Database, next: TargetFields, s: CatalogueWriteSource): WriteOutcome {
  const old = targetRow(db, next);
  if (old && differingFields(old, next, TARGET_FIELDS).length === 0) return 'unchanged';
  const row = { ...next, source_quote: keptQuote(old, next) };
  if (!old) {
    stmt(
      db,
      `INSERT INTO targets(indicator, year, region, comparator, value, value_max, deadline, source_doc, source_clause, source_quote, origin, user_edited)
       VALUES (@indicator, @year, @region, @comparator, @value, @value_max, @deadline, @source_doc, @source_clause, @source_quote, 'user', 1)`,
    ).run(row);
  } else {
    stmt(
      db,
      `UPDATE targets SET comparator=@comparator, value=@value, value_max=@value_max, deadline=@deadline, source_doc=@source_doc,
         source_clause=@source_clause, source_quote=@source_quote, origin='user', user_edited=1
       WHERE id=@id`,
    ).run({ ...row, id: old.id });
  }
  recordHistory(db, 'target', targetKey(next), old, targetRow(db, next), s);
  return old ? 'changed' : 'new';
}

/**
 * Removes a target, keeping the whole row in the history. Caveat: applySeeds
 * keeps no tombstones, so a newer seed catalogue that still lists a removed
 * seed target adds it again.
 */
export function removeTarget(db: Database, key: { indicator: string; year: number; region: string | null }, s: CatalogueWriteSource): WriteOutcome {
  const old = targetRow(db, key);
  if (!old) return 'unchanged';
  stmt(db, 'DELETE FROM targets WHERE id = ?').run(old.id);
  recordHistory(db, 'target', targetKey(key), old, null, s);
  return 'removed';
}
