/**
 * Pure helpers of the window (UI-A): periods offered and the default
 * period, hash deep links, remembered preferences, keyboard shortcuts,
 * region short names, number formatting, the dashboard and region
 * summaries of a period matrix, lineage, search, PNG file names and legend
 * layout.
 */
import { describe, expect, it } from 'vitest';
import { distinctDigits, formatPercent, formatScore, formatSigned, formatValue, formatWithUnit, withUnit } from '../../renderer/src/charts/format';
import { layoutLegend, safeFileName } from '../../renderer/src/charts/export-png';
import { milestoneDeadlines, seriesRange } from '../../renderer/src/charts/series';
import { heatColor, hasAnyValue, kpis, matrixHeatmap, movers, topAndBottom, worstCell } from '../../renderer/src/features/dashboard/summary';
import { lineageText, valuesForPeriod } from '../../renderer/src/features/indicator/lineage';
import { chartRegionCodes, groupIndicators, indicatorMatches, splitList } from '../../renderer/src/features/indicator/search';
import { compositePoints, regionCounts, regionGroups } from '../../renderer/src/features/region/summary';
import { defaultBackupDir } from '../../renderer/src/features/settings/paths';
import type { Matrix, MatrixCell, TrackerRow } from '../../renderer/src/stores/data';
import {
  asQuarter,
  currentQuarter,
  latestQuarterWithData,
  probePeriods,
  quarterOptions,
  recentQuarters,
  stepQuarter,
} from '../../renderer/src/stores/periods';
import { loadPrefs, PREFS_KEY, savePrefs } from '../../renderer/src/stores/prefs';
import { shortRegionName } from '../../renderer/src/stores/regions';
import { formatHash, parseHash } from '../../renderer/src/stores/route';
import { shortcutFor } from '../../renderer/src/stores/shortcuts';
import type { Catalogue, IndicatorView, Region } from '../../shared/contract';

describe('periods', () => {
  it('knows the current quarter from the local calendar', () => {
    expect(currentQuarter(new Date(2026, 0, 1))).toBe('2026Q1');
    expect(currentQuarter(new Date(2026, 2, 31))).toBe('2026Q1');
    expect(currentQuarter(new Date(2026, 3, 1))).toBe('2026Q2');
    expect(currentQuarter(new Date(2026, 11, 31))).toBe('2026Q4');
  });

  it('offers 2021Q1 … the current quarter and steps through them', () => {
    const opts = quarterOptions('2022Q2');
    expect(opts).toEqual(['2021Q1', '2021Q2', '2021Q3', '2021Q4', '2022Q1', '2022Q2']);
    expect(stepQuarter('2021Q4', 1, opts)).toBe('2022Q1');
    expect(stepQuarter('2021Q1', -1, opts)).toBeNull();
    expect(stepQuarter('2022Q2', 1, opts)).toBeNull();
    expect(stepQuarter('2030Q1', 1, opts)).toBeNull();
  });

  it('lists the last n quarters, not before 2021Q1', () => {
    expect(recentQuarters('2026Q2', 4)).toEqual(['2025Q3', '2025Q4', '2026Q1', '2026Q2']);
    expect(recentQuarters('2021Q2', 8)).toEqual(['2021Q1', '2021Q2']);
    expect(recentQuarters('2026', 4)).toEqual([]);
  });

  it('probes every quarter and every year up to now', () => {
    const p = probePeriods('2022Q1');
    expect(p).toEqual(['2021Q1', '2021Q2', '2021Q3', '2021Q4', '2022Q1', '2021', '2022']);
  });

  it('defaults to the latest quarter with data; a year stands at its Q4; never in the future', () => {
    expect(latestQuarterWithData([], '2026Q2')).toBeNull();
    expect(latestQuarterWithData([{ period: '2025', count: 30 }, { period: '2025Q2', count: 4 }], '2026Q2')).toBe('2025Q4');
    expect(latestQuarterWithData([{ period: '2025', count: 30 }, { period: '2026Q1', count: 1 }], '2026Q2')).toBe('2026Q1');
    expect(latestQuarterWithData([{ period: '2026Q1', count: 0 }, { period: '2025Q3', count: 2 }], '2026Q2')).toBe('2025Q3');
    // This year's figure, while the year runs, shows in the current quarter.
    expect(latestQuarterWithData([{ period: '2026', count: 2 }], '2026Q2')).toBe('2026Q2');
    expect(latestQuarterWithData([{ period: '2027Q1', count: 2 }], '2026Q2')).toBeNull();
  });

  it('reads quarter codes only', () => {
    expect(asQuarter('2026年第一季度')).toBe('2026Q1');
    expect(asQuarter('2026')).toBeNull();
    expect(asQuarter(null)).toBeNull();
  });
});

