/**
 * The charts of the meeting slides, horizontal bars drawn to fill the
 * slide's chart box at projector size: thick bars, axis text never under
 * 20 px, the figure at the end of each bar.
 *   StatusChart   达标 / 接近 / 未达标 per region (overview: shares; area: counts)
 *   RankingChart  the composite score per region, best first
 *   LaggardChart  the weakest regions, each with its weakest indicators
 *   MoverChart    the biggest improvements and setbacks since last quarter
 */
import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts';
import { useT } from '../../i18n';
import { fmtNumber, withUnit } from '../ui-b/common';
import { clip, SLIDE_COLORS, textWidth, type SlideLayout } from './slide-layout';
import type { LaggardBar, MoverBar, ScoreBar, StatusBar } from './story';

type ViewBox = { x: number; y: number; width: number; height: number };
function box(p: { viewBox?: unknown }): ViewBox {
  const v = (p.viewBox ?? {}) as Partial<ViewBox>;
  return { x: Number(v.x ?? 0), y: Number(v.y ?? 0), width: Number(v.width ?? 0), height: Number(v.height ?? 0) };
}

/** The whole chart box, bars lying down, `right` pixels kept free for the labels at the bars' ends. */
function frame(layout: SlideLayout, right: number, barCategoryGap: string) {
  return { width: layout.chart.width, height: layout.chart.height, layout: 'vertical', margin: { top: 4, right, bottom: 4, left: 0 }, barCategoryGap } as const;
}

/** Lines up from the value axis only: they cross the bars, not the names. */
const GRID = { horizontal: false, stroke: SLIDE_COLORS.grid, strokeWidth: 2 } as const;

/** The value axis under the bars. */
function valueAxis(layout: SlideLayout) {
  return { type: 'number', tick: { fontSize: layout.axisSize, fill: SLIDE_COLORS.muted }, stroke: SLIDE_COLORS.muted, strokeWidth: 2 } as const;
}

/** The names left of the bars, every one of them (interval 0), in `fontSize`. */
function categoryAxis(dataKey: string, width: number, fontSize: number) {
  return { type: 'category', dataKey, width, tick: { fontSize, fill: SLIDE_COLORS.ink }, interval: 0, stroke: SLIDE_COLORS.muted, strokeWidth: 2, tickLine: false } as const;
}

/** Many regions (all 19 cities and counties) need a smaller name. */
function categorySize(count: number, layout: SlideLayout): number {
  return count > 14 ? Math.max(20, Math.round(layout.axisSize * 0.9)) : layout.axisSize;
}

function categoryWidth(labels: string[], size: number, max: number): number {
  return Math.min(max, Math.max(...labels.map((l) => textWidth(l, size)), size * 3) + size);
}

/** Bars thick enough to read across a room, but never more than the space allows. */
function barSize(count: number, height: number): number {
  return Math.max(8, Math.min(64, Math.floor((height / Math.max(count, 1)) * 0.68)));
}

/** The figure just past the end of a bar, bold. */
function barEndText(b: ViewBox, layout: SlideLayout, text: string, gap = 12): ReactElement {
  return (
    <text x={b.x + b.width + gap} y={b.y + b.height / 2} dominantBaseline="central" fontSize={layout.labelSize} fontWeight={700} fill={SLIDE_COLORS.ink}>
      {text}
    </text>
  );
}

type Seg = 'met' | 'near' | 'missed';
const SEGMENTS: Seg[] = ['met', 'near', 'missed'];

/** The label at the end of a stacked bar, drawn by whichever segment is the last one with a size. */
function endLabel(layout: SlideLayout, seg: Seg, data: ReadonlyArray<Record<Seg, number> & { end: string; region: string }>) {
  // The label's value is the region code (LabelList dataKey="region"): indexes skip empty segments.
  return function EndLabel(p: { viewBox?: unknown; value?: unknown }) {
    const d = data.find((x) => x.region === p.value);
    if (!d) return <g />;
    const last = [...SEGMENTS].reverse().find((k) => d[k] > 0);
    if (last !== seg) return <g />;
    return barEndText(box(p), layout, d.end);
  };
}

