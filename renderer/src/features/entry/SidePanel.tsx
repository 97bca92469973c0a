/**
 * Beside the grid: the focused indicator's facts (unit, direction, target
 * in force, last quarter's and this quarter's value), why its cell was
 * refused, and the history of its value this quarter.
 */
import { useEffect, useState } from 'react';
import type { HistoryEntry, IndicatorView, Observation } from '../../../../shared/contract';
import type { targetInForce } from '../../../../shared/targets';
import { invoke } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { localTime, sourceText, targetText, valueText } from '../ui-b/common';
import type { Draft } from './cells';

/**
 * The value history of the focused cell, read a moment after the cursor
 * stops on it (arrowing through the grid does not ask for every cell) and
 * again when `revision` moves on (a save). null until the first answer.
 */
export function useCellHistory(focused: IndicatorView | undefined, region: string | null, period: string, revision: number): HistoryEntry[] | null {
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  useEffect(() => {
    if (!focused || !region) return;
    let live = true;
    const id = setTimeout(() => {
      invoke('observations.history', { indicator: focused.code, region, period, limit: 50 })
        .then((h) => live && setHistory(h))
        .catch(() => live && setHistory([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [focused, region, period, revision]);
  return history;
}

export function SidePanel({
  ind,
  obs,
  previous,
  target,
  draft,
  history,
}: {
  ind: IndicatorView;
  obs: Observation | undefined;
  previous: number | undefined;
  target: ReturnType<typeof targetInForce>;
  draft: Draft | undefined;
  history: HistoryEntry[] | null;
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const mine = history?.filter((h) => h.indicator === ind.code) ?? null;
  // Values as typed (the grid shows them unrounded too).
  const exact = { ...ind, precision: Math.max(ind.precision, 6) };
  return (
    <div className="ub-side-inner">
      <h3>{locale === 'en' ? ind.nameEn || ind.name : ind.name}</h3>
      <dl className="ub-facts">
        <dt>{t('ub.entry.code')}</dt>
        <dd>{ind.code}</dd>
        <dt>{t('ub.entry.col.unit')}</dt>
        <dd>{ind.direction === 'milestone' ? t('ub.entry.milestoneUnit') : ind.unit}</dd>
        <dt>{t('ub.entry.direction')}</dt>
        <dd>{t(`ub.direction.${ind.direction}`)}</dd>
        <dt>{t('ub.entry.col.target')}</dt>
        <dd>{targetText(target, ind, t)}</dd>
        <dt>{t('ub.entry.col.previous')}</dt>
        <dd>{valueText(previous ?? null, exact, t)}</dd>
        <dt>{t('ub.entry.col.value')}</dt>
        <dd>{valueText(obs?.value ?? null, exact, t)}</dd>
        {ind.leadUnits.length > 0 && (
          <>
            <dt>{t('ub.entry.leadUnits')}</dt>
            <dd>{ind.leadUnits.join('、')}</dd>
          </>
        )}
      </dl>
      {draft?.error && <p className="ub-error-text">{draft.error}</p>}
      {draft?.warning && <p className="ub-warning-text">{draft.warning}</p>}
      <h4>{t('ub.entry.history')}</h4>
      {mine === null ? (
        <p className="ub-muted">{t('ub.loading')}</p>
      ) : mine.length === 0 ? (
        <p className="ub-muted">{t('ub.entry.noHistory')}</p>
      ) : (
        <ol className="ub-history">
          {mine.map((h) => (
            <li key={h.id}>
              <div className="ub-history-change">
                <span>{valueText(h.oldValue, exact, t)}</span> → <strong>{valueText(h.newValue, exact, t)}</strong>
              </div>
              <div className="ub-muted ub-history-meta">
                {localTime(h.changedAt, true)} · {sourceText(h.sourceKind, t)} · {h.osUser}
                {h.fileName ? ` · ${h.fileName}${h.cell ? ` ${h.cell}` : ''}` : ''}
              </div>
              {h.reason && <div className="ub-history-reason">{h.reason}</div>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
