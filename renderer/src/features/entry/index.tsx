/**
 * 数据录入: a keyboard-first grid of one region's values for one quarter.
 * Rows are the indicators grouped by area; 本期值 and 备注 are typed into
 * (keys.ts; Ctrl+V pastes a block from Excel, paste.ts). A typed value is
 * read as an imported return's would be (cells.ts); a refused one stays in
 * its cell, outlined red, with the reason. Each save is one
 * observations.set, undoable (useSaves.ts), and lands in the value history
 * shown beside the grid (SidePanel.tsx).
 */
import { useEffect, useMemo, useState, type ClipboardEvent, type MouseEvent } from 'react';
import type { IndicatorView } from '../../../../shared/contract';
import { targetInForce } from '../../../../shared/targets';
import { useLocale, useT } from '../../i18n';
import { useCatalogue, useCatalogueLoaded } from '../../stores/catalogue';
import type { CellState } from '../../stores/ui-b-entry';
import { useUiBSelection, workingRegion } from '../../stores/ui-b-selection';
import { Notice, quarterText, regionName } from '../ui-b/common';
import { cellId, cellKey, groupRows, readCellText, type Col, type Draft } from './cells';
import { EntryRow } from './EntryRow';
import { onEditKey, onGridKey } from './keys';
import { pasteChanges } from './paste';
import { SaveStatus } from './SaveStatus';
import { SidePanel, useCellHistory } from './SidePanel';
import { parseTsv } from './tsv';
import { useGridCursor } from './useGridCursor';
import { useQuarterValues } from './useQuarterValues';
import { useSaves } from './useSaves';
import './entry.css';

