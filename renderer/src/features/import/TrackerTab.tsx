/**
 * 报送进度: the returns tracker of one quarter — each region's state
 * (待报送 → 已收到 → 已核对 → 已审定, which locks the values), 逾期 flags,
 * one step forward at a time, reopening with a reason, and the list of
 * missing returns as a workbook.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { parsePeriod, periodLabel } from '../../../../shared/periods';
import { invoke } from '../../api/client';
import { baseName, deliver, isDesktop, saveOutput, XLSX_FILTERS } from '../../api/files';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { useData } from '../../stores/data';
import { useImportStore } from '../../stores/ui-b-import';
import { useUiBSelection } from '../../stores/ui-b-selection';
import { BusyLine, localTime, Notice, QuarterSelect, quarterText, useBusy, useDialog } from '../ui-b/common';

type Row = ChannelOutput<'tracker.list'>[number];
type State = Row['state'];
const NEXT: Record<State, Exclude<State, 'expected'> | null> = { expected: 'received', received: 'checked', checked: 'approved', approved: null };

export function TrackerTab() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { period, setPeriod } = useUiBSelection();
  const revision = useImportStore((s) => s.revision);
  const regions = useCatalogue((s) => s.regions);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const { ask, dialog } = useDialog();

  const load = useCallback(async () => {
    try {
      setRows(await invoke('tracker.list', { period }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [period]);

  useEffect(() => {
    setRows(null);
    void load();
  }, [load, revision]);

  const after = (row: Row) => {
    setRows((rs) => rs?.map((r) => (r.region === row.region ? row : r)) ?? null);
    void useData.getState().loadTracker(period, { refresh: true });
  };

  const advance = async (r: Row) => {
    const to = NEXT[r.state];
    if (!to) return;
    setError(null);
    setDone(null);
    if (to === 'approved') {
      const ok = await ask({ title: t('ub.tracker.approveTitle'), message: t('ub.tracker.approveMessage', { region: r.regionName, period: quarterText(period, locale) }), confirmLabel: t('ub.tracker.to.approved') });
      if (!ok) return;
    }
    try {
      const row = await run(t('ub.tracker.saving'), () => invoke('tracker.advance', { region: r.region, period, to }));
      after(row);
      setDone(t('ub.tracker.moved', { region: r.regionName, state: t(`ub.tracker.state.${row.state}`) }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const reopen = async (r: Row) => {
    const answer = await ask({
      title: t('ub.tracker.reopenTitle', { region: r.regionName }),
      message: t('ub.tracker.reopenMessage'),
      reasonLabel: t('ub.tracker.reason'),
      confirmLabel: t('ub.tracker.reopenConfirm'),
    });
    if (!answer) return;
    setError(null);
    setDone(null);
    try {
      const row = await run(t('ub.tracker.saving'), () => invoke('tracker.reopen', { region: r.region, period, reason: answer.reason }));
      after(row);
      setDone(t('ub.tracker.moved', { region: r.regionName, state: t(`ub.tracker.state.${row.state}`) }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const exportMissing = async () => {
    setError(null);
    setDone(null);
    const p = parsePeriod(period);
    try {
      const out = await saveOutput(t('ub.tracker.missingName', { period: p ? periodLabel(p) : period }), { title: t('ub.tracker.exportMissing'), filters: XLSX_FILTERS });
      if (!out) return;
      const res = await run(t('ub.tracker.exporting'), () => invoke('tracker.exportMissing', { period, out }));
      await deliver(res.file);
      setDone(t('ub.tracker.exported', { file: isDesktop() ? res.file : baseName(res.file), n: res.rows }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

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
      <BusyLine busy={busy} />
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
      {rows === null ? (
        <p className="ub-muted">{t('ub.loading')}</p>
      ) : (
        <div className="ub-table-wrap">
          <table className="ub-table ub-tracker" data-testid="tracker">
            <thead>
              <tr>
                <th>{t('ub.tracker.region')}</th>
                <th>{t('ub.tracker.state')}</th>
                <th>{t('ub.tracker.due')}</th>
                <th className="ub-num">{t('ub.tracker.values')}</th>
                <th>{t('ub.tracker.changed')}</th>
                <th>{t('ub.tracker.actions')}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
