/**
 * Pieces shared by UI-B's pages (数据录入, 填报与导入, 报告, 会议模式):
 * region and quarter pickers, the busy line with elapsed seconds and what a
 * card's work came to (useOutcome), number and target formatting, status
 * badges. The confirm/reason dialog is useDialog.tsx.
 */
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import type { Region } from '../../../../shared/contract';
import { periodLabel, parsePeriod } from '../../../../shared/periods';
import type { Status } from '../../../../shared/scoring';
import type { TargetLike } from '../../../../shared/targets';
import { useLocale, useT, type Translate } from '../../i18n';
import type { Progress } from '../../api/client';
import { quarterChoices } from '../../stores/ui-b-selection';
import './ui-b.css';

// ---------------------------------------------------------------------------
// Formatting

export function fmtNumber(value: number | null | undefined, precision = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: Math.max(0, Math.min(6, precision)), useGrouping: false });
}

export function withUnit(text: string, unit: string): string {
  if (text === '—') return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

interface UnitLike {
  unit: string;
  direction: 'lower' | 'higher' | 'range' | 'milestone';
  precision: number;
}

/** A value as people read it: "1.5 天", "65%", milestones 已完成/未完成. */
export function valueText(value: number | null | undefined, ind: UnitLike, t: Translate): string {
  if (value === null || value === undefined) return '—';
  if (ind.direction === 'milestone') return value >= 1 ? t('ub.value.done') : t('ub.value.notDone');
  return withUnit(fmtNumber(value, ind.precision), ind.unit);
}

/** The target in force: "≤ 3 天", "60–80%", "2026-12-31 前完成". */
export function targetText(target: TargetLike | null, ind: UnitLike, t: Translate): string {
  if (!target) return t('ub.target.none');
  if (ind.direction === 'milestone') return target.deadline ? t('ub.target.doneBy', { date: target.deadline }) : t('ub.target.done');
  const v = (n: number) => fmtNumber(n, ind.precision);
  if (target.comparator === 'between' && target.valueMax !== null) return withUnit(`${v(target.value)}–${v(target.valueMax)}`, ind.unit);
  const sym = target.comparator === '<=' ? '≤ ' : target.comparator === '>=' ? '≥ ' : '= ';
  return sym + withUnit(v(target.value), ind.unit);
}

export const STATUS_COLORS: Record<Status, string> = {
  met: '#2e7d32',
  near: '#d9822b',
  missed: '#b3261e',
  'no-target': '#7b8a8c',
  'no-data': '#a9b5b7',
};

export function StatusBadge({ status }: { status: Status }) {
  const t = useT();
  return <span className={`ub-status ub-status-${status}`}>{t(`ub.status.${status}`)}</span>;
}

/** A quarter on screen: 2026年第一季度, or the code (2026Q1) in English. */
export function quarterText(code: string, locale: string): string {
  return locale === 'en' ? code : quarterFileText(code);
}

/** A quarter in the name of a file the page writes: 2026年第一季度 whatever the page's language (the files are Chinese documents). */
export function quarterFileText(code: string): string {
  const p = parsePeriod(code);
  return p ? periodLabel(p) : code;
}

export function regionName(r: Pick<Region, 'name' | 'nameEn'> | undefined, locale: string): string {
  if (!r) return '';
  return locale === 'en' ? r.nameEn || r.name : r.name;
}

const SOURCE_KINDS = ['manual', 'import', 'seed', 'undo', 'restore'];

/** How a value got into the store, in words: 手工录入, 导入填报表, 公开数据…; a kind this page does not know reads 其他. */
export function sourceText(sourceKind: string, t: Translate): string {
  return t(SOURCE_KINDS.includes(sourceKind) ? `ub.source.${sourceKind}` : 'ub.source.other');
}

/** Local date-time "2026-04-20 09:30" of an ISO instant. */
export function localTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  return withSeconds ? `${s}:${p(d.getSeconds())}` : s;
}

