/** met / near / missed / no target / no data: colour plus a symbol, readable in black and white too. */
import type { Status } from '../../../shared/scoring';
import { useT } from '../i18n';

const SYMBOL: Record<Status, string> = { met: '✓', near: '≈', missed: '✕', 'no-target': '–', 'no-data': '?' };

export function StatusBadge({ status, compact = false }: { status: Status; compact?: boolean }) {
  const t = useT();
  const label = t(`status.${status}`);
  return (
    <span className={`status-badge status-${status}`} title={label}>
      <span aria-hidden="true">{SYMBOL[status]}</span>
      {compact ? <span className="sr-only">{label}</span> : <span>{label}</span>}
    </span>
  );
}

export function RetiredBadge() {
  const t = useT();
  return <span className="badge badge-retired">{t('indicator.retired')}</span>;
}
