/** 下发模板: a return template for one region and quarter, optionally only one responsible unit's indicators. */
import { useMemo, useState } from 'react';
import { invoke } from '../../api/client';
import { exportWorkbook, isDesktop, shownPath } from '../../api/files';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { useUiBSelection, workingRegion } from '../../stores/ui-b-selection';
import { OutcomeLines, QuarterSelect, quarterFileText, RegionSelect, regionName, useOutcome } from '../ui-b/common';

export function TemplateTab() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const regions = useCatalogue((s) => s.regions);
  const catalogue = useCatalogue((s) => s.catalogue);
  const { region: chosen, period, setRegion, setPeriod } = useUiBSelection();
  const region = workingRegion(chosen, regions);
  const [unit, setUnit] = useState('');
  const { busy, run, error, done, setDone, attempt } = useOutcome();

  const units = useMemo(() => {
    if (catalogue.status !== 'ready') return [];
    const set = new Set<string>();
    for (const i of catalogue.value.indicators) if (!i.retired) for (const u of [...i.leadUnits, ...i.partnerUnits]) if (u.trim()) set.add(u.trim());
    return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }, [catalogue]);

  const generate = async () => {
    if (!region) return;
    await attempt(async () => {
      const r = regions.find((x) => x.code === region);
      const name = `${r?.name ?? region}${quarterFileText(period)}${unit ? `（${unit}）` : ''}填报表.xlsx`;
      const res = await exportWorkbook(name, t('ub.template.saveTitle'), (out) =>
        run(t('ub.template.working'), () => invoke('returns.template', { region, period, ...(unit ? { unit } : {}), out })),
      );
      if (res) setDone(t(isDesktop() ? 'ub.template.doneDesktop' : 'ub.template.done', { file: shownPath(res.file), n: res.indicators }));
    });
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
      <OutcomeLines busy={busy} error={error} done={done} />
    </div>
  );
}
