/**
 * Hash deep links, no router library: #/dashboard, #/indicator/A01-01,
 * #/region/460100, #/region/460100/A01 (area filter), #/settings …
 * An optional ?p=2026Q1 sets the period. Pure.
 */
export const PAGES = ['dashboard', 'indicator', 'region', 'import', 'entry', 'reports', 'meeting', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

export interface Route {
  page: PageId;
  /** 指标: the selected indicator. */
  indicator?: string | null;
  /** 地区: the region shown (it becomes the current region). */
  region?: string | null;
  /** 地区: area filter. */
  area?: string | null;
  period?: string | null;
}

export function isPage(v: unknown): v is PageId {
  return typeof v === 'string' && (PAGES as readonly string[]).includes(v);
}

function decode(s: string | undefined): string | null {
  if (!s) return null;
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', query = ''] = raw.split('?', 2);
  const parts = pathPart.split('/').filter(Boolean);
  const page = isPage(parts[0]) ? parts[0] : 'dashboard';
  const route: Route = { page };
  if (page === 'indicator') route.indicator = decode(parts[1]);
  if (page === 'region') {
    route.region = decode(parts[1]);
    route.area = decode(parts[2]);
  }
  const p = new URLSearchParams(query).get('p');
  if (p && /^\d{4}Q[1-4]$/.test(p)) route.period = p;
  return route;
}

export function formatHash(route: Route): string {
  const enc = encodeURIComponent;
  let s = `#/${route.page}`;
  if (route.page === 'indicator' && route.indicator) s += `/${enc(route.indicator)}`;
  if (route.page === 'region' && route.region) {
    s += `/${enc(route.region)}`;
    if (route.area) s += `/${enc(route.area)}`;
  }
  if (route.period) s += `?p=${enc(route.period)}`;
  return s;
}
