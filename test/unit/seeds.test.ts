import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type {
  CatalogueSeed,
  IndicatorDef,
  RegionDef,
  SeedObservation,
  SourceRef,
  TargetDef,
} from '../../shared/domain';

const SEEDS_DIR = path.resolve(__dirname, '../../seeds');
const SOURCE_DIR = path.resolve(__dirname, '../../../shared/sources');

function readJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(SEEDS_DIR, name), 'utf8')) as T;
}

const catalogue = readJson<CatalogueSeed>('catalogue.json');
const regions = readJson<RegionDef[]>('regions.json');
const actuals = readJson<SeedObservation[]>('actuals.json');

/** Full-width digits and dot to ASCII; drop all whitespace. */
function normalise(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/\s+/g, '');
}
const squash = (s: string): string => s.replace(/\s+/g, '');

const docText = new Map<string, string>();
const docById = new Map(catalogue.documents.map((d) => [d.id, d]));
for (const d of catalogue.documents) {
  const file = path.join(SOURCE_DIR, d.file);
  if (fs.existsSync(file)) docText.set(d.id, squash(fs.readFileSync(file, 'utf8')));
}

interface NumberToken {
  value: number;
  /** Magnitude character written right after the number (万 / 亿), or ''. */
  magnitude: string;
}
/** Numbers as written in a quote, with the 万/亿 that follows them, if any. */
function numbersIn(quote: string): NumberToken[] {
  const s = normalise(quote).replace(/(\d),(?=\d{3})/g, '$1');
  const out: NumberToken[] = [];
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(万|亿)?/g)) {
    out.push({ value: Number(m[1]), magnitude: m[2] ?? '' });
  }
  return out;
}
/** The value must appear in the quote as written; 万/亿 units must match the magnitude written. */
function quoteHasValue(quote: string, value: number, unit: string): boolean {
  const wanted = unit.startsWith('万') ? '万' : unit.startsWith('亿') ? '亿' : '';
  return numbersIn(quote).some((t) => Math.abs(t.value - value) < 1e-9 && t.magnitude === wanted);
}
function yearsIn(s: string): number[] {
  return [...normalise(s).matchAll(/(20\d{2})/g)].map((m) => Number(m[1]));
}

interface CitedQuote {
  where: string;
  ref: SourceRef;
}
const allRefs: CitedQuote[] = [];
for (const ind of catalogue.indicators) {
  allRefs.push({ where: `${ind.code} source`, ref: ind.source });
  ind.targets.forEach((t, i) => allRefs.push({ where: `${ind.code} target[${i}] ${t.year}`, ref: t.source }));
}
actuals.forEach((o, i) => allRefs.push({ where: `actual[${i}] ${o.indicator} ${o.region}`, ref: o.source }));

