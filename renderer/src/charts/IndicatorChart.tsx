/**
 * One indicator over time for one region: its actual values against the
 * target in force each quarter (a step line; a band for `between` targets).
 * The rows come from the shared, tested shaping in shared/chart-data.ts.
 */
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { indicatorSeries } from '../../../shared/chart-data';
import type { IndicatorView, Observation } from '../../../shared/contract';
import { parsePeriod, periodSort, type Period } from '../../../shared/periods';
import { useT } from '../i18n';

export const CHART_COLORS = { actual: '#0f6e78', target: '#d9822b', band: '#b5651d', grid: '#d5dfe0', axis: '#33484b' };

export interface IndicatorChartProps {
  indicator: IndicatorView;
  observations: readonly Observation[];
  regionCode: string | null;
  regionName: string;
  height?: number;
}

export function formatValue(value: number | null | undefined, precision: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: Math.max(0, precision) });
}

/** Quarter code of a period; a year stands at its Q4 (where the shared shaping puts annual figures). */
function asQuarter(p: Period): string {
  return p.quarter === null ? `${p.year}Q4` : p.code;
}

/** From 2021Q1 (or the first value, if earlier) to the last value or the last target year, whichever is later. */
export function seriesRange(indicator: IndicatorView, observations: readonly Observation[]): { from: string; to: string } {
  const periods = observations.map((o) => parsePeriod(o.period)).filter((p): p is Period => p !== null);
  periods.sort((a, b) => periodSort(a) - periodSort(b));
  const first = periods[0];
  const last = periods.at(-1);
  const from = first && first.year < 2021 ? `${first.year}Q1` : '2021Q1';
  const lastTargetYear = indicator.targets.reduce((y, t) => Math.max(y, t.year), 0);
  const candidates = [last ? asQuarter(last) : null, lastTargetYear ? `${lastTargetYear}Q4` : null, '2021Q4'].filter((s): s is string => s !== null);
  const to = candidates.reduce((a, b) => (periodSort(parsePeriod(a)!) >= periodSort(parsePeriod(b)!) ? a : b));
  return { from, to };
}

export function IndicatorChart({ indicator, observations, regionCode, regionName, height = 420 }: IndicatorChartProps) {
  const t = useT();
  const series = useMemo(() => {
    const mine = observations.filter((o) => o.indicator === indicator.code && o.region === regionCode);
    const range = seriesRange(indicator, mine);
    return indicatorSeries({
      indicator,
      targets: indicator.targets,
      observations: mine,
      regions: regionCode ? [regionCode] : [],
      targetRegion: regionCode,
      ...range,
    });
  }, [indicator, observations, regionCode]);

  const rows = series.rows;
  const actualKey = regionCode ?? '';
  const hasActual = regionCode !== null && rows.some((r) => typeof r[actualKey] === 'number');
  const hasBand = rows.some((r) => r.targetLow !== null);
  const milestone = indicator.direction === 'milestone';
  const values = rows
    .flatMap((r) => [regionCode ? r[regionCode] : null, r.target, r.targetLow, r.targetHigh])
    .filter((v): v is number => typeof v === 'number');
  // Amounts, days and shares read honestly from zero; negative data keeps an automatic scale.
  const domain: [number | 'auto', number | 'auto'] = milestone ? [0, 1] : values.every((v) => v >= 0) ? [0, 'auto'] : ['auto', 'auto'];
  const fmt = (v: unknown) => {
    const n = typeof v === 'number' ? v : null;
    if (milestone && n !== null) return n >= 1 ? t('chart.valueDone') : t('chart.valueNotDone');
    const s = formatValue(n, indicator.precision);
    return indicator.unit === '%' ? `${s}%` : `${s} ${indicator.unit}`;
  };
  const step = (key: 'target' | 'targetLow' | 'targetHigh', name: string, color: string, dash: string) => (
    <Line
      key={key}
      type="stepAfter"
      dataKey={key}
      name={name}
      stroke={color}
      strokeWidth={3}
      strokeDasharray={dash}
      dot={false}
      connectNulls={false}
      isAnimationActive={false}
    />
  );

  return (
    <figure className="chart" aria-label={t('chart.title', { name: indicator.name })}>
      {!hasActual && <p className="chart-empty">{t('chart.noData', { region: regionName })}</p>}
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 16, right: 32, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="4 4" />
          <XAxis dataKey="label" tick={{ fontSize: 16, fill: CHART_COLORS.axis }} tickMargin={8} minTickGap={16} />
          <YAxis
            tick={{ fontSize: 16, fill: CHART_COLORS.axis }}
            width={88}
            domain={domain}
            ticks={milestone ? [0, 1] : undefined}
            tickFormatter={(v: number) => (milestone ? fmt(v) : formatValue(v, indicator.precision))}
            label={{ value: indicator.unit, angle: 0, position: 'insideTopLeft', offset: -4, fontSize: 15, fill: CHART_COLORS.axis }}
          />
          <Tooltip formatter={(v) => fmt(v)} contentStyle={{ fontSize: 16 }} />
          <Legend wrapperStyle={{ fontSize: 16 }} />
          {hasBand
            ? [
                step('targetLow', t('chart.targetLow'), CHART_COLORS.band, '8 5'),
                step('targetHigh', t('chart.targetMax'), CHART_COLORS.band, '3 4'),
              ]
            : step('target', t('chart.target'), CHART_COLORS.target, '8 5')}
          {regionCode && (
            <Line
              type="linear"
              dataKey={regionCode}
              name={t('chart.actual')}
              stroke={CHART_COLORS.actual}
              strokeWidth={4}
              dot={{ r: 6, strokeWidth: 2, fill: '#fff' }}
              activeDot={{ r: 8 }}
              connectNulls
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
