/**
 * The region and quarter UI-B's pages work on (数据录入, 填报与导入, 报告,
 * 会议模式). Starts from the window's remembered choice (UI-A's prefs in
 * localStorage) and writes changes back there, merged, so the other pages
 * open on the same region and quarter.
 */
import { create } from 'zustand';
import type { Region } from '../../../shared/contract';
import { parsePeriod, previousQuarter } from '../../../shared/periods';
import { asQuarter, currentQuarter, quarterOptions } from './periods';
import { browserStorage, loadPrefs, savePrefs } from './prefs';
import { provinceOf } from './regions';

/** The quarter whose returns are being collected now: the one before today's. */
export function reportingQuarter(now: Date = new Date()): string {
  return previousQuarter(parsePeriod(currentQuarter(now))!).code;
}

/** Quarters to offer, newest first: from 2021Q1 to the current quarter. */
export function quarterChoices(now: Date = new Date()): string[] {
  return quarterOptions(currentQuarter(now)).reverse();
}

/** The region a page works on: the one chosen while it is one of `regions`, otherwise the province (the first region if there is none); null before the regions are known. */
export function workingRegion(chosen: string | null, regions: readonly Region[]): string | null {
  return chosen && regions.some((r) => r.code === chosen) ? chosen : (provinceOf(regions)?.code ?? null);
}

interface SelectionState {
  /** Region code; null until the regions are known (then the province). */
  region: string | null;
  period: string;
  setRegion(code: string): void;
  setPeriod(period: string): void;
}

function remember(patch: { region?: string; period?: string }): void {
  const storage = browserStorage();
  savePrefs(storage, { ...loadPrefs(storage), ...patch });
}

const initial = loadPrefs(browserStorage());

export const useUiBSelection = create<SelectionState>((set) => ({
  region: initial.region ?? null,
  period: asQuarter(initial.period) ?? reportingQuarter(),
  setRegion(region) {
    set({ region });
    remember({ region });
  },
  setPeriod(period) {
    const q = asQuarter(period);
    if (!q) return;
    set({ period: q });
    remember({ period: q });
  },
}));
