/** A region's composite score (0–100) per quarter, with the average of the 市县 for comparison. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../i18n';
import { ChartFrame } from './ChartFrame';
import { formatScore } from './format';
import { CHART_COLORS, CHART_FONT, LEGEND_STYLE, TICK, TOOLTIP_STYLE } from './theme';

export interface CompositePoint {
  period: string;
  score: number | null;
  rank: number | null;
  mean: number | null;
}

export function CompositeTrendChart({
  points,
  regionLabel,
  title,
  subtitle,
  fileName,
  showRegion = true,
}: {
  points: readonly CompositePoint[];
  regionLabel: string;
  title: string;
  subtitle?: string;
  fileName: string;
  showRegion?: boolean;
}) {
  const t = useT();
  const hasAny = points.some((p) => p.score !== null || p.mean !== null);
  const empty = hasAny ? undefined : <p className="chart-empty">{t('region.noComposite')}</p>;
  return (
    <ChartFrame title={title} subtitle={subtitle} fileName={fileName} className="chart-composite" empty={empty}>
      <div style={{ fontFamily: CHART_FONT }}>
        <ResponsiveContainer width="100%" height={340}>
          <LineChart data={[...points]} margin={{ top: 32, right: 40, bottom: 8, left: 12 }}>
            <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="4 4" />
            <XAxis dataKey="period" tick={TICK} tickMargin={8} />
            <YAxis
              tick={TICK}
              width={64}
              domain={[0, 100]}
              ticks={[0, 25, 50, 75, 100]}
              label={{ value: t('chart.scoreAxis'), position: 'top', offset: 14, dx: 30, style: { ...TICK, fontWeight: 600 } }}
            />
            <Tooltip formatter={(v) => formatScore(typeof v === 'number' ? v : null)} contentStyle={TOOLTIP_STYLE} />
            <Legend wrapperStyle={LEGEND_STYLE} />
            {showRegion && (
              <Line type="linear" dataKey="score" name={regionLabel} stroke={CHART_COLORS.actual} strokeWidth={4} dot={{ r: 5, fill: '#fff', strokeWidth: 2 }} connectNulls isAnimationActive={false} />
            )}
            <Line type="linear" dataKey="mean" name={t('region.meanOfCounties')} stroke={CHART_COLORS.muted} strokeWidth={3} strokeDasharray="8 5" dot={false} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
