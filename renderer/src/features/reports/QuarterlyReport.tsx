/** 季度报告: the report workbook of one quarter, for every region or one. */
import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { exportWorkbook, isDesktop, shownPath } from '../../api/files';
import { useLocale, useT } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { useUiBSelection } from '../../stores/ui-b-selection';
import { OutcomeLines, QuarterSelect, quarterFileText, RegionSelect, regionName, useOutcome } from '../ui-b/common';

export function QuarterlyReport() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const regions = useCatalogue((s) => s.regions);
  const { period, setPeriod } = useUiBSelection();
  const [region, setRegion] = useState<string | null>(null);
  const { busy, run, error, done, setDone, attempt } = useOutcome<ChannelOutput<'reports.export'>>();

  const exportReport = () =>
    attempt(async () => {
      const r = regions.find((x) => x.code === region);
      const name = t('ub.reports.fileName', { period: quarterFileText(period), region: r ? `（${r.name}）` : '' });
      const res = await exportWorkbook(name, t('ub.reports.export'), (out) =>
        run(t('ub.reports.working'), () => invoke('reports.export', { period, ...(region ? { region } : {}), out })),
      );
      if (res) setDone(res);
    });

  return (
    <section className="ub-card">
      <h3>{t('ub.reports.quarterly')}</h3>
      <p className="ub-muted">{t('ub.reports.quarterlyHint')}</p>
      <div className="ub-form-row">
        <QuarterSelect value={period} onChange={setPeriod} />
        <RegionSelect regions={regions} value={region} onChange={setRegion} allowNone noneLabel={t('ub.reports.allRegions')} label={t('ub.reports.region')} />
        <button type="button" className="ub-primary" onClick={() => void exportReport()} disabled={busy !== null} data-testid="report-export">
          {t('ub.reports.export')}
        </button>
      </div>
      <OutcomeLines
        busy={busy}
        error={error}
        done={
          done &&
          t(isDesktop() ? 'ub.reports.doneDesktop' : 'ub.reports.done', {
            file: shownPath(done.file),
            rows: done.rows,
            sheets: done.sheets.join('、'),
            region: region ? regionName(regions.find((r) => r.code === region), locale) : t('ub.reports.allRegions'),
          })
        }
      />
    </section>
  );
}
