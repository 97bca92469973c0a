/**
 * One indicator's row of the grid: name, unit, target in force, last
 * quarter's value, the two cells typed into (本期值, 备注 — a refused text
 * stays in its cell, outlined red, with the reason as its title) and the
 * status the value earns.
 */
import type { KeyboardEvent, MouseEvent, Ref } from 'react';
import type { IndicatorView, Observation } from '../../../../shared/contract';
import { status as statusOf, type Status } from '../../../../shared/scoring';
import { targetInForce } from '../../../../shared/targets';
import { useLocale, useT } from '../../i18n';
import { fmtNumber, StatusBadge, targetText } from '../ui-b/common';
import { cellId, type Col, type Draft } from './cells';

/** The input of the cell being edited. */
export interface CellEditor {
  text: string;
  ref: Ref<HTMLInputElement>;
  onChange(text: string): void;
  onKeyDown(e: KeyboardEvent<HTMLInputElement>): void;
  onBlur(): void;
}

export interface EntryRowProps {
  ind: IndicatorView;
  index: number;
  region: string;
  period: string;
  obs: Observation | undefined;
  previous: number | undefined;
  /** Of the value cell and the note cell. */
  drafts: readonly [Draft | undefined, Draft | undefined];
  /** The cursor's column when the cursor is on this row, else null. */
  cursorCol: Col | null;
  /** When a cell of this row is being edited: its input. */
  editor: CellEditor | null;
  onCellMouseDown(e: MouseEvent, col: Col): void;
  onCellDoubleClick(): void;
  onHeaderMouseDown(): void;
}

export function EntryRow({ ind, index, region, period, obs, previous, drafts, cursorCol, editor, onCellMouseDown, onCellDoubleClick, onHeaderMouseDown }: EntryRowProps) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const target = targetInForce(ind.targets, period, region);
  const [vDraft] = drafts;
  const st: Status = statusOf(obs ? obs.value : null, target, ind.direction);
  const active = cursorCol !== null;
  const cell = (col: Col) => {
    const draft = drafts[col];
    const isCursor = cursorCol === col;
    const cls = [
      'ub-edit-cell',
      col === 0 ? 'ub-c-num' : 'ub-c-note',
      isCursor ? 'ub-cursor' : '',
      draft?.error ? 'ub-invalid' : draft?.warning ? 'ub-warn' : '',
    ].join(' ');
    const shown = draft?.error ? draft.text : col === 0 ? (obs ? fmtNumber(obs.value, Math.max(ind.precision, 6)) : '') : (obs?.note ?? '');
    return (
      <td
        id={cellId(ind.code, col)}
        role="gridcell"
        className={cls}
        title={draft?.error ?? draft?.warning ?? undefined}
        aria-invalid={draft?.error ? true : undefined}
        aria-selected={isCursor}
        data-code={ind.code}
        data-col={col === 0 ? 'value' : 'note'}
        onMouseDown={(e) => onCellMouseDown(e, col)}
        onDoubleClick={onCellDoubleClick}
      >
        {isCursor && editor ? (
          <input
            ref={editor.ref}
            className="ub-cell-input"
            value={editor.text}
            aria-label={`${ind.name} ${col === 0 ? t('ub.entry.col.value') : t('ub.entry.col.note')}`}
            onChange={(e) => editor.onChange(e.target.value)}
            onPaste={(e) => e.stopPropagation()}
            onKeyDown={editor.onKeyDown}
            onBlur={editor.onBlur}
          />
        ) : (
          shown
        )}
      </td>
    );
  };
  return (
    <tr role="row" className={active ? 'ub-row-active' : undefined} aria-rowindex={index + 2}>
      <th scope="row" className="ub-c-name" role="rowheader" onMouseDown={onHeaderMouseDown}>
        <span className="ub-code">{ind.code}</span> {locale === 'en' ? ind.nameEn || ind.name : ind.name}
      </th>
      <td className="ub-c-unit">{ind.direction === 'milestone' ? t('ub.entry.milestoneUnit') : ind.unit}</td>
      <td className="ub-c-target">{targetText(target, ind, t)}</td>
      <td className="ub-c-num ub-muted">{previous !== undefined ? fmtNumber(previous, Math.max(ind.precision, 6)) : '—'}</td>
      {cell(0)}
      {cell(1)}
      <td className="ub-c-status">{vDraft?.error ? <span className="ub-status ub-status-invalid">{t('ub.entry.invalid')}</span> : <StatusBadge status={st} />}</td>
    </tr>
  );
}
