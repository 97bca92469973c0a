/**
 * 地区: one region's indicators for the current quarter with status, gap,
 * score and rank (reports.matrix), grouped by area, and its composite score
 * over the last quarters (one matrix per quarter, cached).
 */
import { useEffect, useMemo, useState } from 'react';
import { CompositeTrendChart } from '../../charts/CompositeTrendChart';
import { formatScore, formatSigned, formatWithUnit, withUnit } from '../../charts/format';
import { Button, EmptyState, ErrorBanner, Loading, RetiredBadge, Spinner, StatusBadge } from '../../components';
import { usePeriodText } from '../../components/period';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { useData, useMatrix, type Matrix, type MatrixCell } from '../../stores/data';
import { recentQuarters } from '../../stores/periods';
import { regionLabel } from '../../stores/regions';
import { useUi } from '../../stores/ui';
import { targetValueText } from '../catalogue/format';
import { compositePoints, regionCounts, regionGroups, type MatrixIndicator } from './summary';

const TREND_QUARTERS = 8;

function useCompositeHistory(period: string | null, region: string | null) {
  const loadMatrix = useData((s) => s.loadMatrix);
  const revision = useData((s) => s.revision);
  const periods = useMemo(() => (period ? recentQuarters(period, TREND_QUARTERS) : []), [period]);
  const [state, setState] = useState<{ key: string; items: Array<{ period: string; matrix: Matrix | null }> } | null>(null);
  const key = `${periods.join(',')}|${revision}`;
  useEffect(() => {
    let live = true;
    // One quarter after another: the core answers them in turn anyway, and the page stays responsive.
    void (async () => {
      const items: Array<{ period: string; matrix: Matrix | null }> = [];
      for (const p of periods) items.push({ period: p, matrix: await loadMatrix(p) });
      if (live) setState({ key, items });
    })();
    return () => {
      live = false;
    };
  }, [key, periods, loadMatrix]);
  const ready = state?.key === key;
  const points = useMemo(() => (state && region ? compositePoints(state.items, region) : []), [state, region]);
  return { ready, points };
}

function GapText({ cell, indicator }: { cell: MatrixCell; indicator: MatrixIndicator }) {
  const t = useT();
  if (cell.gap === null) return <span className="muted">—</span>;
  if (indicator.direction === 'milestone') return <span>{cell.gap >= 0 ? t('chart.valueDone') : t('chart.valueNotDone')}</span>;
  const text = withUnit(formatSigned(cell.gap, indicator.precision), indicator.unit);
  return <span className={cell.gap < 0 ? 'gap-bad' : 'gap-good'}>{text}</span>;
}

