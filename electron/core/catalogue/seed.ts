import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CatalogueSeed, IndicatorDef, RegionDef, SeedObservation, TargetDef } from '../../../shared/domain';
import { makeQuarter, makeYear, parsePeriod, periodSort } from '../../../shared/periods';
import { nowIso } from '../clock';
import { applyObservationChange } from '../observations/write';

export interface Seeds {
  catalogue: CatalogueSeed;
  regions: RegionDef[];
  actuals: SeedObservation[];
}

/** "2026.11.1" vs "2026.9.3", numerically part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function getMeta(db: Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

function setMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function seedsHash(seeds: Seeds): string {
  return crypto.createHash('sha256').update(JSON.stringify(seeds)).digest('hex');
}

function indicatorRow(ind: IndicatorDef, sort: number) {
  return {
    code: ind.code,
    name: ind.name,
    name_en: ind.nameEn,
    area: ind.area,
    unit: ind.unit,
    direction: ind.direction,
    precision: ind.precision,
    frequency: ind.frequency,
    lead_units: JSON.stringify(ind.leadUnits),
    partner_units: JSON.stringify(ind.partnerUnits),
    source_doc: ind.source.doc,
    source_clause: ind.source.clause,
    source_quote: ind.source.quote ?? '',
    retired: ind.retired ? 1 : 0,
    sort,
  };
}

function targetRow(indicator: string, t: TargetDef) {
  return {
    indicator,
    year: t.year,
    region: t.region,
    comparator: t.comparator,
    value: t.value,
    value_max: t.valueMax,
    deadline: t.deadline ?? null,
    source_doc: t.source.doc,
    source_clause: t.source.clause,
    source_quote: t.source.quote ?? '',
  };
}

const SEED_PERIOD_YEARS = { from: 2021, to: 2030 };

/**
 * Brings the database up to the app's seed catalogue. Idempotent; never
 * touches a row a user has edited; never downgrades a database that a newer
 * catalogue has already seeded; never re-adds a seed value a user removed.
 */
