/** The regions drawn in the trend chart: one chip each in its line's colour, one to add, and back to the default. */
import type { Region } from '../../../../shared/contract';
import { seriesColor } from '../../charts/theme';
import { Button } from '../../components';
import { useLocale, useT } from '../../i18n';
import { regionLabel } from '../../stores/regions';

/** More lines than this no longer read apart. */
const MAX_CHART_REGIONS = 10;

export function RegionPicker({ regions, selected, onChange }: { regions: Region[]; selected: string[]; onChange(codes: string[] | null): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const others = regions.filter((r) => !selected.includes(r.code));
  return (
    <div className="region-picker" role="group" aria-label={t('indicator.chartRegions')}>
      <span className="picker-label">{t('indicator.chartRegions')}</span>
      {selected.map((code, i) => {
        const r = regions.find((x) => x.code === code);
        const name = regionLabel(r, locale) || code;
        return (
          <span key={code} className="chip on" style={{ borderColor: seriesColor(i) }}>
            <span className="chip-swatch" style={{ background: seriesColor(i) }} aria-hidden="true" />
            {name}
            {selected.length > 1 && (
              <button type="button" className="chip-remove" aria-label={t('indicator.removeRegion', { region: name })} onClick={() => onChange(selected.filter((c) => c !== code))}>
                ×
              </button>
            )}
          </span>
        );
      })}
      {selected.length < MAX_CHART_REGIONS && others.length > 0 && (
        <select
          className="chip-add"
          value=""
          aria-label={t('indicator.addRegion')}
          onChange={(e) => e.target.value && onChange([...selected, e.target.value])}
        >
          <option value="">{t('indicator.addRegion')}</option>
          {others.map((r) => (
            <option key={r.code} value={r.code}>
              {regionLabel(r, locale)}
            </option>
          ))}
        </select>
      )}
      <Button size="small" variant="ghost" onClick={() => onChange(null)}>
        {t('indicator.chartRegionsReset')}
      </Button>
    </div>
  );
}