describe('hash deep links', () => {
  it('parses pages, indicator, region, area and period', () => {
    expect(parseHash('')).toEqual({ page: 'dashboard' });
    expect(parseHash('#/nonsense')).toEqual({ page: 'dashboard' });
    expect(parseHash('#/indicator/A01-01')).toEqual({ page: 'indicator', indicator: 'A01-01' });
    expect(parseHash('#/indicator')).toEqual({ page: 'indicator', indicator: null });
    expect(parseHash('#/region/460100/A01')).toEqual({ page: 'region', region: '460100', area: 'A01' });
    expect(parseHash('#/settings?p=2025Q4')).toEqual({ page: 'settings', period: '2025Q4' });
    expect(parseHash('#/settings?p=2025')).toEqual({ page: 'settings' });
    expect(parseHash('#/indicator/%E0%A4%A')).toEqual({ page: 'indicator', indicator: null });
  });

  it('round-trips', () => {
    for (const r of [
      { page: 'indicator', indicator: 'H01-03' },
      { page: 'region', region: 'YP', area: 'R02' },
      { page: 'meeting' },
      { page: 'dashboard', period: '2026Q1' },
    ] as const) {
      expect(parseHash(formatHash(r))).toEqual(expect.objectContaining(r));
    }
    expect(formatHash({ page: 'dashboard', indicator: 'A01-01' })).toBe('#/dashboard');
  });
});

describe('remembered preferences', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
  };

  it('saves and loads region, period and toggles', () => {
    const s = memory();
    savePrefs(s, { region: '460100', period: '2026Q1', showRetired: true, hideEmptyAreas: false });
    expect(loadPrefs(s)).toEqual({ region: '460100', period: '2026Q1', showRetired: true, hideEmptyAreas: false });
  });

  it('ignores junk and survives a broken storage', () => {
    const s = memory();
    s.m.set(PREFS_KEY, '{"region": 5, "period": "2026", "showRetired": "yes"}');
    expect(loadPrefs(s)).toEqual({});
    s.m.set(PREFS_KEY, 'not json');
    expect(loadPrefs(s)).toEqual({});
    expect(loadPrefs(null)).toEqual({});
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadPrefs(broken)).toEqual({});
    expect(() => savePrefs(broken, { region: 'x' })).not.toThrow();
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, mods: Partial<{ alt: boolean; ctrl: boolean; meta: boolean; code: string }> = {}) => ({
    key: k,
    code: mods.code,
    altKey: !!mods.alt,
    ctrlKey: !!mods.ctrl,
    metaKey: !!mods.meta,
  });

  it('Alt/Ctrl + 1…8 open the pages in sidebar order', () => {
    expect(shortcutFor(key('1', { alt: true }), false)).toEqual({ type: 'page', page: 'dashboard' });
    expect(shortcutFor(key('8', { ctrl: true }), true)).toEqual({ type: 'page', page: 'settings' });
    // Alt+digit typed as another character on some layouts: the code decides.
    expect(shortcutFor(key('¡', { alt: true, code: 'Digit3' }), false)).toEqual({ type: 'page', page: 'region' });
    expect(shortcutFor(key('9', { alt: true }), false)).toBeNull();
    expect(shortcutFor(key('1', { meta: true }), false)).toBeNull();
  });

  it('/ [ ] ? act outside text fields only; Esc always', () => {
    expect(shortcutFor(key('/'), false)).toEqual({ type: 'search' });
    expect(shortcutFor(key('['), false)).toEqual({ type: 'period', delta: -1 });
    expect(shortcutFor(key(']'), false)).toEqual({ type: 'period', delta: 1 });
    expect(shortcutFor(key('?'), false)).toEqual({ type: 'help' });
    expect(shortcutFor(key('/'), true)).toBeNull();
    expect(shortcutFor(key(']'), true)).toBeNull();
    expect(shortcutFor(key('Escape'), true)).toEqual({ type: 'escape' });
    expect(shortcutFor(key('a'), false)).toBeNull();
  });
});

