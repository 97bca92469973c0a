import { useT } from '../../i18n';
import type { SaveState } from './useSaves';

/** In the page's toolbar: saving…, ✓ saved with the time, or why the last save failed. */
export function SaveStatus({ state }: { state: SaveState }) {
  const t = useT();
  if (state.kind === 'idle') return <span className="ub-save-status" data-testid="save-status" />;
  if (state.kind === 'saving') return <span className="ub-save-status ub-muted" data-testid="save-status">{t('ub.entry.saving')}</span>;
  if (state.kind === 'saved')
    return (
      <span className="ub-save-status ub-ok" data-testid="save-status">
        ✓ {t('ub.entry.saved')} <span className="ub-muted">{state.at}</span>
      </span>
    );
  return (
    <span className="ub-save-status ub-error-text" role="alert" data-testid="save-status">
      {state.message}
    </span>
  );
}
