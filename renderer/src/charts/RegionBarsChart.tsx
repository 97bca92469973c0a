/**
 * All regions for one quarter, best first, each bar coloured by its status
 * against its own target in force, with the province-wide target as a line
 * (or a band). Ordering and status come from shared/chart-data regionBars.
 */
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { regionBars } from '../../../shared/chart-data';
import type { IndicatorView } from '../../../shared/contract';
import { targetInForce, type TargetLike } from '../../../shared/targets';
import { useT } from '../i18n';
import { ChartFrame } from './ChartFrame';
import { formatValue, withUnit } from './format';
import { StatusLegend } from './StatusLegend';
import { CHART_COLORS, CHART_FONT, HALO, STATUS_COLORS, TICK, TOOLTIP_STYLE } from './theme';

export interface RegionBarsChartProps {
  indicator: Pick<IndicatorView, 'code' | 'direction' | 'unit' | 'precision' | 'targets'>;
  period: string;
  /** Value per region for the period (null = none). */
  values: ReadonlyArray<{ region: string; value: number | null }>;
  regions: ReadonlyArray<{ code: string; label: string }>;
  title: string;
  subtitle?: string;
  fileName: string;
  highlight?: string | null;
}

export function RegionBarsChart({ indicator, period, values, regions, title, subtitle, fileName, highlight }: RegionBarsChartProps) {
  const t = useT();
  const milestone = indicator.direction === 'milestone';
  const shaped = useMemo(() => {
    const target = targetInForce(indicator.targets, period, null);
    const regionTargets: Record<string, TargetLike | null> = {};
    for (const r of regions) {
      const own = targetInForce(indicator.targets, period, r.code);
      if (own !== target) regionTargets[r.code] = own;
    }
    return regionBars({ observations: values, regions: regions.map((r) => r.code), direction: indicator.direction, target, regionTargets });
  }, [indicator, period, values, regions]);

  const labelOf = new Map(regions.map((r) => [r.code, r.label]));
  const data = shaped.bars.map((b) => ({ ...b, label: labelOf.get(b.region) ?? b.region }));
  const missing = data.filter((d) => d.value === null).map((d) => d.label);
  const drawn = data.filter((d) => d.value !== null);
  const fmt = (v: unknown) => {
    const n = typeof v === 'number' ? v : null;
    if (n === null) return '';
    if (milestone) return n >= 1 ? t('chart.valueDone') : t('chart.valueNotDone');
    return withUnit(formatValue(n, indicator.precision), indicator.unit);
  };
  const statuses = [...new Set(drawn.map((d) => d.status))];
  const height = Math.max(160, drawn.length * 34 + 70);

  const empty = drawn.length === 0 ? <p className="chart-empty">{t('chart.noBars', { period })}</p> : undefined;
  return (
    <ChartFrame title={title} subtitle={subtitle} fileName={fileName} className="chart-bars" empty={empty}>
      <div style={{ fontFamily: CHART_FONT }}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={drawn} layout="vertical" margin={{ top: 28, right: 110, bottom: 8, left: 8 }} barCategoryGap={6}>
            <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="4 4" horizontal={false} />
            <XAxis
              type="number"
              tick={TICK}
              domain={milestone ? [0, 1] : [0, 'auto']}
              ticks={milestone ? [0, 1] : undefined}
              tickFormatter={(v: number) => (milestone ? fmt(v) : formatValue(v, indicator.precision))}
              label={{ value: milestone ? '' : t('chart.unitAxis', { unit: indicator.unit }), position: 'right', offset: 12, style: { ...TICK, fontWeight: 600, textAnchor: 'start' } }}
            />
            <YAxis
              type="category"
              dataKey="label"
              width={120}
              interval={0}
              tick={(props: { x?: number | string; y?: number | string; payload?: { value?: string } }) => {
                const label = props.payload?.value ?? '';
                const bold = highlight != null && labelOf.get(highlight) === label;
                return (
                  <text x={Number(props.x)} y={Number(props.y)} dy={5} textAnchor="end" fontSize={15} fontFamily={CHART_FONT} fontWeight={bold ? 700 : 400} fill={CHART_COLORS.axis}>
                    {label}
                  </text>
                );
              }}
            />
            <Tooltip formatter={(v) => fmt(v)} contentStyle={TOOLTIP_STYLE} cursor={{ fill: 'rgba(15,110,120,0.08)' }} />
            {shaped.targetLow !== null && shaped.targetHigh !== null && (
              <ReferenceArea x1={shaped.targetLow} x2={shaped.targetHigh} fill={CHART_COLORS.band} fillOpacity={0.12} stroke={CHART_COLORS.band} strokeDasharray="6 4" />
            )}
            <Bar dataKey="value" name={t('chart.actual')} isAnimationActive={false} maxBarSize={26}>
              {drawn.map((d) => (
                <Cell key={d.region} fill={STATUS_COLORS[d.status]} stroke={d.region === highlight ? '#1d2b2d' : undefined} strokeWidth={d.region === highlight ? 2 : 0} />
              ))}
              <LabelList dataKey="value" position="right" formatter={(v: unknown) => fmt(v)} style={{ fontSize: 15, fontFamily: CHART_FONT, fill: CHART_COLORS.axis, ...HALO }} />
            </Bar>
            {shaped.target !== null && !milestone && (
              <ReferenceLine
                x={shaped.target}
                stroke={CHART_COLORS.target}
                strokeWidth={3}
                strokeDasharray="9 5"
                label={{ value: t('chart.targetValue', { value: fmt(shaped.target) }), position: 'top', style: { ...TICK, fill: CHART_COLORS.target, fontWeight: 700 } }}
              />
            )}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <StatusLegend statuses={statuses} />
      {missing.length > 0 && <p className="chart-note">{t('chart.missingRegions', { list: missing.join(t('list.separator')) })}</p>}
    </ChartFrame>
  );
}
