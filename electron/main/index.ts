/**
 * The desktop shell. It owns the window, the menu and the native dialogs;
 * all data work goes through the one handler table (electron/core/dispatch.ts),
 * exactly as in the CLI and browser mode — here in a worker thread
 * (./core.ts), so long work never stalls the window.
 *
 * Data lives in defaultDataDir() (YS_DATA_DIR overrides): userData points
 * there too, so desktop, CLI and browser mode share one store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { defaultDataDir } from '../core/paths';
import { desktopPathRefusal } from '../core/path-policy';
import { startCore, type Core } from './core';
import { answerFileDialog, isFileChannel } from './file-dialogs';
import { buildMenu } from './menu';
import { grantPath, isGranted } from './path-grants';
import { electronSqliteBinding, isAppUrl, type AppOrigin } from './policy';
import { hardenDefaultSession, installSecurity } from './security';

const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const dev = Boolean(devUrl);
const origin: AppOrigin = {
  rendererIndex: path.join(__dirname, '..', 'renderer', 'index.html'),
  devUrl,
};

let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;

// One store, one folder, one lock: set before anything reads userData.
// Chromium's own caches go to a subfolder so the data folder stays readable.
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
app.setPath('sessionData', path.join(dataDir, 'electron-session'));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  installSecurity();
  app.whenReady().then(start, (e: unknown) => fatal(e));
}

function fatal(e: unknown): void {
  const message = (e as Error)?.message ?? String(e);
  dialog.showErrorBox('营商环境指标监测工作站无法启动', message);
  app.exit(1);
}

async function start(): Promise<void> {
  const binding = electronSqliteBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  try {
    core = await startCore(binding ?? null);
  } catch (e) {
    const hint = binding
      ? ''
      : '\n\n未找到为 Electron 编译的 better-sqlite3（native/electron/better_sqlite3.node）。请先运行 npm run rebuild:electron。';
    fatal(new Error(`无法打开数据文件：${(e as Error)?.message ?? String(e)}${hint}`));
    return;
  }
  const store = core;

  hardenDefaultSession(dev);
  const isRequestId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(v);

  ipcMain.handle('invoke', async (event, channel: unknown, input: unknown, requestId: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url, origin)) {
      return { ok: false, error: { kind: 'forbidden', message: '拒绝：请求不是来自本应用的页面。' } };
    }
    // Native dialogs are the shell's own: answered here, before the core.
    if (isFileChannel(channel)) {
      const chosen = await answerFileDialog(BrowserWindow.fromWebContents(event.sender) ?? mainWindow, channel, input);
      // What the person picked may be used by the page: read (open) or written (save).
      if (chosen.ok && chosen.value.path) grantPath(chosen.value.path, channel === 'files.chooseSave' ? 'write' : 'read');
      return chosen;
    }
    const name = typeof channel === 'string' ? channel : String(channel);
    // File paths from the page: only chosen in a dialog, or inside the data folder's exchange folders.
    const refused = desktopPathRefusal(store.dataDir, name, input, isGranted);
    if (refused) return refused;
    // A page that asked for progress (preload: a callback) gets it as 'invoke-progress' events naming its request.
    const progress = isRequestId(requestId)
      ? (done: number, total: number, label: string) => {
          if (!event.sender.isDestroyed()) event.sender.send('invoke-progress', requestId, done, total, label);
        }
      : undefined;
    return store.invokeRaw(name, input, progress);
  });

  Menu.setApplicationMenu(buildMenu(store, dev));
  createWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function createWindow(): void {
  const icon = path.join(app.getAppPath(), 'resources', 'icon.png');
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: '营商环境指标监测工作站',
    backgroundColor: '#f4f7f7',
    ...(fs.existsSync(icon) ? { icon } : {}),
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(origin.rendererIndex);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void core?.close();
  core = undefined;
});
