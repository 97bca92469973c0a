/** 省级汇总's files with refused cells, cell by cell with the reason, each with its 退回件. */
import { useT } from '../../../i18n';
import type { ConsolidationPreview } from '../../../stores/ui-b-consolidate';
import { Notice, OutcomeLines, useOutcome } from '../../ui-b/common';
import { saveErrorsCopy } from '../batch-actions';

type FileSummary = ConsolidationPreview['files'][number];

/** Files with refused cells: they go back first; meanwhile nothing is committed. */
export function RejectedCard({ preview, paths }: { preview: ConsolidationPreview; paths: string[] }) {
  const t = useT();
  const files = preview.files.map((f, index) => ({ ...f, index })).filter((f) => f.rejected.length > 0);
  const { busy, run, error, done, setDone, attempt } = useOutcome();

  const saveErrors = async (f: FileSummary & { index: number }) => {
    const path = paths[f.index];
    if (!path) return;
    await attempt(async () => {
      const said = await saveErrorsCopy(path, f.fileName, run, t);
      if (said) setDone(said);
    });
  };

  return (
    <div className="ub-card ub-cons-rejected" data-testid="consolidate-rejected">
      <Notice kind="error">{t('ub.cons.rejectedExplain', { n: files.length })}</Notice>
      <OutcomeLines busy={busy} error={error} done={done} />
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