export default function EntryPage() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const catalogueLoad = useCatalogue((s) => s.catalogue);
  const regions = useCatalogue((s) => s.regions);
  const { region: chosen, period } = useUiBSelection();
  const region = workingRegion(chosen, regions);

  useCatalogueLoaded();

  const catalogue = catalogueLoad.status === 'ready' ? catalogueLoad.value : null;
  const groups = useMemo(() => (catalogue ? groupRows(catalogue, locale) : []), [catalogue, locale]);
  const rows = useMemo(() => groups.flatMap((g) => g.rows.map((r) => r.ind)), [groups]);

  const { values, setValues, previous, locked, loadError, loading, reload } = useQuarterValues(region, period);
  const { save, setSave, historyRevision, doStep, undo, redo, canUndo, canRedo } = useSaves({ region, period, setValues, reload });
  const [drafts, setDrafts] = useState<Map<string, Draft>>(new Map());

  useEffect(() => {
    setDrafts(new Map());
    setSave({ kind: 'idle' });
    void reload();
  }, [reload, setSave]);

  const { cursor, setCursor, row, focused, editing, editingRef, setEditing, gridRef, editRef, move, jump, focusGrid } = useGridCursor(rows);

  const stateOf = (code: string): CellState => {
    const o = values.get(code);
    return { value: o ? o.value : null, note: o ? o.note : '' };
  };

  const setDraft = (key: string, d: Draft | null) =>
    setDrafts((m) => {
      const next = new Map(m);
      if (d) next.set(key, d);
      else next.delete(key);
      return next;
    });

  /** Reads what was typed into a cell; the cell then shows a refusal or a reminder, or its value again. */
  const readCell = (ind: IndicatorView, col: Col, text: string, base: CellState) => {
    const reading = readCellText(ind, col, text, base, t);
    setDraft(cellKey(ind.code, col), reading.draft);
    return reading;
  };

  /** Reads and saves what was typed; false when it was refused (the cell then shows why). */
  const commit = (text: string, at: { row: number; col: Col }): boolean => {
    const ind = rows[at.row];
    if (!ind || !region) return true;
    const before = stateOf(ind.code);
    const read = readCell(ind, at.col, text, before);
    const after = read.next;
    if (!after) return !read.refused;
    void doStep({
      label: ind.name,
      changes: [{ indicator: ind.code, region, period, before, after }],
    });
    return true;
  };

  const startEdit = (initial?: string) => {
    if (!focused) return;
    const draft = drafts.get(cellKey(focused.code, cursor.col));
    const s = stateOf(focused.code);
    const text = initial ?? (draft?.error ? draft.text : cursor.col === 0 ? (s.value === null ? '' : String(s.value)) : s.note);
    setEditing({ text });
  };

  const finishEdit = (how: 'commit' | 'cancel', then?: () => void) => {
    const current = editingRef.current;
    if (!current) return;
    const at = { row, col: cursor.col };
    setEditing(null);
    // A refused value keeps the cursor on its cell, where the reason is shown.
    const ok = how === 'commit' ? commit(current.text, at) : true;
    if (ok) then?.();
    focusGrid();
  };

  const clearCell = () => {
    if (!focused) return;
    commit('', { row, col: cursor.col });
  };

  /** A click on a cell: the cursor goes there (what was being typed elsewhere is saved first). */
  const pointAt = (e: MouseEvent, index: number, col: Col) => {
    if (editing && index === row && col === cursor.col) return;
    e.preventDefault();
    if (editing) finishEdit('commit');
    setCursor({ row: index, col });
    focusGrid();
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing || !region) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    const { changes, refused } = pasteChanges(parseTsv(text), { rows, at: { row, col: cursor.col }, region, period, stateOf, read: readCell });
    if (changes.length) void doStep({ label: t('ub.entry.pasteLabel', { n: changes.length }), changes });
    if (refused) setSave({ kind: 'error', message: t('ub.entry.pasteRefused', { n: refused }) });
  };

  const history = useCellHistory(focused, region, period, historyRevision);

  if (catalogueLoad.status === 'error') return <div className="ub-page"><Notice kind="error">{catalogueLoad.message}</Notice></div>;
  if (!catalogue || !region) return <div className="ub-page"><p className="ub-muted">{t('ub.loading')}</p></div>;

  const regionObj = regions.find((r) => r.code === region);
  const focusedDraft = focused ? drafts.get(cellKey(focused.code, cursor.col)) : undefined;
  const invalidCount = [...drafts.values()].filter((d) => d.error).length;
  const filled = rows.filter((i) => values.has(i.code)).length;

  return (
    <div className="ub-page ub-entry">
      <header className="ub-page-head">
        <h2>
          {t('ub.entry.title')}
          <span className="ub-head-context">
            {regionName(regionObj, locale)} · {quarterText(period, locale)}
          </span>
        </h2>
        <div className="ub-toolbar">
          <button type="button" onClick={() => void undo()} disabled={!canUndo} title="Ctrl+Z">
            {t('ub.entry.undo')}
          </button>
          <button type="button" onClick={() => void redo()} disabled={!canRedo} title="Ctrl+Y">
            {t('ub.entry.redo')}
          </button>
          <SaveStatus state={save} />
        </div>
      </header>
      {locked && <Notice kind="warning">{t('ub.entry.locked', { region: regionName(regionObj, locale), period: quarterText(period, locale) })}</Notice>}
      {loadError && <Notice kind="error">{loadError}</Notice>}
      <div className="ub-entry-body">
        <div className="ub-entry-main">
          <div className="ub-entry-summary">
            <span>{t('ub.entry.filled', { n: filled, total: rows.length })}</span>
            {invalidCount > 0 && <span className="ub-error-text">{t('ub.entry.invalidCount', { n: invalidCount })}</span>}
            {loading && <span className="ub-muted">{t('ub.loading')}</span>}
            <span className="ub-muted ub-keys">{t('ub.entry.keys')}</span>
          </div>
          <div className={focusedDraft?.error ? 'ub-message-line ub-message-error' : focusedDraft?.warning ? 'ub-message-line ub-message-warning' : 'ub-message-line'} role="status" aria-live="polite" data-testid="entry-message">
            {focused && (focusedDraft?.error || focusedDraft?.warning)
              ? `${focused.name} · ${cursor.col === 0 ? t('ub.entry.col.value') : t('ub.entry.col.note')}：${focusedDraft.error ?? focusedDraft.warning}`
              : '\u00a0'}
          </div>
          <div
            ref={gridRef}
            className="ub-grid"
            role="grid"
            tabIndex={0}
            aria-label={t('ub.entry.gridLabel', { region: regionName(regionObj, locale), period: quarterText(period, locale) })}
            aria-activedescendant={focused && !editing ? cellId(focused.code, cursor.col) : undefined}
            aria-rowcount={rows.length + 1}
            onKeyDown={(e) =>
              onGridKey(e, {
                pending: editingRef.current,
                setEditing,
                undo: () => void undo(),
                redo: () => void redo(),
                move,
                jump,
                startEdit,
                clearCell,
              })
            }
            onPaste={onPaste}
            data-testid="entry-grid"
          >
            <table>
              <thead>
                <tr role="row">
                  <th role="columnheader" className="ub-c-name">{t('ub.entry.col.indicator')}</th>
                  <th role="columnheader" className="ub-c-unit">{t('ub.entry.col.unit')}</th>
                  <th role="columnheader" className="ub-c-target">{t('ub.entry.col.target')}</th>
                  <th role="columnheader" className="ub-c-num">{t('ub.entry.col.previous')}</th>
                  <th role="columnheader" className="ub-c-num">{t('ub.entry.col.value')}</th>
                  <th role="columnheader" className="ub-c-note">{t('ub.entry.col.note')}</th>
                  <th role="columnheader" className="ub-c-status">{t('ub.entry.col.status')}</th>
                </tr>
              </thead>
              {groups.map((g) => (
                <tbody key={g.area}>
                  <tr className="ub-area-row">
                    <th colSpan={7} scope="rowgroup">
                      {g.area}
                    </th>
                  </tr>
                  {g.rows.map(({ ind, index }) => (
                    <EntryRow
                      key={ind.code}
                      ind={ind}
                      index={index}
                      region={region}
                      period={period}
                      obs={values.get(ind.code)}
                      previous={previous.get(ind.code)}
                      drafts={[drafts.get(cellKey(ind.code, 0)), drafts.get(cellKey(ind.code, 1))]}
                      cursorCol={index === row ? cursor.col : null}
                      editor={
                        index === row && editing
                          ? {
                              text: editing.text,
                              ref: editRef,
                              onChange: (text) => setEditing({ text }),
                              onKeyDown: (e) => onEditKey(e, { finishEdit, move }),
                              onBlur: () => finishEdit('commit'),
                            }
                          : null
                      }
                      onCellMouseDown={(e, col) => pointAt(e, index, col)}
                      onCellDoubleClick={() => startEdit()}
                      onHeaderMouseDown={() => setCursor({ row: index, col: cursor.col })}
                    />
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        </div>
        <aside className="ub-side" aria-label={t('ub.entry.sideLabel')} data-testid="entry-history">
          {focused && (
            <SidePanel
              ind={focused}
              obs={values.get(focused.code)}
              previous={previous.get(focused.code)}
              target={targetInForce(focused.targets, period, region)}
              draft={focusedDraft}
              history={history}
            />
          )}
        </aside>
      </div>
    </div>
  );
}
