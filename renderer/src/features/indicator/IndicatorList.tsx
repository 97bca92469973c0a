/** The catalogue on the left of 指标: search (/ focuses it), retired toggle, grouped by area. */
import { useEffect, useMemo, useRef } from 'react';
import type { Catalogue } from '../../../../shared/contract';
import { Button, RetiredBadge } from '../../components';
import { useLocale, useT } from '../../i18n';
import { useUi } from '../../stores/ui';
import { targetsSummary } from '../catalogue/format';
import { groupIndicators } from './search';

export function IndicatorList({ catalogue, onAdd }: { catalogue: Catalogue; onAdd(): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { indicator, selectIndicator, query, setQuery, showRetired, setShowRetired, searchFocus } = useUi();
  const search = useRef<HTMLInputElement>(null);
  const groups = useMemo(() => groupIndicators(catalogue, query, showRetired), [catalogue, query, showRetired]);
  const total = groups.reduce((n, g) => n + g.indicators.length, 0);
  const retired = catalogue.indicators.filter((i) => i.retired).length;

  useEffect(() => {
    if (searchFocus > 0) {
      search.current?.focus();
      search.current?.select();
    }
  }, [searchFocus]);

  // Keep the selected indicator in view after a deep link or a drill-down.
  useEffect(() => {
    if (!indicator) return;
    const el = document.querySelector<HTMLElement>(`button.indicator[data-code="${CSS.escape(indicator)}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [indicator]);

  return (
    <nav className="catalogue" aria-label={t('catalogue.title')}>
      <div className="catalogue-head">
        <h2>{t('catalogue.title')}</h2>
        <span className="muted">{t('catalogue.count', { n: total })}</span>
      </div>
      <input
        id="indicator-search"
        ref={search}
        className="search"
        type="search"
        value={query}
        placeholder={t('indicator.searchPlaceholder')}
        aria-label={t('indicator.searchPlaceholder')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            const first = groups[0]?.indicators[0];
            if (first) selectIndicator(first.code);
          }
        }}
      />
      <div className="catalogue-tools">
        <label className="check">
          <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} />
          {t('indicator.showRetired', { n: retired })}
        </label>
        <Button size="small" onClick={onAdd}>
          {t('indicator.add')}
        </Button>
      </div>
      {groups.length === 0 && <p className="muted pad">{t('catalogue.noMatch')}</p>}
      <div className="areas">
        {groups.map(({ area, indicators }) => (
          <section key={area.code} className="area">
            <h3 className="area-name">{locale === 'en' ? area.nameEn || area.name : area.name}</h3>
            <ul>
              {indicators.map((ind) => {
                const summary = targetsSummary(ind, t);
                return (
                  <li key={ind.code}>
                    <button
                      type="button"
                      className={[ind.code === indicator ? 'indicator selected' : 'indicator', ind.retired ? 'retired' : ''].join(' ')}
                      aria-pressed={ind.code === indicator}
                      data-code={ind.code}
                      onClick={() => selectIndicator(ind.code)}
                    >
                      <span className="indicator-name">
                        {locale === 'en' ? ind.nameEn || ind.name : ind.name}
                        {ind.retired && <RetiredBadge />}
                      </span>
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
