/**
 * 指标目录工作簿: the catalogue (indicators and targets) as a workbook to
 * edit in Excel, and an edited one read back — previewed change by change,
 * written as one batch on confirm, and undoable.
 */
import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { exportWorkbook, shownPath, XLSX_FILTERS, type PickedFile } from '../../api/files';
import { useT } from '../../i18n';
import { notifyDataChanged } from '../../stores/data';
import { BusyLine, Notice, OutcomeLines, useOutcome } from '../ui-b/common';
import { FilePicker, useUploadBusy } from '../ui-b/FilePicker';
import { UbTable } from '../ui-b/UbTable';
import { useDialog } from '../ui-b/useDialog';

type CataloguePreview = ChannelOutput<'catalogue.importPreview'>;
type CatalogueCommit = ChannelOutput<'catalogue.importCommit'>;

export function CatalogueWorkbook() {
  const t = useT();
  const { busy, run, error, setError, done, setDone, attempt } = useOutcome();
  const { ask, dialog } = useDialog();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<CataloguePreview | null>(null);
  const [committed, setCommitted] = useState<CatalogueCommit | null>(null);
  const { uploading, onUploading } = useUploadBusy();

  const exportCatalogue = () =>
    attempt(async () => {
      const res = await exportWorkbook(t('ub.catalogue.fileName', { date: new Date().toISOString().slice(0, 10) }), t('ub.catalogue.export'), (out) =>
        run(t('ub.catalogue.exporting'), () => invoke('catalogue.exportXlsx', { out })),
      );
      if (res) setDone(t('ub.catalogue.exported', { file: shownPath(res.file), n: res.indicators, targets: res.targets }));
    });

  const previewFile = async (f: PickedFile) => {
    setFile(f);
    setPreview(null);
    setCommitted(null);
    await attempt(async () => {
      setPreview(await run(t('ub.catalogue.previewing', { name: f.name }), () => invoke('catalogue.importPreview', { file: f.path })));
    });
  };

  const commit = async () => {
    if (!file) return;
    await attempt(async () => {
      const res = await run(t('ub.catalogue.committing'), () => invoke('catalogue.importCommit', { file: file.path }));
      setPreview(res);
      if (res.batchId) {
        setCommitted(res);
        notifyDataChanged({ catalogue: true });
      } else {
        setDone(t('ub.catalogue.nothingWritten'));
      }
    });
  };

  const undo = async () => {
    if (!committed?.batchId) return;
    const ok = await ask({ title: t('ub.catalogue.undoTitle'), message: t('ub.catalogue.undoMessage', { batch: committed.batchId }), confirmLabel: t('ub.import.undo'), danger: true });
    if (!ok) return;
    await attempt(async () => {
      const res = await run(t('ub.catalogue.undoing'), () => invoke('catalogue.importUndo', { batchId: committed.batchId! }));
      setCommitted(null);
      setPreview(null);
      setFile(null);
      setDone(t('ub.catalogue.undone', { batch: res.batchId, n: res.restored }));
      notifyDataChanged({ catalogue: true });
    });
  };

  const changed = preview?.items.filter((i) => i.kind !== 'unchanged') ?? [];

  return (
    <section className="ub-card">
      {dialog}
      <h3>{t('ub.catalogue.title')}</h3>
      <p className="ub-muted">{t('ub.catalogue.hint')}</p>
      <div className="ub-form-row">
        <button type="button" onClick={() => void exportCatalogue()} disabled={busy !== null} data-testid="catalogue-export">
          {t('ub.catalogue.export')}
        </button>
        <FilePicker
          filters={XLSX_FILTERS}
          testId="catalogue-file"
          label={t('ub.catalogue.import')}
          title={t('ub.catalogue.import')}
          disabled={busy !== null}
          onPicked={(files) => files[0] && void previewFile(files[0])}
          onError={setError}
          onUploading={onUploading}
        />
      </div>
      <BusyLine busy={uploading} />
      <OutcomeLines busy={busy} error={error} done={done} />
      {preview && file && (
        <div className="ub-catalogue-preview" data-testid="catalogue-preview">
          <h4>{file.name}</h4>
          <div className="ub-counts">
            <span className="ub-count ub-count-new">{t('ub.import.count.new', { n: preview.counts.new })}</span>
            <span className="ub-count ub-count-changed">{t('ub.import.count.changed', { n: preview.counts.changed })}</span>
            <span className="ub-count ub-count-unchanged">{t('ub.import.count.unchanged', { n: preview.counts.unchanged })}</span>
            <span className="ub-count ub-count-rejected">{t('ub.import.count.rejected', { n: preview.counts.rejected })}</span>
          </div>
          {committed ? (
            <Notice kind="success">
              <span>{t('ub.catalogue.committed', { batch: committed.batchId ?? '', n: committed.counts.new + committed.counts.changed })}</span>{' '}
              <button type="button" className="ub-link" onClick={() => void undo()}>
                {t('ub.import.undo')}
              </button>
            </Notice>
          ) : (
            <div className="ub-form-row">
              <button type="button" className="ub-primary" onClick={() => void commit()} disabled={busy !== null || preview.rejected.length > 0 || changed.length === 0}>
                {t('ub.catalogue.commit', { n: changed.length })}
              </button>
              {preview.rejected.length > 0 && <span className="ub-error-text">{t('ub.catalogue.hasRejected')}</span>}
              {preview.rejected.length === 0 && changed.length === 0 && <span className="ub-muted">{t('ub.catalogue.noChanges')}</span>}
            </div>
          )}
          {(preview.rejected.length > 0 || changed.length > 0) && (
            <UbTable columns={[t('ub.import.col.kind'), t('ub.import.col.cell'), t('ub.catalogue.key'), t('ub.catalogue.changes')]}>
              {preview.rejected.map((r, i) => (
                <tr key={`r${i}`} className="ub-line ub-line-rejected">
                  <td>
                    <span className="ub-kind ub-kind-rejected">{t('ub.import.kind.rejected')}</span>
                  </td>
                  <td className="ub-cellref">
                    {r.sheet}!{r.cell}
                  </td>
                  <td>{r.code}</td>
                  <td className="ub-line-message">{r.message}</td>
                </tr>
              ))}
              {changed.map((c, i) => (
                <tr key={`c${i}`} className={`ub-line ub-line-${c.kind}`}>
                  <td>
                    <span className={`ub-kind ub-kind-${c.kind}`}>{t(`ub.import.kind.${c.kind}`)}</span>
                  </td>
                  <td className="ub-cellref">
                    {t('ub.catalogue.rowRef', { sheet: c.sheet, row: c.row })}
                  </td>
                  <td>
                    {t(c.entity === 'indicator' ? 'ub.catalogue.entity.indicator' : 'ub.catalogue.entity.target')} {c.key}
                  </td>
                  <td>
                    <ul className="ub-field-changes">
                      {c.changes.map((f) => (
                        <li key={f.field}>
                          <span className="ub-muted">{t('ub.catalogue.fieldLabel', { field: f.field })}</span>
                          {c.kind === 'changed' && (
                            <>
                              <del>{f.old || t('ub.catalogue.emptyValue')}</del> →{' '}
                            </>
                          )}
                          <strong>{f.new || t('ub.catalogue.emptyValue')}</strong>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </UbTable>
          )}
        </div>
      )}
    </section>
  );
}
