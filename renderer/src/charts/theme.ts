/** One look for every chart: large type, high contrast, Chinese fonts, status colours. */
import type { Status } from '../../../shared/scoring';

export const CHART_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

export const CHART_COLORS = {
  actual: '#0f6e78',
  target: '#c25e00',
  band: '#c25e00',
  baseline: '#6b4fa0',
  grid: '#d5dfe0',
  axis: '#1d2b2d',
  muted: '#5c6f72',
  current: '#7a8a8c',
};

/** Region lines: distinct, dark enough on white and on a projector; no orange (the target's colour). */
export const SERIES_PALETTE = ['#0f6e78', '#1f5fbf', '#8e24aa', '#2e7d32', '#c2185b', '#5d4037', '#00838f', '#283593', '#6d4c41', '#558b2f'];

export const STATUS_COLORS: Record<Status, string> = {
  met: '#2e7d32',
  near: '#e0a100',
  missed: '#c62828',
  'no-target': '#90a4ae',
  'no-data': '#b0bec5',
};

export const TICK = { fontSize: 15, fill: CHART_COLORS.axis, fontFamily: CHART_FONT };
export const LEGEND_STYLE = { fontSize: 16, fontFamily: CHART_FONT, color: CHART_COLORS.axis };
export const TOOLTIP_STYLE = { fontSize: 16, fontFamily: CHART_FONT };

export function seriesColor(index: number): string {
  return SERIES_PALETTE[index % SERIES_PALETTE.length]!;
}

/** A white halo behind text drawn over lines and bars. */
export const HALO = { paintOrder: 'stroke', stroke: '#ffffff', strokeWidth: 4, strokeLinejoin: 'round' } as const;
