/**
 * A table in a box of its own that scrolls when the table is wider (or,
 * for UI-B, taller) than the room it has. The look is the caller's classes:
 * UI-A's table-scroll / data-table, UI-B's ub-table-wrap / ub-table, the
 * dashboard's heatmap-scroll / heatmap.
 */
import type { ReactElement, ReactNode } from 'react';

/** A column heading: its label, or its label and the cell's class (numbers align right). */
export type Column = string | { label: string; className: string };

export interface ScrollTableProps {
  boxClassName: string;
  className: string;
  testId?: string;
  /** The header row: one label per column, or — where a heading is more than a label (the heatmap's region buttons) — the row's cells. */
  head: readonly Column[] | ReactElement;
  /** The body rows. */
  children: ReactNode;
  /** Inside the box, under the table (a "more" button). */
  below?: ReactNode;
}

export function ScrollTable({ boxClassName, className, testId, head, children, below }: ScrollTableProps) {
  return (
    <div className={boxClassName}>
      <table className={className} data-testid={testId}>
        <thead>
          <tr>{isColumns(head) ? head.map(headCell) : head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {below}
    </div>
  );
}

function isColumns(head: readonly Column[] | ReactElement): head is readonly Column[] {
  return Array.isArray(head);
}

function headCell(column: Column, index: number) {
  return typeof column === 'string' ? <th key={index}>{column}</th> : <th key={index} className={column.className}>{column.label}</th>;
}
