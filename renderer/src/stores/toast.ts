/** Short messages at the bottom of the window, optionally with an action (撤销). */
import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
  action?: { label: string; run: () => void | Promise<void> };
  /** ms; 0 keeps it until closed. */
  timeout: number;
}

interface ToastState {
  toasts: Toast[];
  push(t: Omit<Toast, 'id' | 'timeout'> & { timeout?: number }): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(t) {
    const id = nextId++;
    const timeout = t.timeout ?? (t.kind === 'error' ? 0 : t.action ? 10_000 : 5_000);
    set((s) => ({ toasts: [...s.toasts.slice(-3), { ...t, id, timeout }] }));
    if (timeout > 0) setTimeout(() => get().dismiss(id), timeout);
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) }));
  },
}));

export function toast(message: string, kind: Toast['kind'] = 'success', action?: Toast['action']): number {
  return useToasts.getState().push({ message, kind, action });
}
