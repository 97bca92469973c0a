/** The toast / undo bar at the bottom of the window. */
import { useState } from 'react';
import { useT } from '../i18n';
import { errorMessage } from '../stores/load';
import { useToasts, type Toast } from '../stores/toast';
import { Button } from './Button';

function ToastItem({ toast }: { toast: Toast }) {
  const t = useT();
  const dismiss = useToasts((s) => s.dismiss);
  const push = useToasts((s) => s.push);
  const [pending, setPending] = useState(false);
  const run = async () => {
    if (!toast.action) return;
    setPending(true);
    try {
      await toast.action.run();
      dismiss(toast.id);
    } catch (e) {
      dismiss(toast.id);
      push({ kind: 'error', message: errorMessage(e) });
    }
  };
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span className="toast-text">{toast.message}</span>
      {toast.action && (
        <Button size="small" variant="secondary" pending={pending} onClick={() => void run()}>
          {toast.action.label}
        </Button>
      )}
      <button type="button" className="toast-close" onClick={() => dismiss(toast.id)} aria-label={t('common.close')}>
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((x) => (
        <ToastItem key={x.id} toast={x} />
      ))}
    </div>
  );
}
