/**
 * The geometry and look every slide shares: a layout computed from the
 * slide's pixel size (SlideView draws it, export.ts composes the JPEG by
 * it), projector-sized type that never drops under its minimums, the slide
 * colours, and rough text measuring for clipping titles and labels.
 */
import { CHART_COLORS, CHART_FONT, STATUS_COLORS } from '../../charts/theme';

/** The size slides are designed at, and exported at for the briefing PDF; on screen they scale. */
export const SLIDE_SIZE = { width: 1920, height: 1080 } as const;

export const SLIDE_FONT = CHART_FONT;

/** Met, missed and the accent are the charts' own colours; the rest are the slides'. */
export const SLIDE_COLORS = {
  met: STATUS_COLORS.met,
  near: '#e08a1e',
  missed: STATUS_COLORS.missed,
  noData: '#b8c3c5',
  teal: CHART_COLORS.actual,
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
  const s = Math.min(width / SLIDE_SIZE.width, height / SLIDE_SIZE.height);
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
