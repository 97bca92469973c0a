/**
 * The grid's keyboard, as in a spreadsheet:
 *   ↑ ↓ ← → PgUp PgDn  move      Enter / F2 / typing   edit
 *   Enter        save, move down  Tab / Shift+Tab       save, move right/left
 *   Esc          cancel           Delete                clear the cell
 *   Ctrl+Z / Ctrl+Y  undo / redo of saves
 * Keys become calls on the page's grid; the page holds the state.
 */
import type { KeyboardEvent } from 'react';
import type { Col } from './cells';

export interface GridMoves {
  /** By rows and columns; `wrap` goes on to the next or previous row past the last or first column (Tab). */
  move(dRow: number, dCol: number, wrap?: boolean): void;
}

export interface GridKeyTarget extends GridMoves {
  /** The text being typed when a cell's input has not taken the focus yet; null when no cell is being edited. */
  pending: { text: string } | null;
  setEditing(editing: { text: string }): void;
  undo(): void;
  redo(): void;
  /** To column `col` (Home: the value, End: the note), and with Ctrl to the first or last row. */
  jump(col: Col, row: 'first' | 'last' | 'same'): void;
  startEdit(initial?: string): void;
  clearCell(): void;
}

/** Keys that move the cursor by [rows, columns]; a page is ten rows. */
const MOVES = new Map<string, readonly [number, number]>([
  ['ArrowUp', [-1, 0]],
  ['ArrowDown', [1, 0]],
  ['ArrowLeft', [0, -1]],
  ['ArrowRight', [0, 1]],
  ['PageDown', [10, 0]],
  ['PageUp', [-10, 0]],
]);

/** A key on the grid itself (not in a cell's input). */
export function onGridKey(e: KeyboardEvent<HTMLElement>, grid: GridKeyTarget): void {
  if (e.target !== e.currentTarget) return;
  const pending = grid.pending;
  if (pending) {
    // Typed before the cell's input took the focus: keep the keystroke.
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      grid.setEditing({ text: pending.text + e.key });
    }
    return;
  }
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && !e.altKey) {
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      e.preventDefault();
      grid.undo();
    } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
      e.preventDefault();
      grid.redo();
    }
    return;
  }
  const step = MOVES.get(e.key);
  if (step) {
    e.preventDefault();
    grid.move(step[0], step[1]);
    return;
  }
  switch (e.key) {
    case 'Home':
      e.preventDefault();
      grid.jump(0, e.ctrlKey ? 'first' : 'same');
      return;
    case 'End':
      e.preventDefault();
      grid.jump(1, e.ctrlKey ? 'last' : 'same');
      return;
    case 'Tab':
      e.preventDefault();
      grid.move(0, e.shiftKey ? -1 : 1, true);
      return;
    case 'Enter':
    case 'F2':
      e.preventDefault();
      grid.startEdit();
      return;
    case 'Delete':
    case 'Backspace':
      e.preventDefault();
      grid.clearCell();
      return;
    default:
      if (e.key.length === 1 && !e.altKey) {
        e.preventDefault();
        grid.startEdit(e.key);
      }
  }
}

export interface EditKeyTarget extends GridMoves {
  /** Ends editing: saves (or drops) what was typed, then — unless the text was refused — `then`. */
  finishEdit(how: 'commit' | 'cancel', then?: () => void): void;
}

/** A key in the input of the cell being edited. */
export function onEditKey(e: KeyboardEvent<HTMLInputElement>, cell: EditKeyTarget): void {
  e.stopPropagation();
  switch (e.key) {
    case 'Enter':
      e.preventDefault();
      cell.finishEdit('commit', () => cell.move(e.shiftKey ? -1 : 1, 0));
      return;
    case 'Tab':
      e.preventDefault();
      cell.finishEdit('commit', () => cell.move(0, e.shiftKey ? -1 : 1, true));
      return;
    case 'Escape':
      e.preventDefault();
      cell.finishEdit('cancel');
      return;
    case 'ArrowUp':
    case 'ArrowDown':
      e.preventDefault();
      cell.finishEdit('commit', () => cell.move(e.key === 'ArrowUp' ? -1 : 1, 0));
      return;
  }
}
