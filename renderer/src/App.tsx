/**
 * The window: a left sidebar with the eight pages, a top bar with the
 * current region and period (remembered between runs), the page, the help
 * overlay (?) and the toast bar. Keyboard: Alt/Ctrl+1…8 pages, / search,
 * [ ] period, ? help.
 */
import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { ErrorBanner, Loading, Toasts } from './components';
import { periodText } from './components/period';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { IndicatorPage } from './features/indicator/IndicatorPage';
import { RegionPage } from './features/region/RegionPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { useLocale, useT } from './i18n';
import { useCatalogue } from './stores/catalogue';
import { regionLabel } from './stores/regions';
import { PAGES, type PageId } from './stores/route';
import { isTextField, shortcutFor } from './stores/shortcuts';
import { useUiBSelection } from './stores/ui-b-selection';
import { useUi } from './stores/ui';

const EntryPage = lazy(() => import('./features/entry'));
const ImportPage = lazy(() => import('./features/import'));
const ReportsPage = lazy(() => import('./features/reports'));
const MeetingPage = lazy(() => import('./features/meeting'));

const PAGE_COMPONENTS: Record<PageId, ComponentType | LazyExoticComponent<ComponentType>> = {
  dashboard: DashboardPage,
  indicator: IndicatorPage,
  region: RegionPage,
  import: ImportPage,
  entry: EntryPage,
  reports: ReportsPage,
  meeting: MeetingPage,
  settings: SettingsPage,
};

const PAGE_ICONS: Record<PageId, string> = {
  dashboard: '◉',
  indicator: '◧',
  region: '◎',
  import: '⇅',
  entry: '✎',
  reports: '▤',
  meeting: '▶',
  settings: '⚙',
};

