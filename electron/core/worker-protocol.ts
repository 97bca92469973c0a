import type { InvokeResult } from '../../shared/contract';

/** What the shell hands the core worker at start. */
export interface WorkerStart {
  dbFile: string;
  /** better-sqlite3 built for the host's ABI (Electron); null = the one npm built. */
  nativeBinding: string | null;
}

export type WorkerRequest =
  | { type: 'invoke'; id: number; channel: string; input: unknown }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'ready'; dbFile: string }
  | { type: 'failed'; message: string }
  | { type: 'progress'; id: number; done: number; total: number; label: string }
  | { type: 'result'; id: number; result: InvokeResult<unknown> }
  | { type: 'closed' };
