/**
 * 省级汇总's conflicts: one row per region × period × indicator where the
 * files, or a file and the store, disagree — the stored value with where it
 * came from and every file's value with its cell, side by side, one choice
 * per row; 全部保留库中值 / 全部采用最新文件 choose for every row at once.
 */
import { useMemo, useState } from 'react';
import type { IndicatorView, Region } from '../../../../../shared/contract';
import { useLocale, useT, type Translate } from '../../../i18n';
import { useCatalogue } from '../../../stores/catalogue';
import { useConsolidateStore, type Choice, type Conflict, type ConsolidationPreview } from '../../../stores/ui-b-consolidate';
import { fmtNumber, localTime, quarterText, regionName, sourceText, withUnit } from '../../ui-b/common';
import { UbTable } from '../../ui-b/UbTable';

type StoreValue = NonNullable<Conflict['store']>;

/** A value exactly enough to tell two apart (up to 6 decimals), with its unit. */
function valueWithUnit(value: number, ind: IndicatorView | undefined): string {
  return ind ? withUnit(fmtNumber(value, 6), ind.unit) : fmtNumber(value, 6);
}

/** Where the stored value came from: "手工录入 · 张三 · 2026-04-01" or "导入填报表 · 海口.xlsx 数据!D2 · 张三 · 2026-04-01". */
function lineage(s: StoreValue, t: Translate): string {
  const parts = [sourceText(s.sourceKind, t)];
  if (s.fileName) parts.push(s.sheet && s.cell ? `${s.fileName} ${s.sheet}!${s.cell}` : s.fileName);
  if (s.updatedBy) parts.push(s.updatedBy);
  const at = localTime(s.updatedAt);
  if (at) parts.push(at.slice(0, 10));
  return parts.join(' · ');
}

export function ConflictsCard({ preview, open, disabled }: { preview: ConsolidationPreview; open: number; disabled: boolean }) {
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
      <UbTable
        className="ub-cons-table"
        testId="consolidate-conflicts"
        columns={[t('ub.cons.col.where'), t('ub.import.col.indicator'), t('ub.cons.col.store'), t('ub.cons.col.files')]}
        empty={shown.length === 0 ? t('ub.cons.allChosen') : null}
      >
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
      </UbTable>
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
