/**
 * 总览 for the chosen quarter: KPI cards, the area × region heatmap (each
 * cell drills down), leaders and laggards by composite score, biggest movers.
 */
import { useMemo } from 'react';
import { distinctDigits, formatPercent, formatScore, formatValue, withUnit } from '../../charts/format';
import { Button, EmptyState, ErrorBanner, Loading, Spinner } from '../../components';
import { usePeriodText } from '../../components/period';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { useData, useMatrix, useTracker, type Matrix } from '../../stores/data';
import { regionLabel, shortRegionName } from '../../stores/regions';
import { useUi } from '../../stores/ui';
import { HeatLegend, Heatmap } from './Heatmap';
import { hasAnyValue, kpis, matrixHeatmap, movers, topAndBottom, type HeatCell, type Mover } from './summary';

function KpiCard({ label, value, sub, tone, testId }: { label: string; value: string; sub?: string; tone?: string; testId: string }) {
  return (
    <div className={`kpi-card${tone ? ` kpi-${tone}` : ''}`} data-kpi={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub && <div className="kpi-sub">{sub}</div>}
    </div>
  );
}

function DashboardBody({ matrix }: { matrix: Matrix }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { region, period, hideEmptyAreas, setHideEmptyAreas, navigate, setRegion } = useUi();
  const catalogue = useCatalogue((s) => s.catalogue);
  const tracker = useTracker(period);
  const trackerRows = tracker?.status === 'ready' ? tracker.value : null;

  const areas = useMemo(
    () => (catalogue.status === 'ready' ? catalogue.value.areas.map((a) => ({ code: a.code, name: locale === 'en' ? a.nameEn || a.name : a.name })) : []),
    [catalogue, locale],
  );
  const k = useMemo(() => kpis(matrix, trackerRows, region), [matrix, trackerRows, region]);
  const heatRows = useMemo(() => matrixHeatmap(matrix, areas), [matrix, areas]);
  const shownRows = hideEmptyAreas ? heatRows.filter((r) => r.hasData) : heatRows;
  const { top, bottom } = useMemo(() => topAndBottom(matrix, 5), [matrix]);
  const moved = useMemo(() => ({ up: movers(matrix, 5, 'improved'), down: movers(matrix, 5, 'worsened') }), [matrix]);
  const regionOf = (code: string) => matrix.regions.find((r) => r.code === code);
  const currentName = regionLabel(regionOf(region ?? ''), locale);

  const onCell = (cell: HeatCell) => {
    if (cell.worst) {
      setRegion(cell.region);
      navigate('indicator', { indicator: cell.worst });
    } else {
      navigate('region', { region: cell.region, area: cell.area });
    }
  };

  const returns = k.returns;
  return (
    <>
      <section className="kpis" aria-label={t('dashboard.kpis')}>
        <KpiCard
          testId="share"
          label={t('dashboard.kpiShare')}
          value={formatPercent(k.shareMet)}
          tone={k.shareMet === null ? undefined : k.shareMet >= 0.8 ? 'good' : k.shareMet >= 0.5 ? 'warn' : 'bad'}
          sub={
            k.judged === 0
              ? t('dashboard.kpiShareNone')
              : t('dashboard.kpiShareSub', { met: k.met, judged: k.judged }) +
                (k.region && k.region.judged > 0 ? ` · ${t('dashboard.kpiShareRegion', { region: currentName, share: formatPercent(k.region.shareMet) })}` : '')
          }
        />
        <KpiCard testId="improved" label={t('dashboard.kpiImproved')} value={String(k.improved)} tone="good" sub={t('dashboard.kpiCompared', { n: k.compared, prev: matrix.previousPeriod })} />
        <KpiCard testId="worsened" label={t('dashboard.kpiWorsened')} value={String(k.worsened)} tone={k.worsened > 0 ? 'bad' : undefined} sub={t('dashboard.kpiCompared', { n: k.compared, prev: matrix.previousPeriod })} />
        <KpiCard
          testId="returns"
          label={t('dashboard.kpiReturns')}
          value={returns ? String(returns.expected) : '…'}
          tone={returns && returns.overdue > 0 ? 'bad' : returns && returns.expected > 0 ? 'warn' : 'good'}
          sub={
            returns
              ? returns.expected === 0
                ? t('dashboard.kpiReturnsAll', { n: returns.total })
                : t('dashboard.kpiReturnsSub', { total: returns.total, overdue: returns.overdue })
              : undefined
          }
        />
      </section>

      <section className="panel heatmap-panel">
        <header className="panel-head">
          <h3>{t('dashboard.heatmap')}</h3>
          <HeatLegend />
        </header>
        <div className="panel-subhead">
          <p className="panel-hint">{t('dashboard.heatmapHint')}</p>
          <label className="check">
            <input type="checkbox" checked={hideEmptyAreas} onChange={(e) => setHideEmptyAreas(e.target.checked)} />
            {t('dashboard.hideEmptyAreas')}
          </label>
        </div>
        {shownRows.length === 0 ? (
          <p className="muted">{t('dashboard.noAreaData')}</p>
        ) : (
          <Heatmap rows={shownRows} regions={matrix.regions} currentRegion={region} onCell={onCell} onRegion={(code) => navigate('region', { region: code, area: null })} />
        )}
      </section>

      <div className="dash-grid">
        <section className="panel">
          <header className="panel-head">
            <h3>{t('dashboard.leaders')}</h3>
          </header>
          {top.length === 0 ? (
            <p className="muted">{t('dashboard.noComposite')}</p>
          ) : (
            <div className="ranking-cols">
              <RankList title={t('dashboard.top')} items={top} total={matrix.rankedRegions.length} tone="good" label={(c) => regionLabel(regionOf(c), locale)} onPick={(c) => navigate('region', { region: c, area: null })} />
              <RankList title={t('dashboard.bottom')} items={bottom} total={matrix.rankedRegions.length} tone="bad" label={(c) => regionLabel(regionOf(c), locale)} onPick={(c) => navigate('region', { region: c, area: null })} />
            </div>
          )}
        </section>
        <section className="panel">
          <header className="panel-head">
            <h3>{t('dashboard.movers', { prev: matrix.previousPeriod })}</h3>
          </header>
          {moved.up.length === 0 && moved.down.length === 0 ? (
            <p className="muted">{t('dashboard.noMovers')}</p>
          ) : (
            <div className="mover-cols">
              <MoverList title={t('dashboard.moversUp')} empty={t('dashboard.noneUp')} items={moved.up} matrix={matrix} />
              <MoverList title={t('dashboard.moversDown')} empty={t('dashboard.noneDown')} items={moved.down} matrix={matrix} />
            </div>
          )}
        </section>
      </div>
    </>
  );
}

