/**
 * Catalogue editing: add or change an indicator (catalogue.setIndicator),
 * retire or reinstate it, set or remove a target per year and region with
 * its source document (catalogue.setTarget). The core keeps every change in
 * the history; a retired indicator keeps its values and charts.
 */
import { useState } from 'react';
import type { Catalogue, IndicatorView, Region, TargetView } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { Button, ConfirmDialog, Dialog, ErrorBanner } from '../../components';
import { useLocale, useT } from '../../i18n';
import { notifyDataChanged } from '../../stores/data';
import { errorMessage } from '../../stores/load';
import { regionLabel } from '../../stores/regions';
import { toast } from '../../stores/toast';
import { splitList } from './search';

const DIRECTIONS = ['lower', 'higher', 'range', 'milestone'] as const;
const COMPARATORS = ['<=', '>=', '=', 'between'] as const;
const COMMON_UNITS = ['工作日', '天', '小时', '分钟', '%', '项', '个', '家', '件', '次', '美元', '元', '万元', '万人'];

type Docs = Catalogue['documents'];

/** What the user sees and types for a document; the core resolves titles and numbers to ids. */
export function docLabel(docs: Docs, id: string): string {
  const d = docs.find((x) => x.id === id);
  if (!d) return id;
  return d.docNo ? `${d.title}（${d.docNo}）` : d.title;
}

function DocFields({ docs, doc, clause, setDoc, setClause }: { docs: Docs; doc: string; clause: string; setDoc(v: string): void; setClause(v: string): void }) {
  const t = useT();
  return (
    <>
      <label className="field field-wide">
        <span>{t('edit.sourceDoc')}</span>
        <input list="ys-docs" value={doc} onChange={(e) => setDoc(e.target.value)} placeholder={t('edit.sourceDocHint')} />
        <datalist id="ys-docs">
          {docs.map((d) => (
            <option key={d.id} value={docLabel(docs, d.id)} />
          ))}
        </datalist>
      </label>
      <label className="field field-wide">
        <span>{t('edit.sourceClause')}</span>
        <input value={clause} onChange={(e) => setClause(e.target.value)} placeholder={t('edit.sourceClauseHint')} />
      </label>
    </>
  );
}

function ReasonField({ reason, setReason }: { reason: string; setReason(v: string): void }) {
  const t = useT();
  return (
    <label className="field field-wide">
      <span>{t('edit.reason')}</span>
      <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('edit.reasonHint')} />
    </label>
  );
}

// ---------------------------------------------------------------------------

