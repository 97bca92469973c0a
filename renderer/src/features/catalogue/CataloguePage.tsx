/**
 * The catalogue grouped by area; the selected indicator's details and its
 * chart of actual values against targets.
 */
import { useMemo } from 'react';
import type { Catalogue, IndicatorView, Region } from '../../../../shared/contract';
import { IndicatorChart } from '../../charts/IndicatorChart';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { targetsSummary } from './format';

function matches(ind: IndicatorView, query: string): boolean {
  if (!query) return true;
  const q = query.trim().toLowerCase();
  return ind.name.toLowerCase().includes(q) || ind.code.toLowerCase().includes(q) || ind.nameEn.toLowerCase().includes(q);
}

function IndicatorList({ catalogue }: { catalogue: Catalogue }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { selected, select, query, setQuery } = useCatalogue();
  const groups = useMemo(() => {
    const visible = catalogue.indicators.filter((i) => !i.retired && matches(i, query));
    return catalogue.areas
      .map((area) => ({ area, indicators: visible.filter((i) => i.areaCode === area.code) }))
      .filter((g) => g.indicators.length > 0);
  }, [catalogue, query]);
  const total = groups.reduce((n, g) => n + g.indicators.length, 0);

  return (
    <nav className="catalogue" aria-label={t('catalogue.title')}>
      <div className="catalogue-head">
        <h2>{t('catalogue.title')}</h2>
        <span className="muted">{t('catalogue.count', { n: total })}</span>
      </div>
      <input
        className="search"
        type="search"
        value={query}
        placeholder={t('catalogue.search')}
        aria-label={t('catalogue.search')}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.length === 0 && <p className="muted">{t('catalogue.noMatch')}</p>}
      <div className="areas">
        {groups.map(({ area, indicators }) => (
          <section key={area.code} className="area">
            <h3 className="area-name">{locale === 'en' ? area.nameEn : area.name}</h3>
            <ul>
              {indicators.map((ind) => {
                const summary = targetsSummary(ind, t);
                return (
                  <li key={ind.code}>
                    <button
                      type="button"
                      className={ind.code === selected ? 'indicator selected' : 'indicator'}
                      aria-pressed={ind.code === selected}
                      data-code={ind.code}
                      onClick={() => select(ind.code)}
                    >
                      <span className="indicator-name">{locale === 'en' ? ind.nameEn : ind.name}</span>
                      <span className="indicator-unit">{ind.unit}</span>
                      <span className="indicator-targets">{summary.text}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  );
}

function IndicatorDetail({ indicator, regions }: { indicator: IndicatorView; regions: Region[] }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { region, setRegion, observations, loadObservations } = useCatalogue();
  const obs = observations[indicator.code];
  const regionName = regions.find((r) => r.code === region)?.[locale === 'en' ? 'nameEn' : 'name'] ?? '';
  const summary = targetsSummary(indicator, t);

  return (
    <article className="detail">
      <header className="detail-head">
        <h2>{locale === 'en' ? indicator.nameEn : indicator.name}</h2>
        <dl className="facts">
          <div><dt>{t('indicator.code')}</dt><dd>{indicator.code}</dd></div>
          <div><dt>{t('indicator.unit')}</dt><dd>{indicator.unit}</dd></div>
          <div><dt>{t('indicator.direction')}</dt><dd>{t(`direction.${indicator.direction}`)}</dd></div>
          {indicator.leadUnits.length > 0 && (
            <div><dt>{t('indicator.leadUnits')}</dt><dd>{indicator.leadUnits.join(t('list.separator'))}</dd></div>
          )}
          <div>
            <dt>{t('indicator.targets')}</dt>
            <dd>
              {summary.text}
              {summary.regional > 0 && <span className="muted">{t('indicator.regionTargets', { n: summary.regional })}</span>}
            </dd>
          </div>
        </dl>
      </header>
      <div className="chart-tools">
        <label>
          {t('chart.region')}
          <select value={region ?? ''} onChange={(e) => setRegion(e.target.value)}>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>{locale === 'en' ? r.nameEn : r.name}</option>
            ))}
          </select>
        </label>
      </div>
      {(!obs || obs.status === 'loading' || obs.status === 'idle') && <p className="muted">{t('chart.loading')}</p>}
      {obs?.status === 'error' && (
        <p className="error" role="alert">
          {t('app.loadFailed', { message: obs.message })}{' '}
          <button type="button" onClick={() => void loadObservations(indicator.code, true)}>{t('app.retry')}</button>
        </p>
      )}
      {obs?.status === 'ready' && (
        <IndicatorChart indicator={indicator} observations={obs.value} regionCode={region} regionName={regionName} />
      )}
    </article>
  );
}

export function CataloguePage() {
  const t = useT();
  const { catalogue, regions, selected, load } = useCatalogue();

  if (catalogue.status === 'idle' || catalogue.status === 'loading') return <p className="status">{t('app.loading')}</p>;
  if (catalogue.status === 'error') {
    return (
      <p className="status error" role="alert">
        {t('app.loadFailed', { message: catalogue.message })}{' '}
        <button type="button" onClick={() => void load()}>{t('app.retry')}</button>
      </p>
    );
  }
  const indicator = catalogue.value.indicators.find((i) => i.code === selected);
  return (
    <div className="catalogue-page">
      <IndicatorList catalogue={catalogue.value} />
      <main className="main">
        {indicator ? <IndicatorDetail indicator={indicator} regions={regions} /> : <p className="pick">{t('catalogue.pick')}</p>}
      </main>
    </div>
  );
}
