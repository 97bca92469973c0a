/**
 * 设置: where the data lives (app.info), back up now (backup.create into the
 * default backups folder), restore with a preview of what the backup holds
 * (backup.inspect, then backup.restore after a confirm — the current data is
 * saved first; the backups already made are listed to pick from),
 * catalogue version, language.
 */
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { pickFile } from '../../api/files';
import { Button, ConfirmDialog, ErrorBanner, Loading } from '../../components';
import { formatTimestamp } from '../../components/time';
import { LOCALES, useLocale, useT, type Locale } from '../../i18n';
import { notifyDataChanged } from '../../stores/data';
import { errorMessage, type Load } from '../../stores/load';
import { toast } from '../../stores/toast';
import { useUi } from '../../stores/ui';
import { BackupList } from './BackupList';
import { defaultBackupDir } from './paths';

type Info = ChannelOutput<'app.info'>;
type Check = ChannelOutput<'app.check'>;
type Summary = ChannelOutput<'backup.inspect'>;

function InfoRow({ label, value, mono = false }: { label: string; value: string | number; mono?: boolean }) {
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}

function SummaryCard({ summary }: { summary: Summary }) {
  const t = useT();
  return (
    <dl className="info backup-summary" data-testid="backup-summary">
      <InfoRow label={t('settings.backupFile')} value={summary.file} mono />
      <InfoRow label={t('settings.indicators')} value={summary.indicators} />
      <InfoRow label={t('settings.regions')} value={summary.regions} />
      <InfoRow label={t('settings.observations')} value={summary.observations} />
      <InfoRow label={t('settings.batches')} value={summary.batches} />
      <InfoRow label={t('settings.lastChange')} value={summary.lastChange ? formatTimestamp(summary.lastChange) : t('settings.never')} />
      <InfoRow label={t('settings.schemaVersion')} value={summary.schemaVersion} />
    </dl>
  );
}

