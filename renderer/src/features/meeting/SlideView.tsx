/**
 * One meeting slide at a given pixel size: a frame SVG (title, key message,
 * legend, "数据截至 …" footer) and one recharts chart placed in the frame's
 * chart box. Sized for a projector: the title never under 40 px, axis text
 * never under 20 px, thick bars and lines. The two SVGs share one layout
 * (slideLayout), so the PDF export can merge them into one image
 * (export.ts).
 */
import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts';
import { useT } from '../../i18n';
import { fmtNumber, withUnit } from '../ui-b/common';
import type { LaggardBar, MoverBar, ScoreBar, Slide, StatusBar } from './story';

export const SLIDE_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

export const SLIDE_COLORS = {
  met: '#2e7d32',
  near: '#e08a1e',
  missed: '#c62828',
  noData: '#b8c3c5',
  teal: '#0f6e78',
  ink: '#14282b',
  muted: '#4f6467',
  grid: '#dfe7e8',
  band: '#0a4f57',
};

export interface SlideLayout {
  width: number;
  height: number;
  pad: number;
  titleSize: number;
  titleY: number;
  subSize: number;
  subY: number;
  chart: { x: number; y: number; width: number; height: number };
  axisSize: number;
  labelSize: number;
  footSize: number;
  footY: number;
}

export function slideLayout(width: number, height: number): SlideLayout {
  const s = Math.min(width / 1920, height / 1080);
  const pad = Math.round(64 * s);
  const titleSize = Math.max(40, Math.round(62 * s));
  const subSize = Math.max(24, Math.round(32 * s));
  const footSize = Math.max(20, Math.round(24 * s));
  const titleY = pad + titleSize;
  const subY = titleY + Math.round(subSize * 1.7);
  const chartTop = subY + Math.round(28 * s);
  const footY = height - Math.round(pad * 0.6);
  const chartBottom = footY - footSize - Math.round(24 * s);
  return {
    width,
    height,
    pad,
    titleSize,
    titleY,
    subSize,
    subY,
    chart: { x: pad, y: chartTop, width: Math.max(100, width - 2 * pad), height: Math.max(100, chartBottom - chartTop) },
    axisSize: Math.max(20, Math.round(26 * s)),
    labelSize: Math.max(20, Math.round(26 * s)),
    footSize,
    footY,
  };
}

/** Rough width of text at a font size: CJK full width, the rest about half. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.56;
  return w;
}

export function clip(text: string, size: number, max: number): string {
  if (textWidth(text, size) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, size) > max) break;
    out += ch;
  }
  return `${out}…`;
}

interface LegendItem {
  color: string;
  label: string;
}

export interface SlideViewProps {
  slide: Slide;
  width: number;
  height: number;
  /** "数据截至 2026-04-20 09:30" and the quarter, on every slide. */
  footer: string;
  pageLabel: string;
  subtitle: string;
}