function MoverList({ title, empty, items, matrix }: { title: string; empty: string; items: readonly Mover[]; matrix: Matrix }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { navigate, setRegion } = useUi();
  return (
    <div className="rank-list">
      <h4>{title}</h4>
      {items.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul className="movers">
          {items.map((m) => {
            const ind = matrix.indicators.find((i) => i.code === m.indicator);
            const region = matrix.regions.find((r) => r.code === m.region);
            // The catalogue's precision, or more where it would hide the change (2.3 → 2.4 must not read 2 → 2).
            const digits = ind ? distinctDigits(m.previous, m.value, ind.precision) : 2;
            const fmt = (v: number) => (ind ? withUnit(formatValue(v, digits), ind.unit) : String(v));
            return (
              <li key={`${m.indicator}|${m.region}`}>
                <button
                  type="button"
                  className={`mover mover-${m.trend}`}
                  title={t(m.trend === 'improved' ? 'trend.improved' : 'trend.worsened')}
                  onClick={() => {
                    setRegion(m.region);
                    navigate('indicator', { indicator: m.indicator });
                  }}
                >
                  <span className="mover-arrow" aria-hidden="true">
                    {m.trend === 'improved' ? '▲' : '▼'}
                  </span>
                  <span className="mover-what">
                    <strong>{shortRegionName(region, locale)}</strong> {ind?.name ?? m.indicator}
                  </span>
                  <span className="mover-values">
                    {fmt(m.previous)} → {fmt(m.value)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function RankList({
  title,
  items,
  total,
  tone,
  label,
  onPick,
}: {
  title: string;
  items: ReadonlyArray<{ region: string; overall: number; rank: number | null }>;
  total: number;
  tone: 'good' | 'bad';
  label(code: string): string;
  onPick(code: string): void;
}) {
  const t = useT();
  return (
    <div className="rank-list">
      <h4>{title}</h4>
      <ol>
        {items.map((c) => (
          <li key={c.region}>
            <button type="button" className="rank-row" onClick={() => onPick(c.region)}>
              <span className="rank-no">{c.rank !== null ? t('region.rankOf', { rank: c.rank, total }) : '—'}</span>
              <span className="rank-name">{label(c.region)}</span>
              <span className="rank-bar" aria-hidden="true">
                <span className={`rank-fill rank-${tone}`} style={{ width: `${Math.max(2, Math.min(100, c.overall))}%` }} />
              </span>
              <span className="rank-score">{formatScore(c.overall)}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function DashboardPage() {
  const t = useT();
  const { period, navigate } = useUi();
  const matrix = useMatrix(period);
  const loadMatrix = useData((s) => s.loadMatrix);
  const title = usePeriodText(period);

  return (
    <div className="page dashboard-page">
      <header className="page-head">
        <h2>
          {t('nav.dashboard')}
          <span className="page-period">{title}</span>
        </h2>
        {matrix?.status === 'ready' && matrix.refreshing && <Spinner small />}
      </header>
      {(!matrix || matrix.status === 'loading' || matrix.status === 'idle') && <Loading text={t('dashboard.loading')} />}
      {matrix?.status === 'error' && <ErrorBanner message={matrix.message} onRetry={() => period && void loadMatrix(period, { refresh: true })} />}
      {matrix?.status === 'ready' &&
        (hasAnyValue(matrix.value) ? (
          <DashboardBody matrix={matrix.value} />
        ) : (
          <EmptyState
            title={t('empty.noDataTitle', { period: title })}
            actions={
              <>
                <Button variant="primary" onClick={() => navigate('import')}>
                  {t('nav.import')}
                </Button>
                <Button onClick={() => navigate('entry')}>{t('nav.entry')}</Button>
              </>
            }
          >
            <p>{t('empty.noData')}</p>
            <p className="muted">{t('empty.noDataPeriod')}</p>
          </EmptyState>
        ))}
    </div>
  );
}
