/**
 * The grid of 数据录入 and what typing into it means. Rows are the
 * indicators in force, grouped by area; two columns are typed into: 本期值
 * (0) and 备注 (1). A typed value is read by shared/values.ts readValue —
 * the same rules as an imported return (1.5天, full-width digits, 65%…).
 * Pure.
 */
import type { Catalogue, IndicatorView } from '../../../../shared/contract';
import { readValue } from '../../../../shared/values';
import type { Translate } from '../../i18n';
import type { CellState } from '../../stores/ui-b-entry';

export type Col = 0 | 1;

/** What a cell shows instead of its stored value: a refused text with the reason, or a reminder. */
export interface Draft {
  text: string;
  error?: string;
  warning?: string;
}

export interface GridRow {
  ind: IndicatorView;
  /** The row's place in the whole grid (the cursor's row), counting across areas. */
  index: number;
}

export interface Group {
  area: string;
  rows: GridRow[];
}

export const cellKey = (code: string, col: Col) => `${code}|${col}`;
export const cellId = (code: string, col: Col) => `ub-cell-${code.replace(/[^A-Za-z0-9_-]/g, '_')}-${col}`;

/** The indicators in force, area by area in the catalogue's order; areas with none are left out. */
export function groupRows(catalogue: Catalogue, locale: string): Group[] {
  let index = 0;
  return catalogue.areas
    .map((a) => ({
      area: locale === 'en' ? a.nameEn || a.name : a.name,
      rows: catalogue.indicators.filter((i) => !i.retired && i.areaCode === a.code).map((ind) => ({ ind, index: 0 })),
    }))
    .filter((g) => g.rows.length > 0)
    .map((g) => ({ ...g, rows: g.rows.map((r) => ({ ...r, index: index++ })) }));
}

export interface CellReading {
  /** The cell's state to save; null when nothing changes or the text is refused. */
  next: CellState | null;
  refused: boolean;
  /** What the cell shows until the next save (null: its stored value). */
  draft: Draft | null;
}

/** What `text` typed into column `col` of `ind`'s row comes to, the cell being `base` now. */
export function readCellText(ind: IndicatorView, col: Col, text: string, base: CellState, t: Translate): CellReading {
  if (col === 1) {
    const note = text.trim();
    if (note === base.note) return { next: null, refused: false, draft: null };
    // A note belongs to a value: there is no observation to keep it on.
    if (base.value === null) return { next: null, refused: true, draft: { text, error: t('ub.entry.noteNeedsValue') } };
    return { next: { value: base.value, note }, refused: false, draft: null };
  }
  const reading = readValue({ type: 'string', value: text }, { unit: ind.unit, direction: ind.direction });
  switch (reading.kind) {
    case 'rejected':
      return { next: null, refused: true, draft: { text, error: reading.message } };
    case 'empty':
      return { next: base.value === null ? null : { value: null, note: base.note }, refused: false, draft: null };
    case 'placeholder':
      return { next: base.value === null ? null : { value: null, note: base.note }, refused: false, draft: { text: '', warning: reading.warning } };
    case 'value':
      return { next: base.value === reading.value ? null : { value: reading.value, note: base.note }, refused: false, draft: reading.warning ? { text: '', warning: reading.warning } : null };
  }
}