// ---------------------------------------------------------------------------
// Pickers

export function RegionSelect({
  regions,
  value,
  onChange,
  allowNone,
  noneLabel,
  label,
}: {
  regions: readonly Region[];
  value: string | null;
  onChange(code: string | null): void;
  allowNone?: boolean;
  noneLabel?: string;
  label?: string;
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const id = useId();
  return (
    <label className="ub-field" htmlFor={id}>
      <span>{label ?? t('ub.pick.region')}</span>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        {allowNone && <option value="">{noneLabel ?? t('ub.pick.allRegions')}</option>}
        {regions.map((r) => (
          <option key={r.code} value={r.code}>
            {regionName(r, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function QuarterSelect({ value, onChange, label }: { value: string; onChange(period: string): void; label?: string }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const id = useId();
  const options = quarterChoices();
  if (!options.includes(value)) options.unshift(value);
  return (
    <label className="ub-field" htmlFor={id}>
      <span>{label ?? t('ub.pick.quarter')}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((q) => (
          <option key={q} value={q}>
            {quarterText(q, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}

// ---------------------------------------------------------------------------
// Busy: a spinner with elapsed seconds; the work itself is async, the window stays usable.

export interface Busy {
  label: string;
  started: number;
  /** The core's own account of how far it has got, when it gives one. */
  progress?: Progress;
}

/** useBusy's `run`: shows `label` on the busy line while `work` runs. */
export type Run = <T>(label: string, work: () => Promise<T>) => Promise<T>;

export function useBusy(): { busy: Busy | null; run: Run } {
  const [busy, setBusy] = useState<Busy | null>(null);
  const run = useCallback(async <T,>(label: string, work: () => Promise<T>): Promise<T> => {
    setBusy({ label, started: Date.now() });
    try {
      return await work();
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, run };
}

export function BusyLine({ busy }: { busy: Busy | null }) {
  const t = useT();
  const [, tick] = useState(0);
  useEffect(() => {
    if (!busy) return;
    const id = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(id);
  }, [busy]);
  if (!busy) return null;
  const seconds = Math.floor((Date.now() - busy.started) / 1000);
  return (
    <div className="ub-busy" role="status" aria-live="polite">
      <span className="ub-spinner" aria-hidden="true" />
      <span>{busy.label}</span>
      {busy.progress && busy.progress.total > 0 && (
        <span className="ub-busy-progress" data-testid="busy-progress">
          {t('ub.busy.progress', { label: busy.progress.label, pct: Math.min(100, Math.floor((busy.progress.done / busy.progress.total) * 100)) })}
        </span>
      )}
      <span className="ub-muted">{t('ub.busy.elapsed', { s: seconds })}</span>
    </div>
  );
}

export function Notice({ kind, children, onClose }: { kind: 'error' | 'success' | 'info' | 'warning'; children: ReactNode; onClose?: () => void }) {
  const t = useT();
  return (
    <div className={`ub-notice ub-notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="ub-notice-body">{children}</div>
      {onClose && (
        <button type="button" className="ub-link" onClick={onClose} aria-label={t('ub.close')}>
          ×
        </button>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------
// Outcome: what the work behind a card's buttons came to.

/**
 * `attempt(work)` clears the last outcome, runs `work` and keeps its error
 * for the card to show; inside, `run` (useBusy) shows the busy line while
 * the core works and `setDone` says what was done.
 */
export function useOutcome<Done = string>() {
  const { busy, run } = useBusy();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const attempt = useCallback(async (work: () => Promise<void>) => {
    setError(null);
    setDone(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  return { busy, run, error, setError, done, setDone, attempt };
}

/** useOutcome on screen: the busy line, then the error, then what was done. */
export function OutcomeLines({ busy, error, done }: { busy: Busy | null; error: string | null; done: ReactNode }) {
  return (
    <>
      <BusyLine busy={busy} />
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
    </>
  );
}
