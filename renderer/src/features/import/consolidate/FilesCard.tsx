/**
 * 省级汇总's list of files: each file's name and, once compared, its kind,
 * values, refused cells and reminders; a warning when two files hold the
 * same bytes; the reminders themselves, folded.
 */
import { useMemo } from 'react';
import { useT } from '../../../i18n';
import { useConsolidateStore, type ConsolidateFile, type ConsolidationPreview } from '../../../stores/ui-b-consolidate';
import { Notice } from '../../ui-b/common';
import { numeric, UbTable } from '../../ui-b/UbTable';

type FileSummary = ConsolidationPreview['files'][number];

/** The files in the list; after a comparison, what each holds. */
export function FilesCard({ working }: { working: boolean }) {
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
      <UbTable
        className="ub-cons-file-table"
        testId="consolidate-files"
        columns={[numeric('#'), t('ub.cons.col.file'), t('ub.batches.kind'), numeric(t('ub.cons.col.values')), numeric(t('ub.cons.col.rejected')), numeric(t('ub.cons.col.warnings')), '']}
      >
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
      </UbTable>
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
