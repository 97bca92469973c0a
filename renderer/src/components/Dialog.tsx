/**
 * A modal dialog: Esc or the × closes it, the first field takes the focus,
 * and the page behind stays as it is. ConfirmDialog and FormDialog run an
 * async action with a pending state (useDialogAction) and show the core's
 * error in place.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../i18n';
import { errorMessage } from '../stores/load';
import { Button } from './Button';
import { ErrorBanner } from './ErrorBanner';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** Disable closing while work runs. */
  busy?: boolean;
  onSubmit?: (e: FormEvent) => void;
}

export function Dialog({ title, onClose, children, footer, wide = false, busy = false, onSubmit }: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const root = ref.current;
    const first =
      root?.querySelector<HTMLElement>('.dialog-body input:not([type=hidden]):not(:disabled), .dialog-body select:not(:disabled), .dialog-body textarea:not(:disabled)') ??
      root?.querySelector<HTMLElement>('[data-autofocus]');
    first?.focus();
    return () => prev?.focus?.();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [busy, onClose]);

  const body = (
    <>
      <header className="dialog-head">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="dialog-close" onClick={onClose} disabled={busy} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {footer && <footer className="dialog-foot">{footer}</footer>}
    </>
  );
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} role="dialog" aria-modal="true" aria-labelledby="dialog-title">
        {onSubmit ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              onSubmit(e);
            }}
          >
            {body}
          </form>
        ) : (
          body
        )}
      </div>
    </div>
  );
}

/**
 * The work behind a dialog's main button: pending while it runs, the dialog
 * closed once it succeeds, its error shown in place (and the dialog open)
 * when it fails. `setError` is for a form's own checks before any work.
 */
export function useDialogAction(onClose: () => void) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void> | void) => {
    setPending(true);
    setError(null);
    try {
      await work();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };
  return { pending, error, setError, run };
}

export interface FormDialogProps {
  title: string;
  onClose: () => void;
  /** From useDialogAction. */
  pending: boolean;
  error: string | null;
  /** 保存 pressed (or Enter in a field). */
  onSubmit: () => void;
  children: ReactNode;
}

/** A wide dialog around a form, 取消 and 保存 at its foot; the error under the form. */
export function FormDialog({ title, onClose, pending, error, onSubmit, children }: FormDialogProps) {
  const t = useT();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={pending}
      wide
      onSubmit={onSubmit}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" pending={pending}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      {children}
      {error && <ErrorBanner message={error} />}
    </Dialog>
  );
}

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, danger = false, onConfirm, onClose }: ConfirmDialogProps) {
  const t = useT();
  const { pending, error, run } = useDialogAction(onClose);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={pending}
      footer={
        <>
          {/* A dangerous action is never one Enter away: the focus starts on 取消. */}
          <Button onClick={onClose} disabled={pending} data-autofocus={danger || undefined}>
            {t('common.cancel')}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} pending={pending} onClick={() => void run(onConfirm)} data-autofocus={!danger || undefined}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
      {error && <ErrorBanner message={error} />}
    </Dialog>
  );
}
