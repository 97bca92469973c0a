/**
 * 导入: returns in (button or drop), each previewed before anything is
 * written; confirm commits it as one batch; the result can be undone; a
 * return with refused cells can be saved as a 退回件 (the workbook with the
 * refused cells marked) to send back.
 */
import { useState } from 'react';
import { XLSX_FILTERS } from '../../api/files';
import { useT } from '../../i18n';
import { useImportStore } from '../../stores/ui-b-import';
import { BusyLine, Notice } from '../ui-b/common';
import { FilePicker, useUploadBusy } from '../ui-b/FilePicker';
import { ImportItemView } from './ImportItemView';

export function ImportFilesTab() {
  const t = useT();
  const { items, selected, add, select, remove, commit, undo, preview } = useImportStore();
  const [error, setError] = useState<string | null>(null);
  const { uploading, onUploading } = useUploadBusy();
  const current = items.find((i) => i.id === selected) ?? items.at(-1);

  return (
    <div className="ub-import-files">
      <FilePicker
        filters={XLSX_FILTERS}
        multiple
        testId="import-file"
        title={t('ub.import.chooseTitle')}
        label={t('ub.import.choose')}
        dropHint={t('ub.import.dropHint')}
        onPicked={(files) => {
          setError(null);
          add(files);
        }}
        onError={setError}
        onUploading={onUploading}
      />
      <BusyLine busy={uploading} />
      {error && (
        <Notice kind="error" onClose={() => setError(null)}>
          {error}
        </Notice>
      )}
      {items.length > 1 && (
        <ul className="ub-file-list" aria-label={t('ub.import.files')}>
          {items.map((i) => (
            <li key={i.id}>
              <button type="button" className={i.id === current?.id ? 'ub-file ub-file-current' : 'ub-file'} aria-pressed={i.id === current?.id} onClick={() => select(i.id)}>
                <span className="ub-file-name">{i.name}</span>
                <span className={`ub-phase ub-phase-${i.phase}`}>{t(`ub.import.phase.${i.phase}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {items.length === 0 && <p className="ub-muted ub-empty">{t('ub.import.empty')}</p>}
      {current && <ImportItemView key={current.id} item={current} onCommit={() => void commit(current.id)} onUndo={() => void undo(current.id)} onRetry={() => void preview(current.id)} onRemove={() => remove(current.id)} />}
    </div>
  );
}
