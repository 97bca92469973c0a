/**
 * 指标: the catalogue with search on the left; for the selected indicator its
 * facts, the trend chart (several regions, target in force, bands, 2021
 * reference, milestones), all regions for the current quarter, the targets
 * (editable), the values with lineage and history, and the catalogue's own
 * change history for the indicator.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Catalogue, IndicatorView, Region } from '../../../../shared/contract';
import { IndicatorChart } from '../../charts/IndicatorChart';
import { RegionBarsChart } from '../../charts/RegionBarsChart';
import { Button, EmptyState, ErrorBanner, Loading, RetiredBadge } from '../../components';
import { usePeriodText } from '../../components/period';
import { useWindowSize } from '../../components/useWindowSize';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { provinceOf, regionLabel, shortRegionName } from '../../stores/regions';
import { useUi } from '../../stores/ui';
import { targetsSummary } from '../catalogue/format';
import { CatalogueHistoryPanel } from './CatalogueHistoryPanel';
import { docLabel } from './edit-fields';
import { IndicatorEditor, RetireDialog } from './IndicatorEditor';
import { IndicatorList } from './IndicatorList';
import { valuesForPeriod } from './lineage';
import { RegionPicker } from './RegionPicker';
import { chartRegionCodes } from './search';
import { TargetsPanel } from './TargetsPanel';
import { ValueTable } from './ValueTable';

/** Charts fit a 768-pixel-high laptop screen and grow on a projector. */
function useChartHeight(): number {
  const { h } = useWindowSize();
  return h < 850 ? 380 : h < 1000 ? 430 : 480;
}

/** Milestones and unit-less indicators ("—") have no unit worth printing. */
function hasUnit(indicator: IndicatorView): boolean {
  return indicator.direction !== 'milestone' && indicator.unit.trim() !== '' && indicator.unit.trim() !== '—' && indicator.unit.trim() !== '-';
}

/** One fact in the detail's header: its label over its value; a wide one takes the whole row. */
function Fact({ label, wide = false, valueClassName, children }: { label: string; wide?: boolean; valueClassName?: string; children: ReactNode }) {
  return (
    <div className={wide ? 'fact-wide' : undefined}>
      <dt>{label}</dt>
      <dd className={valueClassName}>{children}</dd>
    </div>
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
          <Fact label={t('indicator.code')}>{indicator.code}</Fact>
          <Fact label={t('edit.area')}>{locale === 'en' ? area?.nameEn || indicator.area : (area?.name ?? indicator.area)}</Fact>
          <Fact label={t('indicator.unit')}>{indicator.unit}</Fact>
          <Fact label={t('indicator.direction')}>{t(`direction.${indicator.direction}`)}</Fact>
          <Fact label={t('edit.frequency')}>{t(`frequency.${indicator.frequency}`)}</Fact>
          {indicator.leadUnits.length > 0 && <Fact label={t('indicator.leadUnits')}>{indicator.leadUnits.join(t('list.separator'))}</Fact>}
          <Fact label={t('indicator.targets')} wide>
            {summary.text}
            {summary.regional > 0 && <span className="muted">{t('indicator.regionTargets', { n: summary.regional })}</span>}
          </Fact>
          {indicator.source.doc && (
            <Fact label={t('indicator.source')} wide valueClassName="normal">
              {docLabel(catalogue.documents, indicator.source.doc)} {indicator.source.clause}
            </Fact>
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
          <CatalogueHistoryPanel indicator={indicator} />
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
