/** The indicator list: search by code, name (Chinese or English) or area; grouped by area. Pure. */
import type { Catalogue, IndicatorView, Region } from '../../../../shared/contract';

export function normalise(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

export function indicatorMatches(ind: IndicatorView, areaName: string, query: string): boolean {
  const q = normalise(query);
  if (!q) return true;
  const hay = [ind.code, ind.name, ind.nameEn, areaName, ind.areaCode].map(normalise);
  // Every word must match somewhere: "开办 时间" finds 企业开办时间.
  return q.split(/\s+/).every((w) => hay.some((h) => h.includes(w)));
}

export interface IndicatorGroup {
  area: Catalogue['areas'][number];
  indicators: IndicatorView[];
}

export function groupIndicators(catalogue: Catalogue, query: string, showRetired: boolean): IndicatorGroup[] {
  return catalogue.areas
    .map((area) => ({
      area,
      indicators: catalogue.indicators.filter(
        (i) => i.areaCode === area.code && (showRetired || !i.retired) && indicatorMatches(i, `${area.name} ${area.nameEn}`, query),
      ),
    }))
    .filter((g) => g.indicators.length > 0);
}

/** Split a typed list of units: 、 , ， ; ； or new lines. */
export function splitList(text: string): string[] {
  return text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The chart's regions: the chosen ones, or the province and the current region. */
export function chartRegionCodes(chosen: readonly string[] | null, regions: ReadonlyArray<Pick<Region, 'code' | 'kind'>>, current: string | null): string[] {
  const known = new Set(regions.map((r) => r.code));
  if (chosen && chosen.length > 0) return chosen.filter((c) => known.has(c));
  const province = regions.find((r) => r.kind === 'province')?.code ?? regions[0]?.code;
  return [...new Set([province, current].filter((c): c is string => !!c && known.has(c)))];
}

