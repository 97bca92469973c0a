/** How regions read on screen: full names in lists, short names on crowded axes. Pure. */
import type { Region } from '../../../shared/contract';
import type { Locale } from '../i18n';

type RegionLike = Pick<Region, 'code' | 'name' | 'nameEn' | 'kind' | 'aliases'>;

export function regionLabel(region: RegionLike | undefined, locale: Locale): string {
  if (!region) return '';
  return locale === 'en' ? region.nameEn || region.name : region.name;
}

const CJK = /[\u4e00-\u9fff]/;

/**
 * Short name for axes and heatmap columns: 海口 for 海口市, 白沙 for
 * 白沙黎族自治县, 洋浦 for 洋浦经济开发区; 海南省 stays (the province).
 */
export function shortRegionName(region: RegionLike | undefined, locale: Locale): string {
  if (!region) return '';
  if (locale === 'en') {
    const en = region.nameEn || region.name;
    return en.replace(/\s+(City|County|Province|Li Autonomous County|Li and Miao Autonomous County|Economic Development Zone)$/i, '');
  }
  if (region.kind === 'province') return region.name;
  const aliases = region.aliases.filter((a) => CJK.test(a) && a.length >= 2 && a.length < region.name.length);
  if (aliases.length === 0) return region.name;
  return aliases.reduce((a, b) => (b.length < a.length ? b : a));
}

export function provinceOf(regions: readonly RegionLike[]): RegionLike | undefined {
  return regions.find((r) => r.kind === 'province') ?? regions[0];
}
