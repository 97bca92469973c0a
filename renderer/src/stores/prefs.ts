/**
 * What the window remembers between runs (localStorage: works in the
 * desktop app and in browser mode). Pure over a Storage-like object.
 */
export interface Prefs {
  region?: string;
  period?: string;
  showRetired?: boolean;
  hideEmptyAreas?: boolean;
}

export const PREFS_KEY = 'ys.prefs';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export function loadPrefs(storage: StorageLike | null | undefined): Prefs {
  try {
    const raw = storage?.getItem(PREFS_KEY);
    if (!raw) return {};
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (!v || typeof v !== 'object') return {};
    const out: Prefs = {};
    if (typeof v.region === 'string') out.region = v.region;
    if (typeof v.period === 'string' && /^\d{4}Q[1-4]$/.test(v.period)) out.period = v.period;
    if (typeof v.showRetired === 'boolean') out.showRetired = v.showRetired;
    if (typeof v.hideEmptyAreas === 'boolean') out.hideEmptyAreas = v.hideEmptyAreas;
    return out;
  } catch {
    return {};
  }
}

export function savePrefs(storage: StorageLike | null | undefined, prefs: Prefs): void {
  try {
    storage?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    /* storage full or disabled: preferences last for this session only */
  }
}

export function browserStorage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