export function SlideView({ slide, width, height, footer, pageLabel, subtitle }: SlideViewProps) {
  const t = useT();
  const L = slideLayout(width, height);
  const legend: LegendItem[] =
    slide.kind === 'overview'
      ? [
          { color: SLIDE_COLORS.met, label: t('ub.status.met') },
          { color: SLIDE_COLORS.near, label: t('ub.status.near') },
          { color: SLIDE_COLORS.missed, label: t('ub.status.missed') },
        ]
      : slide.kind === 'area'
        ? [
            { color: SLIDE_COLORS.met, label: t('ub.status.met') },
            { color: SLIDE_COLORS.near, label: t('ub.status.near') },
            { color: SLIDE_COLORS.missed, label: t('ub.status.missed') },
          ]
        : slide.kind === 'movers'
          ? [
              { color: SLIDE_COLORS.met, label: t('ub.meeting.better') },
              { color: SLIDE_COLORS.missed, label: t('ub.meeting.worse') },
            ]
          : [];
  const legendWidth = legend.reduce((w, l) => w + L.subSize * 1.6 + textWidth(l.label, L.subSize) + L.subSize, 0);
  const subMax = L.width - 2 * L.pad - legendWidth - L.subSize;

  return (
    <div className="ub-slide" style={{ width, height }} data-slide={slide.id}>
      <svg
        className="ub-slide-frame"
        xmlns="http://www.w3.org/2000/svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        fontFamily={SLIDE_FONT}
        role="img"
        aria-label={slide.title}
      >
        <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
        <rect x={0} y={0} width={Math.max(8, Math.round(L.pad * 0.22))} height={height} fill={SLIDE_COLORS.teal} />
        <text x={L.pad} y={L.titleY} fontSize={L.titleSize} fontWeight={700} fill={SLIDE_COLORS.ink}>
          {clip(slide.title, L.titleSize, L.width - 2 * L.pad)}
        </text>
        <text x={L.pad} y={L.subY} fontSize={L.subSize} fill={SLIDE_COLORS.muted}>
          {clip(subtitle, L.subSize, subMax)}
        </text>
        {legend.length > 0 && (
          <g>
            {legend.reduce<{ x: number; els: ReactElement[] }>(
              (acc, item) => {
                const box = L.subSize;
                acc.els.push(
                  <g key={item.label}>
                    <rect x={acc.x} y={L.subY - box * 0.85} width={box} height={box} rx={box * 0.15} fill={item.color} />
                    <text x={acc.x + box * 1.3} y={L.subY} fontSize={L.subSize} fill={SLIDE_COLORS.ink}>
                      {item.label}
                    </text>
                  </g>,
                );
                acc.x += box * 1.6 + textWidth(item.label, L.subSize) + L.subSize;
                return acc;
              },
              { x: L.width - L.pad - legendWidth + L.subSize, els: [] },
            ).els}
          </g>
        )}
        <line x1={L.pad} x2={L.width - L.pad} y1={L.footY - L.footSize - Math.round(L.footSize * 0.4)} y2={L.footY - L.footSize - Math.round(L.footSize * 0.4)} stroke={SLIDE_COLORS.grid} strokeWidth={2} />
        <text x={L.pad} y={L.footY} fontSize={L.footSize} fill={SLIDE_COLORS.muted}>
          {footer}
        </text>
        <text x={L.width - L.pad} y={L.footY} fontSize={L.footSize} fill={SLIDE_COLORS.muted} textAnchor="end">
          {pageLabel}
        </text>
      </svg>
      <div className="ub-slide-chart" style={{ left: L.chart.x, top: L.chart.y, width: L.chart.width, height: L.chart.height }}>
        <SlideChart slide={slide} layout={L} />
      </div>
    </div>
  );
}

type ViewBox = { x: number; y: number; width: number; height: number };
function box(p: { viewBox?: unknown }): ViewBox {
  const v = (p.viewBox ?? {}) as Partial<ViewBox>;
  return { x: Number(v.x ?? 0), y: Number(v.y ?? 0), width: Number(v.width ?? 0), height: Number(v.height ?? 0) };
}

function EmptyChart({ layout, text }: { layout: SlideLayout; text: string }) {
  const { width, height } = layout.chart;
  return (
    <svg className="recharts-surface ub-empty-chart" xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily={SLIDE_FONT}>
      <rect x={2} y={2} width={width - 4} height={height - 4} rx={16} fill="#f5f8f8" stroke={SLIDE_COLORS.grid} strokeWidth={3} strokeDasharray="14 10" />
      <text x={width / 2} y={height / 2} textAnchor="middle" dominantBaseline="middle" fontSize={layout.titleSize * 0.7} fill={SLIDE_COLORS.muted}>
        {text}
      </text>
    </svg>
  );
}

function SlideChart({ slide, layout }: { slide: Slide; layout: SlideLayout }) {
  const t = useT();
  switch (slide.kind) {
    case 'overview':
      return slide.bars.length ? <StatusChart bars={slide.bars} layout={layout} counts={false} /> : <EmptyChart layout={layout} text={t('ub.meeting.noData')} />;
    case 'area':
      return slide.bars.length ? <StatusChart bars={slide.bars} layout={layout} counts /> : <EmptyChart layout={layout} text={t('ub.meeting.noData')} />;
    case 'ranking':
      return slide.bars.length ? <RankingChart bars={slide.bars} layout={layout} /> : <EmptyChart layout={layout} text={t('ub.meeting.noRanking')} />;
    case 'laggards':
      return slide.bars.length ? <LaggardChart bars={slide.bars} layout={layout} /> : <EmptyChart layout={layout} text={t('ub.meeting.noRanking')} />;
    case 'movers':
      return slide.bars.length ? <MoverChart bars={slide.bars} layout={layout} /> : <EmptyChart layout={layout} text={t('ub.meeting.noMovers')} />;
  }
}