const REGIONS: Region[] = [
  { code: '460000', name: '海南省', nameEn: 'Hainan Province', kind: 'province', aliases: ['HN', '海南', '全省'] },
  { code: '460100', name: '海口市', nameEn: 'Haikou City', kind: 'city', aliases: ['海口'] },
  { code: '469025', name: '白沙黎族自治县', nameEn: 'Baisha Li Autonomous County', kind: 'county', aliases: ['白沙', '白沙县'] },
  { code: 'YP', name: '洋浦经济开发区', nameEn: 'Yangpu Economic Development Zone', kind: 'park', aliases: ['洋浦', '洋浦经开区'] },
  { code: '460300', name: '三沙市', nameEn: 'Sansha City', kind: 'city', aliases: [] },
];

describe('region names', () => {
  it('short names for crowded axes', () => {
    expect(REGIONS.map((r) => shortRegionName(r, 'zh-CN'))).toEqual(['海南省', '海口', '白沙', '洋浦', '三沙市']);
    expect(shortRegionName(REGIONS[2], 'en')).toBe('Baisha');
    expect(shortRegionName(undefined, 'zh-CN')).toBe('');
  });

  it('chart regions default to the province and the current region', () => {
    expect(chartRegionCodes(null, REGIONS, '460100')).toEqual(['460000', '460100']);
    expect(chartRegionCodes(null, REGIONS, '460000')).toEqual(['460000']);
    expect(chartRegionCodes([], REGIONS, null)).toEqual(['460000']);
    expect(chartRegionCodes(['YP', 'nowhere', '460100'], REGIONS, '460000')).toEqual(['YP', '460100']);
  });
});

describe('number formatting', () => {
  it('precision, units, signs, scores, shares', () => {
    expect(formatValue(1234.567, 1)).toBe('1,234.6');
    expect(formatValue(2, 2)).toBe('2');
    expect(formatValue(null, 1)).toBe('—');
    expect(formatValue(Number.NaN, 1)).toBe('—');
    expect(withUnit('65', '%')).toBe('65%');
    expect(withUnit('1.5', '工作日')).toBe('1.5 工作日');
    expect(formatWithUnit(null, 1, '天')).toBe('—');
    expect(formatSigned(0.5, 1)).toBe('+0.5');
    expect(formatSigned(-1.25, 1)).toBe('−1.3');
    expect(formatSigned(-0.01, 1)).toBe('0');
    expect(formatScore(72.345)).toBe('72.3');
    expect(formatScore(null)).toBe('—');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(null)).toBe('—');
  });

  it('shows enough decimals that a change is visible', () => {
    expect(distinctDigits(2.3, 2.4, 0)).toBe(1);
    expect(distinctDigits(2.3, 2.6, 0)).toBe(0);
    expect(distinctDigits(2, 3, 0)).toBe(0);
    expect(distinctDigits(0.501, 0.502, 1)).toBe(3);
  });
});

// ---------------------------------------------------------------------------
// A small period matrix: three regions ranked (460100, 460200, 460400), the province shown.

