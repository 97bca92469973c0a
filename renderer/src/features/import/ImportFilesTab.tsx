/**
 * 导入: returns in (button or drop), each previewed before anything is
 * written; confirm commits it as one batch; the result can be undone; a
 * return with refused cells can be saved as a 退回件 (the workbook with the
 * refused cells marked) to send back.
 */
import { useMemo, useState } from 'react';
import type { Region } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { baseName, deliver, saveOutput, XLSX_FILTERS } from '../../api/files';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { useImportStore, type ImportItem, type ImportReport } from '../../stores/ui-b-import';
import { BusyLine, fmtNumber, Notice, quarterText, regionName, useBusy, useDialog } from '../ui-b/common';
import { FilePicker } from '../ui-b/FilePicker';

type Filter = 'all' | 'new' | 'changed' | 'unchanged' | 'rejected' | 'warnings';

interface PreviewLine {
  kind: 'new' | 'changed' | 'unchanged' | 'rejected' | 'warning';
  sheet: string;
  cell: string;
  code: string;
  region: string | null;
  period: string | null;
  oldValue: number | null;
  newValue: number | null;
  message: string | null;
  order: number;
}

/** A1 → sort key (row first, then column) so the table reads like the sheet. */
function cellOrder(cell: string): number {
  const m = /^([A-Z]+)(\d+)$/.exec(cell.toUpperCase());
  if (!m) return Number.MAX_SAFE_INTEGER;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return Number(m[2]) * 1000 + col;
}

function linesOf(report: ImportReport): PreviewLine[] {
  const lines: PreviewLine[] = [];
  const sheetIndex = new Map<string, number>();
  const order = (sheet: string, cell: string) => {
    if (!sheetIndex.has(sheet)) sheetIndex.set(sheet, sheetIndex.size);
    return sheetIndex.get(sheet)! * 1e9 + cellOrder(cell);
  };
  for (const r of report.rejected) lines.push({ kind: 'rejected', ...r, region: null, period: null, oldValue: null, newValue: null, order: order(r.sheet, r.cell) });
  for (const r of report.rows)
    lines.push({ kind: r.status, sheet: r.sheet, cell: r.cell, code: r.code, region: r.region, period: r.period, oldValue: r.oldValue, newValue: r.newValue, message: null, order: order(r.sheet, r.cell) });
  for (const w of report.warnings) lines.push({ kind: 'warning', ...w, region: null, period: null, oldValue: null, newValue: null, order: order(w.sheet, w.cell) + 0.5 });
  return lines.sort((a, b) => a.order - b.order);
}

function counts(report: ImportReport) {
  const c = { new: 0, changed: 0, unchanged: 0 };
  for (const r of report.rows) c[r.status] += 1;
  return { ...c, rejected: report.rejected.length, warnings: report.warnings.length };
}

export function ImportFilesTab() {
  const t = useT();
  const { items, selected, add, select, remove, commit, undo, preview } = useImportStore();
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploadingState] = useState<{ names: string[]; started: number } | null>(null);
  const setUploading = (names: string[] | null) => setUploadingState(names ? { names, started: Date.now() } : null);
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
        onUploading={setUploading}
      />
      {uploading && <BusyLine busy={{ label: t('ub.import.uploading', { names: uploading.names.join('、') }), started: uploading.started }} />}
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