function categoryWidth(labels: string[], size: number, max: number): number {
  return Math.min(max, Math.max(...labels.map((l) => textWidth(l, size)), size * 3) + size);
}

/** Bars thick enough to read across a room, but never more than the space allows. */
function barSize(count: number, height: number): number {
  return Math.max(8, Math.min(64, Math.floor((height / Math.max(count, 1)) * 0.68)));
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
    const b = box(p);
    return (
      <text x={b.x + b.width + 12} y={b.y + b.height / 2} dominantBaseline="central" fontSize={layout.labelSize} fontWeight={700} fill={SLIDE_COLORS.ink}>
        {d.end}
      </text>
    );
  };
}

/**
 * Status per region. Overview: shares (each bar 100%: met / near / missed),
 * labelled with the share met. Area: counts of indicators judged (bar length
 * = how many reported), labelled "met/judged".
 */
function StatusChart({ bars, layout, counts }: { bars: StatusBar[]; layout: SlideLayout; counts: boolean }) {
  const { width, height } = layout.chart;
  const size = bars.length > 14 ? Math.max(20, Math.round(layout.axisSize * 0.9)) : layout.axisSize;
  const yWidth = categoryWidth(bars.map((b) => b.label), size, width * 0.3);
  const data = bars.map((b) => {
    const judged = b.met + b.near + b.missed;
    return { ...b, judged, end: counts ? `${b.met}/${judged}` : b.share === null ? '—' : `${Math.round(b.share)}%` };
  });
  const max = Math.max(1, ...data.map((d) => d.judged));
  return (
    <BarChart
      width={width}
      height={height}
      data={data}
      layout="vertical"
      stackOffset={counts ? 'none' : 'expand'}
      margin={{ top: 4, right: layout.labelSize * (counts ? 3.6 : 3.2), bottom: 4, left: 0 }}
      barCategoryGap="18%"
    >
      <CartesianGrid horizontal={false} stroke={SLIDE_COLORS.grid} strokeWidth={2} />
      {counts ? (
        <XAxis type="number" domain={[0, max]} allowDecimals={false} tick={{ fontSize: layout.axisSize, fill: SLIDE_COLORS.muted }} stroke={SLIDE_COLORS.muted} strokeWidth={2} />
      ) : (
        <XAxis
          type="number"
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
          tick={{ fontSize: layout.axisSize, fill: SLIDE_COLORS.muted }}
          stroke={SLIDE_COLORS.muted}
          strokeWidth={2}
        />
      )}
      <YAxis type="category" dataKey="label" width={yWidth} tick={{ fontSize: size, fill: SLIDE_COLORS.ink }} interval={0} stroke={SLIDE_COLORS.muted} strokeWidth={2} tickLine={false} />
      {SEGMENTS.map((seg) => (
        <Bar key={seg} dataKey={seg} stackId="s" fill={SLIDE_COLORS[seg]} isAnimationActive={false} barSize={barSize(bars.length, height)}>
          <LabelList dataKey="region" content={endLabel(layout, seg, data)} />
        </Bar>
      ))}
    </BarChart>
  );
}

