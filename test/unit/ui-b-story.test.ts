import { describe, expect, it } from 'vitest';
import { buildStory, type Matrix } from '../../renderer/src/features/meeting/story';

const text = {
  overview: (share: string) => `总体：${share}`,
  overviewEmpty: '总体：无',
  ranking: '排名',
  area: (a: string) => `${a}：各地区`,
  laggards: '后进',
  movers: '变化',
};

function matrix(): Matrix {
  const region = (code: string, kind: 'province' | 'city' | 'county') => ({ code, name: code, nameEn: code, kind, aliases: [] });
  const ind = (code: string, areaCode: string, direction: 'lower' | 'higher' | 'milestone') => ({
    code, name: `指标${code}`, area: `领域${areaCode}`, areaCode, unit: '天', direction, precision: 1, retired: false, frontier: null, worst: null,
  });
  const cell = (indicator: string, region: string, value: number | null, previous: number | null, status: Matrix['cells'][number]['status'], score: number | null) => ({
    indicator, region, value, valuePeriod: value === null ? null : '2026Q1', previous, target: null, status, gap: null, score, rank: null, trend: null,
  });
  return {
    period: '2026Q1',
    previousPeriod: '2025Q4',
    asOf: '2026-04-20T01:00:00.000Z',
    scoringWindow: { from: '2026Q1', to: '2026Q4' },
    indicators: [ind('X1', 'A', 'lower'), ind('X2', 'A', 'higher'), ind('Y1', 'B', 'milestone'), ind('Z1', 'C', 'lower')],
    regions: [region('P', 'province'), region('R1', 'city'), region('R2', 'county'), region('R3', 'county')],
    rankedRegions: ['R1', 'R2', 'R3'],
    cells: [
      cell('X1', 'P', 2, 4, 'met', null),
      cell('X1', 'R1', 2, 4, 'met', 100),
      cell('X1', 'R2', 5, 4, 'missed', 20),
      cell('X1', 'R3', null, 3, 'no-data', null),
      cell('X2', 'R1', 80, 60, 'met', 90),
      cell('X2', 'R2', 50, 50, 'near', 40),
      cell('X2', 'R3', 10, 20, 'missed', 0),
      cell('Y1', 'R1', 1, 0, 'met', 100),
      cell('Y1', 'R2', 0, 0, 'missed', 0),
      cell('Y1', 'R3', null, null, 'no-data', null),
      cell('Z1', 'R1', null, null, 'no-data', null),
      cell('Z1', 'R2', null, null, 'no-data', null),
      cell('Z1', 'R3', null, null, 'no-data', null),
    ],
    composites: [
      { region: 'R1', overall: 96.7, rank: 1, areas: [] },
      { region: 'R2', overall: 20, rank: 2, areas: [] },
      { region: 'R3', overall: 0, rank: 3, areas: [] },
    ],
  };
}

describe('the meeting story', () => {
  const slides = buildStory(matrix(), text, { regionLabel: (c) => `地区${c}`, laggards: 2, movers: 2 });

  it('tells overview, ranking, one slide per area with data, laggards, movers — in that order', () => {
    expect(slides.map((s) => s.id)).toEqual(['overview', 'ranking', 'area-A', 'area-B', 'laggards', 'movers']);
  });

  it('overview: the share met of the ranked regions, best region first', () => {
    const o = slides[0]!;
    if (o.kind !== 'overview') throw new Error();
    // R1: 3 met; R2: 1 near + 2 missed; R3: 1 missed → 3 of 7 met.
    expect(o).toMatchObject({ met: 3, near: 1, missed: 3, judged: 7, title: '总体：43%' });
    expect(o.bars.map((b) => b.region)).toEqual(['R1', 'R2', 'R3']);
    expect(o.bars[0]).toMatchObject({ label: '地区R1', met: 3, share: 100 });
  });

  it('ranking by composite; laggards are the bottom with their weakest indicators', () => {
    const r = slides[1]!;
    if (r.kind !== 'ranking') throw new Error();
    expect(r.bars.map((b) => [b.region, b.rank])).toEqual([['R1', 1], ['R2', 2], ['R3', 3]]);
    const l = slides[4]!;
    if (l.kind !== 'laggards') throw new Error();
    expect(l.bars.map((b) => b.region)).toEqual(['R3', 'R2']);
    expect(l.bars[1]!.worst.map((w) => w.name)).toEqual(['指标Y1', '指标X1']);
  });

  it('an area slide counts status per region, the province included; an area without data has none', () => {
    const a = slides[2]!;
    if (a.kind !== 'area') throw new Error();
    expect(a).toMatchObject({ area: '领域A', indicators: 2, met: 3, judged: 6 });
    expect(a.bars.find((b) => b.region === 'P')).toMatchObject({ met: 1, near: 0, missed: 0 });
    expect(slides.some((s) => s.id === 'area-C')).toBe(false);
  });

  it('movers: direction-aware change against last quarter, best to worst; milestones and unchanged left out', () => {
    const m = slides[5]!;
    if (m.kind !== 'movers') throw new Error();
    expect(m.bars.map((b) => [b.key, Math.round(b.improvement)])).toEqual([
      ['X1|P', 50],
      ['X1|R1', 50],
      ['X1|R2', -25],
      ['X2|R3', -50],
    ]);
  });
});
