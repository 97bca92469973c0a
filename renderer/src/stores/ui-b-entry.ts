/**
 * Undo/redo of 数据录入 saves. Every step is one or more observations.set
 * calls (a paste is one step); undoing writes the previous values back —
 * itself a save, so the value history shows both.
 */
import { create } from 'zustand';

export interface CellState {
  /** null: no value. */
  value: number | null;
  note: string;
}

export interface EntryChange {
  indicator: string;
  region: string;
  period: string;
  before: CellState;
  after: CellState;
}

export interface EntryStep {
  label: string;
  changes: EntryChange[];
}

interface EntryUndoState {
  undo: EntryStep[];
  redo: EntryStep[];
  /** A new step: the redo list is dropped. */
  record(step: EntryStep): void;
  /** The step undone successfully: it can be redone. */
  undone(step: EntryStep): void;
  /** The step redone successfully: it can be undone again. */
  redone(step: EntryStep): void;
  takeUndo(): EntryStep | undefined;
  takeRedo(): EntryStep | undefined;
}

const LIMIT = 200;

export const useEntryUndo = create<EntryUndoState>((set, get) => ({
  undo: [],
  redo: [],
  record(step) {
    if (step.changes.length === 0) return;
    set((s) => ({ undo: [...s.undo, step].slice(-LIMIT), redo: [] }));
  },
  undone(step) {
    set((s) => ({ redo: [...s.redo, step].slice(-LIMIT) }));
  },
  redone(step) {
    set((s) => ({ undo: [...s.undo, step].slice(-LIMIT) }));
  },
  takeUndo() {
    const step = get().undo.at(-1);
    if (step) set((s) => ({ undo: s.undo.slice(0, -1) }));
    return step;
  },
  takeRedo() {
    const step = get().redo.at(-1);
    if (step) set((s) => ({ redo: s.redo.slice(0, -1) }));
    return step;
  },
}));
