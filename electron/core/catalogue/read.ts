import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Catalogue, IndicatorView, Region, TargetView } from '../../../shared/contract';
import { stmt } from '../db/statements';

interface IndicatorRow {
  code: string;
  name: string;
  name_en: string;
  area: string;
  area_name: string;
  unit: string;
  direction: IndicatorView['direction'];
  precision: number;
  frequency: IndicatorView['frequency'];
  lead_units: string;
  partner_units: string;
  source_doc: string;
  source_clause: string;
  retired: number;
}

interface TargetRow {
  indicator: string;
  year: number;
  region: string | null;
  region_name: string | null;
  comparator: TargetView['comparator'];
  value: number;
  value_max: number | null;
  deadline: string | null;
  source_doc: string;
  source_clause: string;
}

function docLabel(docs: Map<string, { title: string; doc_no: string }>, id: string): string {
  const d = docs.get(id);
  if (!d) return id;
  return d.doc_no ? `${d.title}（${d.doc_no}）` : d.title;
}

/** The catalogue with every target, in the CONTRACTS §1 shape. */
export function readCatalogue(db: Database, options: { includeRetired?: boolean } = {}): Catalogue {
  const docsRows = db.prepare('SELECT id, title, issuer, date, doc_no FROM documents ORDER BY date').all() as Array<{
    id: string; title: string; issuer: string; date: string; doc_no: string;
  }>;
  const docs = new Map(docsRows.map((d) => [d.id, d]));
  const inds = db
    .prepare(
      `SELECT i.*, a.name AS area_name FROM indicators i JOIN areas a ON a.code = i.area
       ${options.includeRetired === false ? 'WHERE i.retired = 0' : ''}
       ORDER BY a.sort, i.sort, i.code`,
    )
    .all() as IndicatorRow[];
  const targets = db
    .prepare(
      `SELECT t.*, r.name AS region_name FROM targets t LEFT JOIN regions r ON r.code = t.region
       ORDER BY t.indicator, t.year, ifnull(r.sort, -1)`,
    )
    .all() as TargetRow[];
  const byIndicator = new Map<string, TargetView[]>();
  for (const t of targets) {
    const list = byIndicator.get(t.indicator) ?? [];
    list.push({
      year: t.year,
      region: t.region_name,
      regionCode: t.region,
      comparator: t.comparator,
      value: t.value,
      valueMax: t.value_max,
      deadline: t.deadline,
      source: { doc: docLabel(docs, t.source_doc), clause: t.source_clause },
    });
    byIndicator.set(t.indicator, list);
  }
  const indicators: IndicatorView[] = inds.map((i) => ({
    code: i.code,
    name: i.name,
    nameEn: i.name_en,
    area: i.area_name,
    areaCode: i.area,
    unit: i.unit,
    direction: i.direction,
    precision: i.precision,
    frequency: i.frequency,
    leadUnits: JSON.parse(i.lead_units) as string[],
    partnerUnits: JSON.parse(i.partner_units) as string[],
    retired: i.retired === 1,
    source: { doc: docLabel(docs, i.source_doc), clause: i.source_clause },
    targets: byIndicator.get(i.code) ?? [],
  }));
  const areas = (db.prepare('SELECT code, name, name_en, plan FROM areas ORDER BY sort').all() as Array<{
    code: string; name: string; name_en: string; plan: string;
  }>).map((a) => ({ code: a.code, name: a.name, nameEn: a.name_en, plan: a.plan }));
  const version = (db.prepare(`SELECT value FROM meta WHERE key = 'catalogue_version'`).get() as { value: string } | undefined)?.value ?? '';
  return {
    version,
    fingerprint: catalogueFingerprint(indicators),
    documents: docsRows.map((d) => ({ id: d.id, title: d.title, issuer: d.issuer, date: d.date, docNo: d.doc_no })),
    areas,
    indicators,
  };
}

/**
 * Identifies the catalogue a template was made from: codes, units and
 * directions (what the meaning of a typed value depends on), not wording.
 */
export function catalogueFingerprint(indicators: Array<Pick<IndicatorView, 'code' | 'unit' | 'direction'>>): string {
  const canonical = indicators
    .map((i) => `${i.code}|${i.unit}|${i.direction}`)
    .sort()
    .join('\n');
  return crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function listRegions(db: Database): Region[] {
  const rows = db.prepare('SELECT code, name, name_en, kind FROM regions ORDER BY sort').all() as Array<{
    code: string; name: string; name_en: string; kind: Region['kind'];
  }>;
  const aliases = db.prepare('SELECT alias, region FROM region_aliases ORDER BY alias').all() as Array<{ alias: string; region: string }>;
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    kind: r.kind,
    aliases: aliases.filter((a) => a.region === r.code && a.alias !== r.name && a.alias !== r.code).map((a) => a.alias),
  }));
}

function regionKey(nameOrCode: string): string {
  return nameOrCode.trim().replace(/\s+/g, '');
}

/** A region from its code, full name or any alias (海口, 白沙, 460100); null if unknown. */
export function resolveRegion(db: Database, nameOrCode: string): { code: string; name: string } | null {
  const key = regionKey(nameOrCode);
  const row = stmt(
    db,
    `SELECT r.code, r.name FROM region_aliases a JOIN regions r ON r.code = a.region WHERE a.alias = ?
     UNION SELECT code, name FROM regions WHERE code = ? OR name = ? LIMIT 1`,
  ).get(key, key, key) as { code: string; name: string } | undefined;
  return row ?? null;
}

/**
 * resolveRegion for many rows at once (imports): every name, code and alias
 * read into memory once, so a 20k-row file does not ask the database 20k times.
 */
export function regionResolver(db: Database): (nameOrCode: string) => { code: string; name: string } | null {
  const byKey = new Map<string, { code: string; name: string }>();
  const rows = db.prepare('SELECT code, name FROM regions').all() as Array<{ code: string; name: string }>;
  for (const r of rows) {
    byKey.set(r.code, r);
    byKey.set(r.name, r);
  }
  const named = new Map(rows.map((r) => [r.code, r]));
  for (const a of db.prepare('SELECT alias, region FROM region_aliases').all() as Array<{ alias: string; region: string }>) {
    const r = named.get(a.region);
    if (r && !byKey.has(a.alias)) byKey.set(a.alias, r);
  }
  return (nameOrCode) => byKey.get(regionKey(nameOrCode)) ?? null;
}
