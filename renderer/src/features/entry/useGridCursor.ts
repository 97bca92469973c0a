import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { IndicatorView } from '../../../../shared/contract';
import { cellId, type Col } from './cells';

/**
 * Where the grid's cursor is and what is being typed into its cell. The
 * cursor's cell is scrolled into view; a cell's input takes the focus, the
 * caret at the end, when editing starts.
 */
export function useGridCursor(rows: readonly IndicatorView[]) {
  const [cursor, setCursor] = useState<{ row: number; col: Col }>({ row: 0, col: 0 });
  const [editing, setEditingState] = useState<{ text: string } | null>(null);
  // The editing state as of now (a key can arrive before React has rendered the input).
  const editingRef = useRef<{ text: string } | null>(null);
  const setEditing = (v: { text: string } | null) => {
    editingRef.current = v;
    setEditingState(v);
  };
  const gridRef = useRef<HTMLDivElement>(null);
  const editRef = useRef<HTMLInputElement>(null);
  // The cursor stays on the grid when rows go (another region, fewer indicators).
  const row = Math.min(cursor.row, Math.max(0, rows.length - 1));
  const focused = rows[row];

  useEffect(() => {
    if (!focused) return;
    document.getElementById(cellId(focused.code, cursor.col))?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [focused, cursor.col]);

  const isEditing = editing !== null;
  useLayoutEffect(() => {
    const input = editRef.current;
    if (!isEditing || !input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, [isEditing]);

  const move = (dRow: number, dCol: number, wrap = false) => {
    setCursor((c) => {
      let r = Math.min(c.row, rows.length - 1);
      let col = c.col + dCol;
      if (wrap && col > 1) {
        col = 0;
        r += 1;
      } else if (wrap && col < 0) {
        col = 1;
        r -= 1;
      }
      r = Math.max(0, Math.min(rows.length - 1, r + dRow));
      return { row: r, col: Math.max(0, Math.min(1, col)) as Col };
    });
  };

  /** Home / End: to column `col`, and to the first or last row with Ctrl. */
  const jump = (col: Col, to: 'first' | 'last' | 'same') => setCursor((c) => ({ row: to === 'first' ? 0 : to === 'last' ? rows.length - 1 : c.row, col }));

  const focusGrid = () => gridRef.current?.focus({ preventScroll: true });

  return { cursor, setCursor, row, focused, editing, editingRef, setEditing, gridRef, editRef, move, jump, focusGrid };
}
