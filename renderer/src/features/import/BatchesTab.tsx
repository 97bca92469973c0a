/** 导入记录: every imported batch, newest first, with 撤销 (confirmed first). */
import type { ChannelOutput } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { useT } from '../../i18n';
import { notifyDataChanged } from '../../stores/data';
import { useImportStore } from '../../stores/ui-b-import';
import { localTime, OutcomeLines, useOutcome } from '../ui-b/common';
import { numeric, UbTable } from '../ui-b/UbTable';
import { useDialog } from '../ui-b/useDialog';
import { undoBatchRequest } from './batch-actions';
import { useCoreList } from './useCoreList';

type Batch = ChannelOutput<'import.batches'>[number];

async function newestFirst(): Promise<Batch[]> {
  const list = await invoke('import.batches', {});
  return [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function BatchesTab() {
  const t = useT();
  const undoneElsewhere = useImportStore((s) => s.undoneElsewhere);
  const { busy, run, error, setError, done, setDone, attempt } = useOutcome();
  const { rows: batches, reload } = useCoreList(newestFirst, setError);
  const { ask, dialog } = useDialog();

  const undo = async (b: Batch) => {
    const ok = await ask(undoBatchRequest(t, b.fileName, b.accepted));
    if (!ok) return;
    await attempt(async () => {
      const r = await run(t('ub.import.undoing'), () => invoke('import.undo', { batchId: b.id }));
      setDone(t('ub.import.undone', { batch: r.batchId, n: r.restored, skipped: r.skipped }));
      notifyDataChanged();
      undoneElsewhere(r);
    });
  };

  return (
    <div className="ub-card">
      {dialog}
      <div className="ub-card-head">
        <h3>{t('ub.batches.title')}</h3>
        <button type="button" onClick={() => void reload()}>
          {t('ub.refresh')}
        </button>
      </div>
      <OutcomeLines busy={busy} error={error} done={done} />
      {batches === null ? (
        <p className="ub-muted">{t('ub.loading')}</p>
      ) : batches.length === 0 ? (
        <p className="ub-muted">{t('ub.batches.empty')}</p>
      ) : (
        <UbTable
          testId="batches"
          columns={[t('ub.batches.id'), t('ub.batches.file'), t('ub.batches.kind'), t('ub.batches.at'), t('ub.batches.by'), numeric(t('ub.batches.accepted')), t('ub.batches.state'), '']}
        >
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
        </UbTable>
      )}
    </div>
  );
}