function Sidebar() {
  const t = useT();
  const page = useUi((s) => s.page);
  const navigate = useUi((s) => s.navigate);
  const catalogue = useCatalogue((s) => s.catalogue);
  return (
    <aside className="sidebar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">{t('app.brandMark')}</span>
        <span className="brand-text">{t('app.brandText')}</span>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul className="nav">
          {PAGES.map((p, i) => (
            <li key={p}>
              <button
                type="button"
                className={p === page ? 'nav-item active' : 'nav-item'}
                aria-current={p === page ? 'page' : undefined}
                data-page={p}
                title={t('nav.shortcut', { n: i + 1 })}
                onClick={() => navigate(p)}
              >
                <span className="nav-icon" aria-hidden="true">
                  {PAGE_ICONS[p]}
                </span>
                <span className="nav-label">{t(`nav.${p}`)}</span>
                <span className="nav-key" aria-hidden="true">
                  {i + 1}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-foot">
        {catalogue.status === 'ready' && <span>{t('catalogue.version', { version: catalogue.value.version })}</span>}
      </div>
    </aside>
  );
}

function TopBar() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { region, period, periods, setRegion, setPeriod, stepPeriod, setHelp, ready } = useUi();
  const regions = useCatalogue((s) => s.regions);
  const idx = period ? periods.indexOf(period) : -1;
  return (
    <header className="topbar">
      <h1 className="app-title">{t('app.title')}</h1>
      <div className="selectors">
        <label className="selector">
          <span>{t('top.region')}</span>
          <select value={region ?? ''} disabled={!ready} onChange={(e) => setRegion(e.target.value)} aria-label={t('top.region')} data-testid="region-select">
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {regionLabel(r, locale)}
              </option>
            ))}
          </select>
        </label>
        <div className="selector period-selector">
          <span id="period-label">{t('top.period')}</span>
          <button type="button" className="step" onClick={() => stepPeriod(-1)} disabled={!ready || idx <= 0} title={t('top.prevPeriod')} aria-label={t('top.prevPeriod')}>
            ‹
          </button>
          <select value={period ?? ''} disabled={!ready} onChange={(e) => setPeriod(e.target.value)} aria-labelledby="period-label" data-testid="period-select">
            {[...periods].reverse().map((p) => (
              <option key={p} value={p}>
                {periodText(p, locale)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="step"
            onClick={() => stepPeriod(1)}
            disabled={!ready || idx < 0 || idx >= periods.length - 1}
            title={t('top.nextPeriod')}
            aria-label={t('top.nextPeriod')}
          >
            ›
          </button>
        </div>
      </div>
      <div className="top-actions">
        <button type="button" className="top-button lang" title={t('app.languageHint')} onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t('app.language')}
        </button>
        <button type="button" className="top-button help-button" title={t('help.title')} aria-label={t('help.title')} onClick={() => setHelp(true)}>
          ?
        </button>
      </div>
    </header>
  );
}

function HelpOverlay() {
  const t = useT();
  const open = useUi((s) => s.helpOpen);
  const setHelp = useUi((s) => s.setHelp);
  if (!open) return null;
  const rows: Array<[string, string]> = [
    ...PAGES.map((p, i): [string, string] => [`Alt+${i + 1} / Ctrl+${i + 1}`, t(`nav.${p}`)]),
    ['/', t('help.search')],
    ['[  ]', t('help.period')],
    ['?', t('help.help')],
    ['Esc', t('help.close')],
  ];
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && setHelp(false)}>
      <div className="dialog help-dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <header className="dialog-head">
          <h2 id="help-title">{t('help.title')}</h2>
          <button type="button" className="dialog-close" onClick={() => setHelp(false)} aria-label={t('common.close')} autoFocus>
            ×
          </button>
        </header>
        <div className="dialog-body">
          <table className="shortcuts">
            <tbody>
              {rows.map(([k, v]) => (
                <tr key={k}>
                  <td>
                    <kbd>{k}</kbd>
                  </td>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('help.note')}</p>
        </div>
      </div>
    </div>
  );
}

/** Keep UI-B's selection store (数据录入, 填报与导入, 报告, 会议模式) on the same region and period as the top bar. */
function useSelectionSync(): void {
  useEffect(() => {
    const toB = useUi.subscribe((s) => {
      if (!s.ready) return;
      const b = useUiBSelection.getState();
      if (s.region && s.region !== b.region) b.setRegion(s.region);
      if (s.period && s.period !== b.period) b.setPeriod(s.period);
    });
    const toA = useUiBSelection.subscribe((b) => {
      const s = useUi.getState();
      if (!s.ready) return;
      if (b.region && b.region !== s.region) s.setRegion(b.region);
      if (b.period && b.period !== s.period) s.setPeriod(b.period);
    });
    return () => {
      toB();
      toA();
    };
  }, []);
}

function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = shortcutFor(e, isTextField(document.activeElement));
      if (!action) return;
      const ui = useUi.getState();
      switch (action.type) {
        case 'page':
          ui.navigate(action.page);
          break;
        case 'search':
          ui.focusSearch();
          break;
        case 'period':
          ui.stepPeriod(action.delta);
          break;
        case 'help':
          ui.setHelp(!ui.helpOpen);
          break;
        case 'escape':
          if (!ui.helpOpen) return;
          ui.setHelp(false);
          break;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  const t = useT();
  const page = useUi((s) => s.page);
  const ready = useUi((s) => s.ready);
  const init = useUi((s) => s.init);
  const catalogue = useCatalogue((s) => s.catalogue);
  const load = useCatalogue((s) => s.load);
  useShortcuts();
  useSelectionSync();

  useEffect(() => {
    void init().then(() => {
      const s = useUi.getState();
      const b = useUiBSelection.getState();
      if (s.region && s.region !== b.region) b.setRegion(s.region);
      if (s.period && s.period !== b.period) b.setPeriod(s.period);
    });
  }, [init]);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const Page = PAGE_COMPONENTS[page];
  return (
    <div className="app">
      <Sidebar />
      <div className="workspace">
        <TopBar />
        <main className={`content content-${page}`}>
          {catalogue.status === 'error' ? (
            <ErrorBanner message={t('app.loadFailed', { message: catalogue.message })} onRetry={() => void load(true).then(() => init())} />
          ) : !ready ? (
            <Loading />
          ) : (
            <Suspense fallback={<Loading />}>
              <Page />
            </Suspense>
          )}
        </main>
      </div>
      <HelpOverlay />
      <Toasts />
      {catalogue.status === 'ready' && catalogue.refreshing && <span className="sr-only">{t('app.loading')}</span>}
    </div>
  );
}