function ImportItemView({ item, onCommit, onUndo, onRetry, onRemove }: { item: ImportItem; onCommit(): void; onUndo(): void; onRetry(): void; onRemove(): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const regions = useCatalogue((s) => s.regions);
  const catalogue = useCatalogue((s) => s.catalogue);
  const { ask, dialog } = useDialog();
  const { busy, run } = useBusy();
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const report = item.preview;
  const names = useMemo(() => new Map(catalogue.status === 'ready' ? catalogue.value.indicators.map((i) => [i.code, i]) : []), [catalogue]);
  const regionByCode = useMemo(() => new Map<string, Region>(regions.map((r) => [r.code, r])), [regions]);
  const lines = useMemo(() => (report ? linesOf(report) : []), [report]);
  const c = report ? counts(report) : null;

  const working = item.phase === 'previewing' || item.phase === 'committing' || item.phase === 'undoing';
  const workLabel =
    item.phase === 'previewing' ? t('ub.import.previewing', { name: item.name }) : item.phase === 'committing' ? t('ub.import.committing') : t('ub.import.undoing');

  const shown = lines.filter((l) => {
    switch (filter) {
      case 'all':
        return true;
      case 'warnings':
        return l.kind === 'warning';
      default:
        return l.kind === filter;
    }
  });

  const saveErrors = async () => {
    setSaveError(null);
    setSaved(null);
    const stem = item.name.replace(/\.xlsx$/i, '');
    try {
      const out = await saveOutput(t('ub.import.errorsCopyName', { name: stem }), { title: t('ub.import.saveErrors'), filters: XLSX_FILTERS });
      if (!out) return;
      const r = await run(t('ub.import.savingErrors'), () => invoke('import.errorsCopy', { file: item.path, out }));
      await deliver(r.file);
      setSaved(t('ub.import.errorsSaved', { file: baseName(r.file), n: r.rejected }));
    } catch (e) {
      setSaveError((e as Error).message);
    }
  };

  const confirmUndo = async () => {
    const ok = await ask({
      title: t('ub.import.undoTitle'),
      message: t('ub.import.undoMessage', { name: item.name, n: item.result?.accepted ?? 0 }),
      confirmLabel: t('ub.import.undo'),
      danger: true,
    });
    if (ok) onUndo();
  };

  const nothingToWrite = report && report.rejected.length === 0 && report.accepted === 0;

  return (
    <div className="ub-card ub-preview" data-testid="import-preview">
      {dialog}
      <div className="ub-preview-head">
        <div>
          <h3>{item.name}</h3>
          {report && (
            <p className="ub-muted ub-preview-sub">
              {report.kind === 'template' ? t('ub.import.kind.template') : t('ub.import.kind.long')}
              {' · '}
              {t('ub.import.sha', { sha: report.sha256.slice(0, 12) })}
            </p>
          )}
        </div>
        <div className="ub-toolbar">
          {item.phase === 'ready' && report && (
            <>
              <button type="button" className="ub-primary" onClick={onCommit} disabled={report.rejected.length > 0 || report.accepted === 0} data-testid="import-commit">
                {report.accepted > 0 ? t('ub.import.commit', { n: report.accepted }) : t('ub.import.commitNone')}
              </button>
              {report.rejected.length > 0 && (
                <button type="button" onClick={() => void saveErrors()} disabled={busy !== null}>
                  {t('ub.import.saveErrors')}
                </button>
              )}
            </>
          )}
          {item.phase === 'committed' && (
            <button type="button" className="ub-danger" onClick={() => void confirmUndo()} data-testid="import-undo">
              {t('ub.import.undo')}
            </button>
          )}
          {item.phase === 'failed' && (
            <button type="button" onClick={onRetry}>
              {t('ub.retry')}
            </button>
          )}
          {!working && (
            <button type="button" onClick={onRemove}>
              {t('ub.import.close')}
            </button>
          )}
        </div>
      </div>
      {working && <BusyLine busy={{ label: workLabel, started: item.started }} />}
      <BusyLine busy={busy} />
      {item.error && <Notice kind="error">{item.error}</Notice>}
      {saveError && <Notice kind="error">{saveError}</Notice>}
      {saved && <Notice kind="success">{saved}</Notice>}
      {item.phase === 'committed' && item.result && (
        <Notice kind="success">
          <span data-testid="import-result">
            {t('ub.import.committed', { batch: item.result.batchId ?? '', n: item.result.accepted, unchanged: item.result.unchanged })}
          </span>
        </Notice>
      )}
      {item.phase === 'undone' && item.undo && (
        <Notice kind="info">
          <span data-testid="import-undone">{t('ub.import.undone', { batch: item.undo.batchId, n: item.undo.restored, skipped: item.undo.skipped })}</span>
        </Notice>
      )}
      {item.phase === 'ready' && report && report.rejected.length > 0 && <Notice kind="error">{t('ub.import.hasRejected', { n: report.rejected.length })}</Notice>}
      {item.phase === 'ready' && nothingToWrite && <Notice kind="info">{t('ub.import.nothing')}</Notice>}
      {report && c && (
        <>
          <div className="ub-counts" role="group" aria-label={t('ub.import.filter')}>
            {(
              [
                ['all', lines.length],
                ['new', c.new],
                ['changed', c.changed],
                ['unchanged', c.unchanged],
                ['rejected', c.rejected],
                ['warnings', c.warnings],
              ] as Array<[Filter, number]>
            ).map(([f, n]) => (
              <button key={f} type="button" className={`ub-count ub-count-${f}${filter === f ? ' ub-count-on' : ''}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {t(`ub.import.count.${f}`, { n })}
              </button>
            ))}
          </div>
          <div className="ub-table-wrap">
            <table className="ub-table ub-preview-table">
              <thead>
                <tr>
                  <th>{t('ub.import.col.kind')}</th>
                  <th>{t('ub.import.col.cell')}</th>
                  <th>{t('ub.import.col.indicator')}</th>
                  <th>{t('ub.import.col.region')}</th>
                  <th className="ub-num">{t('ub.import.col.old')}</th>
                  <th className="ub-num">{t('ub.import.col.new')}</th>
                  <th>{t('ub.import.col.message')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((l, i) => {
                  const ind = names.get(l.code);
                  const precision = Math.max(ind?.precision ?? 2, 2);
                  return (
                    <tr key={`${l.kind}-${l.sheet}-${l.cell}-${i}`} className={`ub-line ub-line-${l.kind}`} data-kind={l.kind}>
                      <td>
                        <span className={`ub-kind ub-kind-${l.kind}`}>{t(`ub.import.kind.${l.kind}`)}</span>
                      </td>
                      <td className="ub-cellref">
                        {l.sheet}!{l.cell}
                      </td>
                      <td>
                        {ind ? (
                          <>
                            <span className="ub-code">{l.code}</span> {locale === 'en' ? ind.nameEn || ind.name : ind.name}
                          </>
                        ) : (
                          l.code || '—'
                        )}
                      </td>
                      <td>
                        {l.region ? regionName(regionByCode.get(l.region), locale) || l.region : ''}
                        {l.period ? ` · ${quarterText(l.period, locale)}` : ''}
                      </td>
                      <td className="ub-num">{l.kind === 'changed' ? fmtNumber(l.oldValue, precision) : l.kind === 'unchanged' ? fmtNumber(l.oldValue, precision) : ''}</td>
                      <td className="ub-num">{l.kind === 'new' || l.kind === 'changed' ? <strong>{fmtNumber(l.newValue, precision)}</strong> : l.kind === 'unchanged' ? fmtNumber(l.newValue, precision) : ''}</td>
                      <td className="ub-line-message">{l.message}</td>
                    </tr>
                  );
                })}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={7} className="ub-muted">
                      {t('ub.import.noLines')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