export function applySeeds(db: Database, seeds: Seeds, user: string): { applied: boolean; version: string } {
  const hash = seedsHash(seeds);
  const current = getMeta(db, 'catalogue_version');
  if (getMeta(db, 'seeds_hash') === hash) return { applied: false, version: current ?? seeds.catalogue.version };
  if (current && compareVersions(current, seeds.catalogue.version) > 0) return { applied: false, version: current };

  const now = nowIso();
  const source = `seed:${seeds.catalogue.version}`;
  const history = db.prepare(
    `INSERT INTO catalogue_history(entity, entity_key, old_json, new_json, source, os_user, changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  db.transaction(() => {
    const c = seeds.catalogue;
    const upDoc = db.prepare(
      `INSERT INTO documents(id, title, issuer, date, doc_no, file) VALUES (@id, @title, @issuer, @date, @docNo, @file)
       ON CONFLICT(id) DO UPDATE SET title=excluded.title, issuer=excluded.issuer, date=excluded.date, doc_no=excluded.doc_no, file=excluded.file`,
    );
    for (const d of c.documents) upDoc.run(d);
    const upArea = db.prepare(
      `INSERT INTO areas(code, name, name_en, plan, sort) VALUES (@code, @name, @nameEn, @plan, @sort)
       ON CONFLICT(code) DO UPDATE SET name=excluded.name, name_en=excluded.name_en, plan=excluded.plan, sort=excluded.sort`,
    );
    for (const a of c.areas) upArea.run(a);

    const upRegion = db.prepare(
      `INSERT INTO regions(code, name, name_en, kind, sort) VALUES (@code, @name, @nameEn, @kind, @sort)
       ON CONFLICT(code) DO UPDATE SET name=excluded.name, name_en=excluded.name_en, kind=excluded.kind, sort=excluded.sort`,
    );
    const addAlias = db.prepare('INSERT OR IGNORE INTO region_aliases(alias, region) VALUES (?, ?)');
    for (const r of seeds.regions) {
      upRegion.run(r);
      for (const alias of [r.name, r.code, ...r.aliases]) addAlias.run(alias, r.code);
    }

    const addPeriod = db.prepare('INSERT OR IGNORE INTO periods(code, year, quarter, sort) VALUES (?, ?, ?, ?)');
    for (let y = SEED_PERIOD_YEARS.from; y <= SEED_PERIOD_YEARS.to; y++) {
      const year = makeYear(y)!;
      addPeriod.run(year.code, y, null, periodSort(year));
      for (let q = 1; q <= 4; q++) {
        const p = makeQuarter(y, q)!;
        addPeriod.run(p.code, y, q, periodSort(p));
      }
    }

    const getInd = db.prepare('SELECT * FROM indicators WHERE code = ?');
    const insInd = db.prepare(
      `INSERT INTO indicators(code, name, name_en, area, unit, direction, precision, frequency, lead_units, partner_units,
         source_doc, source_clause, source_quote, retired, origin, user_edited, sort)
       VALUES (@code, @name, @name_en, @area, @unit, @direction, @precision, @frequency, @lead_units, @partner_units,
         @source_doc, @source_clause, @source_quote, @retired, 'seed', 0, @sort)`,
    );
    const updInd = db.prepare(
      `UPDATE indicators SET name=@name, name_en=@name_en, area=@area, unit=@unit, direction=@direction, precision=@precision,
         frequency=@frequency, lead_units=@lead_units, partner_units=@partner_units, source_doc=@source_doc,
         source_clause=@source_clause, source_quote=@source_quote, retired=@retired, sort=@sort
       WHERE code=@code AND origin='seed' AND user_edited=0`,
    );
    const getTarget = db.prepare(
      `SELECT * FROM targets WHERE indicator = ? AND year = ? AND ifnull(region, '') = ifnull(?, '')`,
    );
    const insTarget = db.prepare(
      `INSERT INTO targets(indicator, year, region, comparator, value, value_max, deadline, source_doc, source_clause, source_quote, origin)
       VALUES (@indicator, @year, @region, @comparator, @value, @value_max, @deadline, @source_doc, @source_clause, @source_quote, 'seed')`,
    );
    const updTarget = db.prepare(
      `UPDATE targets SET comparator=@comparator, value=@value, value_max=@value_max, deadline=@deadline,
         source_doc=@source_doc, source_clause=@source_clause, source_quote=@source_quote
       WHERE id=@id AND origin='seed' AND user_edited=0`,
    );

    c.indicators.forEach((ind, i) => {
      const row = indicatorRow(ind, i + 1);
      const old = getInd.get(ind.code) as Record<string, unknown> | undefined;
      if (!old) {
        insInd.run(row);
        history.run('indicator', ind.code, null, JSON.stringify(row), source, user, now);
      } else if (old.origin === 'seed' && old.user_edited === 0 && differs(old, row)) {
        updInd.run(row);
        history.run('indicator', ind.code, JSON.stringify(old), JSON.stringify(row), source, user, now);
      }
      for (const t of ind.targets) {
        const trow = targetRow(ind.code, t);
        const oldT = getTarget.get(ind.code, t.year, t.region) as Record<string, unknown> | undefined;
        const key = `${ind.code}/${t.year}/${t.region ?? '全省'}`;
        if (!oldT) {
          insTarget.run(trow);
          history.run('target', key, null, JSON.stringify(trow), source, user, now);
        } else if (oldT.origin === 'seed' && oldT.user_edited === 0 && differs(oldT, trow)) {
          updTarget.run({ ...trow, id: oldT.id });
          history.run('target', key, JSON.stringify(oldT), JSON.stringify(trow), source, user, now);
        }
      }
    });

    // An indicator a newer catalogue dropped is retired, never deleted: its data and charts stay.
    const seedCodes = new Set(c.indicators.map((i) => i.code));
    const retire = db.prepare(`UPDATE indicators SET retired = 1 WHERE code = ?`);
    for (const row of db.prepare(`SELECT code FROM indicators WHERE origin='seed' AND user_edited=0 AND retired=0`).all() as Array<{ code: string }>) {
      if (!seedCodes.has(row.code)) {
        retire.run(row.code);
        history.run('indicator', row.code, JSON.stringify({ retired: 0 }), JSON.stringify({ retired: 1 }), source, user, now);
      }
    }

    // Published actuals: only where that cell has never held anything, so a
    // value a user changed or removed is never brought back.
    const touched = db.prepare('SELECT 1 FROM observation_history WHERE indicator = ? AND region = ? AND period = ? LIMIT 1');
    for (const a of seeds.actuals) {
      const period = parsePeriod(a.period);
      if (!period || touched.get(a.indicator, a.region, period.code)) continue;
      applyObservationChange(db, {
        indicator: a.indicator,
        region: a.region,
        period: period.code,
        value: a.value,
        note: a.note,
        source: { kind: 'seed', sourceRef: JSON.stringify(a.source) },
        user,
        at: now,
      });
    }

    setMeta(db, 'catalogue_version', seeds.catalogue.version);
    setMeta(db, 'seeds_hash', hash);
  })();
  return { applied: true, version: seeds.catalogue.version };
}

function differs(old: Record<string, unknown>, next: Record<string, unknown>): boolean {
  return Object.keys(next).some((k) => (old[k] ?? null) !== (next[k] ?? null));
}
