/**
 * A legend of status colours in HTML, marked up like recharts' own legend so
 * that the PNG export draws it under the chart.
 */
import type { Status } from '../../../shared/scoring';
import { useT } from '../i18n';
import { STATUS_COLORS } from './theme';

export function StatusLegend({ statuses, labels }: { statuses: readonly Status[]; labels?: Partial<Record<Status, string>> }) {
  const t = useT();
  return (
    <ul className="recharts-legend-wrapper status-legend">
      {statuses.map((s) => (
        <li key={s} className="recharts-legend-item">
          <svg width="16" height="16" aria-hidden="true">
            <rect width="16" height="16" rx="3" fill={STATUS_COLORS[s]} />
          </svg>
          <span className="recharts-legend-item-text">{labels?.[s] ?? t(`status.${s}`)}</span>
        </li>
      ))}
    </ul>
  );
}