/**
 * Status per region. Overview: shares (each bar 100%: met / near / missed),
 * labelled with the share met. Area: counts of indicators judged (bar length
 * = how many reported), labelled "met/judged".
 */
export function StatusChart({ bars, layout, counts }: { bars: StatusBar[]; layout: SlideLayout; counts: boolean }) {
  const { width, height } = layout.chart;
  const size = categorySize(bars.length, layout);
  const yWidth = categoryWidth(bars.map((b) => b.label), size, width * 0.3);
  const data = bars.map((b) => {
    const judged = b.met + b.near + b.missed;
    return { ...b, judged, end: counts ? `${b.met}/${judged}` : b.share === null ? '—' : `${Math.round(b.share)}%` };
  });
  const max = Math.max(1, ...data.map((d) => d.judged));
  return (
    <BarChart {...frame(layout, layout.labelSize * (counts ? 3.6 : 3.2), '18%')} data={data} stackOffset={counts ? 'none' : 'expand'}>
      <CartesianGrid {...GRID} />
      {counts ? (
        <XAxis {...valueAxis(layout)} domain={[0, max]} allowDecimals={false} />
      ) : (
        <XAxis {...valueAxis(layout)} domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
      )}
      <YAxis {...categoryAxis('label', yWidth, size)} />
      {SEGMENTS.map((seg) => (
        <Bar key={seg} dataKey={seg} stackId="s" fill={SLIDE_COLORS[seg]} isAnimationActive={false} barSize={barSize(bars.length, height)}>
          <LabelList dataKey="region" content={endLabel(layout, seg, data)} />
        </Bar>
      ))}
    </BarChart>
  );
}

export function RankingChart({ bars, layout }: { bars: ScoreBar[]; layout: SlideLayout }) {
  const { width, height } = layout.chart;
  const size = categorySize(bars.length, layout);
  const labels = bars.map((b) => `${b.rank ?? '–'}  ${b.label}`);
  const yWidth = categoryWidth(labels, size, width * 0.3);
  const data = bars.map((b, i) => ({ ...b, name: labels[i]!, scoreText: fmtNumber(b.score, 1) }));
  const n = bars.length;
  const color = (i: number) => (n >= 6 && i < 3 ? SLIDE_COLORS.met : n >= 6 && i >= n - 3 ? SLIDE_COLORS.missed : SLIDE_COLORS.teal);
  return (
    <BarChart {...frame(layout, layout.labelSize * 4, '18%')} data={data}>
      <CartesianGrid {...GRID} />
      <XAxis {...valueAxis(layout)} domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} />
      <YAxis {...categoryAxis('name', yWidth, size)} />
      <Bar dataKey="score" isAnimationActive={false} barSize={barSize(n, height)}>
        {data.map((d, i) => (
          <Cell key={d.region} fill={color(i)} />
        ))}
        <LabelList dataKey="scoreText" content={(p) => barEndText(box(p), layout, String(p.value ?? ''))} />
      </Bar>
    </BarChart>
  );
}

