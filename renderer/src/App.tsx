import { useEffect } from 'react';
import { CataloguePage } from './features/catalogue/CataloguePage';
import { useLocale, useT } from './i18n';
import { useCatalogue } from './stores/catalogue';

export function App() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const load = useCatalogue((s) => s.load);
  const catalogue = useCatalogue((s) => s.catalogue);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="subtitle">
            {t('app.subtitle')}
            {catalogue.status === 'ready' && <span className="muted"> · {t('catalogue.version', { version: catalogue.value.version })}</span>}
          </p>
        </div>
        <button
          type="button"
          className="lang"
          title={t('app.languageHint')}
          onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('app.language')}
        </button>
      </header>
      <CataloguePage />
    </div>
  );
}