function RegionTable({ matrix, region, areaFilter, onlyWithValues }: { matrix: Matrix; region: string; areaFilter: string | null; onlyWithValues: boolean }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const navigate = useUi((s) => s.navigate);
  const catalogue = useCatalogue((s) => s.catalogue);
  const areas = useMemo(
    () => (catalogue.status === 'ready' ? catalogue.value.areas.map((a) => ({ code: a.code, name: locale === 'en' ? a.nameEn || a.name : a.name })) : []),
    [catalogue, locale],
  );
  const groups = useMemo(() => regionGroups(matrix, region, areas, { area: areaFilter, onlyWithValues }), [matrix, region, areas, areaFilter, onlyWithValues]);
  const ranked = matrix.rankedRegions.includes(region);
  const total = matrix.rankedRegions.length;
  if (groups.length === 0) {
    return <p className="muted pad">{onlyWithValues ? t('region.noValuesInArea') : t('region.noIndicators')}</p>;
  }
  return (
    <div className="table-scroll">
      <table className="data-table region-table">
        <thead>
          <tr>
            <th>{t('region.indicator')}</th>
            <th className="num">{t('chart.actual')}</th>
            <th>{t('region.targetInForce')}</th>
            <th>{t('region.status')}</th>
            <th className="num">{t('region.gap')}</th>
            <th className="num">{t('region.score')}</th>
            <th className="num">{t('region.rank')}</th>
            <th>{t('region.trend')}</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.area}>
            <tr className="group-row">
              <th colSpan={8} scope="rowgroup">
                <span className="group-name">{g.name}</span>
                <span className="group-counts">
                  {t('region.groupCounts', { met: g.counts.met, near: g.counts.near, missed: g.counts.missed, noData: g.counts['no-data'] })}
                </span>
                {ranked && g.score !== null && <span className="group-score">{t('region.areaScore', { score: formatScore(g.score) })}</span>}
              </th>
            </tr>
            {g.rows.map(({ indicator, cell }) => (
              <tr key={indicator.code}>
                <td>
                  <button type="button" className="linkish" onClick={() => navigate('indicator', { indicator: indicator.code })}>
                    {indicator.name}
                  </button>
                  {indicator.retired && <RetiredBadge />}
                  {cell.valuePeriod && cell.valuePeriod !== matrix.period && <span className="muted small"> {t('region.valueFrom', { period: cell.valuePeriod })}</span>}
                </td>
                <td className="num strong">
                  {indicator.direction === 'milestone' && cell.value !== null
                    ? cell.value >= 1
                      ? t('chart.valueDone')
                      : t('chart.valueNotDone')
                    : formatWithUnit(cell.value, indicator.precision, indicator.unit)}
                </td>
                <td>{cell.target ? targetValueText(cell.target, indicator, t) : <span className="muted">{t('indicator.noTargets')}</span>}</td>
                <td>
                  <StatusBadge status={cell.status} />
                </td>
                <td className="num">
                  <GapText cell={cell} indicator={indicator} />
                </td>
                <td className="num">{formatScore(cell.score)}</td>
                <td className="num">{cell.rank !== null ? t('region.rankOf', { rank: cell.rank, total }) : '—'}</td>
                <td className={cell.trend ? `trend trend-${cell.trend}` : 'trend'}>{cell.trend ? t(`trend.${cell.trend}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

export function RegionPage() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { region, period, area, setArea, navigate } = useUi();
  const regions = useCatalogue((s) => s.regions);
  const catalogue = useCatalogue((s) => s.catalogue);
  const matrix = useMatrix(period);
  const loadMatrix = useData((s) => s.loadMatrix);
  const [all, setAll] = useState(false);
  const periodText = usePeriodText(period);
  const history = useCompositeHistory(period, region);
  const current = regions.find((r) => r.code === region);
  const name = regionLabel(current, locale);

  const m = matrix?.status === 'ready' ? matrix.value : null;
  const composite = m?.composites.find((c) => c.region === region) ?? null;
  const ranked = m ? m.rankedRegions.includes(region ?? '') : false;
  const counts = m && region ? regionCounts(m, region) : null;
  const hasValues = !!m && m.cells.some((c) => c.region === region && c.value !== null);

  return (
    <div className="page region-page">
      <header className="page-head">
        <h2>
          {name || t('nav.region')}
          <span className="page-period">{periodText}</span>
        </h2>
        {matrix?.status === 'ready' && matrix.refreshing && <Spinner small />}
      </header>
      {(!matrix || matrix.status === 'loading' || matrix.status === 'idle') && <Loading />}
      {matrix?.status === 'error' && <ErrorBanner message={matrix.message} onRetry={() => period && void loadMatrix(period, { refresh: true })} />}
      {m && region && (
        <>
          <section className="kpis region-kpis">
            <div className="kpi-card" data-kpi="composite">
              <div className="kpi-label">{t('region.composite')}</div>
              <div className="kpi-value">{ranked ? formatScore(composite?.overall) : '—'}</div>
              <div className="kpi-sub">
                {ranked
                  ? composite?.rank != null
                    ? t('region.compositeRank', { rank: composite.rank, total: m.rankedRegions.length })
                    : t('region.noComposite')
                  : t('region.notRanked')}
              </div>
            </div>
            {counts && (
              <>
                <div className={counts.met > 0 ? 'kpi-card kpi-good' : 'kpi-card'}>
                  <div className="kpi-label">{t('status.met')}</div>
                  <div className="kpi-value">{counts.met}</div>
                  <div className="kpi-sub">{t('region.countsSub', { near: counts.near })}</div>
                </div>
                <div className={counts.missed > 0 ? 'kpi-card kpi-bad' : 'kpi-card kpi-good'}>
                  <div className="kpi-label">{t('status.missed')}</div>
                  <div className="kpi-value">{counts.missed}</div>
                  <div className="kpi-sub">
                    {counts.missed > 0 ? t('region.missedSub') : counts.met + counts.near > 0 ? t('region.noneMissed') : t('region.nothingJudged')}
                  </div>
                </div>
                <div className="kpi-card">
                  <div className="kpi-label">{t('status.no-data')}</div>
                  <div className="kpi-value">{counts['no-data']}</div>
                  <div className="kpi-sub">{t('region.noDataSub')}</div>
                </div>
              </>
            )}
          </section>

          {history.ready ? (
            <CompositeTrendChart
              points={history.points}
              regionLabel={name}
              showRegion={ranked}
              title={t('region.trendTitle', { region: name })}
              subtitle={t('region.trendSubtitle', { n: history.points.length })}
              fileName={`${name}-${t('region.trendFile')}-${period ?? ''}`}
            />
          ) : (
            <section className="panel">
              <Loading text={t('region.trendLoading')} />
            </section>
          )}

          <section className="panel">
            <header className="panel-head">
              <h3>{t('region.indicatorsTitle')}</h3>
              <label className="field-inline">
                <span>{t('edit.area')}</span>
                <select value={area ?? ''} onChange={(e) => setArea(e.target.value || null)}>
                  <option value="">{t('region.allAreas')}</option>
                  {catalogue.status === 'ready' &&
                    catalogue.value.areas.map((a) => (
                      <option key={a.code} value={a.code}>
                        {locale === 'en' ? a.nameEn || a.name : a.name}
                      </option>
                    ))}
                </select>
              </label>
              <label className="check">
                <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
                {t('region.showAll')}
              </label>
            </header>
            {!hasValues && !all ? (
              <EmptyState
                title={t('region.emptyTitle', { region: name, period: periodText })}
                actions={
                  <>
                    <Button variant="primary" onClick={() => navigate('import')}>
                      {t('nav.import')}
                    </Button>
                    <Button onClick={() => navigate('entry')}>{t('nav.entry')}</Button>
                    <Button variant="ghost" onClick={() => setAll(true)}>
                      {t('region.showAll')}
                    </Button>
                  </>
                }
              >
                <p>{t('empty.noData')}</p>
              </EmptyState>
            ) : (
              <RegionTable matrix={m} region={region} areaFilter={area} onlyWithValues={!all} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
