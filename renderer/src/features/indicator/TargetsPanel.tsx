/** The indicator's targets, year by year and region by region, each editable and removable. */
import { useState } from 'react';
import type { Catalogue, IndicatorView, Region, TargetView } from '../../../../shared/contract';
import { Button, ScrollTable } from '../../components';
import { useLocale, useT } from '../../i18n';
import { regionLabel } from '../../stores/regions';
import { targetValueText } from '../catalogue/format';
import { docLabel } from './edit-fields';
import { RemoveTargetDialog, TargetEditor } from './TargetEditor';

export function TargetsPanel({ catalogue, indicator, regions }: { catalogue: Catalogue; indicator: IndicatorView; regions: Region[] }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [editing, setEditing] = useState<TargetView | 'new' | null>(null);
  const [removing, setRemoving] = useState<TargetView | null>(null);
  const targets = [...indicator.targets].sort((a, b) => a.year - b.year || (a.regionCode ?? '').localeCompare(b.regionCode ?? ''));
  return (
    <section className="panel targets-panel">
      <header className="panel-head">
        <h3>{t('indicator.targets')}</h3>
        <Button size="small" onClick={() => setEditing('new')}>
          {t('edit.addTarget')}
        </Button>
      </header>
      {targets.length === 0 ? (
        <p className="muted">{t('indicator.noTargetsHint')}</p>
      ) : (
        <ScrollTable
          boxClassName="table-scroll"
          className="data-table"
          head={[t('edit.year'), t('chart.region'), t('indicator.targetValue'), t('edit.deadline'), t('indicator.source'), '']}
        >
          {targets.map((x) => (
            <tr key={`${x.year}|${x.regionCode ?? ''}`}>
              <td className="nowrap">{x.year}</td>
              <td className="nowrap">{x.regionCode ? regionLabel(regions.find((r) => r.code === x.regionCode), locale) || x.region : t('edit.provinceWide')}</td>
              <td className="strong nowrap">{targetValueText(x, indicator, t)}</td>
              <td className="nowrap">{x.deadline ?? '—'}</td>
              <td className="lineage">
                {docLabel(catalogue.documents, x.source.doc)}
                {x.source.clause && <span className="muted"> {x.source.clause}</span>}
              </td>
              <td className="nowrap">
                <Button size="small" variant="ghost" onClick={() => setEditing(x)}>
                  {t('common.edit')}
                </Button>
                <Button size="small" variant="ghost" onClick={() => setRemoving(x)}>
                  {t('common.remove')}
                </Button>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {editing && (
        <TargetEditor catalogue={catalogue} indicator={indicator} regions={regions} target={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {removing && <RemoveTargetDialog indicator={indicator} target={removing} onClose={() => setRemoving(null)} />}
    </section>
  );
}
