/**
 * One meeting slide at a given pixel size: a frame SVG (title, key message,
 * legend, "数据截至 …" footer) and one recharts chart (slide-charts.tsx)
 * placed in the frame's chart box. The two SVGs share one layout
 * (slide-layout.ts), so the PDF export can merge them into one image
 * (export.ts).
 */
import type { ReactElement } from 'react';
import { useT, type Translate } from '../../i18n';
import { LaggardChart, MoverChart, RankingChart, StatusChart } from './slide-charts';
import { clip, SLIDE_COLORS, SLIDE_FONT, slideLayout, textWidth, type SlideLayout } from './slide-layout';
import type { Slide } from './story';

interface LegendItem {
  color: string;
  label: string;
}

/** The colours of the slide's bars, named: statuses on the overview and area slides, better / worse on the movers. */
function legendOf(slide: Slide, t: Translate): LegendItem[] {
  switch (slide.kind) {
    case 'overview':
    case 'area':
      return [
        { color: SLIDE_COLORS.met, label: t('ub.status.met') },
        { color: SLIDE_COLORS.near, label: t('ub.status.near') },
        { color: SLIDE_COLORS.missed, label: t('ub.status.missed') },
      ];
    case 'movers':
      return [
        { color: SLIDE_COLORS.met, label: t('ub.meeting.better') },
        { color: SLIDE_COLORS.missed, label: t('ub.meeting.worse') },
      ];
    default:
      return [];
  }
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
  const legend = legendOf(slide, t);
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
