/**
 * One return in 导入: what reading it found (counts that filter the lines,
 * and the lines — new / changed / unchanged values, refused cells,
 * reminders), then 确认导入, 撤销 (confirmed first), and for a return with
 * refused cells its 退回件.
 */
import { useMemo, useState } from 'react';
import type { Region } from '../../../../shared/contract';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import type { ImportItem } from '../../stores/ui-b-import';
import { BusyLine, fmtNumber, Notice, quarterText, regionName, useOutcome } from '../ui-b/common';
import { numeric, UbTable } from '../ui-b/UbTable';
import { useDialog } from '../ui-b/useDialog';
import { saveErrorsCopy, undoBatchRequest } from './batch-actions';
import { counts, linesOf, shownBy, type Filter } from './preview-lines';

export function ImportItemView({ item, onCommit, onUndo, onRetry, onRemove }: { item: ImportItem; onCommit(): void; onUndo(): void; onRetry(): void; onRemove(): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const regions = useCatalogue((s) => s.regions);
  const catalogue = useCatalogue((s) => s.catalogue);
  const { ask, dialog } = useDialog();
  const { busy, run, error: saveError, done: saved, setDone: setSaved, attempt } = useOutcome();
  const [filter, setFilter] = useState<Filter>('all');
  const report = item.preview;
  const names = useMemo(() => new Map(catalogue.status === 'ready' ? catalogue.value.indicators.map((i) => [i.code, i]) : []), [catalogue]);
  const regionByCode = useMemo(() => new Map<string, Region>(regions.map((r) => [r.code, r])), [regions]);
  const lines = useMemo(() => (report ? linesOf(report) : []), [report]);
  const c = report ? counts(report) : null;

  const working = item.phase === 'previewing' || item.phase === 'committing' || item.phase === 'undoing';
  const workLabel =
    item.phase === 'previewing' ? t('ub.import.previewing', { name: item.name }) : item.phase === 'committing' ? t('ub.import.committing') : t('ub.import.undoing');

  const shown = lines.filter(shownBy(filter));

  const saveErrors = () =>
    attempt(async () => {
      const said = await saveErrorsCopy(item.path, item.name, run, t);
      if (said) setSaved(said);
    });

  const confirmUndo = async () => {
    const ok = await ask(undoBatchRequest(t, item.name, item.result?.accepted ?? 0));
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
      {working && <BusyLine busy={{ label: workLabel, started: item.started, progress: item.progress }} />}
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
      {item.phase === 'ready' && report && report.rejected.length > 0 && <Notice kind="error">{t('ub.import.hasRejected', { n: report.rejectedTotal })}</Notice>}
      {item.phase === 'ready' && nothingToWrite && <Notice kind="info">{t('ub.import.nothing')}</Notice>}
      {report && c && (
        <>
          <div className="ub-counts" role="group" aria-label={t('ub.import.filter')}>
            {(
              [
                ['all', c.all],
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
          {(report.rejectedTotal > report.rejected.length || report.warningsTotal > report.warnings.length) && (
            <Notice kind="info">{t('ub.import.issuesOmitted', { n: report.rejected.length.toLocaleString(locale) })}</Notice>
          )}
          {report.rowsOmitted > 0 && (
            <Notice kind="info">
              <span data-testid="import-rows-omitted">{t('ub.import.rowsOmitted', { shown: report.rows.length.toLocaleString(locale), total: (report.rows.length + report.rowsOmitted).toLocaleString(locale) })}</span>
            </Notice>
          )}
          <UbTable
            className="ub-preview-table"
            columns={[t('ub.import.col.kind'), t('ub.import.col.cell'), t('ub.import.col.indicator'), t('ub.import.col.region'), numeric(t('ub.import.col.old')), numeric(t('ub.import.col.new')), t('ub.import.col.message')]}
            empty={shown.length === 0 ? t('ub.import.noLines') : null}
          >
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
          </UbTable>
        </>
      )}
    </div>
  );
}
