/** Shared small components (UI-A and UI-B). */
export { Button, type ButtonProps } from './Button';
export { ConfirmDialog, Dialog, FormDialog, useDialogAction, type ConfirmDialogProps, type DialogProps, type FormDialogProps } from './Dialog';
export { EmptyState } from './EmptyState';
export { ErrorBanner } from './ErrorBanner';
export { Loading, Spinner } from './Spinner';
export { RetiredBadge, StatusBadge } from './StatusBadge';
export { ScrollTable, type Column, type ScrollTableProps } from './ScrollTable';
export { Toasts } from './Toasts';
