/** A quarter as people say it: 2026年第一季度 (zh-CN), 2026 Q1 (English). */
import { parsePeriod, periodLabel } from '../../../shared/periods';
import { useLocale, type Locale } from '../i18n';

export function periodText(period: string | null | undefined, locale: Locale): string {
  const p = period ? parsePeriod(period) : null;
  if (!p) return period ?? '';
  if (locale === 'en') return p.quarter === null ? String(p.year) : `${p.year} Q${p.quarter}`;
  return periodLabel(p);
}

export function usePeriodText(period: string | null | undefined): string {
  const locale = useLocale((s) => s.locale);
  return periodText(period, locale);
}
