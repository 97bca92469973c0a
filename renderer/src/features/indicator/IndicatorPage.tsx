/**
 * 指标: the catalogue with search on the left; for the selected indicator its
 * facts, the trend chart (several regions, target in force, bands, 2021
 * reference, milestones), all regions for the current quarter, the targets
 * (editable), and the values with lineage and history.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Catalogue, IndicatorView, Region, TargetView } from '../../../../shared/contract';
import { IndicatorChart } from '../../charts/IndicatorChart';
import { RegionBarsChart } from '../../charts/RegionBarsChart';
import { seriesColor } from '../../charts/theme';
import { Button, EmptyState, ErrorBanner, Loading, RetiredBadge } from '../../components';
import { usePeriodText } from '../../components/period';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { provinceOf, regionLabel, shortRegionName } from '../../stores/regions';
import { useUi } from '../../stores/ui';
import { targetsSummary, targetValueText } from '../catalogue/format';
import { docLabel, IndicatorEditor, RemoveTargetDialog, RetireDialog, TargetEditor } from './editors';
import { IndicatorList } from './IndicatorList';
import { valuesForPeriod } from './lineage';
import { chartRegionCodes } from './search';
import { ValueTable } from './ValueTable';

const MAX_CHART_REGIONS = 10;

/** Charts fit a 768-pixel-high laptop screen and grow on a projector. */
function useChartHeight(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h < 850 ? 380 : h < 1000 ? 430 : 480;
}

/** Milestones and unit-less indicators ("—") have no unit worth printing. */
function hasUnit(indicator: IndicatorView): boolean {
  return indicator.direction !== 'milestone' && indicator.unit.trim() !== '' && indicator.unit.trim() !== '—' && indicator.unit.trim() !== '-';
}

