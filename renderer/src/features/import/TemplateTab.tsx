/** 下发模板: a return template for one region and quarter, optionally only one responsible unit's indicators. */
import { useMemo, useState } from 'react';
import { parsePeriod, periodLabel } from '../../../../shared/periods';
import { invoke } from '../../api/client';
import { baseName, deliver, isDesktop, saveOutput, XLSX_FILTERS } from '../../api/files';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { useUiBSelection } from '../../stores/ui-b-selection';
import { BusyLine, Notice, QuarterSelect, RegionSelect, regionName, useBusy } from '../ui-b/common';

export function TemplateTab() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const regions = useCatalogue((s) => s.regions);
  const catalogue = useCatalogue((s) => s.catalogue);
  const { region: selRegion, period, setRegion, setPeriod } = useUiBSelection();
  const region = selRegion && regions.some((r) => r.code === selRegion) ? selRegion : (regions.find((r) => r.kind === 'province') ?? regions[0])?.code ?? null;
  const [unit, setUnit] = useState('');
  const { busy, run } = useBusy();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const units = useMemo(() => {
    if (catalogue.status !== 'ready') return [];
    const set = new Set<string>();
    for (const i of catalogue.value.indicators) if (!i.retired) for (const u of [...i.leadUnits, ...i.partnerUnits]) if (u.trim()) set.add(u.trim());
    return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }, [catalogue]);

  const generate = async () => {
    if (!region) return;
    setDone(null);
    setError(null);
    const r = regions.find((x) => x.code === region);
    const p = parsePeriod(period);
    const name = `${r?.name ?? region}${p ? periodLabel(p) : period}${unit ? `（${unit}）` : ''}填报表.xlsx`;
    try {
      const out = await saveOutput(name, { title: t('ub.template.saveTitle'), filters: XLSX_FILTERS });
      if (!out) return;
      const res = await run(t('ub.template.working'), () => invoke('returns.template', { region, period, ...(unit ? { unit } : {}), out }));
      await deliver(res.file);
      setDone(t(isDesktop() ? 'ub.template.doneDesktop' : 'ub.template.done', { file: isDesktop() ? res.file : baseName(res.file), n: res.indicators }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="ub-card ub-template">
      <h3>{t('ub.template.title')}</h3>
      <p className="ub-muted">{t('ub.template.hint')}</p>
      <div className="ub-form-row">
        <RegionSelect regions={regions} value={region} onChange={(c) => c && setRegion(c)} />
        <QuarterSelect value={period} onChange={setPeriod} />
        <label className="ub-field">
          <span>{t('ub.template.unit')}</span>
          <select value={unit} onChange={(e) => setUnit(e.target.value)}>
            <option value="">{t('ub.template.allUnits')}</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="ub-primary" onClick={() => void generate()} disabled={!region || busy !== null} data-testid="template-generate">
          {t('ub.template.generate')}
        </button>
      </div>
      <p className="ub-muted ub-small">
        {t('ub.template.for', { region: regionName(regions.find((r) => r.code === region), locale), period })}
      </p>
      <BusyLine busy={busy} />
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
    </div>
  );
}
