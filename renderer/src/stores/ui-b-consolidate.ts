/**
 * 省级汇总: many cities' long-format files read together. Kept in a store so
 * the files, the comparison and the choices made so far are still there when
 * the person looks at another page meanwhile.
 *
 * The flow: files are added to a list → 比对 (consolidate.preview) → every
 * conflict gets a choice (keep the stored value / take file X) → 确认汇总
 * (consolidate.commit) → one batch per file, each undoable in 导入记录.
 * Changing the list after a comparison discards it (and its choices): what is
 * committed is always exactly what was compared.
 */
import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import { ApiError, invoke } from '../api/client';
import type { PickedFile } from '../api/files';
import { notifyDataChanged } from './data';
import { useImportStore } from './ui-b-import';

export type ConsolidationPreview = ChannelOutput<'consolidate.preview'>;
export type Conflict = ConsolidationPreview['conflicts'][number];
export type ConsolidationResult = ChannelOutput<'consolidate.commit'>;
/** 'store' keeps the stored value; a number takes that file's value (its index in the compared list). */
export type Choice = 'store' | number;

export type ConsolidatePhase = 'idle' | 'previewing' | 'ready' | 'committing' | 'committed';

export interface ConsolidateFile extends PickedFile {
  id: number;
}

interface ConsolidateState {
  files: ConsolidateFile[];
  phase: ConsolidatePhase;
  /** When the current work began (ms), for the elapsed-seconds line. */
  started: number;
  preview: ConsolidationPreview | null;
  /** The paths the preview was made of, in order (fileIndex refers to these). */
  compared: string[];
  choices: Record<string, Choice>;
  result: ConsolidationResult | null;
  error: string | null;
  add(files: PickedFile[]): void;
  remove(id: number): void;
  clear(): void;
  compare(): Promise<void>;
  choose(key: string, choice: Choice): void;
  /** 全部保留库中值 (where one is stored; the others stay open) / 全部采用最新文件 (the last file in the list giving the value). */
  chooseAll(how: 'store' | 'latest'): void;
  commit(): Promise<void>;
  dismissError(): void;
}

let nextId = 1;
const message = (e: unknown) => (e as Error)?.message ?? String(e);

/** Is this a consolidation preview (the details of a refused commit carry a fresh one)? */
function isPreview(v: unknown): v is ConsolidationPreview {
  const p = v as Partial<ConsolidationPreview> | null;
  return !!p && typeof p === 'object' && Array.isArray(p.files) && Array.isArray(p.conflicts) && typeof p.newValues === 'number';
}

/** The choices that still fit a (fresh) preview: a conflict still there, a choice it offers. */
function keepValid(choices: Record<string, Choice>, preview: ConsolidationPreview): Record<string, Choice> {
  const out: Record<string, Choice> = {};
  for (const c of preview.conflicts) {
    const ch = choices[c.key];
    if (ch === undefined) continue;
    if (ch === 'store' ? c.store !== null : c.candidates.some((x) => x.fileIndex === ch)) out[c.key] = ch;
  }
  return out;
}

export const useConsolidateStore = create<ConsolidateState>((set, get) => {
  /** The list changed: what was compared no longer stands. */
  const listChanged = (files: ConsolidateFile[]) =>
    set({ files, phase: 'idle', preview: null, compared: [], choices: {}, result: null, error: null });

  return {
    files: [],
    phase: 'idle',
    started: 0,
    preview: null,
    compared: [],
    choices: {},
    result: null,
    error: null,

    add(picked) {
      const s = get();
      if (s.phase === 'previewing' || s.phase === 'committing') return;
      const base = s.phase === 'committed' ? [] : s.files;
      const have = new Set(base.map((f) => f.path));
      const added = picked.filter((f) => !have.has(f.path)).map((f) => ({ ...f, id: nextId++ }));
      if (added.length === 0 && s.phase !== 'committed') return;
      listChanged([...base, ...added]);
    },

    remove(id) {
      const s = get();
      if (s.phase === 'previewing' || s.phase === 'committing') return;
      listChanged(s.files.filter((f) => f.id !== id));
    },

    clear() {
      const s = get();
      if (s.phase === 'previewing' || s.phase === 'committing') return;
      listChanged([]);
    },

    async compare() {
      const files = get().files.map((f) => f.path);
      if (files.length === 0) return;
      set({ phase: 'previewing', started: Date.now(), error: null, preview: null, compared: [], choices: {}, result: null });
      try {
        const preview = await invoke('consolidate.preview', { files });
        // The list may have changed meanwhile (it cannot from this page, but be safe).
        if (get().files.map((f) => f.path).join('\n') !== files.join('\n')) return;
        set({ phase: 'ready', preview, compared: files });
      } catch (e) {
        set({ phase: 'idle', error: message(e) });
      }
    },

    choose(key, choice) {
      if (get().phase !== 'ready') return;
      set((s) => ({ choices: { ...s.choices, [key]: choice } }));
    },

    chooseAll(how) {
      const { preview, phase } = get();
      if (!preview || phase !== 'ready') return;
      set((s) => {
        const choices = { ...s.choices };
        for (const c of preview.conflicts) {
          // Where nothing is stored, 全部保留库中值 leaves the choice to the person.
          if (how === 'store') {
            if (c.store) choices[c.key] = 'store';
          } else choices[c.key] = Math.max(...c.candidates.map((x) => x.fileIndex));
        }
        return { choices };
      });
    },

    async commit() {
      const { compared, preview, choices } = get();
      if (!preview || compared.length === 0) return;
      const resolutions = preview.conflicts.filter((c) => choices[c.key] !== undefined).map((c) => ({ key: c.key, choose: choices[c.key]! }));
      set({ phase: 'committing', started: Date.now(), error: null });
      try {
        const result = await invoke('consolidate.commit', { files: compared, resolutions });
        set({ phase: 'committed', result, preview: result.preview });
        notifyDataChanged();
        useImportStore.getState().bump();
      } catch (e) {
        // Refused as a whole: nothing was written. A fresh comparison may come with it (the data moved meanwhile).
        const fresh = e instanceof ApiError && isPreview(e.details) ? e.details : null;
        set((s) => ({
          phase: 'ready',
          error: message(e),
          preview: fresh ?? s.preview,
          choices: fresh ? keepValid(s.choices, fresh) : s.choices,
        }));
      }
    },

    dismissError() {
      set({ error: null });
    },
  };
});