type Ind = Matrix['indicators'][number];
const ind = (code: string, areaCode: string, direction: Ind['direction'] = 'lower'): Ind => ({
  code,
  name: `指标${code}`,
  area: `领域${areaCode}`,
  areaCode,
  unit: '天',
  direction,
  precision: 1,
  retired: false,
  frontier: null,
  worst: null,
});
const cell = (indicator: string, region: string, patch: Partial<MatrixCell>): MatrixCell => ({
  indicator,
  region,
  value: null,
  valuePeriod: null,
  previous: null,
  target: { year: 2026, regionCode: null, comparator: '<=', value: 2, valueMax: null, deadline: null },
  status: 'no-data',
  gap: null,
  score: null,
  rank: null,
  trend: null,
  ...patch,
});

const MATRIX: Matrix = {
  period: '2026Q1',
  previousPeriod: '2025Q4',
  asOf: null,
  scoringWindow: { from: '2026Q1', to: '2026Q4' },
  indicators: [ind('A01-01', 'A01'), ind('A01-02', 'A01'), ind('A02-01', 'A02'), ind('A03-01', 'A03')],
  regions: REGIONS.slice(0, 2).concat([
    { code: '460200', name: '三亚市', nameEn: 'Sanya', kind: 'city', aliases: ['三亚'] },
    { code: '460400', name: '儋州市', nameEn: 'Danzhou', kind: 'city', aliases: ['儋州'] },
  ]),
  rankedRegions: ['460100', '460200', '460400'],
  cells: [
    cell('A01-01', '460000', { value: 1.5, previous: 1.8, status: 'met', gap: 0.5, trend: 'improved', valuePeriod: '2026Q1' }),
    cell('A01-01', '460100', { value: 1, previous: 2, status: 'met', gap: 1, score: 100, rank: 1, trend: 'improved' }),
    cell('A01-01', '460200', { value: 2.1, previous: 2, status: 'near', gap: -0.1, score: 80, rank: 2, trend: 'worsened' }),
    cell('A01-01', '460400', { value: 5, previous: 4, status: 'missed', gap: -3, score: 0, rank: 3, trend: 'worsened' }),
    cell('A01-02', '460100', { value: 1, status: 'met', gap: 1, score: 100, rank: 1 }),
    cell('A01-02', '460200', { value: 4, status: 'missed', gap: -2, score: 10, rank: 2 }),
    cell('A01-02', '460400', { value: 3, previous: 3, status: 'missed', gap: -1, score: 40, rank: 2, trend: 'same' }),
    cell('A01-02', '460000', {}),
    cell('A02-01', '460100', { value: 9, status: 'missed', gap: -7, score: 0, rank: 3 }),
    cell('A02-01', '460200', { value: 3, status: 'missed', gap: -1, score: 50, rank: 2 }),
    cell('A02-01', '460400', { value: 1, status: 'met', gap: 1, score: 100, rank: 1 }),
    cell('A02-01', '460000', {}),
    cell('A03-01', '460000', { target: null, status: 'no-data' }),
    cell('A03-01', '460100', { target: null, status: 'no-data' }),
    cell('A03-01', '460200', { target: null, status: 'no-data' }),
    cell('A03-01', '460400', { target: null, status: 'no-data' }),
  ],
  composites: [
    { region: '460100', overall: 66.7, rank: 1, areas: [{ area: 'A01', score: 100 }, { area: 'A02', score: 0 }] },
    { region: '460200', overall: 47.5, rank: 2, areas: [{ area: 'A01', score: 45 }, { area: 'A02', score: 50 }] },
    { region: '460400', overall: null, rank: null, areas: [] },
  ],
};

const AREAS = [
  { code: 'A01', name: '开办企业' },
  { code: 'A02', name: '办理建筑许可' },
  { code: 'A03', name: '获得电力' },
];