function RankingChart({ bars, layout }: { bars: ScoreBar[]; layout: SlideLayout }) {
  const { width, height } = layout.chart;
  const size = bars.length > 14 ? Math.max(20, Math.round(layout.axisSize * 0.9)) : layout.axisSize;
  const labels = bars.map((b) => `${b.rank ?? '–'}  ${b.label}`);
  const yWidth = categoryWidth(labels, size, width * 0.3);
  const data = bars.map((b, i) => ({ ...b, name: labels[i]!, scoreText: fmtNumber(b.score, 1) }));
  const n = bars.length;
  const color = (i: number) => (n >= 6 && i < 3 ? SLIDE_COLORS.met : n >= 6 && i >= n - 3 ? SLIDE_COLORS.missed : SLIDE_COLORS.teal);
  return (
    <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 4, right: layout.labelSize * 4, bottom: 4, left: 0 }} barCategoryGap="18%">
      <CartesianGrid horizontal={false} stroke={SLIDE_COLORS.grid} strokeWidth={2} />
      <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tick={{ fontSize: layout.axisSize, fill: SLIDE_COLORS.muted }} stroke={SLIDE_COLORS.muted} strokeWidth={2} />
      <YAxis type="category" dataKey="name" width={yWidth} tick={{ fontSize: size, fill: SLIDE_COLORS.ink }} interval={0} stroke={SLIDE_COLORS.muted} strokeWidth={2} tickLine={false} />
      <Bar dataKey="score" isAnimationActive={false} barSize={barSize(n, height)}>
        {data.map((d, i) => (
          <Cell key={d.region} fill={color(i)} />
        ))}
        <LabelList
          dataKey="scoreText"
          content={(p) => {
            const b = box(p);
            return (
              <text x={b.x + b.width + 12} y={b.y + b.height / 2} dominantBaseline="central" fontSize={layout.labelSize} fontWeight={700} fill={SLIDE_COLORS.ink}>
                {String(p.value ?? '')}
              </text>
            );
          }}
        />
      </Bar>
    </BarChart>
  );
}

function LaggardChart({ bars, layout }: { bars: LaggardBar[]; layout: SlideLayout }) {
  const t = useT();
  const { width, height } = layout.chart;
  const yWidth = categoryWidth(bars.map((b) => b.label), layout.axisSize, width * 0.2);
  const textArea = width * 0.5;
  const data = bars.map((b) => ({ ...b, scoreText: fmtNumber(b.score, 1) }));
  const small = layout.labelSize;
  return (
    <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 4, right: textArea, bottom: 4, left: 0 }} barCategoryGap="22%">
      <CartesianGrid horizontal={false} stroke={SLIDE_COLORS.grid} strokeWidth={2} />
      <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fontSize: layout.axisSize, fill: SLIDE_COLORS.muted }} stroke={SLIDE_COLORS.muted} strokeWidth={2} />
      <YAxis type="category" dataKey="label" width={yWidth} tick={{ fontSize: layout.axisSize, fill: SLIDE_COLORS.ink }} interval={0} stroke={SLIDE_COLORS.muted} strokeWidth={2} tickLine={false} />
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
                <text x={b.x + b.width + 10} y={b.y + b.height / 2} dominantBaseline="central" fontSize={layout.labelSize} fontWeight={700} fill={SLIDE_COLORS.ink}>
                  {bar?.scoreText ?? ''}
                </text>
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

function MoverChart({ bars, layout }: { bars: MoverBar[]; layout: SlideLayout }) {
  const { width, height } = layout.chart;
  const size = Math.max(20, Math.round(layout.axisSize * 0.92));
  const labels = bars.map((b) => clip(b.label, size, width * 0.34));
  const yWidth = categoryWidth(labels, size, width * 0.36);
  const data = bars.map((b, i) => ({ ...b, name: labels[i]!, shown: Math.max(-100, Math.min(100, b.improvement)) }));
  const label = (b: MoverBar) =>
    `${b.improvement > 0 ? '+' : '−'}${fmtNumber(Math.abs(b.improvement), 0)}%（${withUnit(fmtNumber(b.previous, b.precision), b.unit)}→${withUnit(fmtNumber(b.value, b.precision), b.unit)}）`;
  return (
    <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 4, right: 8, bottom: 4, left: 0 }} barCategoryGap="20%">
      <CartesianGrid horizontal={false} stroke={SLIDE_COLORS.grid} strokeWidth={2} />
      <XAxis type="number" domain={[-175, 175]} ticks={[-100, -50, 0, 50, 100]} tickFormatter={(v: number) => `${v > 0 ? '+' : ''}${v}%`} tick={{ fontSize: layout.axisSize, fill: SLIDE_COLORS.muted }} stroke={SLIDE_COLORS.muted} strokeWidth={2} />
      <YAxis type="category" dataKey="name" width={yWidth} tick={{ fontSize: size, fill: SLIDE_COLORS.ink }} interval={0} stroke={SLIDE_COLORS.muted} strokeWidth={2} tickLine={false} />
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
