/**
 * Starts the core worker and talks to it: invoke(channel, input) → the same
 * InvokeResult the in-process dispatch gives, with progress on the side.
 * Used by the desktop shell; tested under plain Node.
 */
import { Worker } from 'node:worker_threads';
import type { InvokeResult } from '../../shared/contract';
import type { WorkerReply, WorkerRequest, WorkerStart } from './worker-protocol';

export interface CoreWorker {
  ready: Promise<string>;
  invoke(channel: string, input: unknown, onProgress?: (done: number, total: number, label: string) => void): Promise<InvokeResult<unknown>>;
  close(): Promise<void>;
}

/**
 * `script` is the bundled worker (out/main/core-worker.js) in the desktop
 * app; under plain Node (tests) it may be the TypeScript source, which then
 * runs through tsx's require hook.
 */
export function startCoreWorker(script: string, start: WorkerStart): CoreWorker {
  const worker = script.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, workerData: start })
    : new Worker(script, { workerData: start });
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: InvokeResult<unknown>) => void; progress?: (d: number, t: number, l: string) => void }>();
  let onClosed: (() => void) | null = null;
  let readyResolve!: (f: string) => void;
  let readyReject!: (e: Error) => void;
  const ready = new Promise<string>((res, rej) => {
    readyResolve = res;
    readyReject = rej;
  });
  ready.catch(() => {});

  const failAll = (message: string) => {
    for (const [, p] of pending) p.resolve({ ok: false, error: { kind: 'storage', message } });
    pending.clear();
  };

  worker.on('message', (m: WorkerReply) => {
    if (m.type === 'ready') readyResolve(m.dbFile);
    else if (m.type === 'failed') readyReject(new Error(m.message));
    else if (m.type === 'progress') pending.get(m.id)?.progress?.(m.done, m.total, m.label);
    else if (m.type === 'result') {
      pending.get(m.id)?.resolve(m.result);
      pending.delete(m.id);
    } else if (m.type === 'closed') onClosed?.();
  });
  worker.on('error', (e) => {
    readyReject(e);
    failAll(`数据服务出错：${e.message}`);
  });
  let exited = false;
  worker.on('exit', () => {
    exited = true;
    readyReject(new Error('数据服务已停止'));
    failAll('数据服务已停止，请重新启动程序。');
  });

  return {
    ready,
    invoke(channel, input, onProgress) {
      const id = nextId++;
      if (exited) return Promise.resolve({ ok: false, error: { kind: 'storage', message: '数据服务已停止，请重新启动程序。' } });
      return new Promise((resolve) => {
        pending.set(id, { resolve, progress: onProgress });
        worker.postMessage({ type: 'invoke', id, channel, input } satisfies WorkerRequest);
      });
    },
    async close() {
      if (exited) return;
      await new Promise<void>((resolve) => {
        onClosed = resolve;
        worker.postMessage({ type: 'close' } satisfies WorkerRequest);
        setTimeout(resolve, 5000).unref();
      });
      await worker.terminate();
    },
  };
}
