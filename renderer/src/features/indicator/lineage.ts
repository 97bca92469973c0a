/** Where a value came from, in words: typed by whom, which file/sheet/cell, which published source. Pure apart from t(). */
import type { HistoryEntry, Observation } from '../../../../shared/contract';
import { parsePeriod } from '../../../../shared/periods';
import type { Translate } from '../../i18n';

type Lineage = Pick<Observation, 'sourceKind' | 'fileName' | 'sheet' | 'cell'> & { note?: string | null };

export function lineageText(o: Lineage | Pick<HistoryEntry, 'sourceKind' | 'fileName' | 'sheet' | 'cell'>, t: Translate): string {
  const place = [o.sheet ? t('lineage.sheet', { sheet: o.sheet }) : '', o.cell ? t('lineage.cell', { cell: o.cell }) : ''].filter(Boolean).join(' ');
  switch (o.sourceKind) {
    case 'manual':
      return t('lineage.manual');
    case 'import':
      return [t('lineage.import', { file: o.fileName ?? '—' }), place].filter(Boolean).join(' · ');
    case 'seed': {
      const note = 'note' in o && o.note ? o.note : '';
      return note ? t('lineage.seedWith', { note }) : t('lineage.seed');
    }
    case 'undo':
      return t('lineage.undo');
    case 'restore':
      return t('lineage.restore');
    default:
      return String(o.sourceKind);
  }
}

/**
 * The value that stands for `period` per region, as the report matrix reads
 * it: the quarter's own figure, else the year's figure for Q4 or for a yearly
 * indicator.
 */
export function valuesForPeriod(
  observations: ReadonlyArray<Pick<Observation, 'region' | 'period' | 'value'>>,
  period: string,
  frequency: 'quarter' | 'year',
): Array<{ region: string; value: number }> {
  const p = parsePeriod(period);
  if (!p || p.quarter === null) return [];
  const own = new Map<string, number>();
  const year = new Map<string, number>();
  for (const o of observations) {
    if (o.period === p.code) own.set(o.region, o.value);
    else if (o.period === String(p.year)) year.set(o.region, o.value);
  }
  const useYear = p.quarter === 4 || frequency === 'year';
  const regions = new Set([...own.keys(), ...(useYear ? year.keys() : [])]);
  return [...regions].map((region) => ({ region, value: own.get(region) ?? year.get(region)! }));
}