describe('dashboard summary', () => {
  it('KPIs: share met, trends, returns missing (nothing received and no value held)', () => {
    const tracker = [
      { region: '460000', state: 'expected', overdue: false, observations: 3, regionName: '海南省' },
      { region: '460100', state: 'received', overdue: false, observations: 5, regionName: '海口市' },
      { region: '460200', state: 'expected', overdue: true, observations: 0, regionName: '三亚市' },
      { region: '460400', state: 'expected', overdue: false, observations: 0, regionName: '儋州市' },
    ] as unknown as TrackerRow[];
    const k = kpis(MATRIX, tracker, '460100');
    expect({ met: k.met, near: k.near, missed: k.missed, judged: k.judged }).toEqual({ met: 4, near: 1, missed: 5, judged: 10 });
    expect(k.shareMet).toBeCloseTo(0.4);
    // Cells with a target and no value; A03 has no target.
    expect(k.noData).toBe(2);
    expect({ improved: k.improved, worsened: k.worsened, compared: k.compared }).toEqual({ improved: 2, worsened: 2, compared: 5 });
    expect(k.returns).toEqual({ total: 4, expected: 2, overdue: 1, missingNames: ['三亚市', '儋州市'] });
    expect(k.region).toEqual({ judged: 3, met: 2, shareMet: 2 / 3 });
    expect(kpis(MATRIX, null).returns).toBeNull();
  });

  it('heat colours: all met green, most missed red, the rest amber, nothing judged grey', () => {
    expect(heatColor({ met: 2, near: 0, missed: 0 })).toBe('green');
    expect(heatColor({ met: 1, near: 1, missed: 0 })).toBe('amber');
    expect(heatColor({ met: 1, near: 0, missed: 1 })).toBe('amber');
    expect(heatColor({ met: 0, near: 1, missed: 2 })).toBe('red');
    expect(heatColor({ met: 0, near: 0, missed: 0 })).toBe('grey');
  });

  it('heatmap rows per area in catalogue order, a cell per region, the worst indicator to open', () => {
    const rows = matrixHeatmap(MATRIX, AREAS);
    expect(rows.map((r) => [r.area, r.indicators, r.hasData])).toEqual([
      ['A01', 2, true],
      ['A02', 1, true],
      ['A03', 1, false],
    ]);
    const a01 = rows[0]!.cells;
    expect(a01.map((c) => c.region)).toEqual(['460000', '460100', '460200', '460400']);
    expect(a01.map((c) => c.color)).toEqual(['green', 'green', 'amber', 'red']);
    expect(a01[2]).toMatchObject({ met: 0, near: 1, missed: 1, judged: 2, withValue: 2, score: 45, worst: 'A01-02' });
    expect(a01[0]).toMatchObject({ judged: 1, noData: 1, worst: 'A01-01' });
    expect(rows[2]!.cells.every((c) => c.color === 'grey' && c.worst === null)).toBe(true);
    // An area the catalogue list does not know still shows, after the known ones.
    expect(matrixHeatmap(MATRIX, AREAS.slice(0, 1)).map((r) => r.area)).toEqual(['A01', 'A02', 'A03']);
  });

  it('worst cell: missed before near before met; lowest score first', () => {
    const cells = MATRIX.cells.filter((c) => c.region === '460200');
    expect(worstCell(cells)?.indicator).toBe('A01-02');
    expect(worstCell(MATRIX.cells.filter((c) => c.indicator === 'A03-01'))).toBeNull();
  });

  it('top and bottom by composite, without overlap', () => {
    const { top, bottom } = topAndBottom(MATRIX, 5);
    expect(top.map((r) => r.region)).toEqual(['460100']);
    expect(bottom.map((r) => r.region)).toEqual(['460200']);
  });

  it('movers by relative change, either way or one way', () => {
    expect(movers(MATRIX, 10).map((m) => `${m.region}:${m.trend}`)).toEqual(['460100:improved', '460400:worsened', '460000:improved', '460200:worsened']);
    expect(movers(MATRIX, 1, 'worsened').map((m) => m.region)).toEqual(['460400']);
    expect(movers(MATRIX, 10)[0]!.change).toBeCloseTo(-0.5);
  });

  it('knows an empty matrix', () => {
    expect(hasAnyValue(MATRIX)).toBe(true);
    expect(hasAnyValue({ ...MATRIX, cells: MATRIX.cells.map((c) => ({ ...c, value: null })) })).toBe(false);
  });
});

