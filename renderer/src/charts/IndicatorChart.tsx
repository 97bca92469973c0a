/**
 * One indicator over time: actual values per quarter since 2021 for several
 * regions, against the target in force each period (a step line), a range
 * target as a band, the first (2021) target as a reference line, milestone
 * deadlines as markers and the current period marked. Rows come from the
 * shared, tested shaping in shared/chart-data.ts.
 */
import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { indicatorSeries, type SeriesRow } from '../../../shared/chart-data';
import type { IndicatorView, Observation } from '../../../shared/contract';
import { useT } from '../i18n';
import { ChartFrame } from './ChartFrame';
import { formatValue, withUnit } from './format';
import { milestoneDeadlines, seriesRange } from './series';
import { CHART_COLORS, CHART_FONT, HALO, LEGEND_STYLE, seriesColor, TICK, TOOLTIP_STYLE } from './theme';

export { formatValue } from './format';
export { milestoneDeadlines, seriesRange } from './series';

export interface ChartRegion {
  code: string;
  label: string;
}

export interface IndicatorChartProps {
  indicator: IndicatorView;
  observations: readonly Observation[];
  regions: readonly ChartRegion[];
  /** The current quarter: marked, and the x axis reaches at least this far. */
  period: string | null;
  title: string;
  subtitle?: string;
  fileName: string;
  height?: number;
}

/**
 * The target band and the target line: a target holds from its period until
 * the next one (a step, not a slope), a gap where none is in force, and no
 * hover dot (the tooltip already lists the target).
 */
const TARGET_STEPS = { type: 'stepAfter', connectNulls: false, isAnimationActive: false, activeDot: false } as const;

type ChartRow = Record<string, unknown> &
  Pick<SeriesRow, 'period' | 'label' | 'target' | 'targetLow' | 'targetHigh' | 'milestoneDue' | 'annual'> & { band: [number, number] | null };

