/**
 * Setting or removing a target of an indicator for a year, province-wide or
 * for one region, with its source document (catalogue.setTarget). The core
 * keeps every change in the history.
 */
import { useState } from 'react';
import type { Catalogue, IndicatorView, Region, TargetView } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { ConfirmDialog, FormDialog, useDialogAction } from '../../components';
import { useLocale, useT } from '../../i18n';
import { notifyDataChanged } from '../../stores/data';
import { regionLabel } from '../../stores/regions';
import { toast } from '../../stores/toast';
import { ChoiceField, DocFields, docLabel, HistoryNote, ReasonField, reasonInput, sourceInput } from './edit-fields';

const COMPARATORS = ['<=', '>=', '=', 'between'] as const;

export function TargetEditor({
  catalogue,
  indicator,
  regions,
  target,
  onClose,
}: {
  catalogue: Catalogue;
  indicator: IndicatorView;
  regions: Region[];
  /** null: a new target. */
  target: TargetView | null;
  onClose(): void;
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const isNew = target === null;
  const milestone = indicator.direction === 'milestone';
  const latest = indicator.targets.reduce((y, x) => Math.max(y, x.year), 0);
  const [year, setYear] = useState(String(target?.year ?? (latest ? latest + 1 : new Date().getFullYear())));
  const [region, setRegion] = useState(target?.regionCode ?? '');
  const [comparator, setComparator] = useState<TargetView['comparator']>(
    target?.comparator ?? (milestone ? '=' : indicator.direction === 'higher' ? '>=' : indicator.direction === 'range' ? 'between' : '<='),
  );
  const [value, setValue] = useState(target ? String(target.value) : milestone ? '1' : '');
  const [valueMax, setValueMax] = useState(target?.valueMax != null ? String(target.valueMax) : '');
  const [deadline, setDeadline] = useState(target?.deadline ?? '');
  const [doc, setDoc] = useState(target ? docLabel(catalogue.documents, target.source.doc) : '');
  const [clause, setClause] = useState(target?.source.clause ?? '');
  const [reason, setReason] = useState('');
  const { pending, error, setError, run } = useDialogAction(onClose);

  const submit = async () => {
    setError(null);
    const y = Number(year);
    const v = Number(value);
    const vMax = valueMax.trim() === '' ? null : Number(valueMax);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) return setError(t('edit.badYear'));
    if (value.trim() === '' || !Number.isFinite(v)) return setError(t('edit.badValue'));
    if (comparator === 'between' && (vMax === null || !Number.isFinite(vMax) || vMax <= v)) return setError(t('edit.badValueMax'));
    await run(async () => {
      const r = await invoke('catalogue.setTarget', {
        indicator: indicator.code,
        year: y,
        region: region || null,
        comparator,
        value: v,
        valueMax: comparator === 'between' ? vMax : null,
        deadline: deadline || null,
        ...sourceInput(doc, clause),
        ...reasonInput(reason),
      });
      notifyDataChanged({ catalogue: true });
      toast(t(r.outcome === 'unchanged' ? 'edit.unchanged' : 'edit.targetSaved', { year: y, code: indicator.code }));
    });
  };

  return (
    <FormDialog title={isNew ? t('edit.addTarget') : t('edit.targetTitle', { year: target.year })} onClose={onClose} pending={pending} error={error} onSubmit={() => void submit()}>
      <p className="muted">{indicator.name}</p>
      <div className="form-grid">
        <label className="field">
          <span>{t('edit.year')} *</span>
          <input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} disabled={!isNew} required />
        </label>
        <label className="field">
          <span>{t('chart.region')}</span>
          <select value={region} onChange={(e) => setRegion(e.target.value)} disabled={!isNew}>
            <option value="">{t('edit.provinceWide')}</option>
            {regions
              .filter((r) => r.kind !== 'province')
              .map((r) => (
                <option key={r.code} value={r.code}>
                  {regionLabel(r, locale)}
                </option>
              ))}
          </select>
        </label>
        <ChoiceField label={`${t('edit.comparator')} *`} value={comparator} choices={COMPARATORS} text={(c) => t(`comparator.${c}`)} onChange={setComparator} />
        <label className="field">
          <span>
            {comparator === 'between' ? t('edit.valueMin') : t('edit.value')} ({indicator.unit}) *
          </span>
          <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} required />
        </label>
        {comparator === 'between' && (
          <label className="field">
            <span>
              {t('edit.valueMax')} ({indicator.unit}) *
            </span>
            <input inputMode="decimal" value={valueMax} onChange={(e) => setValueMax(e.target.value)} />
          </label>
        )}
        <label className="field">
          <span>{t('edit.deadline')}</span>
          <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </label>
        <DocFields docs={catalogue.documents} doc={doc} clause={clause} setDoc={setDoc} setClause={setClause} />
        <ReasonField reason={reason} setReason={setReason} />
      </div>
      <HistoryNote />
    </FormDialog>
  );
}

export function RemoveTargetDialog({ indicator, target, onClose }: { indicator: IndicatorView; target: TargetView; onClose(): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog
      title={t('edit.removeTargetTitle', { year: target.year, region: target.region ?? t('edit.provinceWide') })}
      confirmLabel={t('edit.removeTarget')}
      danger
      onClose={onClose}
      onConfirm={async () => {
        await invoke('catalogue.setTarget', {
          indicator: indicator.code,
          year: target.year,
          region: target.regionCode,
          remove: true,
          ...reasonInput(reason),
        });
        notifyDataChanged({ catalogue: true });
        toast(t('edit.targetRemoved', { year: target.year }));
      }}
    >
      <p>{t('edit.removeTargetBody')}</p>
      <ReasonField reason={reason} setReason={setReason} />
    </ConfirmDialog>
  );
}
