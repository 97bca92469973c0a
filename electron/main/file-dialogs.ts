/**
 * The two channels the shell answers itself: native open/save dialogs on the
 * app window (shared/channels/files.ts). Input and output are checked against
 * the channel's schema, exactly as dispatch.ts does for the core's channels.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { channels, type InvokeResult } from '../../shared/contract';
import { FILE_CHANNELS, type FileChannel } from '../../shared/channels/files';

export function isFileChannel(channel: unknown): channel is FileChannel {
  return typeof channel === 'string' && (FILE_CHANNELS as readonly string[]).includes(channel);
}

type Chosen = { path: string | null };

function issues(list: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return list
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') + '：' : ''}${i.message}`)
    .join('；');
}

/** Only the file name of a suggestion: the page never picks the folder. */
function safeName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^\.+/, '').trim();
  return cleaned || '导出文件';
}

export async function answerFileDialog(win: BrowserWindow | undefined, channel: FileChannel, input: unknown): Promise<InvokeResult<Chosen>> {
  const spec = channels[channel];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: { kind: 'usage', message: `请求内容不合法：${issues(parsed.error.issues)}` } };
  let chosen: string | null;
  try {
    if (channel === 'files.chooseOpen') {
      const req = parsed.data as { title?: string; filters?: Array<{ name: string; extensions: string[] }> };
      const options: OpenDialogOptions = { title: req.title ?? '选择文件', properties: ['openFile'], ...(req.filters ? { filters: req.filters } : {}) };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      chosen = r.canceled ? null : (r.filePaths[0] ?? null);
    } else {
      const req = parsed.data as { title?: string; suggestedName: string; filters?: Array<{ name: string; extensions: string[] }> };
      const options: SaveDialogOptions = {
        title: req.title ?? '保存文件',
        defaultPath: path.join(app.getPath('documents'), safeName(req.suggestedName)),
        ...(req.filters ? { filters: req.filters } : {}),
      };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      chosen = r.canceled || !r.filePath ? null : r.filePath;
    }
  } catch (e) {
    return { ok: false, error: { kind: 'storage', message: `无法打开文件对话框：${(e as Error)?.message ?? String(e)}` } };
  }
  const out = spec.output.safeParse({ path: chosen });
  if (!out.success) return { ok: false, error: { kind: 'storage', message: `内部错误：${channel} 的结果不符合约定（${issues(out.error.issues)}）` } };
  return { ok: true, value: out.data };
}
