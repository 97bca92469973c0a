/** The core's plain-Chinese message, with a retry when one makes sense. */
import { useT } from '../i18n';
import { Button } from './Button';

export function ErrorBanner({ message, onRetry, onClose }: { message: string; onRetry?: () => void; onClose?: () => void }) {
  const t = useT();
  return (
    <div className="error-banner" role="alert">
      <span className="error-icon" aria-hidden="true">!</span>
      <span className="error-text">{message}</span>
      {onRetry && (
        <Button size="small" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      )}
      {onClose && (
        <Button size="small" variant="ghost" onClick={onClose} aria-label={t('common.close')}>
          ×
        </Button>
      )}
    </div>
  );
}