describe('region summary', () => {
  it('groups a region’s indicators by area, worst first, with the area score', () => {
    const groups = regionGroups(MATRIX, '460200', AREAS);
    expect(groups.map((g) => g.area)).toEqual(['A01', 'A02', 'A03']);
    expect(groups[0]!.rows.map((r) => r.indicator.code)).toEqual(['A01-02', 'A01-01']);
    expect(groups[0]!.counts).toMatchObject({ met: 0, near: 1, missed: 1 });
    expect(groups[0]!.score).toBe(45);
    expect(regionGroups(MATRIX, '460200', AREAS, { onlyWithValues: true }).map((g) => g.area)).toEqual(['A01', 'A02']);
    expect(regionGroups(MATRIX, '460200', AREAS, { area: 'A02' }).map((g) => g.area)).toEqual(['A02']);
    expect(regionCounts(MATRIX, '460200')).toEqual({ met: 0, near: 1, missed: 2, 'no-target': 0, 'no-data': 1 });
  });

  it('composite per quarter with the mean of the ranked regions', () => {
    const points = compositePoints(
      [
        { period: '2025Q4', matrix: null },
        { period: '2026Q1', matrix: MATRIX },
      ],
      '460200',
    );
    expect(points[0]).toEqual({ period: '2025Q4', score: null, rank: null, mean: null });
    expect(points[1]!.score).toBe(47.5);
    expect(points[1]!.rank).toBe(2);
    expect(points[1]!.mean).toBeCloseTo((66.7 + 47.5) / 2);
  });
});

describe('lineage and values for a period', () => {
  const t = (key: string, p?: Record<string, string | number>) => `${key}${p ? JSON.stringify(p) : ''}`;
  it('says where a value came from', () => {
    const base = { fileName: null, sheet: null, cell: null };
    expect(lineageText({ ...base, sourceKind: 'manual' }, t)).toBe('lineage.manual');
    expect(lineageText({ sourceKind: 'import', fileName: '海口-2026Q1.xlsx', sheet: '填报', cell: 'D7' }, t)).toBe(
      'lineage.import{"file":"海口-2026Q1.xlsx"} · lineage.sheet{"sheet":"填报"} lineage.cell{"cell":"D7"}',
    );
    expect(lineageText({ ...base, sourceKind: 'seed', note: '2025年新闻发布会' }, t)).toBe('lineage.seedWith{"note":"2025年新闻发布会"}');
    expect(lineageText({ ...base, sourceKind: 'seed', note: '' }, t)).toBe('lineage.seed');
    expect(lineageText({ ...base, sourceKind: 'restore' }, t)).toBe('lineage.restore');
  });

  it('reads a quarter as the report matrix does: own figure, else the year’s at Q4 or for yearly indicators', () => {
    const obs = [
      { region: 'a', period: '2025Q4', value: 1 },
      { region: 'a', period: '2025', value: 9 },
      { region: 'b', period: '2025', value: 2 },
      { region: 'c', period: '2025Q3', value: 3 },
    ];
    expect(valuesForPeriod(obs, '2025Q4', 'quarter')).toEqual([
      { region: 'a', value: 1 },
      { region: 'b', value: 2 },
    ]);
    expect(valuesForPeriod(obs, '2025Q3', 'quarter')).toEqual([{ region: 'c', value: 3 }]);
    expect(valuesForPeriod(obs, '2025Q3', 'year')).toEqual([
      { region: 'c', value: 3 },
      { region: 'a', value: 9 },
      { region: 'b', value: 2 },
    ]);
    expect(valuesForPeriod(obs, '2025', 'year')).toEqual([]);
  });
});

