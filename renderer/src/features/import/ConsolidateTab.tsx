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
 * The cards are in consolidate/.
 */
import { useState } from 'react';
import { isDesktop, XLSX_FILTERS } from '../../api/files';
import { useT } from '../../i18n';
import { useConsolidateStore, type ConsolidationPreview } from '../../stores/ui-b-consolidate';
import { useImportStore } from '../../stores/ui-b-import';
import { BusyLine, Notice } from '../ui-b/common';
import { FilePicker } from '../ui-b/FilePicker';
import { numeric, UbTable } from '../ui-b/UbTable';
import { ConflictsCard } from './consolidate/ConflictsCard';
import { FilesCard } from './consolidate/FilesCard';
import { RejectedCard } from './consolidate/RejectedCard';

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
          <UbTable columns={[t('ub.cons.col.file'), t('ub.batches.id'), numeric(t('ub.batches.accepted'))]}>
            {s.result.batches.map((b, i) => (
              <tr key={`${i}-${b.fileName}`} data-batch={b.batchId ?? ''}>
                <td>{b.fileName}</td>
                <td className="ub-cellref">{b.batchId ?? <span className="ub-muted">{t('ub.cons.noBatch')}</span>}</td>
                <td className="ub-num">{b.accepted}</td>
              </tr>
            ))}
          </UbTable>
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

/** What the comparison found, in counts: new, unchanged, in conflict, refused. */
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