function RegionPicker({ regions, selected, onChange }: { regions: Region[]; selected: string[]; onChange(codes: string[] | null): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const others = regions.filter((r) => !selected.includes(r.code));
  return (
    <div className="region-picker" role="group" aria-label={t('indicator.chartRegions')}>
      <span className="picker-label">{t('indicator.chartRegions')}</span>
      {selected.map((code, i) => {
        const r = regions.find((x) => x.code === code);
        const name = regionLabel(r, locale) || code;
        return (
          <span key={code} className="chip on" style={{ borderColor: seriesColor(i) }}>
            <span className="chip-swatch" style={{ background: seriesColor(i) }} aria-hidden="true" />
            {name}
            {selected.length > 1 && (
              <button type="button" className="chip-remove" aria-label={t('indicator.removeRegion', { region: name })} onClick={() => onChange(selected.filter((c) => c !== code))}>
                ×
              </button>
            )}
          </span>
        );
      })}
      {selected.length < MAX_CHART_REGIONS && others.length > 0 && (
        <select
          className="chip-add"
          value=""
          aria-label={t('indicator.addRegion')}
          onChange={(e) => e.target.value && onChange([...selected, e.target.value])}
        >
          <option value="">{t('indicator.addRegion')}</option>
          {others.map((r) => (
            <option key={r.code} value={r.code}>
              {regionLabel(r, locale)}
            </option>
          ))}
        </select>
      )}
      <Button size="small" variant="ghost" onClick={() => onChange(null)}>
        {t('indicator.chartRegionsReset')}
      </Button>
    </div>
  );
}

function TargetsPanel({ catalogue, indicator, regions }: { catalogue: Catalogue; indicator: IndicatorView; regions: Region[] }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [editing, setEditing] = useState<TargetView | 'new' | null>(null);
  const [removing, setRemoving] = useState<TargetView | null>(null);
  const targets = [...indicator.targets].sort((a, b) => a.year - b.year || (a.regionCode ?? '').localeCompare(b.regionCode ?? ''));
  return (
    <section className="panel targets-panel">
      <header className="panel-head">
        <h3>{t('indicator.targets')}</h3>
        <Button size="small" onClick={() => setEditing('new')}>
          {t('edit.addTarget')}
        </Button>
      </header>
      {targets.length === 0 ? (
        <p className="muted">{t('indicator.noTargetsHint')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('edit.year')}</th>
                <th>{t('chart.region')}</th>
                <th>{t('indicator.targetValue')}</th>
                <th>{t('edit.deadline')}</th>
                <th>{t('indicator.source')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {targets.map((x) => (
                <tr key={`${x.year}|${x.regionCode ?? ''}`}>
                  <td className="nowrap">{x.year}</td>
                  <td className="nowrap">{x.regionCode ? regionLabel(regions.find((r) => r.code === x.regionCode), locale) || x.region : t('edit.provinceWide')}</td>
                  <td className="strong nowrap">{targetValueText(x, indicator, t)}</td>
                  <td className="nowrap">{x.deadline ?? '—'}</td>
                  <td className="lineage">
                    {docLabel(catalogue.documents, x.source.doc)}
                    {x.source.clause && <span className="muted"> {x.source.clause}</span>}
                  </td>
                  <td className="nowrap">
                    <Button size="small" variant="ghost" onClick={() => setEditing(x)}>
                      {t('common.edit')}
                    </Button>
                    <Button size="small" variant="ghost" onClick={() => setRemoving(x)}>
                      {t('common.remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <TargetEditor catalogue={catalogue} indicator={indicator} regions={regions} target={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {removing && <RemoveTargetDialog indicator={indicator} target={removing} onClose={() => setRemoving(null)} />}
    </section>
  );
}

function IndicatorDetail({ catalogue, indicator, regions }: { catalogue: Catalogue; indicator: IndicatorView; regions: Region[] }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { region, period, chartRegions, setChartRegions } = useUi();
  const observations = useCatalogue((s) => s.observations[indicator.code]);
  const loadObservations = useCatalogue((s) => s.loadObservations);
  const [editing, setEditing] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const periodText = usePeriodText(period);
  const chartHeight = useChartHeight();

  useEffect(() => {
    void loadObservations(indicator.code);
  }, [indicator.code, loadObservations, observations]);

  const codes = useMemo(() => chartRegionCodes(chartRegions, regions, region), [chartRegions, regions, region]);
  const chartRegionList = useMemo(
    () => codes.map((c) => ({ code: c, label: regionLabel(regions.find((r) => r.code === c), locale) })),
    [codes, regions, locale],
  );
  const barRegions = useMemo(() => regions.map((r) => ({ code: r.code, label: shortRegionName(r, locale) })), [regions, locale]);
  const obs = observations?.status === 'ready' ? observations.value : null;
  const barValues = useMemo(() => (obs && period ? valuesForPeriod(obs, period, indicator.frequency) : []), [obs, period, indicator.frequency]);
  const summary = targetsSummary(indicator, t);
  const area = catalogue.areas.find((a) => a.code === indicator.areaCode);
  const name = locale === 'en' ? indicator.nameEn || indicator.name : indicator.name;

  return (
    <article className="detail">
      <header className="detail-head">
        <div className="detail-title">
          <h2>{name}</h2>
          {indicator.retired && <RetiredBadge />}
          <div className="detail-actions">
            <Button size="small" onClick={() => setEditing(true)}>
              {t('edit.editIndicator')}
            </Button>
            <Button size="small" variant={indicator.retired ? 'secondary' : 'ghost'} onClick={() => setRetiring(true)}>
              {indicator.retired ? t('edit.reinstate') : t('edit.retire')}
            </Button>
          </div>
        </div>
        {indicator.retired && <p className="notice">{t('indicator.retiredNote')}</p>}
        <dl className="facts">
          <div>
            <dt>{t('indicator.code')}</dt>
            <dd>{indicator.code}</dd>
          </div>
          <div>
            <dt>{t('edit.area')}</dt>
            <dd>{locale === 'en' ? area?.nameEn || indicator.area : (area?.name ?? indicator.area)}</dd>
          </div>
          <div>
            <dt>{t('indicator.unit')}</dt>
            <dd>{indicator.unit}</dd>
          </div>
          <div>
            <dt>{t('indicator.direction')}</dt>
            <dd>{t(`direction.${indicator.direction}`)}</dd>
          </div>
          <div>
            <dt>{t('edit.frequency')}</dt>
            <dd>{t(`frequency.${indicator.frequency}`)}</dd>
          </div>
          {indicator.leadUnits.length > 0 && (
            <div>
              <dt>{t('indicator.leadUnits')}</dt>
              <dd>{indicator.leadUnits.join(t('list.separator'))}</dd>
            </div>
          )}
          <div className="fact-wide">
            <dt>{t('indicator.targets')}</dt>
            <dd>
              {summary.text}
              {summary.regional > 0 && <span className="muted">{t('indicator.regionTargets', { n: summary.regional })}</span>}
            </dd>
          </div>
          {indicator.source.doc && (
            <div className="fact-wide">
              <dt>{t('indicator.source')}</dt>
              <dd className="normal">
                {docLabel(catalogue.documents, indicator.source.doc)} {indicator.source.clause}
              </dd>
            </div>
          )}
        </dl>
      </header>

      <RegionPicker regions={regions} selected={codes} onChange={setChartRegions} />

      {(!observations || observations.status === 'loading' || observations.status === 'idle') && <Loading text={t('chart.loading')} />}
      {observations?.status === 'error' && <ErrorBanner message={observations.message} onRetry={() => void loadObservations(indicator.code, true)} />}
      {obs && (
        <>
          <IndicatorChart
            height={chartHeight}
            indicator={indicator}
            observations={obs}
            regions={chartRegionList}
            period={period}
            title={t('chart.title', { name })}
            subtitle={t(hasUnit(indicator) ? 'chart.subtitle' : 'chart.subtitleNoUnit', {
              regions: chartRegionList.map((r) => r.label).join(t('list.separator')),
              unit: indicator.unit,
            })}
            fileName={`${indicator.code}-${indicator.name}-${t('chart.fileTrend')}`}
          />
          {period && (
            <RegionBarsChart
              indicator={indicator}
              period={period}
              values={barValues}
              regions={barRegions}
              highlight={region}
              title={t('chart.barsTitle', { period: periodText })}
              subtitle={t('chart.barsSubtitle', { name })}
              fileName={`${indicator.code}-${indicator.name}-${period}-${t('chart.fileBars')}`}
            />
          )}
          <TargetsPanel catalogue={catalogue} indicator={indicator} regions={regions} />
          <ValueTable indicator={indicator} observations={obs} regions={regions} focusRegions={codes} />
        </>
      )}
      {editing && <IndicatorEditor catalogue={catalogue} indicator={indicator} onClose={() => setEditing(false)} onSaved={() => undefined} />}
      {retiring && <RetireDialog indicator={indicator} onClose={() => setRetiring(false)} />}
    </article>
  );
}

export function IndicatorPage() {
  const t = useT();
  const { catalogue, regions, load } = useCatalogue();
  const { indicator: selected, selectIndicator } = useUi();
  const [adding, setAdding] = useState(false);

  if (catalogue.status === 'idle' || catalogue.status === 'loading') return <Loading />;
  if (catalogue.status === 'error') return <ErrorBanner message={t('app.loadFailed', { message: catalogue.message })} onRetry={() => void load(true)} />;
  const cat = catalogue.value;
  const indicator = cat.indicators.find((i) => i.code === selected);
  return (
    <div className="catalogue-page">
      <IndicatorList catalogue={cat} onAdd={() => setAdding(true)} />
      <main className="main">
        {indicator ? (
          <IndicatorDetail key={indicator.code} catalogue={cat} indicator={indicator} regions={regions} />
        ) : (
          <EmptyState title={selected ? t('indicator.notFound', { code: selected }) : t('catalogue.pick')}>
            <p className="muted">{t('indicator.pickHint', { province: provinceOf(regions)?.name ?? '' })}</p>
          </EmptyState>
        )}
      </main>
      {adding && <IndicatorEditor catalogue={cat} indicator={null} onClose={() => setAdding(false)} onSaved={(code) => selectIndicator(code)} />}
    </div>
  );
}
