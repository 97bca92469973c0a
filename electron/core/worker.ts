/**
 * The core in its own thread: the desktop shell starts this worker and sends
 * it every invoke, so parsing a big workbook or writing a report never stalls
 * the main process (menus, dialogs, window moves). Plain Node; no electron.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { invoke } from './dispatch';
import { useNativeBinding } from './db/driver';
import { closeStore, openStore, type CoreContext } from './store';
import type { WorkerReply, WorkerRequest, WorkerStart } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('core worker must run in a worker thread');

const start = workerData as WorkerStart;
useNativeBinding(start.nativeBinding ?? undefined);

let ctx: CoreContext | null = null;
const opened: Promise<CoreContext> = openStore({ dbFile: start.dbFile }).then((c) => (ctx = c));
const post = (m: WorkerReply) => port.postMessage(m);

opened.then(
  (c) => post({ type: 'ready', dbFile: c.dbFile }),
  (e) => post({ type: 'failed', message: (e as Error)?.message ?? String(e) }),
);

port.on('message', async (m: WorkerRequest) => {
  if (m.type === 'close') {
    if (ctx) closeStore(ctx);
    post({ type: 'closed' });
    return;
  }
  let c: CoreContext;
  try {
    c = await opened;
  } catch (e) {
    post({ type: 'result', id: m.id, result: { ok: false, error: { kind: 'storage', message: (e as Error).message } } });
    return;
  }
  const result = await invoke(c, m.channel, m.input, {
    progress: (done, total, label) => post({ type: 'progress', id: m.id, done, total, label }),
  });
  post({ type: 'result', id: m.id, result });
});
