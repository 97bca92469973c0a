/**
 * 数据录入: a keyboard-first grid of one region's values for one quarter.
 * Rows are the indicators grouped by area; 本期值 and 备注 are typed into.
 *
 *   ↑ ↓ ← →      move            Enter / F2 / typing   edit
 *   Enter        save, move down  Tab / Shift+Tab       save, move right/left
 *   Esc          cancel           Delete                clear the cell
 *   Ctrl+Z / Ctrl+Y  undo / redo of saves               Ctrl+V  paste a block from Excel
 *
 * A typed value is read by shared/values.ts readValue — the same rules as an
 * imported return (1.5天, full-width digits, 65%…); a refused one stays in its
 * cell, outlined red, with the reason. Each save is one observations.set, and
 * lands in the value history shown beside the grid.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { HistoryEntry, IndicatorView, Observation } from '../../../../shared/contract';
import { parsePeriod, previousQuarter } from '../../../../shared/periods';
import { status as statusOf, type Status } from '../../../../shared/scoring';
import { targetInForce } from '../../../../shared/targets';
import { readValue } from '../../../../shared/values';
import { invoke } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { notifyDataChanged } from '../../stores/data';
import { useEntryUndo, type CellState, type EntryChange, type EntryStep } from '../../stores/ui-b-entry';
import { useUiBSelection } from '../../stores/ui-b-selection';
import {
  fmtNumber,
  localTime,
  Notice,
  quarterText,
  regionName,
  StatusBadge,
  targetText,
  valueText,
} from '../ui-b/common';
import { parseTsv } from './tsv';
import './entry.css';

type Col = 0 | 1;

interface Draft {
  text: string;
  error?: string;
  warning?: string;
}

interface Row {
  ind: IndicatorView;
  index: number;
}

interface Group {
  area: string;
  rows: Row[];
}

const cellKey = (code: string, col: Col) => `${code}|${col}`;
const cellId = (code: string, col: Col) => `ub-cell-${code.replace(/[^A-Za-z0-9_-]/g, '_')}-${col}`;

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string };

export default function EntryPage() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const catalogueLoad = useCatalogue((s) => s.catalogue);
  const regions = useCatalogue((s) => s.regions);
  const loadCatalogue = useCatalogue((s) => s.load);
  const { region: selRegion, period } = useUiBSelection();
  const region = selRegion && regions.some((r) => r.code === selRegion) ? selRegion : (regions.find((r) => r.kind === 'province') ?? regions[0])?.code ?? null;

  useEffect(() => {
    void loadCatalogue();
  }, [loadCatalogue]);

  const catalogue = catalogueLoad.status === 'ready' ? catalogueLoad.value : null;
  const groups = useMemo<Group[]>(() => {
    if (!catalogue) return [];
    let index = 0;
    return catalogue.areas
      .map((a) => ({
        area: locale === 'en' ? a.nameEn || a.name : a.name,
        rows: catalogue.indicators.filter((i) => !i.retired && i.areaCode === a.code).map((ind) => ({ ind, index: 0 })),
      }))
      .filter((g) => g.rows.length > 0)
      .map((g) => ({ ...g, rows: g.rows.map((r) => ({ ...r, index: index++ })) }));
  }, [catalogue, locale]);
  const rows = useMemo(() => groups.flatMap((g) => g.rows.map((r) => r.ind)), [groups]);

  // Values of this quarter and the one before, and whether the quarter is locked.
  const [values, setValues] = useState<Map<string, Observation>>(new Map());
  const [previous, setPrevious] = useState<Map<string, number>>(new Map());
  const [locked, setLocked] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [drafts, setDrafts] = useState<Map<string, Draft>>(new Map());
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [historyRevision, setHistoryRevision] = useState(0);

  const prevPeriod = useMemo(() => {
    const p = parsePeriod(period);
    return p ? previousQuarter(p).code : period;
  }, [period]);

  const reload = useCallback(async () => {
    if (!region) return;
    setLoading(true);
    try {
      const [cur, prev, tracker] = await Promise.all([
        invoke('observations.list', { region, period }),
        invoke('observations.list', { region, period: prevPeriod }),
        invoke('tracker.list', { period }),
      ]);
      setValues(new Map(cur.map((o) => [o.indicator, o])));
      setPrevious(new Map(prev.map((o) => [o.indicator, o.value])));
      setLocked(tracker.find((r) => r.region === region)?.state === 'approved');
      setLoadError(null);
    } catch (e) {
      setLoadError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [region, period, prevPeriod]);

  useEffect(() => {
    setDrafts(new Map());
    setSave({ kind: 'idle' });
    void reload();
  }, [reload]);

  // Cursor and editing.
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

  const focusGrid = () => gridRef.current?.focus({ preventScroll: true });

  // Saves run one after another, in the order they were made.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const { record, undone, redone, takeUndo, takeRedo } = useEntryUndo();
  const canUndo = useEntryUndo((s) => s.undo.length > 0);
  const canRedo = useEntryUndo((s) => s.redo.length > 0);

  const stateOf = (code: string): CellState => {
    const o = values.get(code);
    return { value: o ? o.value : null, note: o ? o.note : '' };
  };

  /** Runs `work` after every save queued before it (saves, undos and redos keep their order). */
  const enqueue = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const job = queue.current.then(work);
    queue.current = job.catch(() => undefined);
    return job;
  }, []);

  /** Writes the changes' `after` (or `before`, for an undo); resolves to the changes saved. Call inside enqueue(). */
  const write = useCallback(
    async (changes: EntryChange[], side: 'after' | 'before', reason?: string): Promise<EntryChange[]> => {
      setSave({ kind: 'saving' });
      const done: EntryChange[] = [];
      try {
        for (const c of changes) {
          const s = c[side];
          await invoke('observations.set', {
            indicator: c.indicator,
            region: c.region,
            period: c.period,
            value: s.value,
            note: s.note,
            ...(reason ? { reason } : {}),
          });
          done.push(c);
          if (c.region === region && c.period === period) {
            setValues((m) => {
              const next = new Map(m);
              if (s.value === null) next.delete(c.indicator);
              else {
                const old = m.get(c.indicator);
                next.set(c.indicator, {
                  ...(old ?? {
                    indicator: c.indicator,
                    region: c.region,
                    period: c.period,
                    sourceKind: 'manual' as const,
                    batchId: null,
                    fileName: null,
                    sheet: null,
                    cell: null,
                    updatedBy: '',
                  }),
                  value: s.value,
                  note: s.note,
                  sourceKind: 'manual',
                  updatedAt: new Date().toISOString(),
                });
              }
              return next;
            });
          }
        }
        setSave({ kind: 'saved', at: localTime(new Date().toISOString(), true) });
      } catch (e) {
        setSave({ kind: 'error', message: (e as Error).message });
      }
      if (done.length) {
        notifyDataChanged();
        setHistoryRevision((n) => n + 1);
      }
      return done;
    },
    [region, period],
  );

  const doStep = useCallback(
    (step: EntryStep) =>
      enqueue(async () => {
        const done = await write(step.changes, 'after');
        record({ ...step, changes: done });
      }),
    [enqueue, write, record],
  );

  const undo = useCallback(
    () =>
      enqueue(async () => {
        const step = takeUndo();
        if (!step) return;
        const done = await write([...step.changes].reverse(), 'before', t('ub.entry.undoReason'));
        if (done.length) undone({ ...step, changes: [...done].reverse() });
        await reload();
      }),
    [enqueue, takeUndo, write, undone, reload, t],
  );

  const redo = useCallback(
    () =>
      enqueue(async () => {
        const step = takeRedo();
        if (!step) return;
        const done = await write(step.changes, 'after', t('ub.entry.redoReason'));
        if (done.length) redone({ ...step, changes: done });
        await reload();
      }),
    [enqueue, takeRedo, write, redone, reload, t],
  );

  const setDraft = (key: string, d: Draft | null) =>
    setDrafts((m) => {
      const next = new Map(m);
      if (d) next.set(key, d);
      else next.delete(key);
      return next;
    });

  /**
   * Reads what was typed into a cell. Returns the change to save (null when
   * nothing changes or the text is refused; the draft then shows why).
   */
  const readCell = (ind: IndicatorView, col: Col, text: string, base: CellState): { next: CellState | null; refused: boolean } => {
    const key = cellKey(ind.code, col);
    if (col === 1) {
      const note = text.trim();
      if (note === base.note) {
        setDraft(key, null);
        return { next: null, refused: false };
      }
      if (base.value === null) {
        setDraft(key, { text, error: t('ub.entry.noteNeedsValue') });
        return { next: null, refused: true };
      }
      setDraft(key, null);
      return { next: { value: base.value, note }, refused: false };
    }
    const reading = readValue({ type: 'string', value: text }, { unit: ind.unit, direction: ind.direction });
    switch (reading.kind) {
      case 'rejected':
        setDraft(key, { text, error: reading.message });
        return { next: null, refused: true };
      case 'empty':
        setDraft(key, null);
        return { next: base.value === null ? null : { value: null, note: base.note }, refused: false };
      case 'placeholder':
        setDraft(key, { text: '', warning: reading.warning });
        return { next: base.value === null ? null : { value: null, note: base.note }, refused: false };
      case 'value':
        setDraft(key, reading.warning ? { text: '', warning: reading.warning } : null);
        return { next: base.value === reading.value ? null : { value: reading.value, note: base.note }, refused: false };
    }
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

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const pending = editingRef.current;
    if (pending) {
      // Typed before the cell's input took the focus: keep the keystroke.
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        setEditing({ text: pending.text + e.key });
      }
      return;
    }
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && !e.altKey) {
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redo();
      }
      return;
    }
    switch (e.key) {
      case 'ArrowUp':
        e.preventDefault();
        move(-1, 0);
        return;
      case 'ArrowDown':
        e.preventDefault();
        move(1, 0);
        return;
      case 'ArrowLeft':
        e.preventDefault();
        move(0, -1);
        return;
      case 'ArrowRight':
        e.preventDefault();
        move(0, 1);
        return;
      case 'PageDown':
        e.preventDefault();
        move(10, 0);
        return;
      case 'PageUp':
        e.preventDefault();
        move(-10, 0);
        return;
      case 'Home':
        e.preventDefault();
        setCursor((c) => ({ row: e.ctrlKey ? 0 : c.row, col: 0 }));
        return;
      case 'End':
        e.preventDefault();
        setCursor((c) => ({ row: e.ctrlKey ? rows.length - 1 : c.row, col: 1 }));
        return;
      case 'Tab':
        e.preventDefault();
        move(0, e.shiftKey ? -1 : 1, true);
        return;
      case 'Enter':
      case 'F2':
        e.preventDefault();
        startEdit();
        return;
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        clearCell();
        return;
      default:
        if (e.key.length === 1 && !e.altKey) {
          e.preventDefault();
          startEdit(e.key);
        }
    }
  };

  const onEditKey = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        finishEdit('commit', () => move(e.shiftKey ? -1 : 1, 0));
        return;
      case 'Tab':
        e.preventDefault();
        finishEdit('commit', () => move(0, e.shiftKey ? -1 : 1, true));
        return;
      case 'Escape':
        e.preventDefault();
        finishEdit('cancel');
        return;
      case 'ArrowUp':
      case 'ArrowDown':
        e.preventDefault();
        finishEdit('commit', () => move(e.key === 'ArrowUp' ? -1 : 1, 0));
        return;
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing || !region) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    const block = parseTsv(text);
    const changes: EntryChange[] = [];
    let refused = 0;
    block.forEach((cells, r) => {
      const ind = rows[row + r];
      if (!ind) return;
      const before = stateOf(ind.code);
      let after: CellState = { ...before };
      let changed = false;
      cells.forEach((raw, c) => {
        const col = cursor.col + c;
        if (col > 1) return;
        const read = readCell(ind, col as Col, raw, after);
        if (read.next) {
          after = read.next;
          changed = true;
        }
        if (read.refused) refused += 1;
      });
      if (changed) changes.push({ indicator: ind.code, region, period, before, after });
    });
    if (changes.length) void doStep({ label: t('ub.entry.pasteLabel', { n: changes.length }), changes });
    if (refused) setSave({ kind: 'error', message: t('ub.entry.pasteRefused', { n: refused }) });
  };

  // History of the focused cell.
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  useEffect(() => {
    if (!focused || !region) return;
    let live = true;
    const id = setTimeout(() => {
      invoke('observations.history', { indicator: focused.code, region, period, limit: 50 })
        .then((h) => live && setHistory(h))
        .catch(() => live && setHistory([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [focused, region, period, historyRevision]);

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
            onKeyDown={onGridKey}
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
                  {g.rows.map(({ ind, index }) => {
                    const obs = values.get(ind.code);
                    const target = targetInForce(ind.targets, period, region);
                    const vDraft = drafts.get(cellKey(ind.code, 0));
                    const nDraft = drafts.get(cellKey(ind.code, 1));
                    const st: Status = statusOf(obs ? obs.value : null, target, ind.direction);
                    const active = index === row;
                    const cell = (col: Col) => {
                      const draft = col === 0 ? vDraft : nDraft;
                      const isCursor = active && cursor.col === col;
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
                          onMouseDown={(e) => {
                            if (editing && isCursor) return;
                            e.preventDefault();
                            if (editing) finishEdit('commit');
                            setCursor({ row: index, col });
                            focusGrid();
                          }}
                          onDoubleClick={() => startEdit()}
                        >
                          {isCursor && editing ? (
                            <input
                              ref={editRef}
                              className="ub-cell-input"
                              value={editing.text}
                              aria-label={`${ind.name} ${col === 0 ? t('ub.entry.col.value') : t('ub.entry.col.note')}`}
                              onChange={(e) => setEditing({ text: e.target.value })}
                              onPaste={(e) => e.stopPropagation()}
                              onKeyDown={onEditKey}
                              onBlur={() => finishEdit('commit')}
                            />
                          ) : (
                            shown
                          )}
                        </td>
                      );
                    };
                    return (
                      <tr key={ind.code} role="row" className={active ? 'ub-row-active' : undefined} aria-rowindex={index + 2}>
                        <th scope="row" className="ub-c-name" role="rowheader" onMouseDown={() => setCursor({ row: index, col: cursor.col })}>
                          <span className="ub-code">{ind.code}</span> {locale === 'en' ? ind.nameEn || ind.name : ind.name}
                        </th>
                        <td className="ub-c-unit">{ind.direction === 'milestone' ? t('ub.entry.milestoneUnit') : ind.unit}</td>
                        <td className="ub-c-target">{targetText(target, ind, t)}</td>
                        <td className="ub-c-num ub-muted">{previous.has(ind.code) ? fmtNumber(previous.get(ind.code), Math.max(ind.precision, 6)) : '—'}</td>
                        {cell(0)}
                        {cell(1)}
                        <td className="ub-c-status">{vDraft?.error ? <span className="ub-status ub-status-invalid">{t('ub.entry.invalid')}</span> : <StatusBadge status={st} />}</td>
                      </tr>
                    );
                  })}
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

function SaveStatus({ state }: { state: SaveState }) {
  const t = useT();
  if (state.kind === 'idle') return <span className="ub-save-status" data-testid="save-status" />;
  if (state.kind === 'saving') return <span className="ub-save-status ub-muted" data-testid="save-status">{t('ub.entry.saving')}</span>;
  if (state.kind === 'saved')
    return (
      <span className="ub-save-status ub-ok" data-testid="save-status">
        ✓ {t('ub.entry.saved')} <span className="ub-muted">{state.at}</span>
      </span>
    );
  return (
    <span className="ub-save-status ub-error-text" role="alert" data-testid="save-status">
      {state.message}
    </span>
  );
}

const SOURCE_KEYS: Record<string, string> = {
  manual: 'ub.source.manual',
  import: 'ub.source.import',
  seed: 'ub.source.seed',
  undo: 'ub.source.undo',
  restore: 'ub.source.restore',
};

function SidePanel({
  ind,
  obs,
  previous,
  target,
  draft,
  history,
}: {
  ind: IndicatorView;
  obs: Observation | undefined;
  previous: number | undefined;
  target: ReturnType<typeof targetInForce>;
  draft: Draft | undefined;
  history: HistoryEntry[] | null;
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const mine = history?.filter((h) => h.indicator === ind.code) ?? null;
  // Values as typed (the grid shows them unrounded too).
  const exact = { ...ind, precision: Math.max(ind.precision, 6) };
  return (
    <div className="ub-side-inner">
      <h3>{locale === 'en' ? ind.nameEn || ind.name : ind.name}</h3>
      <dl className="ub-facts">
        <dt>{t('ub.entry.code')}</dt>
        <dd>{ind.code}</dd>
        <dt>{t('ub.entry.col.unit')}</dt>
        <dd>{ind.direction === 'milestone' ? t('ub.entry.milestoneUnit') : ind.unit}</dd>
        <dt>{t('ub.entry.direction')}</dt>
        <dd>{t(`ub.direction.${ind.direction}`)}</dd>
        <dt>{t('ub.entry.col.target')}</dt>
        <dd>{targetText(target, ind, t)}</dd>
        <dt>{t('ub.entry.col.previous')}</dt>
        <dd>{valueText(previous ?? null, exact, t)}</dd>
        <dt>{t('ub.entry.col.value')}</dt>
        <dd>{valueText(obs?.value ?? null, exact, t)}</dd>
        {ind.leadUnits.length > 0 && (
          <>
            <dt>{t('ub.entry.leadUnits')}</dt>
            <dd>{ind.leadUnits.join('、')}</dd>
          </>
        )}
      </dl>
      {draft?.error && <p className="ub-error-text">{draft.error}</p>}
      {draft?.warning && <p className="ub-warning-text">{draft.warning}</p>}
      <h4>{t('ub.entry.history')}</h4>
      {mine === null ? (
        <p className="ub-muted">{t('ub.loading')}</p>
      ) : mine.length === 0 ? (
        <p className="ub-muted">{t('ub.entry.noHistory')}</p>
      ) : (
        <ol className="ub-history">
          {mine.map((h) => (
            <li key={h.id}>
              <div className="ub-history-change">
                <span>{valueText(h.oldValue, exact, t)}</span> → <strong>{valueText(h.newValue, exact, t)}</strong>
              </div>
              <div className="ub-muted ub-history-meta">
                {localTime(h.changedAt, true)} · {t(SOURCE_KEYS[h.sourceKind] ?? 'ub.source.other')} · {h.osUser}
                {h.fileName ? ` · ${h.fileName}${h.cell ? ` ${h.cell}` : ''}` : ''}
              </div>
              {h.reason && <div className="ub-history-reason">{h.reason}</div>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
