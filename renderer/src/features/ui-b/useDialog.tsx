/**
 * UI-B's in-page confirm / reason dialog (window.prompt does not exist in
 * Electron): `ask(...)` opens it and resolves to the answer.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n';

export interface DialogRequest {
  title: string;
  message?: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  /** Ask for a reason (required when set). */
  reasonLabel?: string;
}

type Pending = DialogRequest & { resolve(v: { reason: string } | null): void };

/** `ask(...)` resolves to {reason} when confirmed, null when cancelled; render `dialog` somewhere in the page. */
export function useDialog() {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback(
    (req: DialogRequest) => new Promise<{ reason: string } | null>((resolve) => setPending({ ...req, resolve })),
    [],
  );
  const close = (v: { reason: string } | null) => {
    pending?.resolve(v);
    setPending(null);
  };
  const dialog = pending ? <Dialog request={pending} onClose={close} /> : null;
  return { ask, dialog };
}

function Dialog({ request, onClose }: { request: DialogRequest; onClose(v: { reason: string } | null): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const first = useRef<HTMLTextAreaElement & HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    first.current?.focus();
  }, []);
  const needReason = Boolean(request.reasonLabel);
  const ok = !needReason || reason.trim().length > 0;
  const confirm = () => {
    setTouched(true);
    if (ok) onClose({ reason: reason.trim() });
  };
  return (
    <div className="ub-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose(null)}>
      <div
        className="ub-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose(null);
          }
          if (e.key === 'Enter' && (e.ctrlKey || !needReason)) {
            e.preventDefault();
            confirm();
          }
        }}
      >
        <h3 id={titleId}>{request.title}</h3>
        {request.message && <div className="ub-modal-message">{request.message}</div>}
        {needReason && (
          <label className="ub-field ub-field-block">
            <span>{request.reasonLabel}</span>
            <textarea ref={first} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            {touched && !ok && <span className="ub-error-text">{t('ub.dialog.reasonRequired')}</span>}
          </label>
        )}
        <div className="ub-modal-actions">
          <button type="button" onClick={() => onClose(null)}>
            {t('ub.cancel')}
          </button>
          <button ref={needReason ? undefined : first} type="button" className={request.danger ? 'ub-danger' : 'ub-primary'} onClick={confirm}>
            {request.confirmLabel ?? t('ub.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
