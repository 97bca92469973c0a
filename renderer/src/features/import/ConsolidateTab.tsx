/**
 * 省级汇总: the cities' long-format files read together.
 *   files     chosen several at once (browser mode) or added one at a time
 *             (desktop) to a list; 比对 reads them all (consolidate.preview)
 *   summary   per file: values, refused cells (sheet!cell and why — such a
 *             file has to go back first, and nothing can be committed), and
 *             reminders; new and unchanged counts
 *   conflicts one row per region × period × indicator where the files, or a
 *             file and the store, disagree: the stored value with where it
 *             came from and every file's value with its cell, side by side,
 *             one choice per row; 全部保留库中值 / 全部采用最新文件
 *   commit    only when every conflict has a choice; the result is one batch
 *             per file, each undoable in 导入记录
 */
import { useMemo, useState } from 'react';
import type { IndicatorView, Region } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { baseName, deliver, isDesktop, saveOutput, XLSX_FILTERS } from '../../api/files';
import { useLocale, useT, type Translate } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { useConsolidateStore, type Choice, type Conflict, type ConsolidateFile, type ConsolidationPreview } from '../../stores/ui-b-consolidate';
import { useImportStore } from '../../stores/ui-b-import';
import { BusyLine, fmtNumber, localTime, Notice, quarterText, regionName, useBusy, withUnit } from '../ui-b/common';
import { FilePicker } from '../ui-b/FilePicker';

type FileSummary = ConsolidationPreview['files'][number];
type StoreValue = NonNullable<Conflict['store']>;

/** A value exactly enough to tell two apart (up to 6 decimals), with its unit. */
function valueWithUnit(value: number, ind: IndicatorView | undefined): string {
  return ind ? withUnit(fmtNumber(value, 6), ind.unit) : fmtNumber(value, 6);
}

/** Where the stored value came from: "手工录入 · 张三 · 2026-04-01" or "导入填报表 · 海口.xlsx 数据!D2 · 张三 · 2026-04-01". */
function lineage(s: StoreValue, t: Translate): string {
  const known = ['manual', 'import', 'seed', 'undo', 'restore'];
  const parts = [t(known.includes(s.sourceKind) ? `ub.source.${s.sourceKind}` : 'ub.source.other')];
  if (s.fileName) parts.push(s.sheet && s.cell ? `${s.fileName} ${s.sheet}!${s.cell}` : s.fileName);
  if (s.updatedBy) parts.push(s.updatedBy);
  const at = localTime(s.updatedAt);
  if (at) parts.push(at.slice(0, 10));
  return parts.join(' · ');
}

