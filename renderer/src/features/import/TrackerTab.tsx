/**
 * 报送进度: the returns tracker of one quarter — each region's state
 * (待报送 → 已收到 → 已核对 → 已审定, which locks the values), 逾期 flags,
 * one step forward at a time, reopening with a reason, and the list of
 * missing returns as a workbook.
 */
import { useCallback } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { exportWorkbook, shownPath } from '../../api/files';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { useData } from '../../stores/data';
import { useUiBSelection } from '../../stores/ui-b-selection';
import { localTime, OutcomeLines, QuarterSelect, quarterFileText, quarterText, useOutcome } from '../ui-b/common';
import { numeric, UbTable } from '../ui-b/UbTable';
import { useDialog } from '../ui-b/useDialog';
import { useCoreList } from './useCoreList';

type Row = ChannelOutput<'tracker.list'>[number];
type State = Row['state'];
const NEXT: Record<State, Exclude<State, 'expected'> | null> = { expected: 'received', received: 'checked', checked: 'approved', approved: null };

export function TrackerTab() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { period, setPeriod } = useUiBSelection();
  const regions = useCatalogue((s) => s.regions);
  const { busy, run, error, setError, done, setDone, attempt } = useOutcome();
  const readTracker = useCallback(() => invoke('tracker.list', { period }), [period]);
  const { rows, setRows } = useCoreList(readTracker, setError, { blankWhileReading: true });
  const { ask, dialog } = useDialog();

  /** `was` moved on to `row` (the core's answer): shown in the table and in the app's tracker, and said. */
  const moved = (was: Row, row: Row) => {
    setRows((rs) => rs?.map((r) => (r.region === row.region ? row : r)) ?? null);
    void useData.getState().loadTracker(period, { refresh: true });
    setDone(t('ub.tracker.moved', { region: was.regionName, state: t(`ub.tracker.state.${row.state}`) }));
  };

  const advance = async (r: Row) => {
    const to = NEXT[r.state];
    if (!to) return;
    await attempt(async () => {
      if (to === 'approved') {
        const ok = await ask({ title: t('ub.tracker.approveTitle'), message: t('ub.tracker.approveMessage', { region: r.regionName, period: quarterText(period, locale) }), confirmLabel: t('ub.tracker.to.approved') });
        if (!ok) return;
      }
      moved(r, await run(t('ub.tracker.saving'), () => invoke('tracker.advance', { region: r.region, period, to })));
    });
  };

  const reopen = async (r: Row) => {
    const answer = await ask({
      title: t('ub.tracker.reopenTitle', { region: r.regionName }),
      message: t('ub.tracker.reopenMessage'),
      reasonLabel: t('ub.tracker.reason'),
      confirmLabel: t('ub.tracker.reopenConfirm'),
    });
    if (!answer) return;
    await attempt(async () => {
      moved(r, await run(t('ub.tracker.saving'), () => invoke('tracker.reopen', { region: r.region, period, reason: answer.reason })));
    });
  };

  const exportMissing = () =>
    attempt(async () => {
      const res = await exportWorkbook(t('ub.tracker.missingName', { period: quarterFileText(period) }), t('ub.tracker.exportMissing'), (out) =>
        run(t('ub.tracker.exporting'), () => invoke('tracker.exportMissing', { period, out })),
      );
      if (res) setDone(t('ub.tracker.exported', { file: shownPath(res.file), n: res.rows }));
    });

  const total = rows?.length ?? 0;
  const overdue = rows?.filter((r) => r.overdue).length ?? 0;
  const arrived = rows?.filter((r) => r.state !== 'expected').length ?? 0;

  return (
    <div className="ub-card">
      {dialog}
      <div className="ub-card-head">
        <h3>{t('ub.tracker.title')}</h3>
        <div className="ub-toolbar">
          <QuarterSelect value={period} onChange={setPeriod} />
          <button type="button" onClick={() => void exportMissing()} disabled={busy !== null}>
            {t('ub.tracker.exportMissing')}
          </button>
        </div>
      </div>
      {rows && (
        <p className="ub-muted">
          {t('ub.tracker.summary', { arrived, total, overdue, due: rows[0]?.dueDate ?? '' })}
        </p>
      )}
      <OutcomeLines busy={busy} error={error} done={done} />
      {rows === null ? (
        <p className="ub-muted">{t('ub.loading')}</p>
      ) : (
        <UbTable
          className="ub-tracker"
          testId="tracker"
          columns={[t('ub.tracker.region'), t('ub.tracker.state'), t('ub.tracker.due'), numeric(t('ub.tracker.values')), t('ub.tracker.changed'), t('ub.tracker.actions')]}
        >
          {rows.map((r) => {
            const next = NEXT[r.state];
            return (
              <tr key={r.region} data-region={r.region}>
                <td>{locale === 'en' ? regions.find((x) => x.code === r.region)?.nameEn || r.regionName : r.regionName}</td>
                <td>
                  <span className={`ub-state ub-state-${r.state}`}>{t(`ub.tracker.state.${r.state}`)}</span>
                  {r.overdue && <span className="ub-overdue">{t('ub.tracker.overdue')}</span>}
                </td>
                <td>{r.dueDate}</td>
                <td className="ub-num">{r.observations}</td>
                <td className="ub-muted">{r.changedAt ? `${localTime(r.changedAt)} · ${r.changedBy ?? ''}` : '—'}</td>
                <td className="ub-actions">
                  {next && (
                    <button type="button" onClick={() => void advance(r)} disabled={busy !== null}>
                      {t(`ub.tracker.to.${next}`)}
                    </button>
                  )}
                  {r.state === 'approved' && (
                    <button type="button" onClick={() => void reopen(r)} disabled={busy !== null}>
                      {t('ub.tracker.reopen')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </UbTable>
      )}
    </div>
  );
}
