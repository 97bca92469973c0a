/**
 * The built desktop main process (out/main/index.js), run under plain Node
 * against a stand-in 'electron' module — the real runtime cannot be
 * downloaded here. Checks what the shell promises: one store in the shared
 * data folder, the single-instance lock, a sandboxed window, the CSP header,
 * denied permissions/navigation/popups, the sender check on IPC, and the
 * Chinese menu with a working backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seeds } from '../../seeds';
import { CSP } from '../../shared/csp';
import { ROOT } from '../helpers/built-app';
import { fakeElectron, runBuiltMainUnder } from '../helpers/fake-electron';
import { tmpDir } from '../helpers/tmp';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('desktop main process (built, under a stand-in electron)', () => {
  const dataDir = tmpDir('ys-main-');
  const fake = fakeElectron(dataDir);
  const { state, appHandlers } = fake;

  runBuiltMainUnder(fake, dataDir);

  it('starts without errors, in the shared data folder, holding the single-instance lock', () => {
    expect(state.errors).toEqual([]);
    expect(state.paths.userData).toBe(path.resolve(dataDir));
    expect(state.paths.sessionData).toBe(path.join(path.resolve(dataDir), 'electron-session'));
    expect(state.lockRequested).toBe(true);
    expect(appHandlers['second-instance']?.length).toBe(1);
    expect(fs.existsSync(path.join(dataDir, 'workstation.db'))).toBe(true);
  });

  it('opens one sandboxed, isolated window on the built page', () => {
    expect(state.windows).toHaveLength(1);
    const win = state.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(fs.existsSync(win.options.webPreferences.preload)).toBe(true);
    expect(win.loaded.file).toBe(path.join(ROOT, 'out', 'renderer', 'index.html'));
  });

  it('sends the strict CSP and denies every permission', () => {
    let headers: Record<string, string[]> = {};
    state.headersHook!({ responseHeaders: { 'X-Other': ['1'] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
    expect(headers['X-Other']).toEqual(['1']);
    let granted: boolean | undefined;
    state.permissionRequest!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(state.permissionCheck!({}, 'notifications')).toBe(false);
  });

  it('blocks navigation, popups and webviews in every web contents', () => {
    const on: Record<string, Fn> = {};
    let openHandler: Fn | undefined;
    const contents = { on: (e: string, fn: Fn) => (on[e] = fn), setWindowOpenHandler: (fn: Fn) => (openHandler = fn) };
    for (const fn of appHandlers['web-contents-created'] ?? []) fn({}, contents);
    for (const e of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      on[e]!({ preventDefault: () => (prevented = true) });
      expect(prevented, e).toBe(true);
    }
    expect(openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('serves IPC only to our own top-level page', async () => {
    const ours = { senderFrame: { url: pathToFileURL(path.join(ROOT, 'out', 'renderer', 'index.html')).href, parent: null } };
    const handler = state.ipc.invoke!;
    await expect(handler(ours, 'app.check', {})).resolves.toMatchObject({ ok: true, value: { integrity: 'ok' } });
    await expect(handler(ours, 'fs.readFile', {})).resolves.toMatchObject({ ok: false, error: { kind: 'usage' } });
    const evil = { senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(handler(evil, 'app.check', {})).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const subframe = { senderFrame: { ...ours.senderFrame, parent: {} } };
    await expect(handler(subframe, 'app.check', {})).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    await expect(handler({ senderFrame: null }, 'app.check', {})).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('sends a long request’s progress to the page that asked, naming its request', async () => {
    const uploads = path.join(dataDir, 'uploads');
    fs.mkdirSync(uploads, { recursive: true });
    const file = path.join(uploads, 'progress.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['地区', '期间', '指标代码', '实际值', '备注']);
    ws.addRow(['海口市', '2026Q1', seeds.catalogue.indicators[0]!.code, 3, '']);
    await wb.xlsx.writeFile(file);
    const sent: unknown[][] = [];
    const event = {
      senderFrame: { url: pathToFileURL(path.join(ROOT, 'out', 'renderer', 'index.html')).href, parent: null },
      sender: { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => false },
    };
    const handler = state.ipc.invoke!;
    await expect(handler(event, 'import.preview', { file }, 'req-7')).resolves.toMatchObject({ ok: true });
    expect(sent.length).toBeGreaterThan(0);
    for (const s of sent) expect(s).toEqual(['invoke-progress', 'req-7', expect.any(Number), expect.any(Number), expect.any(String)]);
    expect(sent.map((s) => s[4])).toContain('检查内容');
    // Without a well-formed request id, nothing is sent.
    sent.length = 0;
    await handler(event, 'import.preview', { file }, { not: 'an id' });
    await handler(event, 'import.preview', { file });
    expect(sent).toEqual([]);
  });

  it('has the Chinese menu, and 备份数据… writes a backup through the handler table', async () => {
    const menu = state.menu!;
    expect(menu.map((m) => m.label)).toEqual(['文件', '视图', '帮助']);
    expect(menu[0]!.submenu!.map((i) => i.label ?? i.type)).toEqual(['备份数据…', '从备份恢复…', 'separator', '退出']);
    expect(menu[1]!.submenu!.map((i) => i.label)).toEqual(['全屏']); // 重新加载 only in dev
    expect(menu[2]!.submenu!.map((i) => i.label)).toEqual(['关于']);
    menu[0]!.submenu![0]!.click!();
    const deadline = Date.now() + 10_000;
    while (!fs.existsSync(state.saveDialogPath) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(fs.existsSync(state.saveDialogPath)).toBe(true);
    while (state.messages.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(state.messages[0]).toMatchObject({ title: '备份完成' });
  });

  it('answers files.chooseOpen / files.chooseSave itself, with native dialogs on the window', async () => {
    const ours = { senderFrame: { url: pathToFileURL(path.join(ROOT, 'out', 'renderer', 'index.html')).href, parent: null }, sender: {} };
    const handler = state.ipc.invoke!;
    const win = state.windows[0]!;

    state.dialogCalls.length = 0;
    state.openDialog = { canceled: false, filePaths: [path.join(dataDir, '海口 2026Q1.xlsx')] };
    const filters = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
    await expect(handler(ours, 'files.chooseOpen', { title: '选择填报表', filters })).resolves.toEqual({
      ok: true,
      value: { path: path.join(dataDir, '海口 2026Q1.xlsx') },
    });
    expect(state.dialogCalls).toHaveLength(1);
    expect(state.dialogCalls[0]!.kind).toBe('open');
    expect(state.dialogCalls[0]!.args[0]).toBe(win);
    expect(state.dialogCalls[0]!.args[1]).toMatchObject({ title: '选择填报表', filters, properties: ['openFile'] });

    state.openDialog = { canceled: true, filePaths: [] };
    await expect(handler(ours, 'files.chooseOpen', {})).resolves.toEqual({ ok: true, value: { path: null } });

    state.dialogCalls.length = 0;
    const before = state.saveDialogPath;
    state.saveDialogPath = path.join(dataDir, 'out', '季度报告.xlsx');
    try {
      await expect(handler(ours, 'files.chooseSave', { suggestedName: '../../季度报告.xlsx' })).resolves.toEqual({
        ok: true,
        value: { path: state.saveDialogPath },
      });
    } finally {
      state.saveDialogPath = before;
    }
    expect(state.dialogCalls).toHaveLength(1);
    expect(state.dialogCalls[0]!.kind).toBe('save');
    const saveOptions = state.dialogCalls[0]!.args[1] as { defaultPath: string };
    // Only the file name of the suggestion is used; the folder is the shell's choice.
    expect(path.basename(saveOptions.defaultPath)).toBe('季度报告.xlsx');
    expect(saveOptions.defaultPath).not.toContain('..');

    // Validated against the channel's schema; never reaches the core (which would refuse it).
    state.dialogCalls.length = 0;
    await expect(handler(ours, 'files.chooseSave', { title: 1 })).resolves.toMatchObject({ ok: false, error: { kind: 'usage' } });
    expect(state.dialogCalls).toHaveLength(0);
    // Still only for our own page.
    const evil = { senderFrame: { url: 'https://evil.example/', parent: null }, sender: {} };
    await expect(handler(evil, 'files.chooseOpen', {})).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(state.dialogCalls).toHaveLength(0);
  });
});
