/**
 * The renderer's one way to the core: invoke(channel, input), typed from the
 * channel table in shared/contract.ts.
 * - In the desktop app the preload exposes window.workstation.invoke (IPC).
 * - In browser mode it POSTs to /api/invoke with the per-run token that the
 *   server put into <meta name="workstation-token">.
 * Only types come from shared/contract (no zod in the page bundle).
 */
import type { Channel, ChannelInput, ChannelOutput, InvokeResult } from '../../../shared/contract';
import { t } from '../i18n';

declare global {
  interface Window {
    /** Set by electron/preload/index.ts; absent in browser mode. */
    workstation?: { invoke(channel: string, input: unknown, onProgress?: (p: Progress) => void): Promise<unknown> };
  }
}

/** How far a long request has got, as the core reports it (stage label, done of total). */
export interface Progress {
  done: number;
  total: number;
  label: string;
}

export interface InvokeOptions {
  onProgress?: (p: Progress) => void;
}

/** How often browser mode asks for progress while a request runs. */
const PROGRESS_POLL_MS = 400;

export class ApiError extends Error {
  constructor(
    public readonly kind: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function token(): string {
  return document.querySelector('meta[name="workstation-token"]')?.getAttribute('content') ?? '';
}

function isInvokeResult(v: unknown): v is InvokeResult<unknown> {
  if (!v || typeof v !== 'object' || !('ok' in v)) return false;
  const r = v as { ok: unknown; error?: { message?: unknown } };
  return r.ok === true || (r.ok === false && typeof r.error?.message === 'string');
}

let requests = 0;

/** Browser mode: asks /api/progress for request `id` until stopped. */
function pollProgress(id: string, onProgress: (p: Progress) => void): () => void {
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try {
      const res = await fetch('/api/progress', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Workstation-Token': token() },
        body: JSON.stringify({ id }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      const r = (await res.json()) as { ok?: boolean; value?: Progress | null };
      if (!stopped && r.ok && r.value) onProgress(r.value);
    } catch {
      // Progress is a courtesy: the request itself says how it ended.
    }
    if (!stopped) timer = setTimeout(() => void tick(), PROGRESS_POLL_MS);
  };
  let timer = setTimeout(() => void tick(), PROGRESS_POLL_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The raw result: never throws. */
export async function invokeResult<C extends Channel>(channel: C, input: ChannelInput<C>, options: InvokeOptions = {}): Promise<InvokeResult<ChannelOutput<C>>> {
  const { onProgress } = options;
  try {
    let raw: unknown;
    if (window.workstation) {
      raw = onProgress ? await window.workstation.invoke(channel, input, onProgress) : await window.workstation.invoke(channel, input);
    } else {
      const id = `p${++requests}-${Date.now().toString(36)}`;
      const stop = onProgress ? pollProgress(id, onProgress) : () => {};
      try {
        const res = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Workstation-Token': token(), ...(onProgress ? { 'X-Request-Id': id } : {}) },
          body: JSON.stringify({ channel, input }),
          credentials: 'same-origin',
          cache: 'no-store',
        });
        raw = await res.json().catch(() => null);
      } finally {
        stop();
      }
    }
    if (isInvokeResult(raw)) return raw as InvokeResult<ChannelOutput<C>>;
    return { ok: false, error: { kind: 'network', message: t('error.noBridge') } };
  } catch (e) {
    return { ok: false, error: { kind: 'network', message: window.workstation ? (e as Error)?.message ?? String(e) : t('error.network') } };
  }
}

/** The value, or an ApiError carrying the core's Chinese message. */
export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>, options: InvokeOptions = {}): Promise<ChannelOutput<C>> {
  const r = await invokeResult(channel, input, options);
  if (r.ok) return r.value;
  throw new ApiError(r.error.kind, r.error.message, r.error.details);
}