export function ConsolidateTab() {
  const t = useT();
  const desktop = isDesktop();
  const s = useConsolidateStore();
  const setTab = useImportStore((x) => x.setTab);
  const [pickError, setPickError] = useState<string | null>(null);
  const [upload, setUpload] = useState<{ done: number; total: number; name: string | null; started: number } | null>(null);

  const working = s.phase === 'previewing' || s.phase === 'committing' || upload !== null;
  const preview = s.preview;
  const rejectedFiles = preview ? preview.files.filter((f) => f.rejected.length > 0) : [];
  const open = preview ? preview.conflicts.filter((c) => s.choices[c.key] === undefined).length : 0;
  const canCommit = s.phase === 'ready' && !!preview && rejectedFiles.length === 0 && open === 0;

  return (
    <div className="ub-consolidate">
      <p className="ub-cons-intro">{t('ub.cons.intro')}</p>
      <FilePicker
        filters={XLSX_FILTERS}
        multiple
        disabled={working}
        testId="consolidate-file"
        title={t('ub.cons.chooseTitle')}
        label={desktop ? t('ub.cons.add') : s.files.length > 0 && s.phase !== 'committed' ? t('ub.cons.chooseMore') : t('ub.cons.choose')}
        dropHint={t('ub.cons.dropHint')}
        onPicked={(files) => {
          setPickError(null);
          s.add(files);
        }}
        onError={setPickError}
        onUploadProgress={(done, total, name) => setUpload((u) => (name === null ? null : { done, total, name, started: u?.started ?? Date.now() }))}
        onUploading={(names) => {
          if (!names) setUpload(null);
        }}
      />
      {upload && (
        <div className="ub-cons-progress" data-testid="consolidate-progress">
          <BusyLine busy={{ label: t('ub.cons.uploading', { i: upload.done + 1, n: upload.total, name: upload.name ?? '' }), started: upload.started }} />
          <progress max={upload.total} value={upload.done} aria-label={t('ub.cons.uploadProgress')} />
        </div>
      )}
      {pickError && (
        <Notice kind="error" onClose={() => setPickError(null)}>
          {pickError}
        </Notice>
      )}

      {s.files.length === 0 ? (
        <p className="ub-muted ub-empty">{desktop ? t('ub.cons.emptyDesktop') : t('ub.cons.empty')}</p>
      ) : (
        <FilesCard working={working} />
      )}

      {s.phase === 'previewing' && (
        <div className="ub-cons-progress" data-testid="consolidate-progress">
          <BusyLine busy={{ label: t('ub.cons.previewing', { n: s.files.length }), started: s.started }} />
          <progress aria-label={t('ub.cons.previewing', { n: s.files.length })} />
        </div>
      )}
      {s.error && (
        <Notice kind="error" onClose={s.dismissError}>
          <span data-testid="consolidate-error">{s.error}</span>
        </Notice>
      )}

      {preview && s.phase !== 'committed' && (
        <>
          <Totals preview={preview} />
          {rejectedFiles.length > 0 && <RejectedCard preview={preview} paths={s.compared} />}
          {preview.conflicts.length > 0 && <ConflictsCard preview={preview} open={open} disabled={s.phase !== 'ready'} />}
          {/* Kept in view while a long list of conflicts is worked through. */}
          <div className={preview.conflicts.length > 0 && rejectedFiles.length === 0 ? 'ub-cons-commit ub-cons-commit-sticky' : 'ub-cons-commit'} data-testid="consolidate-commit-bar">
            <button type="button" className="ub-primary" disabled={!canCommit} onClick={() => void s.commit()} data-testid="consolidate-commit">
              {t('ub.cons.commit', { n: preview.files.length })}
            </button>
            <span className={canCommit ? 'ub-muted' : 'ub-warning-text'} data-testid="consolidate-commit-why">
              {rejectedFiles.length > 0
                ? t('ub.cons.why.rejected', { n: rejectedFiles.length })
                : open > 0
                  ? t('ub.cons.why.open', { n: open })
                  : t('ub.cons.why.ready', { fresh: preview.newValues, conflicts: preview.conflicts.length })}
            </span>
          </div>
          {s.phase === 'committing' && <BusyLine busy={{ label: t('ub.cons.committing'), started: s.started }} />}
        </>
      )}

      {s.phase === 'committed' && s.result && (
        <div className="ub-card ub-cons-result" data-testid="consolidate-result">
          <Notice kind="success">{t('ub.cons.done', { n: s.result.batches.reduce((a, b) => a + b.accepted, 0), batches: s.result.batches.filter((b) => b.batchId).length })}</Notice>
          <div className="ub-table-wrap">
            <table className="ub-table">
              <thead>
                <tr>
                  <th>{t('ub.cons.col.file')}</th>
                  <th>{t('ub.batches.id')}</th>
                  <th className="ub-num">{t('ub.batches.accepted')}</th>
                </tr>
              </thead>
              <tbody>
                {s.result.batches.map((b, i) => (
                  <tr key={`${i}-${b.fileName}`} data-batch={b.batchId ?? ''}>
                    <td>{b.fileName}</td>
                    <td className="ub-cellref">{b.batchId ?? <span className="ub-muted">{t('ub.cons.noBatch')}</span>}</td>
                    <td className="ub-num">{b.accepted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="ub-toolbar">
            <button type="button" onClick={() => setTab('batches')}>
              {t('ub.cons.toBatches')}
            </button>
            <button type="button" onClick={s.clear}>
              {t('ub.cons.again')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The files in the list; after a comparison, what each holds. */
function FilesCard({ working }: { working: boolean }) {
  const t = useT();
  const s = useConsolidateStore();
  const byIndex: Array<FileSummary | undefined> = s.files.map((_, i) => s.preview?.files[i]);
  const dupes = useMemo(() => duplicates(s.files, s.preview), [s.files, s.preview]);

  return (
    <div className="ub-card ub-cons-files">
      <div className="ub-card-head">
        <h3>{t('ub.cons.files', { n: s.files.length })}</h3>
        <div className="ub-toolbar">
          {s.phase === 'idle' && (
            <button type="button" className="ub-primary" onClick={() => void s.compare()} disabled={working} data-testid="consolidate-compare">
              {t('ub.cons.compare', { n: s.files.length })}
            </button>
          )}
          {s.phase !== 'committed' && (
            <button type="button" onClick={s.clear} disabled={working}>
              {t('ub.cons.clear')}
            </button>
          )}
        </div>
      </div>
      <div className="ub-table-wrap">
        <table className="ub-table ub-cons-file-table" data-testid="consolidate-files">
          <thead>
            <tr>
              <th className="ub-num">#</th>
              <th>{t('ub.cons.col.file')}</th>
              <th>{t('ub.batches.kind')}</th>
              <th className="ub-num">{t('ub.cons.col.values')}</th>
              <th className="ub-num">{t('ub.cons.col.rejected')}</th>
              <th className="ub-num">{t('ub.cons.col.warnings')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {s.files.map((f, i) => {
              const sum = byIndex[i];
              return (
                <tr key={f.id} className={sum && sum.rejected.length > 0 ? 'ub-line-rejected' : undefined}>
                  <td className="ub-num">{i + 1}</td>
                  <td className="ub-cons-file-name">{f.name}</td>
                  <td>{sum ? t(sum.kind === 'template' ? 'ub.import.kind.template' : 'ub.import.kind.long') : <span className="ub-muted">{t('ub.cons.notRead')}</span>}</td>
                  <td className="ub-num">{sum ? sum.values : ''}</td>
                  <td className="ub-num">{sum ? sum.rejected.length > 0 ? <strong className="ub-error-text">{sum.rejected.length}</strong> : 0 : ''}</td>
                  <td className="ub-num">{sum ? sum.warnings.length : ''}</td>
                  <td className="ub-cons-file-actions">
                    {s.phase !== 'committed' && (
                      <button type="button" className="ub-link" onClick={() => s.remove(f.id)} disabled={working} aria-label={t('ub.cons.removeNamed', { name: f.name })}>
                        {t('ub.cons.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {dupes.length > 0 && <Notice kind="warning">{t('ub.cons.duplicate', { names: dupes.join('；') })}</Notice>}
      {s.preview && s.phase !== 'committed' && <WarningsList preview={s.preview} />}
    </div>
  );
}

/** Files whose contents are the same (same sha256): probably added twice. */
function duplicates(files: ConsolidateFile[], preview: ConsolidationPreview | null): string[] {
  if (!preview) return [];
  const bySha = new Map<string, string[]>();
  preview.files.forEach((f, i) => bySha.set(f.sha256, [...(bySha.get(f.sha256) ?? []), files[i]?.name ?? f.fileName]));
  return [...bySha.values()].filter((names) => names.length > 1).map((names) => names.join('、'));
}

function WarningsList({ preview }: { preview: ConsolidationPreview }) {
  const t = useT();
  const withWarnings = preview.files.filter((f) => f.warnings.length > 0);
  if (withWarnings.length === 0) return null;
  return (
    <details className="ub-cons-warnings">
      <summary>{t('ub.cons.warnings', { n: withWarnings.reduce((a, f) => a + f.warnings.length, 0) })}</summary>
      {withWarnings.map((f, i) => (
        <div key={`${i}-${f.fileName}`}>
          <h4>{f.fileName}</h4>
          <ul className="ub-cons-issues">
            {f.warnings.map((w, j) => (
              <li key={j}>
                <span className="ub-cellref">
                  {w.sheet}!{w.cell}
                </span>{' '}
                {w.message}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </details>
  );
}

function Totals({ preview }: { preview: ConsolidationPreview }) {
  const t = useT();
  const rejected = preview.files.reduce((a, f) => a + f.rejected.length, 0);
  return (
    <div className="ub-counts" data-testid="consolidate-totals">
      <span className="ub-count ub-count-new">{t('ub.cons.count.new', { n: preview.newValues })}</span>
      <span className="ub-count ub-count-unchanged">{t('ub.cons.count.unchanged', { n: preview.unchangedValues })}</span>
      <span className={preview.conflicts.length > 0 ? 'ub-count ub-count-conflicts' : 'ub-count ub-count-unchanged'}>{t('ub.cons.count.conflicts', { n: preview.conflicts.length })}</span>
      {rejected > 0 && <span className="ub-count ub-count-rejected">{t('ub.cons.count.rejected', { n: rejected })}</span>}
    </div>
  );
}

/** Files with refused cells: they go back first; meanwhile nothing is committed. */
function RejectedCard({ preview, paths }: { preview: ConsolidationPreview; paths: string[] }) {
  const t = useT();
  const files = preview.files.map((f, index) => ({ ...f, index })).filter((f) => f.rejected.length > 0);
  const { busy, run } = useBusy();
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const saveErrors = async (f: FileSummary & { index: number }) => {
    const path = paths[f.index];
    if (!path) return;
    setSaved(null);
    setError(null);
    try {
      const out = await saveOutput(t('ub.import.errorsCopyName', { name: f.fileName.replace(/\.xlsx$/i, '') }), { title: t('ub.import.saveErrors'), filters: XLSX_FILTERS });
      if (!out) return;
      const r = await run(t('ub.import.savingErrors'), () => invoke('import.errorsCopy', { file: path, out }));
      await deliver(r.file);
      setSaved(t('ub.import.errorsSaved', { file: baseName(r.file), n: r.rejected }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="ub-card ub-cons-rejected" data-testid="consolidate-rejected">
      <Notice kind="error">{t('ub.cons.rejectedExplain', { n: files.length })}</Notice>
      <BusyLine busy={busy} />
      {error && <Notice kind="error">{error}</Notice>}
      {saved && <Notice kind="success">{saved}</Notice>}
      {files.map((f) => (
        <section key={f.index} className="ub-cons-rejected-file" data-file={f.fileName}>
          <div className="ub-card-head">
            <h4>{t('ub.cons.rejectedFile', { name: f.fileName, n: f.rejected.length })}</h4>
            <button type="button" onClick={() => void saveErrors(f)} disabled={busy !== null}>
              {t('ub.import.saveErrors')}
            </button>
          </div>
          <table className="ub-table">
            <thead>
              <tr>
                <th>{t('ub.import.col.cell')}</th>
                <th>{t('ub.import.col.message')}</th>
              </tr>
            </thead>
            <tbody>
              {f.rejected.map((r, j) => (
                <tr key={j} className="ub-line-rejected">
                  <td className="ub-cellref">
                    {r.sheet}!{r.cell}
                  </td>
                  <td className="ub-line-message">{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function ConflictsCard({ preview, open, disabled }: { preview: ConsolidationPreview; open: number; disabled: boolean }) {
  const t = useT();
  const locale = useLocale((x) => x.locale);
  const catalogue = useCatalogue((x) => x.catalogue);
  const regions = useCatalogue((x) => x.regions);
  const choices = useConsolidateStore((x) => x.choices);
  const choose = useConsolidateStore((x) => x.choose);
  const chooseAll = useConsolidateStore((x) => x.chooseAll);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const indicators = useMemo(() => new Map(catalogue.status === 'ready' ? catalogue.value.indicators.map((i) => [i.code, i]) : []), [catalogue]);
  const regionByCode = useMemo(() => new Map<string, Region>(regions.map((r) => [r.code, r])), [regions]);
  const total = preview.conflicts.length;
  const anyStored = preview.conflicts.some((c) => c.store);
  const shown = onlyOpen ? preview.conflicts.filter((c) => choices[c.key] === undefined) : preview.conflicts;

  return (
    <div className="ub-card ub-cons-conflicts">
      <div className="ub-card-head">
        <h3>{t('ub.cons.conflicts', { n: total })}</h3>
        <div className="ub-toolbar">
          <span className={open > 0 ? 'ub-warning-text' : 'ub-ok'} data-testid="consolidate-chosen">
            {t('ub.cons.chosen', { done: total - open, n: total })}
          </span>
          <label className="ub-field">
            <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
            <span>{t('ub.cons.onlyOpen')}</span>
          </label>
          <button type="button" onClick={() => chooseAll('store')} disabled={disabled || !anyStored} data-testid="consolidate-all-store">
            {t('ub.cons.allStore')}
          </button>
          <button type="button" onClick={() => chooseAll('latest')} disabled={disabled} data-testid="consolidate-all-latest">
            {t('ub.cons.allLatest')}
          </button>
        </div>
      </div>
      <p className="ub-muted ub-small ub-cons-hint">{t('ub.cons.conflictsHint')}</p>
      <div className="ub-table-wrap">
        <table className="ub-table ub-cons-table" data-testid="consolidate-conflicts">
          <thead>
            <tr>
              <th>{t('ub.cons.col.where')}</th>
              <th>{t('ub.import.col.indicator')}</th>
              <th>{t('ub.cons.col.store')}</th>
              <th>{t('ub.cons.col.files')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <ConflictRow
                key={c.key}
                conflict={c}
                ind={indicators.get(c.indicator)}
                region={regionName(regionByCode.get(c.region), locale) || c.regionName}
                period={quarterText(c.period, locale)}
                choice={choices[c.key]}
                disabled={disabled}
                onChoose={(ch) => choose(c.key, ch)}
              />
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={4} className="ub-muted">
                  {t('ub.cons.allChosen')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ConflictRow({
  conflict: c,
  ind,
  region,
  period,
  choice,
  disabled,
  onChoose,
}: {
  conflict: Conflict;
  ind: IndicatorView | undefined;
  region: string;
  period: string;
  choice: Choice | undefined;
  disabled: boolean;
  onChoose(choice: Choice): void;
}) {
  const t = useT();
  const locale = useLocale((x) => x.locale);
  const name = `cons-${c.key}`;
  const store = c.store;
  return (
    <tr className={choice === undefined ? 'ub-cons-row ub-cons-row-open' : 'ub-cons-row'} data-testid="conflict-row" data-key={c.key}>
      <td className="ub-cons-where">
        <strong>{region}</strong>
        <span className="ub-muted">{period}</span>
      </td>
      <td className="ub-cons-ind">
        <span className="ub-code">{c.indicator}</span>
        <span>{ind ? (locale === 'en' ? ind.nameEn || ind.name : ind.name) : ''}</span>
      </td>
      <td className="ub-cons-store">
        {store ? (
          <label className={choice === 'store' ? 'ub-cons-opt ub-cons-opt-store ub-cons-opt-on' : 'ub-cons-opt ub-cons-opt-store'} title={localTime(store.updatedAt)}>
            <input
              type="radio"
              name={name}
              checked={choice === 'store'}
              disabled={disabled}
              onChange={() => onChoose('store')}
              aria-label={t('ub.cons.keepStoreLabel', { value: valueWithUnit(store.value, ind) })}
            />
            <span className="ub-cons-opt-body">
              <span className="ub-cons-opt-head">{t('ub.cons.keepStore')}</span>
              <span className="ub-cons-value">{valueWithUnit(store.value, ind)}</span>
              <span className="ub-cons-src">{lineage(store, t)}</span>
            </span>
          </label>
        ) : (
          <span className="ub-muted ub-cons-none">{t('ub.cons.noStore')}</span>
        )}
      </td>
      <td>
        <div className="ub-cons-cands">
          {c.candidates.map((x) => {
            const on = choice === x.fileIndex;
            const same = store !== null && x.value === store.value;
            return (
              <label key={`${x.fileIndex}-${x.sheet}-${x.cell}`} className={on ? 'ub-cons-opt ub-cons-opt-on' : 'ub-cons-opt'}>
                <input
                  type="radio"
                  name={name}
                  checked={on}
                  disabled={disabled}
                  onChange={() => onChoose(x.fileIndex)}
                  aria-label={t('ub.cons.takeFileLabel', { name: x.fileName, value: valueWithUnit(x.value, ind) })}
                />
                <span className="ub-cons-opt-body">
                  <span className="ub-cons-opt-head">{t('ub.cons.takeFile', { i: x.fileIndex + 1 })}</span>
                  <span className="ub-cons-value">
                    {valueWithUnit(x.value, ind)}
                    {same && <span className="ub-cons-same">{t('ub.cons.sameAsStore')}</span>}
                  </span>
                  <span className="ub-cons-src" title={x.fileName}>
                    {x.fileName} <span className="ub-cellref">{x.sheet}!{x.cell}</span>
                  </span>
                </span>
              </label>
            );
          })}
        </div>
      </td>
    </tr>
  );
}