export function IndicatorEditor({
  catalogue,
  indicator,
  onClose,
  onSaved,
}: {
  catalogue: Catalogue;
  /** null: a new indicator. */
  indicator: IndicatorView | null;
  onClose(): void;
  onSaved(code: string): void;
}) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const isNew = indicator === null;
  const [code, setCode] = useState(indicator?.code ?? '');
  const [name, setName] = useState(indicator?.name ?? '');
  const [nameEn, setNameEn] = useState(indicator?.nameEn ?? '');
  const [area, setArea] = useState(indicator?.areaCode ?? catalogue.areas[0]?.code ?? '');
  const [unit, setUnit] = useState(indicator?.unit ?? '');
  const [direction, setDirection] = useState<IndicatorView['direction']>(indicator?.direction ?? 'lower');
  const [precision, setPrecision] = useState(String(indicator?.precision ?? 1));
  const [frequency, setFrequency] = useState<IndicatorView['frequency']>(indicator?.frequency ?? 'quarter');
  const [lead, setLead] = useState((indicator?.leadUnits ?? []).join('、'));
  const [partner, setPartner] = useState((indicator?.partnerUnits ?? []).join('、'));
  const [doc, setDoc] = useState(indicator ? docLabel(catalogue.documents, indicator.source.doc) : '');
  const [clause, setClause] = useState(indicator?.source.clause ?? '');
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    const c = code.trim();
    if (!c || !name.trim() || !unit.trim()) {
      setError(t('edit.requiredIndicator'));
      return;
    }
    if (isNew && catalogue.indicators.some((i) => i.code === c)) {
      setError(t('edit.codeExists', { code: c }));
      return;
    }
    const p = Number(precision);
    setPending(true);
    try {
      const r = await invoke('catalogue.setIndicator', {
        code: c,
        name: name.trim(),
        nameEn: nameEn.trim(),
        area,
        unit: unit.trim(),
        direction,
        precision: Number.isInteger(p) && p >= 0 && p <= 6 ? p : 1,
        frequency,
        leadUnits: splitList(lead),
        partnerUnits: splitList(partner),
        ...(doc.trim() || clause.trim() ? { source: { doc: doc.trim(), clause: clause.trim() } } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      notifyDataChanged({ catalogue: true });
      toast(t(r.outcome === 'unchanged' ? 'edit.unchanged' : isNew ? 'edit.indicatorAdded' : 'edit.indicatorSaved', { code: c }));
      onSaved(c);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };

  return (
    <Dialog
      title={isNew ? t('indicator.add') : t('edit.indicatorTitle', { code: indicator.code })}
      onClose={onClose}
      busy={pending}
      wide
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" pending={pending}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <div className="form-grid">
        <label className="field">
          <span>{t('indicator.code')} *</span>
          <input value={code} onChange={(e) => setCode(e.target.value)} disabled={!isNew} placeholder="A01-09" required />
        </label>
        <label className="field">
          <span>{t('edit.area')} *</span>
          <select value={area} onChange={(e) => setArea(e.target.value)}>
            {catalogue.areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.code} {locale === 'en' ? a.nameEn || a.name : a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-wide">
          <span>{t('edit.name')} *</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label className="field field-wide">
          <span>{t('edit.nameEn')}</span>
          <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('indicator.unit')} *</span>
          <input list="ys-units" value={unit} onChange={(e) => setUnit(e.target.value)} required />
          <datalist id="ys-units">
            {COMMON_UNITS.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t('indicator.direction')} *</span>
          <select value={direction} onChange={(e) => setDirection(e.target.value as IndicatorView['direction'])}>
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`direction.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('edit.precision')}</span>
          <input type="number" min={0} max={6} step={1} value={precision} onChange={(e) => setPrecision(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('edit.frequency')}</span>
          <select value={frequency} onChange={(e) => setFrequency(e.target.value as IndicatorView['frequency'])}>
            <option value="quarter">{t('frequency.quarter')}</option>
            <option value="year">{t('frequency.year')}</option>
          </select>
        </label>
        <label className="field field-wide">
          <span>{t('indicator.leadUnits')}</span>
          <input value={lead} onChange={(e) => setLead(e.target.value)} placeholder={t('edit.listHint')} />
        </label>
        <label className="field field-wide">
          <span>{t('indicator.partnerUnits')}</span>
          <input value={partner} onChange={(e) => setPartner(e.target.value)} placeholder={t('edit.listHint')} />
        </label>
        <DocFields docs={catalogue.documents} doc={doc} clause={clause} setDoc={setDoc} setClause={setClause} />
        {!isNew && <ReasonField reason={reason} setReason={setReason} />}
      </div>
      <p className="muted small">{t('edit.historyNote')}</p>
      {error && <ErrorBanner message={error} />}
    </Dialog>
  );
}

// ---------------------------------------------------------------------------

export function RetireDialog({ indicator, onClose }: { indicator: IndicatorView; onClose(): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const retiring = !indicator.retired;
  return (
    <ConfirmDialog
      title={t(retiring ? 'edit.retireTitle' : 'edit.reinstateTitle', { name: indicator.name })}
      confirmLabel={t(retiring ? 'edit.retire' : 'edit.reinstate')}
      danger={retiring}
      onClose={onClose}
      onConfirm={async () => {
        await invoke('catalogue.setIndicator', { code: indicator.code, retired: retiring, ...(reason.trim() ? { reason: reason.trim() } : {}) });
        notifyDataChanged({ catalogue: true });
        toast(t(retiring ? 'edit.retired' : 'edit.reinstated', { name: indicator.name }));
      }}
    >
      <p>{t(retiring ? 'edit.retireBody' : 'edit.reinstateBody')}</p>
      <ReasonField reason={reason} setReason={setReason} />
    </ConfirmDialog>
  );
}

// ---------------------------------------------------------------------------

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
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    const y = Number(year);
    const v = Number(value);
    const vMax = valueMax.trim() === '' ? null : Number(valueMax);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) return setError(t('edit.badYear'));
    if (value.trim() === '' || !Number.isFinite(v)) return setError(t('edit.badValue'));
    if (comparator === 'between' && (vMax === null || !Number.isFinite(vMax) || vMax <= v)) return setError(t('edit.badValueMax'));
    setPending(true);
    try {
      const r = await invoke('catalogue.setTarget', {
        indicator: indicator.code,
        year: y,
        region: region || null,
        comparator,
        value: v,
        valueMax: comparator === 'between' ? vMax : null,
        deadline: deadline || null,
        ...(doc.trim() || clause.trim() ? { source: { doc: doc.trim(), clause: clause.trim() } } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      notifyDataChanged({ catalogue: true });
      toast(t(r.outcome === 'unchanged' ? 'edit.unchanged' : 'edit.targetSaved', { year: y, code: indicator.code }));
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };

  return (
    <Dialog
      title={isNew ? t('edit.addTarget') : t('edit.targetTitle', { year: target.year })}
      onClose={onClose}
      busy={pending}
      wide
      onSubmit={() => void submit()}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" pending={pending}>
            {t('common.save')}
          </Button>
        </>
      }
    >
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
        <label className="field">
          <span>{t('edit.comparator')} *</span>
          <select value={comparator} onChange={(e) => setComparator(e.target.value as TargetView['comparator'])}>
            {COMPARATORS.map((c) => (
              <option key={c} value={c}>
                {t(`comparator.${c}`)}
              </option>
            ))}
          </select>
        </label>
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
      <p className="muted small">{t('edit.historyNote')}</p>
      {error && <ErrorBanner message={error} />}
    </Dialog>
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
          ...(reason.trim() ? { reason: reason.trim() } : {}),
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
