/** How a target reads in the catalogue: "2022 ≥65% · 2023 ≥80%". */
import type { IndicatorView, TargetView } from '../../../../shared/contract';
import type { MessageKey, Params } from '../../i18n';
import { formatValue } from '../../charts/IndicatorChart';

type T = (key: MessageKey, params?: Params) => string;

const SYMBOL: Record<TargetView['comparator'], string> = { '<=': '≤', '>=': '≥', '=': '=', between: '' };

function withUnit(s: string, unit: string): string {
  return unit === '%' ? `${s}%` : `${s} ${unit}`;
}

export function targetText(target: TargetView, indicator: IndicatorView, t: T): string {
  const v = (n: number) => formatValue(n, indicator.precision);
  let body: string;
  if (indicator.direction === 'milestone') {
    // "2026-12-31 前完成" already names the year.
    if (target.deadline) return t('target.doneBy', { date: target.deadline });
    body = t('target.done');
  } else if (target.comparator === 'between' && target.valueMax !== null) {
    body = withUnit(`${v(target.value)}–${v(target.valueMax)}`, indicator.unit);
  } else {
    body = SYMBOL[target.comparator] + withUnit(v(target.value), indicator.unit);
  }
  return `${target.year} ${body}`;
}

/** Province-wide targets by year, joined; regional ones are counted separately. */
export function targetsSummary(indicator: IndicatorView, t: T): { text: string; regional: number } {
  const province = indicator.targets.filter((x) => x.regionCode === null).sort((a, b) => a.year - b.year);
  return {
    text: province.length ? province.map((x) => targetText(x, indicator, t)).join(' · ') : t('indicator.noTargets'),
    regional: indicator.targets.length - province.length,
  };
}
