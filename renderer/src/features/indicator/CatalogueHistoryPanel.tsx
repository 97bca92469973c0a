/**
 * 目录变更记录: every change to this indicator and its targets, newest first
 * — from the bundled catalogue (a seed version), a hand edit (with its
 * reason), a catalogue workbook import or its undo — read when opened.
 */
import { useEffect, useState } from 'react';
import type { ChannelOutput, IndicatorView } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { ErrorBanner, Loading, ScrollTable } from '../../components';
import { formatTimestamp } from '../../components/time';
import { useT, type Translate } from '../../i18n';
import { errorMessage, type Load } from '../../stores/load';

type Entry = ChannelOutput<'catalogue.history'>[number];

/** Columns a person knows by name; the rest show as stored. */
const FIELD_KEYS: Record<string, string> = {
  name: 'history.field.name', name_en: 'history.field.nameEn', unit: 'history.field.unit', direction: 'history.field.direction',
  precision: 'history.field.precision', frequency: 'history.field.frequency', area: 'history.field.area', retired: 'history.field.retired',
  lead_units: 'history.field.leadUnits', partner_units: 'history.field.partnerUnits', source_doc: 'history.field.sourceDoc',
  source_clause: 'history.field.sourceClause', comparator: 'history.field.comparator', value: 'history.field.value',
  value_max: 'history.field.valueMax', deadline: 'history.field.deadline', year: 'history.field.year', region: 'history.field.region',
};

function sourceText(source: string, t: Translate): string {
  const [kind, rest] = [source.split(':', 1)[0]!, source.slice(source.indexOf(':') + 1)];
  if (kind === 'seed') return t('history.source.seed', { version: rest });
  if (kind === 'import') return t('history.source.import', { batch: rest });
  if (kind === 'undo') return t('history.source.undo', { batch: rest });
  if (kind === 'manual') return t('history.source.manual');
  return source;
}

function whatText(e: Entry, t: Translate): string {
  if (e.entity === 'indicator') return t('history.what.indicator');
  const [, year, region] = e.key.split('/');
  return t('history.what.target', { year: year ?? '', region: region === '全省' ? t('edit.provinceWide') : (region ?? '') });
}

const valueText = (v: Entry['changes'][number]['old']) => (v === null ? '—' : String(v));

export function CatalogueHistoryPanel({ indicator }: { indicator: IndicatorView }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [history, setHistory] = useState<Load<Entry[]>>({ status: 'idle' });
  useEffect(() => {
    if (!open) return;
    let live = true;
    setHistory({ status: 'loading' });
    invoke('catalogue.history', { indicator: indicator.code }).then(
      (value) => live && setHistory({ status: 'ready', value }),
      (e: unknown) => live && setHistory({ status: 'error', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
    // The indicator object changes whenever the catalogue is read again (after an edit): read the history again too.
  }, [open, indicator]);

  return (
    <details className="panel catalogue-history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="catalogue-history">
      <summary>
        <h3>{t('history.catalogueTitle')}</h3>
      </summary>
      {history.status === 'loading' && <Loading />}
      {history.status === 'error' && <ErrorBanner message={history.message} />}
      {history.status === 'ready' && (
        <ScrollTable boxClassName="table-scroll" className="data-table" head={[t('history.when'), t('history.who'), t('history.source'), t('history.what'), t('history.changes')]}>
          {history.value.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{formatTimestamp(e.at)}</td>
              <td className="nowrap">{e.user}</td>
              <td>
                {sourceText(e.source, t)}
                {e.reason && <div className="muted small">{e.reason}</div>}
              </td>
              <td className="nowrap">
                {whatText(e, t)} · {t(`history.kind.${e.kind}`)}
              </td>
              <td>
                {e.kind === 'changed'
                  ? e.changes.map((c) => (
                      <div key={c.field}>
                        {FIELD_KEYS[c.field] ? t(FIELD_KEYS[c.field]!) : c.field}: {valueText(c.old)} → <strong>{valueText(c.new)}</strong>
                      </div>
                    ))
                  : e.kind === 'removed'
                    ? '—'
                    : e.changes
                        .filter((c) => c.new !== null && (c.field === 'value' || c.field === 'name' || c.field === 'comparator' || c.field === 'value_max'))
                        .map((c) => `${FIELD_KEYS[c.field] ? t(FIELD_KEYS[c.field]!) : c.field} ${valueText(c.new)}`)
                        .join('，')}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </details>
  );
}