export function SettingsPage() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const setHelp = useUi((s) => s.setHelp);
  const [info, setInfo] = useState<Load<Info>>({ status: 'idle' });
  /** The full check reads every page (seconds at a million values): the facts above it do not wait for it. */
  const [check, setCheck] = useState<Load<Check>>({ status: 'idle' });
  const [backup, setBackup] = useState<{ pending: boolean; file: string | null; error: string | null }>({ pending: false, file: null, error: null });
  const [path, setPath] = useState('');
  const [inspect, setInspect] = useState<Load<Summary>>({ status: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const [restored, setRestored] = useState<{ summary: Summary; safetyCopy: string } | null>(null);
  /** Bumped after a backup or a restore: the list of backups is read again. */
  const [backups, setBackups] = useState(0);

  const loadInfo = async () => {
    setInfo((s) => (s.status === 'ready' ? { ...s, refreshing: true } : { status: 'loading' }));
    setCheck((s) => (s.status === 'ready' ? { ...s, refreshing: true } : { status: 'loading' }));
    try {
      setInfo({ status: 'ready', value: await invoke('app.info', {}) });
    } catch (e) {
      setInfo({ status: 'error', message: errorMessage(e) });
    }
    // Asked for after the facts: the core answers in order, and the check would hold them up.
    try {
      setCheck({ status: 'ready', value: await invoke('app.check', {}) });
    } catch (e) {
      setCheck({ status: 'error', message: errorMessage(e) });
    }
  };
  useEffect(() => {
    void loadInfo();
  }, []);

  const backupNow = async () => {
    setBackup({ pending: true, file: null, error: null });
    try {
      const r = await invoke('backup.create', {});
      setBackup({ pending: false, file: r.file, error: null });
      setPath((p) => p || r.file);
      setBackups((n) => n + 1);
      toast(t('settings.backupDone'));
    } catch (e) {
      setBackup({ pending: false, file: null, error: errorMessage(e) });
    }
  };

  const inspectBackup = async (chosen?: string) => {
    const file = (chosen ?? path).trim();
    if (!file) return;
    setRestored(null);
    setInspect({ status: 'loading' });
    try {
      setInspect({ status: 'ready', value: await invoke('backup.inspect', { file }) });
    } catch (e) {
      setInspect({ status: 'error', message: errorMessage(e) });
    }
  };

  const chooseBackup = async () => {
    try {
      const [picked] = await pickFile({ title: t('settings.chooseBackup'), filters: [{ name: t('settings.backupFilter'), extensions: ['db'] }] });
      if (!picked) return;
      setPath(picked.path);
      await inspectBackup(picked.path);
    } catch (e) {
      setInspect({ status: 'error', message: errorMessage(e) });
    }
  };

  const restore = async () => {
    if (inspect.status !== 'ready') return;
    const r = await invoke('backup.restore', { file: inspect.value.file });
    setRestored({ summary: r.restored, safetyCopy: r.safetyCopy });
    setBackups((n) => n + 1);
    setInspect({ status: 'idle' });
    notifyDataChanged({ catalogue: true });
    toast(t('settings.restoreDone'));
    void loadInfo();
  };

  const data = info.status === 'ready' ? info.value : null;
  const checked = check.status === 'ready' ? check.value : null;
  const checking = t('settings.checking');
  return (
    <div className="page settings-page">
      <header className="page-head">
        <h2>{t('nav.settings')}</h2>
      </header>

      <section className="panel">
        <header className="panel-head">
          <h3>{t('settings.dataTitle')}</h3>
        </header>
        {(info.status === 'idle' || info.status === 'loading') && <Loading />}
        {info.status === 'error' && <ErrorBanner message={info.message} onRetry={() => void loadInfo()} />}
        {data && (
          <dl className="info" data-testid="app-info">
            <InfoRow label={t('settings.dataDir')} value={data.dataDir} mono />
            <InfoRow label={t('settings.dbFile')} value={data.dbFile} mono />
            <InfoRow label={t('settings.catalogueVersion')} value={data.catalogueVersion} />
            <InfoRow label={t('settings.appVersion')} value={`${data.appVersion} · ${t('settings.schema', { n: data.schemaVersion })}`} />
            <InfoRow label={t('settings.user')} value={data.osUser} />
            <InfoRow
              label={t('settings.contents')}
              value={
                checked
                  ? t('settings.contentsValue', { indicators: checked.indicators, regions: checked.regions, observations: checked.observations, batches: checked.batches })
                  : check.status === 'error'
                    ? check.message
                    : checking
              }
            />
            <InfoRow
              label={t('settings.integrity')}
              value={checked ? (checked.integrity === 'ok' ? t('settings.integrityOk') : checked.integrity) : check.status === 'error' ? check.message : checking}
            />
          </dl>
        )}
      </section>

      <section className="panel">
        <header className="panel-head">
          <h3>{t('settings.backupTitle')}</h3>
        </header>
        <p>{t('settings.backupText', { dir: data ? defaultBackupDir(data.dbFile) : '…' })}</p>
        <div className="row">
          <Button variant="primary" pending={backup.pending} onClick={() => void backupNow()}>
            {backup.pending ? t('settings.backingUp') : t('settings.backupNow')}
          </Button>
        </div>
        {backup.file && (
          <p className="success" role="status" data-testid="backup-result">
            {t('settings.backupSaved')} <span className="mono">{backup.file}</span>
          </p>
        )}
        {backup.error && <ErrorBanner message={backup.error} />}
      </section>

      <section className="panel">
        <header className="panel-head">
          <h3>{t('settings.restoreTitle')}</h3>
        </header>
        <p>{t('settings.restoreText')}</p>
        <p className="muted small">{t('settings.restorePathNote')}</p>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void inspectBackup();
          }}
        >
          <input
            className="path-input mono"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={t('settings.restorePathPlaceholder')}
            aria-label={t('settings.restorePath')}
          />
          <Button type="submit" pending={inspect.status === 'loading'} disabled={!path.trim()}>
            {t('settings.inspect')}
          </Button>
          <Button onClick={() => void chooseBackup()} disabled={inspect.status === 'loading'}>
            {t('settings.chooseBackup')}
          </Button>
        </form>
        <BackupList
          revision={backups}
          onPick={(file) => {
            setPath(file);
            void inspectBackup(file);
          }}
        />
        {inspect.status === 'error' && <ErrorBanner message={inspect.message} />}
        {inspect.status === 'ready' && (
          <div className="restore-preview">
            <h4>{t('settings.previewTitle')}</h4>
            <SummaryCard summary={inspect.value} />
            {checked && (
              <p className="muted">
                {t('settings.previewCompare', { observations: checked.observations, indicators: checked.indicators })}
              </p>
            )}
            <Button variant="danger" onClick={() => setConfirming(true)}>
              {t('settings.restore')}
            </Button>
          </div>
        )}
        {restored && (
          <div className="success" role="status">
            <p>{t('settings.restored', { observations: restored.summary.observations })}</p>
            <p>
              {t('settings.safetyCopy')} <span className="mono">{restored.safetyCopy}</span>
            </p>
          </div>
        )}
        {confirming && inspect.status === 'ready' && (
          <ConfirmDialog title={t('settings.confirmTitle')} confirmLabel={t('settings.confirmRestore')} danger onConfirm={restore} onClose={() => setConfirming(false)}>
            <p>{t('settings.confirmBody', { file: inspect.value.file })}</p>
            <p className="strong">{t('settings.confirmSafety')}</p>
          </ConfirmDialog>
        )}
      </section>

      <section className="panel">
        <header className="panel-head">
          <h3>{t('settings.languageTitle')}</h3>
        </header>
        <div className="row" role="radiogroup" aria-label={t('settings.languageTitle')}>
          {LOCALES.map((l: Locale) => (
            <label key={l} className="radio">
              <input type="radio" name="locale" checked={locale === l} onChange={() => setLocale(l)} />
              {t(`settings.locale.${l}`)}
            </label>
          ))}
        </div>
        <p className="muted">
          <button type="button" className="linkish" onClick={() => setHelp(true)}>
            {t('help.open')}
          </button>
        </p>
      </section>
    </div>
  );
}
