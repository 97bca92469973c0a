/** Area × region, coloured by status; every cell drills down. */
import type { Region } from '../../../../shared/contract';
import { formatScore } from '../../charts/format';
import { ScrollTable } from '../../components';
import { useLocale, useT } from '../../i18n';
import { regionLabel, shortRegionName } from '../../stores/regions';
import type { HeatCell, HeatRow } from './summary';

export interface HeatmapProps {
  rows: readonly HeatRow[];
  regions: readonly Region[];
  currentRegion: string | null;
  onCell(cell: HeatCell): void;
  onRegion(region: string): void;
}

export function Heatmap({ rows, regions, currentRegion, onCell, onRegion }: HeatmapProps) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  return (
    <ScrollTable
      boxClassName="heatmap-scroll"
      className="heatmap"
      head={
        <>
          <th scope="col" className="heat-corner">
            {t('dashboard.areaRegion')}
          </th>
          {regions.map((r) => (
            <th key={r.code} scope="col" className={r.code === currentRegion ? 'heat-region current' : 'heat-region'}>
              <button type="button" className="linkish" title={regionLabel(r, locale)} onClick={() => onRegion(r.code)}>
                {shortRegionName(r, locale)}
              </button>
            </th>
          ))}
        </>
      }
    >
      {rows.map((row) => (
        <tr key={row.area}>
          <th scope="row" className="heat-area" title={row.name}>
            <span className="heat-area-name">{row.name}</span>
            <span className="heat-area-count">{t('dashboard.indicatorCount', { n: row.indicators })}</span>
          </th>
          {row.cells.map((cell) => {
            const region = regions.find((r) => r.code === cell.region);
            const detail = t('dashboard.cellTitle', {
              area: row.name,
              region: regionLabel(region, locale),
              met: cell.met,
              near: cell.near,
              missed: cell.missed,
              noData: cell.noData,
              score: formatScore(cell.score),
            });
            return (
              <td key={cell.region} className={cell.region === currentRegion ? 'current' : undefined}>
                <button
                  type="button"
                  className={`heat-cell heat-${cell.color === 'grey' && cell.withValue > 0 ? 'info' : cell.color}`}
                  data-area={cell.area}
                  data-region={cell.region}
                  title={detail}
                  aria-label={detail}
                  onClick={() => onCell(cell)}
                >
                  {cell.judged > 0 ? `${cell.met}/${cell.judged}` : cell.withValue > 0 ? t('dashboard.valuesCount', { n: cell.withValue }) : '·'}
                </button>
              </td>
            );
          })}
        </tr>
      ))}
    </ScrollTable>
  );
}

export function HeatLegend() {
  const t = useT();
  return (
    <ul className="heat-legend">
      {(['green', 'amber', 'red', 'info', 'grey'] as const).map((c) => (
        <li key={c}>
          <span className={`heat-swatch heat-${c}`} aria-hidden="true" />
          {t(`heat.${c}`)}
        </li>
      ))}
    </ul>
  );
}
