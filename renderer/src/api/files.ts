/**
 * Files in and out of the page, the same calls in both shells:
 * - desktop (window.workstation present): native dialogs through the
 *   contract channels files.chooseOpen / files.chooseSave; the core reads and
 *   writes the chosen paths directly, and deliver() has nothing to do;
 * - browser mode: the file the person picks is uploaded (POST /api/upload)
 *   and the core reads the stored copy; outputs are written to
 *   <dataDir>/downloads/<name> and deliver() hands them to the browser as a
 *   download (a one-time ticket: an <a download> cannot send the token header).
 */
import { ApiError, invoke } from './client';
import { t } from '../i18n';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface PickedFile {
  /** Where the core can read it: the chosen path (desktop) or the uploaded copy (browser). */
  path: string;
  /** The file's own name, for the screen. */
  name: string;
}

export const XLSX_FILTERS: FileFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
export const PDF_FILTERS: FileFilter[] = [{ name: 'PDF', extensions: ['pdf'] }];

/** True in the desktop app (the preload bridge is there). */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && Boolean(window.workstation);
}

function token(): string {
  return document.querySelector('meta[name="workstation-token"]')?.getAttribute('content') ?? '';
}

/** The last part of a path, either separator. */
export function baseName(p: string): string {
  return p.split(/[/\\]/).pop() ?? p;
}

/** The `accept` attribute for a list of filters: ".xlsx,.pdf". */
export function acceptOf(filters: readonly FileFilter[] | undefined): string {
  return (filters ?? []).flatMap((f) => f.extensions.filter((e) => e !== '*').map((e) => `.${e}`)).join(',');
}

/** Browser mode: sends one file to the server, which keeps it under <dataDir>/uploads/. */
export async function uploadFile(file: File): Promise<PickedFile> {
  let res: Response;
  try {
    res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Workstation-Token': token() },
      body: file,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', t('error.network'));
  }
  const body = (await res.json().catch(() => null)) as { path?: unknown; error?: { kind?: string; message?: string } } | null;
  if (!res.ok || typeof body?.path !== 'string') {
    throw new ApiError(body?.error?.kind ?? 'usage', body?.error?.message ?? t('ub.files.uploadFailed', { name: file.name }));
  }
  return { path: body.path, name: file.name };
}

/** Browser mode: a transient file input; resolves [] when the person cancels. */
function chooseInBrowser(filters: readonly FileFilter[] | undefined, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = acceptOf(filters);
    input.multiple = multiple;
    input.style.display = 'none';
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])), { once: true });
    input.addEventListener('cancel', () => done([]), { once: true });
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * Asks for file(s) to read. Desktop: the native dialog (one file). Browser:
 * the browser's chooser, then each file is uploaded. [] when cancelled.
 */
export async function pickFile(opts: { title?: string; filters?: FileFilter[]; multiple?: boolean } = {}): Promise<PickedFile[]> {
  if (isDesktop()) {
    const { path } = await invoke('files.chooseOpen', { title: opts.title, filters: opts.filters });
    return path ? [{ path, name: baseName(path) }] : [];
  }
  const files = await chooseInBrowser(opts.filters, opts.multiple ?? false);
  const out: PickedFile[] = [];
  for (const f of files) out.push(await uploadFile(f));
  return out;
}

let dataDir: Promise<string> | null = null;

function appDataDir(): Promise<string> {
  dataDir ??= invoke('app.info', {})
    .then((i) => i.dataDir)
    .catch((e: unknown) => {
      dataDir = null;
      throw e;
    });
  return dataDir;
}

/** A file name without folders or characters Windows refuses. */
export function safeFileName(name: string): string {
  const cleaned = baseName(name)
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return cleaned || 'export';
}

/**
 * Where to write an output. Desktop: the native save dialog (null =
 * cancelled). Browser: <dataDir>/downloads/<name>; call deliver() once the
 * core has written it.
 */
export async function saveOutput(suggestedName: string, opts: { title?: string; filters?: FileFilter[] } = {}): Promise<string | null> {
  const name = safeFileName(suggestedName);
  if (isDesktop()) {
    const { path } = await invoke('files.chooseSave', { title: opts.title, suggestedName: name, filters: opts.filters });
    return path;
  }
  const dir = await appDataDir();
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return `${dir.replace(/[/\\]+$/, '')}${sep}downloads${sep}${name}`;
}

/** Starts a browser download of a URL (blob: or same-origin). */
function downloadUrl(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Bytes made in the page as a browser download, under `name` as given; the blob: URL is released a minute later, long after the browser has read it. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Browser mode: hands a written output to the browser as a download. Desktop: nothing to do (it is already where the person chose). */
export async function deliver(path: string): Promise<void> {
  if (isDesktop()) return;
  let res: Response;
  try {
    res = await fetch('/api/download-ticket', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Workstation-Token': token() },
      body: JSON.stringify({ path }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', t('error.network'));
  }
  const body = (await res.json().catch(() => null)) as { url?: unknown; name?: unknown; error?: { kind?: string; message?: string } } | null;
  if (!res.ok || typeof body?.url !== 'string') {
    throw new ApiError(body?.error?.kind ?? 'forbidden', body?.error?.message ?? t('ub.files.downloadFailed'));
  }
  downloadUrl(body.url, typeof body.name === 'string' ? body.name : baseName(path));
}

/** Browser mode: hands bytes made in the page (the briefing PDF) to the browser as a download. */
export function deliverBlob(blob: Blob, name: string): void {
  downloadBlob(blob, safeFileName(name));
}

/**
 * A workbook the core writes, start to finish: where to (saveOutput), the
 * core writing it there (`write`), and in browser mode the download
 * (deliver). Resolves to the core's answer, or null when the person
 * cancelled the save dialog.
 */
export async function exportWorkbook<R extends { file: string }>(suggestedName: string, title: string, write: (out: string) => Promise<R>): Promise<R | null> {
  const out = await saveOutput(suggestedName, { title, filters: XLSX_FILTERS });
  if (!out) return null;
  const res = await write(out);
  await deliver(res.file);
  return res;
}

/** A written output as the person can find it: desktop, the path they chose; browser mode, just the name (it went to the browser's downloads). */
export function shownPath(file: string): string {
  return isDesktop() ? file : baseName(file);
}
