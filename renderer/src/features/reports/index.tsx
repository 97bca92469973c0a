/**
 * 报告: the quarterly report workbook (one quarter, optionally one region),
 * and the indicator catalogue as an editable workbook — export it, and
 * import an edited one with a preview, a confirm and an undo.
 */
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { parsePeriod, periodLabel } from '../../../../shared/periods';
import { invoke } from '../../api/client';
import { baseName, deliver, isDesktop, saveOutput, XLSX_FILTERS, type PickedFile } from '../../api/files';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { notifyDataChanged } from '../../stores/data';
import { useUiBSelection } from '../../stores/ui-b-selection';
import { BusyLine, Notice, QuarterSelect, RegionSelect, regionName, useBusy, useDialog } from '../ui-b/common';
import { FilePicker } from '../ui-b/FilePicker';
import './reports.css';

type CataloguePreview = ChannelOutput<'catalogue.importPreview'>;
type CatalogueCommit = ChannelOutput<'catalogue.importCommit'>;

export default function ReportsPage() {
  const t = useT();
  const loadCatalogue = useCatalogue((s) => s.load);
  useEffect(() => {
    void loadCatalogue();
  }, [loadCatalogue]);
  return (
    <div className="ub-page ub-reports">
      <header className="ub-page-head">
        <h2>{t('ub.reports.title')}</h2>
      </header>
      <div className="ub-reports-grid">
        <QuarterlyReport />
        <CatalogueWorkbook />
      </div>
    </div>
  );
}

function QuarterlyReport() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const regions = useCatalogue((s) => s.regions);
  const { period, setPeriod } = useUiBSelection();
  const [region, setRegion] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const [done, setDone] = useState<ChannelOutput<'reports.export'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const exportReport = async () => {
    setDone(null);
    setError(null);
    const p = parsePeriod(period);
    const r = regions.find((x) => x.code === region);
    const name = t('ub.reports.fileName', { period: p ? periodLabel(p) : period, region: r ? `（${r.name}）` : '' });
    try {
      const out = await saveOutput(name, { title: t('ub.reports.export'), filters: XLSX_FILTERS });
      if (!out) return;
      const res = await run(t('ub.reports.working'), () => invoke('reports.export', { period, ...(region ? { region } : {}), out }));
      await deliver(res.file);
      setDone(res);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="ub-card">
      <h3>{t('ub.reports.quarterly')}</h3>
      <p className="ub-muted">{t('ub.reports.quarterlyHint')}</p>
      <div className="ub-form-row">
        <QuarterSelect value={period} onChange={setPeriod} />
        <RegionSelect regions={regions} value={region} onChange={setRegion} allowNone noneLabel={t('ub.reports.allRegions')} label={t('ub.reports.region')} />
        <button type="button" className="ub-primary" onClick={() => void exportReport()} disabled={busy !== null} data-testid="report-export">
          {t('ub.reports.export')}
        </button>
      </div>
      <BusyLine busy={busy} />
      {error && <Notice kind="error">{error}</Notice>}
      {done && (
        <Notice kind="success">
          {t(isDesktop() ? 'ub.reports.doneDesktop' : 'ub.reports.done', {
            file: isDesktop() ? done.file : baseName(done.file),
            rows: done.rows,
            sheets: done.sheets.join('、'),
            region: region ? regionName(regions.find((r) => r.code === region), locale) : t('ub.reports.allRegions'),
          })}
        </Notice>
      )}
    </section>
  );
}

function CatalogueWorkbook() {
  const t = useT();
  const { busy, run } = useBusy();
  const { ask, dialog } = useDialog();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<CataloguePreview | null>(null);
  const [committed, setCommitted] = useState<CatalogueCommit | null>(null);
  const [uploading, setUploadingState] = useState<{ names: string[]; started: number } | null>(null);
  const setUploading = (names: string[] | null) => setUploadingState(names ? { names, started: Date.now() } : null);

  const reset = () => {
    setError(null);
    setDone(null);
  };

  const exportCatalogue = async () => {
    reset();
    try {
      const out = await saveOutput(t('ub.catalogue.fileName', { date: new Date().toISOString().slice(0, 10) }), { title: t('ub.catalogue.export'), filters: XLSX_FILTERS });
      if (!out) return;
      const res = await run(t('ub.catalogue.exporting'), () => invoke('catalogue.exportXlsx', { out }));
      await deliver(res.file);
      setDone(t('ub.catalogue.exported', { file: isDesktop() ? res.file : baseName(res.file), n: res.indicators, targets: res.targets }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const previewFile = async (f: PickedFile) => {
    reset();
    setFile(f);
    setPreview(null);
    setCommitted(null);
    try {
      setPreview(await run(t('ub.catalogue.previewing', { name: f.name }), () => invoke('catalogue.importPreview', { file: f.path })));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const commit = async () => {
    if (!file) return;
    reset();
    try {
      const res = await run(t('ub.catalogue.committing'), () => invoke('catalogue.importCommit', { file: file.path }));
      setPreview(res);
      if (res.batchId) {
        setCommitted(res);
        notifyDataChanged({ catalogue: true });
      } else {
        setDone(t('ub.catalogue.nothingWritten'));
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const undo = async () => {
    if (!committed?.batchId) return;
    const ok = await ask({ title: t('ub.catalogue.undoTitle'), message: t('ub.catalogue.undoMessage', { batch: committed.batchId }), confirmLabel: t('ub.import.undo'), danger: true });
    if (!ok) return;
    reset();
    try {
      const res = await run(t('ub.catalogue.undoing'), () => invoke('catalogue.importUndo', { batchId: committed.batchId! }));
      setCommitted(null);
      setPreview(null);
      setFile(null);
      setDone(t('ub.catalogue.undone', { batch: res.batchId, n: res.restored }));
      notifyDataChanged({ catalogue: true });
    } catch (e) {
      setError((e as Error).message);
    }
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
          onUploading={setUploading}
        />
      </div>
      {uploading && <BusyLine busy={{ label: t('ub.import.uploading', { names: uploading.names.join('、') }), started: uploading.started }} />}
      <BusyLine busy={busy} />
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
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
            <div className="ub-table-wrap">
              <table className="ub-table">
                <thead>
                  <tr>
                    <th>{t('ub.import.col.kind')}</th>
                    <th>{t('ub.import.col.cell')}</th>
                    <th>{t('ub.catalogue.key')}</th>
                    <th>{t('ub.catalogue.changes')}</th>
                  </tr>
                </thead>
                <tbody>
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
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
