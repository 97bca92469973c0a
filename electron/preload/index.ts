/**
 * The whole bridge between the sandboxed page and the shell: one function.
 * A channel that is not in the contract is refused here, before anything is
 * sent; the main process checks again (sender frame + schema) in any case.
 * Nothing else is exposed — no ipcRenderer, no Node, no file paths.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../../shared/contract';

const allowed = new Set<string>(CHANNELS);

contextBridge.exposeInMainWorld('workstation', {
  invoke(channel: unknown, input: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !allowed.has(channel)) {
      return Promise.reject(new Error(`未知的请求：${String(channel)}`));
    }
    return ipcRenderer.invoke('invoke', channel, input);
  },
});
