/**
 * Adding or changing an indicator (catalogue.setIndicator), and retiring or
 * reinstating it. The core keeps every change in the history; a retired
 * indicator keeps its values and charts.
 */
import { useState } from 'react';
import type { Catalogue, IndicatorView } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { ConfirmDialog, FormDialog, useDialogAction } from '../../components';
import { useLocale, useT } from '../../i18n';
import { notifyDataChanged } from '../../stores/data';
import { toast } from '../../stores/toast';
import { ChoiceField, DocFields, docLabel, HistoryNote, ReasonField, reasonInput, sourceInput } from './edit-fields';
import { splitList } from './search';

const DIRECTIONS = ['lower', 'higher', 'range', 'milestone'] as const;
const FREQUENCIES = ['quarter', 'year'] as const;
const COMMON_UNITS = ['工作日', '天', '小时', '分钟', '%', '项', '个', '家', '件', '次', '美元', '元', '万元', '万人'];

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
  const { pending, error, setError, run } = useDialogAction(onClose);

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
    await run(async () => {
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
        ...sourceInput(doc, clause),
        ...reasonInput(reason),
      });
      notifyDataChanged({ catalogue: true });
      toast(t(r.outcome === 'unchanged' ? 'edit.unchanged' : isNew ? 'edit.indicatorAdded' : 'edit.indicatorSaved', { code: c }));
      onSaved(c);
    });
  };

  return (
    <FormDialog title={isNew ? t('indicator.add') : t('edit.indicatorTitle', { code: indicator.code })} onClose={onClose} pending={pending} error={error} onSubmit={() => void submit()}>
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
        <ChoiceField label={`${t('indicator.direction')} *`} value={direction} choices={DIRECTIONS} text={(d) => t(`direction.${d}`)} onChange={setDirection} />
        <label className="field">
          <span>{t('edit.precision')}</span>
          <input type="number" min={0} max={6} step={1} value={precision} onChange={(e) => setPrecision(e.target.value)} />
        </label>
        <ChoiceField label={t('edit.frequency')} value={frequency} choices={FREQUENCIES} text={(f) => t(`frequency.${f}`)} onChange={setFrequency} />
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
      <HistoryNote />
    </FormDialog>
  );
}

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
        await invoke('catalogue.setIndicator', { code: indicator.code, retired: retiring, ...reasonInput(reason) });
        notifyDataChanged({ catalogue: true });
        toast(t(retiring ? 'edit.retired' : 'edit.reinstated', { name: indicator.name }));
      }}
    >
      <p>{t(retiring ? 'edit.retireBody' : 'edit.reinstateBody')}</p>
      <ReasonField reason={reason} setReason={setReason} />
    </ConfirmDialog>
  );
}
