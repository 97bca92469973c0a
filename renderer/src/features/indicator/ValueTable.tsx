/** The indicator's values with their lineage, each with its full history on demand. */
import { Fragment, useMemo, useState } from 'react';
import type { HistoryEntry, IndicatorView, Observation, Region } from '../../../../shared/contract';
import { parsePeriod, periodSort } from '../../../../shared/periods';
import { invoke } from '../../api/client';
import { formatWithUnit } from '../../charts/format';
import { Button, ErrorBanner, Loading, ScrollTable } from '../../components';
import { formatTimestamp } from '../../components/time';
import { useLocale, useT } from '../../i18n';
import { errorMessage, type Load } from '../../stores/load';
import { regionLabel } from '../../stores/regions';
import { lineageText } from './lineage';

const PAGE = 60;

function HistoryRows({ load, indicator }: { load: Load<HistoryEntry[]>; indicator: IndicatorView }) {
  const t = useT();
  if (load.status === 'loading' || load.status === 'idle') return <Loading text={t('values.historyLoading')} />;
  if (load.status === 'error') return <ErrorBanner message={load.message} />;
  if (load.value.length === 0) return <p className="muted">{t('values.noHistory')}</p>;
  const fmt = (v: number | null) => (v === null ? t('values.none') : formatWithUnit(v, indicator.precision, indicator.unit));
  return (
    <ol className="history">
      {load.value.map((h) => (
        <li key={h.id}>
          <span className="history-time">{formatTimestamp(h.changedAt)}</span>
          <span className="history-who">{h.osUser}</span>
          <span className="history-change">
            {fmt(h.oldValue)} → <strong>{fmt(h.newValue)}</strong>
          </span>
          <span className="history-source">{lineageText(h, t)}</span>
          {h.reason && <span className="history-reason">{t('values.reason', { reason: h.reason })}</span>}
        </li>
      ))}
    </ol>
  );
}

export function ValueTable({
  indicator,
  observations,
  regions,
  focusRegions,
}: {
  indicator: IndicatorView;
  observations: readonly Observation[];
  regions: readonly Region[];
  /** Shown by default; the toggle shows every region. */
  focusRegions: readonly string[];
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [all, setAll] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const [open, setOpen] = useState<Record<string, Load<HistoryEntry[]>>>({});
  const order = useMemo(() => new Map(regions.map((r, i) => [r.code, i])), [regions]);
  const rows = useMemo(() => {
    const focus = new Set(focusRegions);
    return observations
      .filter((o) => o.indicator === indicator.code && (all || focus.has(o.region)))
      .map((o) => ({ o, sort: periodSort(parsePeriod(o.period) ?? { code: o.period, year: 0, quarter: null }) }))
      .sort((a, b) => b.sort - a.sort || (order.get(a.o.region) ?? 99) - (order.get(b.o.region) ?? 99))
      .map((x) => x.o);
  }, [observations, indicator.code, all, focusRegions, order]);
  const hidden = observations.filter((o) => o.indicator === indicator.code).length - rows.length;

  const toggleHistory = async (o: Observation) => {
    const key = `${o.region}|${o.period}`;
    if (open[key]) {
      setOpen(({ [key]: _drop, ...rest }) => rest);
      return;
    }
    setOpen((s) => ({ ...s, [key]: { status: 'loading' } }));
    try {
      const value = await invoke('observations.history', { indicator: indicator.code, region: o.region, period: o.period, limit: 200 });
      setOpen((s) => ({ ...s, [key]: { status: 'ready', value } }));
    } catch (e) {
      setOpen((s) => ({ ...s, [key]: { status: 'error', message: errorMessage(e) } }));
    }
  };

  return (
    <section className="panel values-panel">
      <header className="panel-head">
        <h3>{t('values.title')}</h3>
        <label className="check">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
          {t('values.allRegions')}
          {!all && hidden > 0 && <span className="muted"> {t('values.hidden', { n: hidden })}</span>}
        </label>
      </header>
      {rows.length === 0 ? (
        <p className="muted">{t('values.empty')}</p>
      ) : (
        <ScrollTable
          boxClassName="table-scroll"
          className="data-table values-table"
          head={[t('chart.region'), t('values.period'), { label: t('chart.actual'), className: 'num' }, t('values.source'), t('values.updated'), t('values.note'), '']}
          below={
            rows.length > limit && (
              <Button size="small" onClick={() => setLimit((n) => n + PAGE)}>
                {t('values.more', { n: rows.length - limit })}
              </Button>
            )
          }
        >
          {rows.slice(0, limit).map((o) => {
            const key = `${o.region}|${o.period}`;
            const history = open[key];
            const region = regions.find((r) => r.code === o.region);
            return (
              <Fragment key={key}>
                <tr>
                  <td>{regionLabel(region, locale) || o.region}</td>
                  <td>{o.period}</td>
                  <td className="num strong">{formatWithUnit(o.value, indicator.precision, indicator.unit)}</td>
                  <td className="lineage">{lineageText(o, t)}</td>
                  <td className="nowrap">
                    {o.updatedBy} · {formatTimestamp(o.updatedAt)}
                  </td>
                  <td className="note">{o.sourceKind === 'seed' ? '' : o.note}</td>
                  <td>
                    <Button size="small" variant="ghost" aria-expanded={!!history} onClick={() => void toggleHistory(o)}>
                      {history ? t('values.hideHistory') : t('values.history')}
                    </Button>
                  </td>
                </tr>
                {history && (
                  <tr className="history-row">
                    <td colSpan={7}>
                      <HistoryRows load={history} indicator={indicator} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </ScrollTable>
      )}
    </section>
  );
}
