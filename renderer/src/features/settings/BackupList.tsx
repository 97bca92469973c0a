/**
 * The backups already in the store's backups folder — made by hand, before a
 * schema upgrade, before a restore — newest first, each a click away from
 * the restore preview.
 */
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { ErrorBanner } from '../../components';
import { formatTimestamp } from '../../components/time';
import { useT } from '../../i18n';
import { errorMessage, type Load } from '../../stores/load';

type Backups = ChannelOutput<'backup.list'>;

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

/** `revision` changes whenever a backup was made or restored: the list is read again. */
export function BackupList({ revision, onPick }: { revision: number; onPick(file: string): void }) {
  const t = useT();
  const [list, setList] = useState<Load<Backups>>({ status: 'idle' });
  useEffect(() => {
    let live = true;
    setList((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    invoke('backup.list', {}).then(
      (value) => live && setList({ status: 'ready', value }),
      (e: unknown) => live && setList({ status: 'error', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [revision]);

  if (list.status === 'error') return <ErrorBanner message={list.message} />;
  if (list.status !== 'ready') return null;
  if (list.value.length === 0) return <p className="muted small">{t('settings.backupsNone')}</p>;
  return (
    <table className="data-table backup-list" data-testid="backup-list">
      <caption className="muted small">{t('settings.backupsTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('settings.backupsWhen')}</th>
          <th scope="col">{t('settings.backupsKind')}</th>
          <th scope="col" className="num">
            {t('settings.backupsSize')}
          </th>
          <th scope="col">
            <span className="sr-only">{t('settings.backupsPreview')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {list.value.map((b) => (
          <tr key={b.file}>
            <td title={b.name}>{formatTimestamp(b.modifiedAt)}</td>
            <td>{t(`settings.backupKind.${b.kind}`)}</td>
            <td className="num">{megabytes(b.bytes)} MB</td>
            <td>
              <button type="button" className="linkish" onClick={() => onPick(b.file)} aria-label={t('settings.backupsPreviewOne', { when: formatTimestamp(b.modifiedAt) })}>
                {t('settings.backupsPreview')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