const indicatorByCode = new Map<string, IndicatorDef>(catalogue.indicators.map((i) => [i.code, i]));
const regionCodes = new Set(regions.map((r) => r.code));
const CODE_RE = /^[A-Z0-9-]+$/;
const COMPARATORS = ['<=', '>=', '=', 'between'];
const DIRECTIONS = ['lower', 'higher', 'range', 'milestone'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isValidIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Years a document covers: the span of years in its title, else from its issue year on. */
function yearFitsDocument(docId: string, year: number, quote: string): boolean {
  if (yearsIn(quote).includes(year)) return true;
  const doc = docById.get(docId);
  if (!doc) return false;
  const ys = yearsIn(doc.title);
  if (ys.length > 0) return year >= Math.min(...ys) && year <= Math.max(...ys);
  return doc.date !== '' && year >= Number(doc.date.slice(0, 4));
}

function target(code: string, year: number, region: string | null = null): TargetDef {
  const ind = indicatorByCode.get(code);
  expect(ind, `indicator ${code}`).toBeDefined();
  const t = ind!.targets.filter((x) => x.year === year && x.region === region);
  expect(t, `${code} targets for ${year}`).toHaveLength(1);
  return t[0]!;
}
function actual(code: string, region: string): SeedObservation {
  const o = actuals.filter((x) => x.indicator === code && x.region === region && x.period === '2025');
  expect(o, `actual ${code} ${region}`).toHaveLength(1);
  return o[0]!;
}

describe('seeds: documents', () => {
  it('has a version', () => {
    expect(catalogue.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
  });

  it('lists the five source documents, each file present', () => {
    expect(catalogue.documents.map((d) => d.id).sort()).toEqual(
      ['haikou2026-2028', 'press2025-12-22', 'qys2021-2', 'roadmap2022-2025', 'yijianshi2025'].sort(),
    );
    for (const d of catalogue.documents) {
      expect(fs.existsSync(path.join(SOURCE_DIR, d.file)), d.file).toBe(true);
      expect(d.title.length, d.id).toBeGreaterThan(0);
      // The roadmap text carries no issue date; every other document has one.
      if (d.date !== '') expect(isValidIsoDate(d.date), `${d.id} date`).toBe(true);
    }
    const qys = docById.get('qys2021-2')!;
    expect(qys.docNo).toBe('琼营商〔2021〕2号');
    expect(qys.date).toBe('2021-06-10');
    expect(qys.issuer).toBe('海南省优化营商环境工作专班');
    expect(docById.get('yijianshi2025')!.file).toBe('002_ea6a0e50ebf3ab96.clean.txt');
  });
});

describe('seeds: citations', () => {
  it('every quote is an exact (whitespace-insensitive) substring of its document', () => {
    const bad: string[] = [];
    for (const { where, ref } of allRefs) {
      const text = docText.get(ref.doc);
      if (!text) bad.push(`${where}: unknown document ${ref.doc}`);
      else if (!ref.quote || !text.includes(squash(ref.quote))) bad.push(`${where}: ${ref.quote}`);
    }
    expect(bad).toEqual([]);
  });

  it('every quote is short and every source has a clause', () => {
    for (const { where, ref } of allRefs) {
      expect(ref.quote!.length, where).toBeLessThanOrEqual(120);
      expect(ref.clause.trim().length, where).toBeGreaterThan(0);
    }
  });

  it('every target value (and valueMax) appears as written in its quote', () => {
    const bad: string[] = [];
    for (const ind of catalogue.indicators) {
      if (ind.direction === 'milestone') continue;
      for (const t of ind.targets) {
        const q = t.source.quote ?? '';
        if (!quoteHasValue(q, t.value, ind.unit)) bad.push(`${ind.code} ${t.year}: ${t.value} not in "${q}"`);
        if (t.valueMax !== null && !quoteHasValue(q, t.valueMax, ind.unit))
          bad.push(`${ind.code} ${t.year}: ${t.valueMax} not in "${q}"`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('every actual value appears as written in its quote', () => {
    const bad: string[] = [];
    for (const o of actuals) {
      const ind = indicatorByCode.get(o.indicator);
      if (!ind) continue; // reported by the actuals test
      if (!quoteHasValue(o.source.quote ?? '', o.value, ind.unit))
        bad.push(`${o.indicator} ${o.region}: ${o.value} not in "${o.source.quote}"`);
    }
    expect(bad).toEqual([]);
  });
});

describe('seeds: catalogue structure', () => {
  it('area codes are unique, well formed and sorted', () => {
    const codes = catalogue.areas.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const a of catalogue.areas) {
      expect(a.code).toMatch(CODE_RE);
      expect(['2021', '2022-2025', 'haikou-2026-2028', '2025-yijianshi']).toContain(a.plan);
      expect(a.name.length).toBeGreaterThan(0);
      expect(a.nameEn.length).toBeGreaterThan(0);
    }
    const sorts = catalogue.areas.map((a) => a.sort);
    expect([...sorts].sort((x, y) => x - y)).toEqual(sorts);
    expect(new Set(sorts).size).toBe(sorts.length);
  });

  it('has the 15 areas of the 2021 plan', () => {
    const names = catalogue.areas.filter((a) => a.plan === '2021').map((a) => a.name);
    expect(names).toEqual([
      '开办企业', '办理建筑许可', '获得电力', '获得用气', '获得用水', '不动产登记', '获得信贷', '跨境贸易',
      '执行合同', '纳税', '办理破产', '企业注销', '证照分离', '知识产权保护', '政务服务',
    ]);
  });

  it('indicator codes are unique and well formed; areas exist', () => {
    const codes = catalogue.indicators.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    const areaCodes = new Set(catalogue.areas.map((a) => a.code));
    for (const ind of catalogue.indicators) {
      expect(ind.code, ind.code).toMatch(CODE_RE);
      expect(areaCodes.has(ind.area), `${ind.code} area ${ind.area}`).toBe(true);
      expect(DIRECTIONS).toContain(ind.direction);
      expect(['quarter', 'year']).toContain(ind.frequency);
      expect(Number.isInteger(ind.precision) && ind.precision >= 0 && ind.precision <= 4, ind.code).toBe(true);
      expect(ind.unit.length, ind.code).toBeGreaterThan(0);
      expect(ind.name.length, ind.code).toBeGreaterThan(0);
      expect(ind.nameEn.length, ind.code).toBeGreaterThan(0);
      expect(Array.isArray(ind.leadUnits) && Array.isArray(ind.partnerUnits), ind.code).toBe(true);
    }
  });

  it('targets have valid comparators, values, regions and years', () => {
    for (const ind of catalogue.indicators) {
      for (const t of ind.targets) {
        const where = `${ind.code} ${t.year}`;
        expect(COMPARATORS, where).toContain(t.comparator);
        expect(Number.isFinite(t.value), where).toBe(true);
        if (t.comparator === 'between') {
          expect(t.valueMax, where).not.toBeNull();
          expect(t.valueMax!, where).toBeGreaterThan(t.value);
        } else {
          expect(t.valueMax, where).toBeNull();
        }
        expect(t.region === null || regionCodes.has(t.region), where).toBe(true);
        expect(Number.isInteger(t.year) && t.year >= 2021 && t.year <= 2030, where).toBe(true);
        expect(yearFitsDocument(t.source.doc, t.year, t.source.quote ?? ''), `${where} outside its document`).toBe(true);
        if (t.source.doc === 'haikou2026-2028') expect(t.region, where).toBe('460100');
        if (ind.direction !== 'milestone') expect(t.deadline ?? null, where).toBeNull();
      }
    }
  });

  it('has at most one target per indicator, year and region', () => {
    for (const ind of catalogue.indicators) {
      const keys = ind.targets.map((t) => `${t.year}|${t.region ?? ''}`);
      expect(new Set(keys).size, ind.code).toBe(keys.length);
    }
  });

  it('milestones are "= 1" with a deadline in the target year', () => {
    for (const ind of catalogue.indicators.filter((i) => i.direction === 'milestone')) {
      expect(['—', '项']).toContain(ind.unit);
      expect(ind.targets.length, ind.code).toBeGreaterThan(0);
      for (const t of ind.targets) {
        const where = `${ind.code} ${t.year}`;
        expect(t.comparator, where).toBe('=');
        expect(t.value, where).toBe(1);
        expect(typeof t.deadline === 'string' && isValidIsoDate(t.deadline), where).toBe(true);
        expect(Number(t.deadline!.slice(0, 4)), where).toBe(t.year);
      }
    }
  });

  it('range indicators use between targets', () => {
    for (const ind of catalogue.indicators.filter((i) => i.direction === 'range')) {
      for (const t of ind.targets) expect(t.comparator, ind.code).toBe('between');
    }
  });
});

describe('seeds: regions', () => {
  const DOMAIN = [
    '海南省', '海口市', '三亚市', '三沙市', '儋州市', '五指山市', '琼海市', '文昌市', '万宁市', '东方市', '定安县',
    '屯昌县', '澄迈县', '临高县', '白沙黎族自治县', '昌江黎族自治县', '乐东黎族自治县', '陵水黎族自治县',
    '保亭黎族苗族自治县', '琼中黎族苗族自治县', '洋浦经济开发区',
  ];

  it('has every region of the domain, in order, with official codes', () => {
    expect(regions.map((r) => r.name)).toEqual(DOMAIN);
    const byName = new Map(regions.map((r) => [r.name, r]));
    expect(byName.get('海南省')!.code).toBe('460000');
    expect(byName.get('海南省')!.kind).toBe('province');
    expect(byName.get('海南省')!.aliases).toContain('HN');
    expect(byName.get('海口市')!.code).toBe('460100');
    expect(byName.get('琼中黎族苗族自治县')!.code).toBe('469030');
    expect(byName.get('洋浦经济开发区')!.code).toBe('YP');
    expect(byName.get('洋浦经济开发区')!.kind).toBe('park');
    for (const r of regions) {
      if (r.kind !== 'park') expect(r.code, r.name).toMatch(/^46\d{4}$/);
      expect(['province', 'city', 'county', 'park']).toContain(r.kind);
      expect(r.nameEn.length, r.name).toBeGreaterThan(0);
    }
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
    const sorts = regions.map((r) => r.sort);
    expect([...sorts].sort((x, y) => x - y)).toEqual(sorts);
  });

  it('aliases are unique across regions and never another region’s name or code', () => {
    const owner = new Map<string, string>();
    for (const r of regions) {
      owner.set(r.name, r.code);
      owner.set(r.code, r.code);
    }
    const seen = new Set<string>();
    for (const r of regions) {
      for (const a of r.aliases) {
        expect(seen.has(a), `alias ${a} used twice`).toBe(false);
        seen.add(a);
        const o = owner.get(a);
        expect(o === undefined || o === r.code, `alias ${a} of ${r.name}`).toBe(true);
      }
    }
    const alias = (a: string) => regions.find((r) => r.aliases.includes(a))?.code;
    expect(alias('海口')).toBe('460100');
    expect(alias('白沙')).toBe('469025');
    expect(alias('保亭')).toBe('469029');
    expect(alias('琼中')).toBe('469030');
    expect(alias('洋浦')).toBe('YP');
    expect(alias('全省')).toBe('460000');
  });
});

describe('seeds: actuals', () => {
  it('refer to known indicators and regions, with a period and a note', () => {
    for (const o of actuals) {
      const where = `${o.indicator} ${o.region}`;
      expect(indicatorByCode.has(o.indicator), where).toBe(true);
      expect(regionCodes.has(o.region), where).toBe(true);
      expect(o.period, where).toMatch(/^\d{4}(Q[1-4])?$/);
      expect(Number.isFinite(o.value), where).toBe(true);
      expect(o.note.length, where).toBeGreaterThan(0);
      expect(o.source.doc, where).toBe('press2025-12-22');
    }
    const keys = actuals.map((o) => `${o.indicator}|${o.region}|${o.period}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('seeds: spot checks of named figures', () => {
  it('2021 plan', () => {
    expect(target('A01-01', 2021)).toMatchObject({ comparator: '<=', value: 1 });
    expect(indicatorByCode.get('A01-01')!.unit).toBe('工作日');
    expect(target('A01-02', 2021)).toMatchObject({ comparator: '<=', value: 0.5 });
    expect(target('A01-03', 2021)).toMatchObject({ comparator: '<=', value: 0.5 });
    expect(target('A02-01', 2021)).toMatchObject({ comparator: '<=', value: 70 });
    expect(target('A02-02', 2021)).toMatchObject({ comparator: '<=', value: 18 });
    expect(target('A02-03', 2021)).toMatchObject({ comparator: '<=', value: 30 });
    expect(target('A03-01', 2021)).toMatchObject({ comparator: '<=', value: 2 });
    expect(target('A03-02', 2021)).toMatchObject({ comparator: '<=', value: 2 });
    expect(target('A03-03', 2021)).toMatchObject({ comparator: '<=', value: 10 });
    expect(indicatorByCode.get('A03-03')!.unit).toBe('天');
    expect(target('A03-06', 2021)).toMatchObject({ comparator: '<=', value: 45 });
    expect(target('A08-01', 2021)).toMatchObject({ comparator: 'between', value: 45, valueMax: 50 });
    expect(indicatorByCode.get('A08-01')!.unit).toBe('小时');
    expect(target('A08-02', 2021)).toMatchObject({ comparator: 'between', value: 1.5, valueMax: 3 });
    expect(target('A08-03', 2021)).toMatchObject({ comparator: '<=', value: 300 });
    expect(target('A08-04', 2021)).toMatchObject({ comparator: '<=', value: 240 });
    expect(indicatorByCode.get('A08-04')!.unit).toBe('美元');
    expect(target('A13-01', 2021)).toMatchObject({ comparator: '>=', value: 150 });
  });

  it('2022–2025 roadmap', () => {
    expect(target('R01-01', 2022)).toMatchObject({ comparator: '>=', value: 65 });
    expect(target('R01-01', 2023)).toMatchObject({ comparator: '>=', value: 80 });
    expect(target('R01-01', 2024)).toMatchObject({ comparator: '>=', value: 95 });
    expect(target('R01-02', 2022)).toMatchObject({ comparator: '>=', value: 60 });
    expect(target('R01-02', 2023)).toMatchObject({ comparator: '>=', value: 70 });
    expect(target('R01-02', 2024)).toMatchObject({ comparator: '>=', value: 80 });
    expect(target('R01-04', 2022)).toMatchObject({ comparator: '>=', value: 8000 });
    expect(target('R01-05', 2022)).toMatchObject({ comparator: '>=', value: 35 });
    expect(indicatorByCode.get('R01-05')!.unit).toBe('万人');
    // 信用审批: the roadmap sets 50% / 70% / 90% for 2023 / 2024 / 2025 (2022 only drafts the list).
    expect(indicatorByCode.get('R03-01')!.targets.map((t) => [t.year, t.value])).toEqual([
      [2023, 50],
      [2024, 70],
      [2025, 90],
    ]);
    expect(target('R02-01', 2022)).toMatchObject({ comparator: '>=', value: 4 });
    expect(target('R02-01', 2025)).toMatchObject({ comparator: '>=', value: 1 });
  });

  it('Haikou plan and 一件事 measures', () => {
    expect(target('H06-01', 2026, '460100')).toMatchObject({ comparator: '>=', value: 100 });
    expect(target('Y01-01', 2027)).toMatchObject({ comparator: '=', value: 1, deadline: '2027-12-31' });
    expect(target('Y01-02', 2026)).toMatchObject({ comparator: '=', value: 1, deadline: '2026-12-31' });
    expect(target('Y01-03', 2026)).toMatchObject({ comparator: '<=', value: 1 });
    expect(target('Y01-04', 2026)).toMatchObject({ comparator: '<=', value: 3 });
  });

  it('published 2025 actuals', () => {
    expect(actual('Y01-05', '460000').value).toBe(39);
    expect(actual('Y01-06', '460000').value).toBe(75.13);
    expect(actual('Y01-07', '460000').value).toBe(95.63);
    expect(actual('Y01-08', '460000').value).toBe(74.71);
    expect(actual('Y01-09', '460000').value).toBe(70.54);
    expect(actual('R01-07', '460000').value).toBe(4091);
    expect(actual('H02-02', '460100').value).toBe(99.72);
    expect(actual('H02-03', '460100').value).toBe(97.88);
    expect(actual('H05-02', '460000').value).toBe(716);
    expect(actual('H05-03', '460000').value).toBe(75.37);
  });
});
