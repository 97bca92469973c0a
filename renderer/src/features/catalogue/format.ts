/** How targets read: "2022 ≥65%", "≤1 工作日", "2026-12-31 前完成". Pure apart from t(). */
import type { IndicatorView, TargetView } from '../../../../shared/contract';
import type { TargetLike } from '../../../../shared/targets';
import { formatValue, withUnit } from '../../charts/format';
import type { Translate } from '../../i18n';

type IndicatorLike = Pick<IndicatorView, 'direction' | 'unit' | 'precision'>;

export const COMPARATOR_SYMBOL: Record<TargetView['comparator'], string> = { '<=': '≤', '>=': '≥', '=': '=', between: '' };

/** The target without its year: "≥65%", "0.5–1 天", "完成". */
export function targetValueText(target: TargetLike, indicator: IndicatorLike, t: Translate): string {
  const v = (n: number) => formatValue(n, indicator.precision);
  if (indicator.direction === 'milestone') {
    return target.deadline ? t('target.doneBy', { date: target.deadline }) : t('target.done');
  }
  if (target.comparator === 'between' && target.valueMax !== null) {
    return withUnit(`${v(target.value)}–${v(target.valueMax)}`, indicator.unit);
  }
  return COMPARATOR_SYMBOL[target.comparator] + withUnit(v(target.value), indicator.unit);
}

export function targetText(target: TargetView, indicator: IndicatorLike, t: Translate): string {
  // "2026-12-31 前完成" already names the year.
  if (indicator.direction === 'milestone' && target.deadline) return t('target.doneBy', { date: target.deadline });
  return `${target.year} ${targetValueText(target, indicator, t)}`;
}

/** Province-wide targets by year, joined; regional ones are counted separately. */
export function targetsSummary(indicator: IndicatorView, t: Translate): { text: string; regional: number } {
  const province = indicator.targets.filter((x) => x.regionCode === null).sort((a, b) => a.year - b.year);
  return {
    text: province.length ? province.map((x) => targetText(x, indicator, t)).join(' · ') : t('indicator.noTargets'),
    regional: indicator.targets.length - province.length,
  };
}
