/** Shared small components (UI-A and UI-B). */
export { Button, type ButtonProps } from './Button';
export { ConfirmDialog, Dialog, type ConfirmDialogProps, type DialogProps } from './Dialog';
export { EmptyState } from './EmptyState';
export { ErrorBanner } from './ErrorBanner';
export { Loading, Spinner } from './Spinner';
export { RetiredBadge, StatusBadge } from './StatusBadge';
export { Toasts } from './Toasts';
