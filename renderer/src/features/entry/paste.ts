/**
 * A block copied from Excel or WPS (tsv.ts parses it) laid onto the grid
 * from the cursor: the block's first row onto the cursor's indicator, the
 * next onto the one below…; its cells onto 本期值 and 备注 from the
 * cursor's column, anything right of 备注 dropped. Each indicator whose cell
 * changes is one change; the whole paste is one undo step.
 */
import type { IndicatorView } from '../../../../shared/contract';
import type { CellState, EntryChange } from '../../stores/ui-b-entry';
import type { CellReading, Col } from './cells';

export interface PasteTarget {
  /** The grid's rows and the cursor. */
  rows: readonly IndicatorView[];
  at: { row: number; col: Col };
  region: string;
  period: string;
  /** The cell's state now. */
  stateOf(code: string): CellState;
  /** Reads one pasted cell (and shows a refusal in the grid). */
  read(ind: IndicatorView, col: Col, text: string, base: CellState): CellReading;
}

export function pasteChanges(block: string[][], target: PasteTarget): { changes: EntryChange[]; refused: number } {
  const { rows, at, region, period } = target;
  const changes: EntryChange[] = [];
  let refused = 0;
  block.forEach((cells, r) => {
    const ind = rows[at.row + r];
    if (!ind) return;
    const before = target.stateOf(ind.code);
    let after: CellState = { ...before };
    let changed = false;
    cells.forEach((raw, c) => {
      const col = at.col + c;
      if (col > 1) return;
      const read = target.read(ind, col as Col, raw, after);
      if (read.next) {
        after = read.next;
        changed = true;
      }
      if (read.refused) refused += 1;
    });
    if (changed) changes.push({ indicator: ind.code, region, period, before, after });
  });
  return { changes, refused };
}
