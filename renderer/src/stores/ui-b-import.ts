/**
 * 填报与导入: the files being imported, their previews and results. Kept in a
 * store so that work started on the page goes on (and is still there) when
 * the person looks at another page meanwhile.
 */
import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import { invoke, type Progress } from '../api/client';
import type { PickedFile } from '../api/files';
import { notifyDataChanged } from './data';

export type ImportReport = ChannelOutput<'import.preview'>;
export type UndoResult = ChannelOutput<'import.undo'>;

export type ImportPhase = 'previewing' | 'ready' | 'committing' | 'committed' | 'undoing' | 'undone' | 'failed';

export interface ImportItem {
  id: number;
  name: string;
  path: string;
  phase: ImportPhase;
  /** When the current work began (ms), for the elapsed-seconds line. */
  started: number;
  preview?: ImportReport;
  result?: ImportReport;
  undo?: UndoResult;
  error?: string;
  /** How far the current work has got, as the core reports it (absent until it says). */
  progress?: Progress;
}

export type ImportTab = 'import' | 'template' | 'batches' | 'tracker' | 'consolidate';

interface ImportState {
  tab: ImportTab;
  items: ImportItem[];
  selected: number | null;
  /** Bumped after a commit or an undo: the batch list and tracker re-read. */
  revision: number;
  setTab(tab: ImportTab): void;
  add(files: PickedFile[]): void;
  select(id: number): void;
  remove(id: number): void;
  preview(id: number): Promise<void>;
  commit(id: number): Promise<void>;
  undo(id: number): Promise<void>;
  /** A batch undone elsewhere (导入记录): the file that made it shows so. */
  undoneElsewhere(result: UndoResult): void;
  bump(): void;
}

let nextId = 1;
const message = (e: unknown) => (e as Error)?.message ?? String(e);

export const useImportStore = create<ImportState>((set, get) => {
  const patch = (id: number, p: Partial<ImportItem>) => set((s) => ({ items: s.items.map((i) => (i.id === id ? { ...i, ...p } : i)) }));
  const item = (id: number) => get().items.find((i) => i.id === id);
  // Previews run one file at a time, in the order the files were added.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    tab: 'import',
    items: [],
    selected: null,
    revision: 0,

    setTab(tab) {
      set({ tab });
    },

    add(files) {
      const added = files.map((f) => ({ id: nextId++, name: f.name, path: f.path, phase: 'previewing' as const, started: Date.now() }));
      if (added.length === 0) return;
      set((s) => ({ items: [...s.items, ...added], selected: added[0]!.id }));
      for (const a of added) queue = queue.then(() => get().preview(a.id)).catch(() => undefined);
    },

    select(id) {
      set({ selected: id });
    },

    remove(id) {
      set((s) => {
        const items = s.items.filter((i) => i.id !== id);
        return { items, selected: s.selected === id ? (items.at(-1)?.id ?? null) : s.selected };
      });
    },

    async preview(id) {
      const it = item(id);
      if (!it) return;
      patch(id, { phase: 'previewing', started: Date.now(), error: undefined, result: undefined, undo: undefined, progress: undefined });
      try {
        const preview = await invoke('import.preview', { file: it.path }, { onProgress: (progress) => patch(id, { progress }) });
        patch(id, { phase: 'ready', preview });
      } catch (e) {
        patch(id, { phase: 'failed', error: message(e) });
      }
    },

    async commit(id) {
      const it = item(id);
      if (!it) return;
      patch(id, { phase: 'committing', started: Date.now(), error: undefined, progress: undefined });
      try {
        const result = await invoke('import.commit', { file: it.path }, { onProgress: (progress) => patch(id, { progress }) });
        if (result.batchId) {
          patch(id, { phase: 'committed', result, preview: result });
          notifyDataChanged();
          set((s) => ({ revision: s.revision + 1 }));
        } else {
          // Refused (the data moved since the preview) or nothing to write: show the fresh report.
          patch(id, { phase: 'ready', preview: result, result });
        }
      } catch (e) {
        patch(id, { phase: 'ready', error: message(e) });
      }
    },

    async undo(id) {
      const it = item(id);
      const batchId = it?.result?.batchId;
      if (!it || !batchId) return;
      patch(id, { phase: 'undoing', started: Date.now(), error: undefined, progress: undefined });
      try {
        const undo = await invoke('import.undo', { batchId });
        patch(id, { phase: 'undone', undo });
        notifyDataChanged();
        set((s) => ({ revision: s.revision + 1 }));
      } catch (e) {
        patch(id, { phase: 'committed', error: message(e) });
      }
    },

    undoneElsewhere(undo) {
      set((s) => ({
        items: s.items.map((i) => (i.result?.batchId === undo.batchId && i.phase === 'committed' ? { ...i, phase: 'undone' as const, undo } : i)),
        revision: s.revision + 1,
      }));
    },

    bump() {
      set((s) => ({ revision: s.revision + 1 }));
    },
  };
});
