/**
 * 会议模式: the quarter, the frozen "as of" moment and the matrix read at
 * that moment (reports.matrix with asOf: the core rebuilds the values from
 * the history, so the numbers do not move during the meeting), and where the
 * presentation is.
 */
import { create } from 'zustand';
import type { ChannelOutput } from '../../../shared/contract';
import { invoke } from '../api/client';

export type Matrix = ChannelOutput<'reports.matrix'>;

interface MeetingState {
  /** The datetime-local text typed; '' = "now" at the moment the data is read. */
  asOfInput: string;
  frozen: { period: string; asOf: string; matrix: Matrix } | null;
  loading: boolean;
  /** When the current read began (ms). */
  loadingSince: number;
  error: string | null;
  presenting: boolean;
  index: number;
  setAsOfInput(v: string): void;
  /** Reads the matrix for `period` as of the chosen moment. */
  freeze(period: string): Promise<boolean>;
  start(index?: number): void;
  stop(): void;
  go(index: number, count: number): void;
}

/** "2026-04-20T09:30" in local time → ISO (UTC); '' or unreadable → now. */
export function asOfIso(input: string, now: Date = new Date()): string {
  if (!input) return now.toISOString();
  const d = new Date(input);
  return Number.isNaN(d.getTime()) ? now.toISOString() : d.toISOString();
}

/** The local datetime-local text of a moment: "2026-04-20T09:30". */
export function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export const useMeeting = create<MeetingState>((set, get) => ({
  asOfInput: '',
  frozen: null,
  loading: false,
  loadingSince: 0,
  error: null,
  presenting: false,
  index: 0,

  setAsOfInput(asOfInput) {
    set({ asOfInput });
  },

  async freeze(period) {
    const asOf = asOfIso(get().asOfInput);
    set({ loading: true, loadingSince: Date.now(), error: null });
    try {
      const matrix = await invoke('reports.matrix', { period, asOf });
      set({ frozen: { period, asOf, matrix }, loading: false, index: 0 });
      return true;
    } catch (e) {
      set({ loading: false, error: (e as Error)?.message ?? String(e) });
      return false;
    }
  },

  start(index = 0) {
    set({ presenting: true, index });
  },

  stop() {
    set({ presenting: false });
  },

  go(index, count) {
    set({ index: Math.max(0, Math.min(count - 1, index)) });
  },
}));
