/**
 * Where the window is: the page, the current region and period (always
 * shown in the top bar, remembered between runs), and per-page selections.
 * Deep links (#/indicator/A01-01, #/region/460100/A01) follow the state and
 * drive it. UI-B's pages read the current region and period from here:
 *   const { region, period } = useUi();
 */
import { create } from 'zustand';
import { invoke } from '../api/client';
import { useCatalogue } from './catalogue';
import { asQuarter, currentQuarter, latestQuarterWithData, probePeriods, quarterOptions, stepQuarter } from './periods';
import { browserStorage, loadPrefs, savePrefs, type Prefs } from './prefs';
import { provinceOf } from './regions';
import { formatHash, parseHash, type PageId, type Route } from './route';

export interface UiState {
  page: PageId;
  /** Current region code (top bar). */
  region: string | null;
  /** Current quarter (top bar), e.g. 2026Q1. */
  period: string | null;
  /** Quarters offered: 2021Q1 … this quarter. */
  periods: string[];
  /** Region and period are decided (after the first load). */
  ready: boolean;
  /** 指标: selected indicator. */
  indicator: string | null;
  /** 地区: area filter (area code). */
  area: string | null;
  /** 指标: regions drawn in the line chart; null = the province and the current region. */
  chartRegions: string[] | null;
  query: string;
  showRetired: boolean;
  hideEmptyAreas: boolean;
  helpOpen: boolean;
  /** Bumped to ask the 指标 search box to take the focus. */
  searchFocus: number;

  navigate(page: PageId, opts?: { indicator?: string | null; region?: string | null; area?: string | null }): void;
  setRegion(code: string): void;
  setPeriod(code: string): void;
  stepPeriod(delta: number): void;
  selectIndicator(code: string | null): void;
  setArea(code: string | null): void;
  setChartRegions(codes: string[] | null): void;
  setQuery(q: string): void;
  setShowRetired(v: boolean): void;
  setHideEmptyAreas(v: boolean): void;
  setHelp(open: boolean): void;
  focusSearch(): void;
  applyRoute(route: Route): void;
  init(): Promise<void>;
}

const prefs: Prefs = loadPrefs(browserStorage());

export const useUi = create<UiState>((set, get) => ({
  page: 'dashboard',
  region: prefs.region ?? null,
  period: prefs.period ?? null,
  periods: quarterOptions(currentQuarter()),
  ready: false,
  indicator: null,
  area: null,
  chartRegions: null,
  query: '',
  showRetired: prefs.showRetired ?? false,
  hideEmptyAreas: prefs.hideEmptyAreas ?? true,
  helpOpen: false,
  searchFocus: 0,

  navigate(page, opts = {}) {
    const patch: Partial<UiState> = { page, helpOpen: false };
    if (opts.indicator !== undefined) patch.indicator = opts.indicator;
    if (opts.region) patch.region = opts.region;
    if (opts.area !== undefined) patch.area = opts.area;
    set(patch);
  },
  setRegion(code) {
    set({ region: code });
  },
  setPeriod(code) {
    const q = asQuarter(code);
    if (q && get().periods.includes(q)) set({ period: q });
  },
  stepPeriod(delta) {
    const { period, periods } = get();
    const next = period ? stepQuarter(period, delta, periods) : null;
    if (next) set({ period: next });
  },
  selectIndicator(code) {
    set({ indicator: code });
  },
  setArea(code) {
    set({ area: code });
  },
  setChartRegions(codes) {
    set({ chartRegions: codes });
  },
  setQuery(query) {
    set({ query });
  },
  setShowRetired(showRetired) {
    set({ showRetired });
  },
  setHideEmptyAreas(hideEmptyAreas) {
    set({ hideEmptyAreas });
  },
  setHelp(helpOpen) {
    set({ helpOpen });
  },
  focusSearch() {
    set((s) => ({ page: 'indicator', helpOpen: false, searchFocus: s.searchFocus + 1 }));
  },
  applyRoute(route) {
    const patch: Partial<UiState> = { page: route.page };
    if (route.page === 'indicator' && route.indicator !== undefined) patch.indicator = route.indicator;
    if (route.page === 'region') {
      if (route.region) patch.region = route.region;
      patch.area = route.area ?? null;
    }
    if (route.period && get().periods.includes(route.period)) patch.period = route.period;
    set(patch);
  },

  async init() {
    await useCatalogue.getState().load();
    const regions = useCatalogue.getState().regions;
    const s = get();
    let region = s.region;
    if (regions.length > 0) {
      const hit = regions.find((r) => r.code === region || r.name === region || r.aliases.includes(region ?? ''));
      region = hit?.code ?? provinceOf(regions)?.code ?? null;
    }
    let period = s.period && s.periods.includes(s.period) ? s.period : null;
    if (!period) period = await defaultPeriod(s.periods.at(-1) ?? currentQuarter());
    set({ region, period, ready: true });
  },
}));

/** The latest quarter that has data, else the current quarter. */
async function defaultPeriod(current: string): Promise<string> {
  try {
    const probes = await Promise.all(
      probePeriods(current).map(async (period) => {
        const rows = await invoke('tracker.list', { period });
        return { period, count: rows.reduce((n, r) => n + r.observations, 0) };
      }),
    );
    return latestQuarterWithData(probes, current) ?? current;
  } catch {
    return current;
  }
}

function routeOf(s: UiState): Route {
  return {
    page: s.page,
    indicator: s.page === 'indicator' ? s.indicator : null,
    region: s.page === 'region' ? s.region : null,
    area: s.page === 'region' ? s.area : null,
  };
}

/** Keep the hash and the remembered preferences in step with the state. Returns a stop function. */
export function startRouting(): () => void {
  const apply = () => {
    const route = parseHash(window.location.hash);
    if (formatHash(routeOf(useUi.getState())) !== formatHash({ ...route, period: null })) useUi.getState().applyRoute(route);
  };
  apply();
  window.addEventListener('hashchange', apply);
  window.addEventListener('popstate', apply);
  const unsub = useUi.subscribe((s, prev) => {
    const hash = formatHash(routeOf(s));
    if (hash !== window.location.hash) {
      if (s.page !== prev.page) window.history.pushState(null, '', hash);
      else window.history.replaceState(null, '', hash);
    }
    if (s.region !== prev.region || s.period !== prev.period || s.showRetired !== prev.showRetired || s.hideEmptyAreas !== prev.hideEmptyAreas) {
      if (!s.ready) return;
      savePrefs(browserStorage(), {
        region: s.region ?? undefined,
        period: s.period ?? undefined,
        showRetired: s.showRetired,
        hideEmptyAreas: s.hideEmptyAreas,
      });
    }
  });
  return () => {
    window.removeEventListener('hashchange', apply);
    window.removeEventListener('popstate', apply);
    unsub();
  };
}
