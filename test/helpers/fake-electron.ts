/**
 * The built desktop main process (out/main/index.js) under plain Node, with a
 * stand-in for the 'electron' module: the real runtime cannot be downloaded
 * here. The stand-in records what the main process asks of Electron (paths,
 * windows, IPC handlers, menu, dialogs, permission handlers) so tests can
 * inspect it and call the handlers themselves.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildAppOnce, ROOT } from './built-app';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
type MenuItem = { label?: string; role?: string; type?: string; click?: Fn };

export function fakeElectron(dataDir: string) {
  const appHandlers: Record<string, Fn[]> = {};
  const state = {
    paths: {} as Record<string, string>,
    lockRequested: false,
    windows: [] as FakeWindow[],
    ipc: {} as Record<string, Fn>,
    menu: null as null | Array<{ label?: string; submenu?: MenuItem[] }>,
    headersHook: null as Fn | null,
    permissionRequest: null as Fn | null,
    permissionCheck: null as Fn | null,
    devicePermission: null as Fn | null,
    errors: [] as string[],
    /** The options of every message box shown. */
    messages: [] as unknown[],
    /** What the save dialog answers. */
    saveDialogPath: path.join(dataDir, 'menu-backup.db'),
    /** What the open dialog answers. */
    openDialog: { canceled: true, filePaths: [] } as { canceled: boolean; filePaths: string[] },
    dialogCalls: [] as Array<{ kind: 'open' | 'save'; args: unknown[] }>,
    quit: 0,
  };
  class FakeWindow {
    static getAllWindows = () => state.windows;
    static getFocusedWindow = () => state.windows[0] ?? null;
    static fromWebContents = () => state.windows[0] ?? null;
    loaded: { file?: string; url?: string } = {};
    handlers: Record<string, Fn> = {};
    webContents = { reload: () => undefined };
    constructor(public options: Record<string, any>) { // eslint-disable-line @typescript-eslint/no-explicit-any
      state.windows.push(this);
    }
    loadFile(f: string) { this.loaded.file = f; return Promise.resolve(); }
    loadURL(u: string) { this.loaded.url = u; return Promise.resolve(); }
    once(e: string, fn: Fn) { this.handlers[e] = fn; }
    on(e: string, fn: Fn) { this.handlers[e] = fn; }
    isMinimized() { return false; }
    restore() {}
    show() {}
    focus() {}
  }
  const electron = {
    app: {
      isPackaged: false,
      setPath: (name: string, p: string) => { state.paths[name] = p; },
      getPath: (name: string) => state.paths[name] ?? path.join(dataDir, name),
      requestSingleInstanceLock: () => { state.lockRequested = true; return true; },
      on: (e: string, fn: Fn) => { (appHandlers[e] ??= []).push(fn); },
      whenReady: () => Promise.resolve(),
      getAppPath: () => ROOT,
      getVersion: () => '0.1.0',
      quit: () => { state.quit++; },
      exit: () => { state.quit++; },
    },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (name: string, fn: Fn) => { state.ipc[name] = fn; } },
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (m: typeof state.menu) => { state.menu = m; },
    },
    dialog: {
      showErrorBox: (title: string, msg: string) => { state.errors.push(`${title}: ${msg}`); },
      showSaveDialog: async (...args: unknown[]) => {
        state.dialogCalls.push({ kind: 'save', args });
        return { canceled: false, filePath: state.saveDialogPath };
      },
      showOpenDialog: async (...args: unknown[]) => {
        state.dialogCalls.push({ kind: 'open', args });
        return state.openDialog;
      },
      // Button 1: the cancel button of the restore confirmation, so nothing here ever confirms a restore.
      showMessageBox: async (...args: unknown[]) => { state.messages.push(args.at(-1)); return { response: 1 }; },
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: Fn) => { state.headersHook = fn; } },
        setPermissionRequestHandler: (fn: Fn) => { state.permissionRequest = fn; },
        setPermissionCheckHandler: (fn: Fn) => { state.permissionCheck = fn; },
        setDevicePermissionHandler: (fn: Fn) => { state.devicePermission = fn; },
      },
    },
  };
  return { electron, state, appHandlers };
}

export type FakeElectron = ReturnType<typeof fakeElectron>;

/**
 * For this file's tests: builds the app once, points YS_DATA_DIR at dataDir,
 * makes require('electron') answer with the stand-in, loads out/main/index.js
 * and waits until it has opened its window (or reported a fatal error).
 * Afterwards the loader and the environment are put back and 'will-quit' is
 * sent, so the store closes.
 */
export function runBuiltMainUnder(fake: FakeElectron, dataDir: string): void {
  const saved = { data: process.env.YS_DATA_DIR, url: process.env.ELECTRON_RENDERER_URL };
  const loader = Module as unknown as { _load: Fn };
  const load = loader._load;

  beforeAll(async () => {
    buildAppOnce();
    process.env.YS_DATA_DIR = dataDir;
    delete process.env.ELECTRON_RENDERER_URL;
    loader._load = function (request: string, ...rest: unknown[]) {
      if (request === 'electron') return fake.electron;
      return load.call(this, request, ...rest);
    };
    // A private copy beside the original, so a concurrent rebuild cannot swap it mid-test and require() resolves node_modules the same way.
    const copy = path.join(ROOT, 'out', 'main', `.test-${process.pid}-${crypto.randomBytes(4).toString('hex')}.js`);
    fs.copyFileSync(path.join(ROOT, 'out', 'main', 'index.js'), copy);
    try {
      createRequire(import.meta.url)(copy);
    } finally {
      fs.rmSync(copy, { force: true });
    }
    const { state } = fake;
    const deadline = Date.now() + 20_000;
    while (state.windows.length === 0 && state.errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  });

  afterAll(() => {
    loader._load = load;
    for (const fn of fake.appHandlers['will-quit'] ?? []) fn();
    if (saved.data === undefined) delete process.env.YS_DATA_DIR;
    else process.env.YS_DATA_DIR = saved.data;
    if (saved.url !== undefined) process.env.ELECTRON_RENDERER_URL = saved.url;
  });
}
