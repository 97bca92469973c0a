import { useT } from '../i18n';

export function Spinner({ small = false, label }: { small?: boolean; label?: string }) {
  const t = useT();
  return <span className={small ? 'spinner spinner-small' : 'spinner'} role="status" aria-label={label ?? t('common.working')} />;
}

/** A spinner with a line of text, for a panel that is loading. */
export function Loading({ text }: { text?: string }) {
  const t = useT();
  return (
    <div className="loading">
      <Spinner />
      <span>{text ?? t('app.loading')}</span>
    </div>
  );
}