export function LaggardChart({ bars, layout }: { bars: LaggardBar[]; layout: SlideLayout }) {
  const t = useT();
  const { width, height } = layout.chart;
  const yWidth = categoryWidth(bars.map((b) => b.label), layout.axisSize, width * 0.2);
  const textArea = width * 0.5;
  const data = bars.map((b) => ({ ...b, scoreText: fmtNumber(b.score, 1) }));
  const small = layout.labelSize;
  return (
    <BarChart {...frame(layout, textArea, '22%')} data={data}>
      <CartesianGrid {...GRID} />
      <XAxis {...valueAxis(layout)} domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} />
      <YAxis {...categoryAxis('label', yWidth, layout.axisSize)} />
      <Bar dataKey="score" fill={SLIDE_COLORS.missed} isAnimationActive={false} barSize={barSize(bars.length, height) * 0.8}>
        <LabelList
          dataKey="region"
          content={(p) => {
            const b = box(p);
            const bar = data.find((d) => d.region === p.value);
            // The weakest indicators, in the text column right of the plot.
            const plotRight = width - textArea;
            const x = plotRight + layout.labelSize;
            const lines = (bar?.worst ?? []).map((w) =>
              clip(`${w.name}${w.score !== null ? t('ub.meeting.scoreSuffix', { s: fmtNumber(w.score, 0) }) : ''}`, small, textArea - layout.labelSize * 1.5),
            );
            return (
              <g>
                {barEndText(b, layout, bar?.scoreText ?? '', 10)}
                {lines.length === 0 ? null : (
                  <text x={x} y={b.y + b.height / 2 - (lines.length - 1) * small * 0.62} fontSize={small} fill={SLIDE_COLORS.ink}>
                    {lines.map((l, i) => (
                      <tspan key={i} x={x} dy={i === 0 ? 0 : small * 1.25} dominantBaseline="central">
                        {`${i === 0 ? t('ub.meeting.weakest') : '　　　'}${l}`}
                      </tspan>
                    ))}
                  </text>
                )}
              </g>
            );
          }}
        />
      </Bar>
    </BarChart>
  );
}

export function MoverChart({ bars, layout }: { bars: MoverBar[]; layout: SlideLayout }) {
  const { width, height } = layout.chart;
  const size = Math.max(20, Math.round(layout.axisSize * 0.92));
  const labels = bars.map((b) => clip(b.label, size, width * 0.34));
  const yWidth = categoryWidth(labels, size, width * 0.36);
  const data = bars.map((b, i) => ({ ...b, name: labels[i]!, shown: Math.max(-100, Math.min(100, b.improvement)) }));
  const label = (b: MoverBar) =>
    `${b.improvement > 0 ? '+' : '−'}${fmtNumber(Math.abs(b.improvement), 0)}%（${withUnit(fmtNumber(b.previous, b.precision), b.unit)}→${withUnit(fmtNumber(b.value, b.precision), b.unit)}）`;
  return (
    <BarChart {...frame(layout, 8, '20%')} data={data}>
      <CartesianGrid {...GRID} />
      <XAxis {...valueAxis(layout)} domain={[-175, 175]} ticks={[-100, -50, 0, 50, 100]} tickFormatter={(v: number) => `${v > 0 ? '+' : ''}${v}%`} />
      <YAxis {...categoryAxis('name', yWidth, size)} />
      <ReferenceLine x={0} stroke={SLIDE_COLORS.ink} strokeWidth={4} />
      <Bar dataKey="shown" isAnimationActive={false} barSize={barSize(bars.length, height)}>
        {data.map((d) => (
          <Cell key={d.key} fill={d.improvement > 0 ? SLIDE_COLORS.met : SLIDE_COLORS.missed} />
        ))}
        <LabelList
          dataKey="key"
          content={(p) => {
            const b = box(p);
            const bar = data.find((d) => d.key === p.value);
            if (!bar) return <g />;
            const left = Math.min(b.x, b.x + b.width);
            const right = Math.max(b.x, b.x + b.width);
            const positive = bar.improvement > 0;
            return (
              <text
                x={positive ? right + 10 : left - 10}
                y={b.y + b.height / 2}
                dominantBaseline="central"
                textAnchor={positive ? 'start' : 'end'}
                fontSize={Math.max(20, Math.round(layout.labelSize * 0.85))}
                fontWeight={700}
                fill={positive ? '#1f5f23' : '#8c1d17'}
              >
                {label(bar)}
              </text>
            );
          }}
        />
      </Bar>
    </BarChart>
  );
}
