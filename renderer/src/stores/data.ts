/**
 * The period matrix (reports.matrix: every region × indicator with status,
 * score, rank, trend) and the returns tracker, cached per quarter. Pages
 * refresh in the background when they open; after any write call
 * `notifyDataChanged()` (UI-B: after an import, an entry, an undo).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import { invoke } from '../api/client';
import { useCatalogue } from './catalogue';
import { errorMessage, type Load } from './load';

export type Matrix = ChannelOutput<'reports.matrix'>;
export type MatrixCell = Matrix['cells'][number];
export type TrackerRow = ChannelOutput<'tracker.list'>[number];

interface DataState {
  matrices: Record<string, Load<Matrix>>;
  trackers: Record<string, Load<TrackerRow[]>>;
  /** Bumped by notifyDataChanged(): components that fetch on their own re-fetch. */
  revision: number;
  loadMatrix(period: string, opts?: { refresh?: boolean }): Promise<Matrix | null>;
  loadTracker(period: string, opts?: { refresh?: boolean }): Promise<TrackerRow[] | null>;
  invalidate(): void;
}

const pending = new Map<string, Promise<unknown>>();

function cached<T>(
  key: string,
  get: () => Load<T> | undefined,
  put: (l: Load<T>) => void,
  fetch: () => Promise<T>,
  refresh: boolean,
): Promise<T | null> {
  const cur = get();
  if (cur?.status === 'ready' && !refresh) return Promise.resolve(cur.value);
  const running = pending.get(key) as Promise<T | null> | undefined;
  if (running) return running;
  put(cur?.status === 'ready' ? { ...cur, refreshing: true } : { status: 'loading' });
  const p = fetch()
    .then((value) => {
      put({ status: 'ready', value });
      return value;
    })
    .catch((e: unknown) => {
      const prev = get();
      // A failed background refresh keeps what is on screen.
      if (prev?.status === 'ready') {
        put({ status: 'ready', value: prev.value });
        return prev.value;
      }
      put({ status: 'error', message: errorMessage(e) });
      return null;
    })
    .finally(() => pending.delete(key));
  pending.set(key, p);
  return p;
}

export const useData = create<DataState>((set, get) => ({
  matrices: {},
  trackers: {},
  revision: 0,

  loadMatrix(period, opts = {}) {
    return cached<Matrix>(
      `m|${period}`,
      () => get().matrices[period],
      (l) => set((s) => ({ matrices: { ...s.matrices, [period]: l } })),
      () => invoke('reports.matrix', { period }),
      opts.refresh ?? false,
    );
  },

  loadTracker(period, opts = {}) {
    return cached<TrackerRow[]>(
      `t|${period}`,
      () => get().trackers[period],
      (l) => set((s) => ({ trackers: { ...s.trackers, [period]: l } })),
      () => invoke('tracker.list', { period }),
      opts.refresh ?? false,
    );
  },

  invalidate() {
    // Keep what is on screen (marked stale by dropping other periods); the open page refreshes.
    set((s) => ({ matrices: {}, trackers: {}, revision: s.revision + 1 }));
  },
}));

/** Call after anything that changes values, targets or the catalogue. */
export function notifyDataChanged(opts: { catalogue?: boolean } = {}): void {
  useData.getState().invalidate();
  useCatalogue.getState().invalidateObservations();
  if (opts.catalogue) void useCatalogue.getState().load(true);
}

/** The matrix of a period, fetched when the component mounts or the period or data change (cached value shown meanwhile). */
export function useMatrix(period: string | null): Load<Matrix> | undefined {
  const load = useData((s) => (period ? s.matrices[period] : undefined));
  const revision = useData((s) => s.revision);
  const loadMatrix = useData((s) => s.loadMatrix);
  useEffect(() => {
    if (period) void loadMatrix(period, { refresh: true });
  }, [period, revision, loadMatrix]);
  return load;
}

/** The returns tracker of a period, like useMatrix. */
export function useTracker(period: string | null): Load<TrackerRow[]> | undefined {
  const load = useData((s) => (period ? s.trackers[period] : undefined));
  const revision = useData((s) => s.revision);
  const loadTracker = useData((s) => s.loadTracker);
  useEffect(() => {
    if (period) void loadTracker(period, { refresh: true });
  }, [period, revision, loadTracker]);
  return load;
}
