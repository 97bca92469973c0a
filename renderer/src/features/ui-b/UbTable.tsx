/** UI-B's table: ScrollTable in UI-B's bordered box, which scrolls both ways (.ub-table-wrap in ui-b.css; each page sets its height). */
import type { ReactNode } from 'react';
import { ScrollTable, type Column } from '../../components';

/** A column of numbers: its cells align right. */
export function numeric(label: string): Column {
  return { label, className: 'ub-num' };
}

export interface UbTableProps {
  /** Added to ub-table. */
  className?: string;
  testId?: string;
  columns: readonly Column[];
  /** A row across every column saying why there are no rows (null: there are). */
  empty?: string | null;
  children: ReactNode;
}

export function UbTable({ className, testId, columns, empty, children }: UbTableProps) {
  return (
    <ScrollTable boxClassName="ub-table-wrap" className={className ? `ub-table ${className}` : 'ub-table'} testId={testId} head={columns}>
      {children}
      {empty && (
        <tr>
          <td colSpan={columns.length} className="ub-muted">
            {empty}
          </td>
        </tr>
      )}
    </ScrollTable>
  );
}