describe('indicator search', () => {
  const indicator = (code: string, name: string, areaCode: string, retired = false) =>
    ({ code, name, nameEn: `EN ${name}`, areaCode, area: areaCode, retired, targets: [] }) as unknown as IndicatorView;
  const catalogue = {
    areas: [
      { code: 'A01', name: '开办企业', nameEn: 'Starting a business', plan: '2021' },
      { code: 'A03', name: '获得电力', nameEn: 'Getting electricity', plan: '2021' },
    ],
    indicators: [indicator('A01-01', '企业开办时间', 'A01'), indicator('A01-09', '旧指标', 'A01', true), indicator('A03-01', '低压用户办电时间', 'A03')],
  } as unknown as Catalogue;

  it('matches code, name, English name or area; every word must match', () => {
    const i = catalogue.indicators[0]!;
    expect(indicatorMatches(i, '开办企业', 'a01-01')).toBe(true);
    expect(indicatorMatches(i, '开办企业', '开办 时间')).toBe(true);
    expect(indicatorMatches(i, '开办企业', '开办 电力')).toBe(false);
    expect(indicatorMatches(i, '开办企业', 'ＡＯ１')).toBe(false);
    expect(indicatorMatches(i, '开办企业', 'Ａ０１')).toBe(true);
  });

  it('groups by area, retired only on request', () => {
    expect(groupIndicators(catalogue, '', false).map((g) => [g.area.code, g.indicators.length])).toEqual([
      ['A01', 1],
      ['A03', 1],
    ]);
    expect(groupIndicators(catalogue, '', true)[0]!.indicators.length).toBe(2);
    expect(groupIndicators(catalogue, '电力', false).map((g) => g.area.code)).toEqual(['A03']);
  });

  it('splits typed unit lists', () => {
    expect(splitList('省市场监管局、省公安厅, 省税务局；\n海口市')).toEqual(['省市场监管局', '省公安厅', '省税务局', '海口市']);
    expect(splitList('  ')).toEqual([]);
  });
});

describe('chart span', () => {
  it('runs from 2021Q1 to the latest of values, the current period and milestone deadlines', () => {
    expect(seriesRange([], '2026Q1')).toEqual({ from: '2021Q1', to: '2026Q1' });
    expect(seriesRange([{ period: '2019Q3' }, { period: '2025' }], '2024Q2')).toEqual({ from: '2019Q1', to: '2025Q4' });
    expect(seriesRange([], null)).toEqual({ from: '2021Q1', to: '2021Q4' });
    expect(seriesRange([], '2026Q1', ['2027Q4'])).toEqual({ from: '2021Q1', to: '2027Q4' });
  });

  it('finds milestone deadlines', () => {
    const t = (deadline: string | null) => ({ year: 2026, region: null, regionCode: null, comparator: '=' as const, value: 1, valueMax: null, deadline, source: { doc: '', clause: '' } });
    expect(milestoneDeadlines({ direction: 'milestone', targets: [t('2027-12-31'), t(null), t('2026-05-01')] })).toEqual(['2027Q4', '2026Q2']);
    expect(milestoneDeadlines({ direction: 'lower', targets: [t('2027-12-31')] })).toEqual([]);
  });
});

describe('PNG export and paths', () => {
  it('makes safe file names', () => {
    expect(safeFileName('A01-01-企业开办时间-走势')).toBe('A01-01-企业开办时间-走势.png');
    expect(safeFileName('a/b\\c:d*e?"f<g>h|i')).toBe('a_b_c_d_e_f_g_h_i.png');
    expect(safeFileName('...')).toBe('chart.png');
    expect(safeFileName('x'.repeat(300)).length).toBe(124);
  });

  it('lays the legend out in centred rows', () => {
    expect(layoutLegend([100, 100], 400, 20)).toEqual([
      { x: 90, row: 0 },
      { x: 210, row: 0 },
    ]);
    const wrapped = layoutLegend([150, 150, 150], 320, 20);
    expect(wrapped.map((p) => p.row)).toEqual([0, 0, 1]);
    expect(wrapped[2]!.x).toBe(85);
    expect(layoutLegend([500], 300, 20)).toEqual([{ x: 0, row: 0 }]);
  });

  it('shows the default backups folder beside the database', () => {
    expect(defaultBackupDir('/home/u/.local/share/yingshang-monitor/workstation.db')).toBe('/home/u/.local/share/yingshang-monitor/backups');
    expect(defaultBackupDir('C:\\Users\\u\\AppData\\Roaming\\yingshang-monitor\\workstation.db')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\yingshang-monitor\\backups',
    );
  });
});
