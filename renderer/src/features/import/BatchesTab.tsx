/** 导入记录: every imported batch, newest first, with 撤销 (confirmed first). */
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { useT } from '../../i18n';
import { notifyDataChanged } from '../../stores/data';
import { useImportStore } from '../../stores/ui-b-import';
import { BusyLine, localTime, Notice, useBusy, useDialog } from '../ui-b/common';

type Batch = ChannelOutput<'import.batches'>[number];

export function BatchesTab() {
  const t = useT();
  const revision = useImportStore((s) => s.revision);
  const undoneElsewhere = useImportStore((s) => s.undoneElsewhere);
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const { ask, dialog } = useDialog();

  const load = useCallback(async () => {
    try {
      const list = await invoke('import.batches', {});
      setBatches([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, revision]);

  const undo = async (b: Batch) => {
    const ok = await ask({
      title: t('ub.import.undoTitle'),
      message: t('ub.import.undoMessage', { name: b.fileName, n: b.accepted }),
      confirmLabel: t('ub.import.undo'),
      danger: true,
    });
    if (!ok) return;
    setDone(null);
    setError(null);
    try {
      const r = await run(t('ub.import.undoing'), () => invoke('import.undo', { batchId: b.id }));
      setDone(t('ub.import.undone', { batch: r.batchId, n: r.restored, skipped: r.skipped }));
      notifyDataChanged();
      undoneElsewhere(r);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="ub-card">
      {dialog}
      <div className="ub-card-head">
        <h3>{t('ub.batches.title')}</h3>
        <button type="button" onClick={() => void load()}>
          {t('ub.refresh')}
        </button>
      </div>
      <BusyLine busy={busy} />
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
      {batches === null ? (
        <p className="ub-muted">{t('ub.loading')}</p>
      ) : batches.length === 0 ? (
        <p className="ub-muted">{t('ub.batches.empty')}</p>
      ) : (
        <div className="ub-table-wrap">
          <table className="ub-table" data-testid="batches">
            <thead>
              <tr>
                <th>{t('ub.batches.id')}</th>
                <th>{t('ub.batches.file')}</th>
                <th>{t('ub.batches.kind')}</th>
                <th>{t('ub.batches.at')}</th>
                <th>{t('ub.batches.by')}</th>
                <th className="ub-num">{t('ub.batches.accepted')}</th>
                <th>{t('ub.batches.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} data-batch={b.id} className={b.undoneAt ? 'ub-undone' : undefined}>
                  <td className="ub-cellref">{b.id}</td>
                  <td>{b.fileName}</td>
                  <td>{t(b.kind === 'template' ? 'ub.import.kind.template' : b.kind === 'long' ? 'ub.import.kind.long' : 'ub.batches.kindOther', { kind: b.kind })}</td>
                  <td>{localTime(b.createdAt)}</td>
                  <td>{b.createdBy}</td>
                  <td className="ub-num">{b.accepted}</td>
                  <td>{b.undoneAt ? t('ub.batches.undoneAt', { at: localTime(b.undoneAt) }) : t('ub.batches.active')}</td>
                  <td>
                    {!b.undoneAt && (
                      <button type="button" onClick={() => void undo(b)} disabled={busy !== null}>
                        {t('ub.import.undo')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
