/**
 * The Chinese application menu. Backup and restore use native dialogs here in
 * the shell, then go through the same handler table as everything else
 * (invoke → backup.create / backup.inspect / backup.restore): the page never
 * sees a file path it did not get from the user.
 *
 * File choosing for the renderer (the import wizard) will be a shell-provided
 * channel registered in the same channel table (shared/contract.ts) in the
 * Excel/UI issue — not an extra function on the preload bridge.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Core } from './core';
import { defaultBackupName } from './policy';

const DB_FILTERS = [{ name: '数据备份 (*.db)', extensions: ['db'] }];

function parentOf(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
}

async function showError(title: string, message: string): Promise<void> {
  const win = parentOf();
  const opts = { type: 'error' as const, title, message, buttons: ['确定'] };
  await (win ? dialog.showMessageBox(win, opts) : dialog.showMessageBox(opts));
}

async function showInfo(title: string, message: string, detail?: string): Promise<void> {
  const win = parentOf();
  const opts = { type: 'info' as const, title, message, detail, buttons: ['确定'] };
  await (win ? dialog.showMessageBox(win, opts) : dialog.showMessageBox(opts));
}

async function backupNow(core: Core): Promise<void> {
  const win = parentOf();
  const opts = {
    title: '备份数据',
    defaultPath: path.join(app.getPath('documents'), defaultBackupName()),
    filters: DB_FILTERS,
    buttonLabel: '保存备份',
  };
  const choice = await (win ? dialog.showSaveDialog(win, opts) : dialog.showSaveDialog(opts));
  if (choice.canceled || !choice.filePath) return;
  const res = await core.invoke('backup.create', { out: choice.filePath });
  if (res.ok) await showInfo('备份完成', '数据已备份。', res.value.file);
  else await showError('备份失败', res.error.message);
}

async function restoreNow(core: Core): Promise<void> {
  const win = parentOf();
  const opts = {
    title: '从备份恢复',
    filters: DB_FILTERS,
    properties: ['openFile' as const],
    buttonLabel: '选择备份',
  };
  const choice = await (win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts));
  const file = choice.filePaths[0];
  if (choice.canceled || !file) return;
  const info = await core.invoke('backup.inspect', { file });
  if (!info.ok) return showError('无法恢复', info.error.message);
  const s = info.value;
  const confirmOpts = {
    type: 'warning' as const,
    title: '从备份恢复',
    message: '用这份备份替换当前全部数据吗？',
    detail:
      `备份文件：${s.file}\n指标 ${s.indicators} 项，地区 ${s.regions} 个，实际值 ${s.observations} 条，导入批次 ${s.batches} 个` +
      `${s.lastChange ? `\n最后修改：${s.lastChange}` : ''}\n\n恢复前会自动保存当前数据的副本。`,
    buttons: ['恢复', '取消'],
    defaultId: 1,
    cancelId: 1,
  };
  const answer = await (win ? dialog.showMessageBox(win, confirmOpts) : dialog.showMessageBox(confirmOpts));
  if (answer.response !== 0) return;
  const res = await core.invoke('backup.restore', { file });
  if (!res.ok) return showError('恢复失败', res.error.message);
  await showInfo('恢复完成', '数据已从备份恢复。', `恢复前的数据已另存为：${res.value.safetyCopy}`);
  for (const w of BrowserWindow.getAllWindows()) w.webContents.reload();
}

async function about(core: Core): Promise<void> {
  const res = await core.invoke('app.info', {});
  const detail = res.ok
    ? `版本 ${res.value.appVersion}\n指标目录 ${res.value.catalogueVersion}\n数据库结构 ${res.value.schemaVersion}\n数据文件：${res.value.dbFile}`
    : res.error.message;
  await showInfo('关于', '营商环境指标监测工作站', detail);
}

export function buildMenu(core: Core, dev: boolean): Menu {
  const run = (fn: (c: Core) => Promise<void>) => () => {
    fn(core).catch((e: unknown) => showError('操作失败', (e as Error)?.message ?? String(e)));
  };
  const view: MenuItemConstructorOptions[] = [{ label: '全屏', role: 'togglefullscreen' }];
  if (dev) {
    view.push({ label: '重新加载', role: 'reload' }, { label: '开发者工具', role: 'toggleDevTools' });
  }
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '备份数据…', accelerator: 'CmdOrCtrl+B', click: run(backupNow) },
        { label: '从备份恢复…', click: run(restoreNow) },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    { label: '视图', submenu: view },
    { label: '帮助', submenu: [{ label: '关于', click: run(about) }] },
  ];
  return Menu.buildFromTemplate(template);
}
