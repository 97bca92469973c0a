/**
 * "选择文件" plus a drop zone. Desktop: the native open dialog (the core
 * reads the chosen path). Browser mode: a hidden <input type=file> (kept in
 * the page, so tests can set files on it) and drag-and-drop; each file is
 * uploaded and its stored path handed on. In the desktop app a dropped file
 * has no readable path any more (recent Electron), so a drop there only says
 * to use the button.
 */
import { useRef, useState, type DragEvent } from 'react';
import { ApiError } from '../../api/client';
import { acceptOf, isDesktop, pickFile, uploadFile, type FileFilter, type PickedFile } from '../../api/files';
import { useT } from '../../i18n';
import type { Busy } from './common';

export interface FilePickerProps {
  filters: FileFilter[];
  multiple?: boolean;
  /** Button text; default 选择文件. */
  label?: string;
  /** Text in the drop zone; omit for a button only. */
  dropHint?: string;
  title?: string;
  disabled?: boolean;
  testId?: string;
  onPicked(files: PickedFile[]): void;
  onError(message: string): void;
  onUploading?(names: string[] | null): void;
  /** Browser mode: called before each upload (done = files already uploaded) and once more when all are. */
  onUploadProgress?(done: number, total: number, name: string | null): void;
}

export function FilePicker({ filters, multiple, label, dropHint, title, disabled, testId, onPicked, onError, onUploading, onUploadProgress }: FilePickerProps) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const desktop = isDesktop();

  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    const wanted = filters.flatMap((f) => f.extensions.map((e) => e.toLowerCase()));
    const bad = files.filter((f) => !wanted.includes('*') && !wanted.some((e) => f.name.toLowerCase().endsWith(`.${e}`)));
    if (bad.length > 0) {
      onError(t('ub.files.wrongType', { names: bad.map((f) => f.name).join('、'), ext: wanted.map((e) => `.${e}`).join(' / ') }));
      return;
    }
    onUploading?.(files.map((f) => f.name));
    try {
      const out: PickedFile[] = [];
      for (const f of files) {
        onUploadProgress?.(out.length, files.length, f.name);
        out.push(await uploadFile(f));
      }
      onUploadProgress?.(out.length, files.length, null);
      onPicked(out);
    } catch (e) {
      onError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      onUploading?.(null);
    }
  };

  const choose = async () => {
    if (!desktop) {
      input.current?.click();
      return;
    }
    try {
      const files = await pickFile({ title, filters, multiple });
      if (files.length) onPicked(files);
    } catch (e) {
      onError((e as Error)?.message ?? String(e));
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    if (desktop) {
      onError(t('ub.files.dropDesktop'));
      return;
    }
    const files = Array.from(e.dataTransfer.files);
    void upload(multiple ? files : files.slice(0, 1));
  };

  const button = (
    <button type="button" className="ub-primary" disabled={disabled} onClick={() => void choose()} data-testid={testId ? `${testId}-button` : undefined}>
      {label ?? t('ub.files.choose')}
    </button>
  );

  return (
    <>
      {!desktop && (
        <input
          ref={input}
          type="file"
          className="ub-hidden-input"
          accept={acceptOf(filters)}
          multiple={multiple}
          tabIndex={-1}
          aria-hidden="true"
          data-testid={testId ? `${testId}-input` : undefined}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void upload(files);
          }}
        />
      )}
      {dropHint ? (
        <div
          className={over ? 'ub-drop ub-drop-over' : 'ub-drop'}
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = desktop ? 'none' : 'copy';
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid={testId ? `${testId}-drop` : undefined}
        >
          {button}
          <span className="ub-muted">{desktop ? t('ub.files.dropHintDesktop') : dropHint}</span>
        </div>
      ) : (
        button
      )}
    </>
  );
}

/**
 * The busy line while a FilePicker uploads (browser mode): "正在上传 a.xlsx、b.xlsx…"
 * with the seconds since it began. Hand `onUploading` to the picker and show
 * `uploading` in a BusyLine.
 */
export function useUploadBusy(): { uploading: Busy | null; onUploading(names: string[] | null): void } {
  const t = useT();
  const [state, setState] = useState<{ names: string[]; started: number } | null>(null);
  const onUploading = (names: string[] | null) => setState(names ? { names, started: Date.now() } : null);
  const uploading = state && { label: t('ub.import.uploading', { names: state.names.join('、') }), started: state.started };
  return { uploading, onUploading };
}
