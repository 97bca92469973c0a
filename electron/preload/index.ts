/**
 * The whole bridge between the sandboxed page and the shell: one function.
 * A channel that is not in the contract is refused here, before anything is
 * sent; the main process checks again (sender frame + schema) in any case.
 * Nothing else is exposed — no ipcRenderer, no Node, no file paths.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../../shared/contract';

const allowed = new Set<string>(CHANNELS);

let requests = 0;

contextBridge.exposeInMainWorld('workstation', {
  /**
   * `onProgress`, if given, hears (done, total, label) while the request runs
   * — only its own request's: each names a fresh id, and the listener goes
   * when the answer comes.
   */
  invoke(channel: unknown, input: unknown, onProgress?: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !allowed.has(channel)) {
      return Promise.reject(new Error(`未知的请求：${String(channel)}`));
    }
    if (typeof onProgress !== 'function') return ipcRenderer.invoke('invoke', channel, input);
    const requestId = `r${++requests}-${Date.now().toString(36)}`;
    const listener = (_event: unknown, id: unknown, done: unknown, total: unknown, label: unknown) => {
      if (id === requestId && typeof done === 'number' && typeof total === 'number' && typeof label === 'string') {
        (onProgress as (p: { done: number; total: number; label: string }) => void)({ done, total, label });
      }
    };
    ipcRenderer.on('invoke-progress', listener);
    return ipcRenderer.invoke('invoke', channel, input, requestId).finally(() => ipcRenderer.removeListener('invoke-progress', listener));
  },
});
