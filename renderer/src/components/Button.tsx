/** A button that shows work in progress: disabled with a spinner while `pending`. */
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Spinner } from './Spinner';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'normal' | 'small';
  pending?: boolean;
  icon?: ReactNode;
}

export function Button({ variant = 'secondary', size = 'normal', pending = false, icon, disabled, className, children, type = 'button', ...rest }: ButtonProps) {
  const cls = ['btn', `btn-${variant}`, size === 'small' ? 'btn-small' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={cls} disabled={disabled || pending} aria-busy={pending || undefined} {...rest}>
      {pending ? <Spinner small /> : icon}
      {children}
    </button>
  );
}