export function IndicatorChart({ indicator, observations, regions, period, title, subtitle, fileName, height = 440 }: IndicatorChartProps) {
  const t = useT();
  const codes = useMemo(() => regions.map((r) => r.code), [regions]);
  const series = useMemo(() => {
    const wanted = new Set(codes);
    const mine = observations.filter((o) => o.indicator === indicator.code && wanted.has(o.region));
    return indicatorSeries({
      indicator,
      targets: indicator.targets,
      observations: mine,
      regions: codes,
      // One region: its own target; several: the province-wide target.
      targetRegion: codes.length === 1 ? codes[0]! : null,
      ...seriesRange(mine, period, milestoneDeadlines(indicator)),
    });
  }, [indicator, observations, codes, period]);

  const rows: ChartRow[] = useMemo(
    () => series.rows.map((r) => ({ ...r, band: r.targetLow !== null && r.targetHigh !== null ? [r.targetLow, r.targetHigh] : null })),
    [series],
  );
  const milestone = indicator.direction === 'milestone';
  const hasActual = rows.some((r) => codes.some((c) => typeof r[c] === 'number'));
  const hasBand = rows.some((r) => r.band !== null);
  const hasTarget = rows.some((r) => r.target !== null);
  const dueRows = rows.filter((r) => r.milestoneDue);
  const baseline = series.baseline2021;
  const showBaseline = !milestone && baseline !== null && rows.some((r) => r.target !== null && r.target !== baseline);
  const values = rows
    .flatMap((r) => [...codes.map((c) => r[c]), r.target, r.targetLow, r.targetHigh])
    .filter((v): v is number => typeof v === 'number');
  const domain: [number | 'auto', number | 'auto'] = milestone ? [0, 1] : values.every((v) => v >= 0) ? [0, 'auto'] : ['auto', 'auto'];

  const unit = indicator.unit;
  const fmt = (v: unknown): string => {
    if (Array.isArray(v) && v.length === 2) {
      return `${formatValue(v[0] as number, indicator.precision)}–${withUnit(formatValue(v[1] as number, indicator.precision), unit)}`;
    }
    const n = typeof v === 'number' ? v : null;
    if (milestone && n !== null) return n >= 1 ? t('chart.valueDone') : t('chart.valueNotDone');
    return n === null ? '—' : withUnit(formatValue(n, indicator.precision), unit);
  };
  const periodInRange = period !== null && rows.some((r) => r.label === period);

  return (
    <ChartFrame title={title} subtitle={subtitle} fileName={fileName} className="chart chart-line">
      {!hasActual && <p className="chart-empty">{t('chart.noActual')}</p>}
      <div style={{ fontFamily: CHART_FONT }}>
        <ResponsiveContainer width="100%" height={height}>
          <ComposedChart data={rows} margin={{ top: 36, right: 40, bottom: 8, left: 12 }}>
            <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="4 4" />
            <XAxis dataKey="label" tick={TICK} tickMargin={8} minTickGap={20} />
            <YAxis
              tick={TICK}
              width={96}
              domain={domain}
              ticks={milestone ? [0, 1] : undefined}
              allowDecimals={!milestone}
              tickFormatter={(v: number) => (milestone ? fmt(v) : formatValue(v, indicator.precision))}
              label={{ value: milestone ? t('chart.milestoneAxis') : t('chart.unitAxis', { unit }), position: 'top', offset: 16, dx: 30, style: { ...TICK, fontWeight: 600 } }}
            />
            <Tooltip
              formatter={(v, _name, item) => {
                const row = (item as { payload?: ChartRow } | undefined)?.payload;
                const key = String((item as { dataKey?: unknown } | undefined)?.dataKey ?? '');
                return row?.annual?.includes(key) ? `${fmt(v)} ${t('chart.annualFigure')}` : fmt(v);
              }}
              contentStyle={TOOLTIP_STYLE}
              labelStyle={{ fontWeight: 700 }}
            />
            <Legend wrapperStyle={LEGEND_STYLE} />
            {hasBand && (
              <Area {...TARGET_STEPS} dataKey="band" name={t('chart.targetBand')} stroke={CHART_COLORS.band} strokeWidth={2} strokeDasharray="6 4" fill={CHART_COLORS.band} fillOpacity={0.15} />
            )}
            {hasTarget && (
              <Line {...TARGET_STEPS} dataKey="target" name={t('chart.target')} stroke={CHART_COLORS.target} strokeWidth={3} strokeDasharray="9 5" dot={false} />
            )}
            {showBaseline && (
              <ReferenceLine
                y={baseline!}
                stroke={CHART_COLORS.baseline}
                strokeWidth={2}
                strokeDasharray="2 4"
                label={{
                  value: t('chart.baseline', { year: series.baselineYear ?? 2021, value: fmt(baseline) }),
                  position: 'insideBottomRight',
                  style: { ...TICK, fill: CHART_COLORS.baseline, ...HALO },
                }}
              />
            )}
            {dueRows.map((r) => (
              <ReferenceLine
                key={`due-${r.label}`}
                x={r.label}
                stroke={CHART_COLORS.target}
                strokeWidth={2}
                label={{ value: t('chart.milestoneDue'), position: 'top', style: { ...TICK, fill: CHART_COLORS.target, fontWeight: 700 } }}
              />
            ))}
            {periodInRange && (
              <ReferenceLine
                x={period!}
                stroke={CHART_COLORS.current}
                strokeDasharray="3 3"
                label={{ value: t('chart.currentPeriod'), position: 'insideTopRight', style: { ...TICK, fill: CHART_COLORS.muted, ...HALO } }}
              />
            )}
            {regions.map((r, i) => (
              <Line
                key={r.code}
                type={milestone ? 'stepAfter' : 'linear'}
                dataKey={r.code}
                name={r.label}
                stroke={seriesColor(i)}
                strokeWidth={i === 0 ? 4 : 3}
                dot={{ r: 5, strokeWidth: 2, fill: '#fff' }}
                activeDot={{ r: 7 }}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
