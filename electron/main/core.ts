/**
 * The desktop shell's handle on the core, which runs in a worker thread
 * (electron/core/worker.ts) so that a long import or export never stalls the
 * main process: menus, dialogs and the window stay live. The same handler
 * table as the CLI and browser mode, behind the same InvokeResult.
 */
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput, InvokeResult } from '../../shared/contract';
import { DB_FILE_NAME, defaultDataDir } from '../core/paths';
import { startCoreWorker } from '../core/worker-client';

export interface Core {
  dataDir: string;
  dbFile: string;
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<InvokeResult<ChannelOutput<C>>>;
  /** For the IPC bridge: the page's channel name, validated by the core; progress of long work on the side. */
  invokeRaw(channel: string, input: unknown, onProgress?: (done: number, total: number, label: string) => void): Promise<InvokeResult<unknown>>;
  close(): Promise<void>;
}

/** Starts the worker and waits until the store is open (migrated, seeded), or throws its Chinese message. */
export async function startCore(nativeBinding: string | null): Promise<Core> {
  const dbFile = path.join(defaultDataDir(), DB_FILE_NAME);
  // Built next to this file by electron-vite (see electron.vite.config.ts).
  const worker = startCoreWorker(path.join(__dirname, 'core-worker.js'), { dbFile, nativeBinding });
  await worker.ready;
  return {
    dataDir: path.dirname(dbFile),
    dbFile,
    invoke: (channel, input) => worker.invoke(channel, input) as Promise<InvokeResult<ChannelOutput<typeof channel>>>,
    invokeRaw: (channel, input, onProgress) => worker.invoke(channel, input, onProgress),
    close: () => worker.close(),
  };
}
