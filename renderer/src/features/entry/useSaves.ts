import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { Observation } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { useT } from '../../i18n';
import { notifyDataChanged } from '../../stores/data';
import { useEntryUndo, type EntryChange, type EntryStep } from '../../stores/ui-b-entry';
import { localTime } from '../ui-b/common';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string };

/**
 * Saving 数据录入's changes, with undo and redo. Each step (a cell, or a
 * whole paste) is one or more observations.set calls; saves, undos and redos
 * run one after another in the order they were made. An undo writes the
 * values from before back — itself a save with a reason, so the value
 * history shows both. `historyRevision` moves on after every save that wrote
 * something (the history panel reads again).
 */
export function useSaves({ region, period, setValues, reload }: { region: string | null; period: string; setValues: Dispatch<SetStateAction<Map<string, Observation>>>; reload(): Promise<void> }) {
  const t = useT();
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [historyRevision, setHistoryRevision] = useState(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const { record, undone, redone, takeUndo, takeRedo } = useEntryUndo();
  const canUndo = useEntryUndo((s) => s.undo.length > 0);
  const canRedo = useEntryUndo((s) => s.redo.length > 0);

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
    [region, period, setValues],
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

  return { save, setSave, historyRevision, doStep, undo, redo, canUndo, canRedo };
}
