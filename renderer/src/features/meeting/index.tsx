/**
 * 会议模式: one chart per slide, at projector size, built from the data of
 * one quarter frozen at an "as of" moment (default: now) so the numbers do
 * not move during the meeting. 开始会议 goes full screen (Presentation.tsx);
 * the slides can be exported as a briefing PDF, one page per slide
 * (ExportStage.tsx).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { parsePeriod, previousQuarter } from '../../../../shared/periods';
import { deliverBlob } from '../../api/files';
import { useLocale, useT } from '../../i18n';
import { useCatalogue, useCatalogueLoaded } from '../../stores/catalogue';
import { shortRegionName } from '../../stores/regions';
import { localInputValue, useMeeting } from '../../stores/ui-b-meeting';
import { useUiBSelection } from '../../stores/ui-b-selection';
import { BusyLine, localTime, Notice, QuarterSelect, quarterFileText, quarterText } from '../ui-b/common';
import { briefingPdf } from './export';
import { ExportStage } from './ExportStage';
import { Presentation } from './Presentation';
import { SLIDE_SIZE } from './slide-layout';
import { SlideView } from './SlideView';
import { buildStory, type Slide } from './story';
import { subtitleOf } from './subtitle';
import './meeting.css';

export default function MeetingPage() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const regions = useCatalogue((s) => s.regions);
  const { period, setPeriod } = useUiBSelection();
  const { asOfInput, setAsOfInput, frozen, loading, loadingSince, error, presenting, index, freeze, start, stop, go } = useMeeting();
  const [exportError, setExportError] = useState<string | null>(null);
  const [exportDone, setExportDone] = useState<string | null>(null);
  const [exporting, setExporting] = useState<{ started: number; done: number } | null>(null);

  useCatalogueLoaded();

  // Entering meeting mode reads the data once, as of now (or the time chosen); it stays frozen until read again.
  useEffect(() => {
    const m = useMeeting.getState();
    if (!m.frozen && !m.loading) void m.freeze(useUiBSelection.getState().period);
  }, []);

  const regionLabel = useCallback(
    (code: string) => {
      const r = regions.find((x) => x.code === code);
      return r ? shortRegionName(r, locale) : code;
    },
    [regions, locale],
  );

  const slides = useMemo(() => {
    if (!frozen) return [];
    return buildStory(
      frozen.matrix,
      {
        overview: (share) => t('ub.meeting.title.overview', { share }),
        overviewEmpty: t('ub.meeting.title.overviewEmpty'),
        ranking: t('ub.meeting.title.ranking'),
        area: (area) => t('ub.meeting.title.area', { area }),
        laggards: t('ub.meeting.title.laggards'),
        movers: t('ub.meeting.title.movers'),
      },
      { regionLabel },
    );
  }, [frozen, t, regionLabel]);

  const frozenPeriod = frozen?.period ?? period;
  const prevLabel = useMemo(() => {
    const p = parsePeriod(frozenPeriod);
    return p ? quarterText(previousQuarter(p).code, locale) : '';
  }, [frozenPeriod, locale]);
  const footer = frozen ? t('ub.meeting.footer', { asOf: localTime(frozen.asOf), period: quarterText(frozen.period, locale) }) : '';
  const pageLabel = (i: number) => t('ub.meeting.page', { n: i + 1, total: slides.length });
  const stale = frozen !== null && frozen.period !== period;

  const begin = async (at = 0) => {
    if (!frozen || stale) {
      const ok = await freeze(period);
      if (!ok) return;
    }
    start(at);
    document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  const pdfName = frozen ? t('ub.meeting.pdfName', { period: quarterFileText(frozen.period), asOf: localTime(frozen.asOf).replace(/[-: ]/g, '') }) : 'briefing.pdf';
  const subtitle = (s: Slide) => subtitleOf(s, t, prevLabel);
  const startExport = () => {
    setExportError(null);
    setExportDone(null);
    setExporting({ started: Date.now(), done: 0 });
  };

  return (
    <div className="ub-page ub-meeting">
      <header className="ub-page-head">
        <h2>{t('ub.meeting.title')}</h2>
      </header>
      <section className="ub-card ub-meeting-setup">
        <p className="ub-muted">{t('ub.meeting.hint')}</p>
        <div className="ub-form-row">
          <QuarterSelect value={period} onChange={setPeriod} />
          <label className="ub-field">
            <span>{t('ub.meeting.asOf')}</span>
            <input
              type="datetime-local"
              value={asOfInput}
              max={localInputValue(new Date(Date.now() + 60_000))}
              onChange={(e) => setAsOfInput(e.target.value)}
              data-testid="meeting-asof"
            />
          </label>
          {asOfInput ? (
            <button type="button" className="ub-link" onClick={() => setAsOfInput('')}>
              {t('ub.meeting.now')}
            </button>
          ) : (
            <span className="ub-muted ub-small">{t('ub.meeting.asOfEmpty')}</span>
          )}
          <button type="button" onClick={() => void freeze(period)} disabled={loading}>
            {frozen ? t('ub.meeting.reload') : t('ub.meeting.prepare')}
          </button>
          <button type="button" className="ub-primary ub-big" onClick={() => void begin(0)} disabled={loading} data-testid="meeting-start">
            ▶ {t('ub.meeting.start')}
          </button>
          <button
            type="button"
            onClick={startExport}
            disabled={!frozen || stale || slides.length === 0 || exporting !== null}
            data-testid="meeting-export"
          >
            {t('ub.meeting.exportPdf')}
          </button>
        </div>
        {frozen && (
          <p className="ub-frozen">
            {t('ub.meeting.frozen', { asOf: localTime(frozen.asOf, true), period: quarterText(frozen.period, locale), n: slides.length })}
            {stale && <span className="ub-warning-text"> {t('ub.meeting.stale')}</span>}
          </p>
        )}
        {loading && <BusyLine busy={{ label: t('ub.meeting.loading'), started: loadingSince }} />}
        {exporting && <BusyLine busy={{ label: t('ub.meeting.exporting', { n: exporting.done, total: slides.length }), started: exporting.started }} />}
        {error && <Notice kind="error">{error}</Notice>}
        {exportError && <Notice kind="error">{exportError}</Notice>}
        {exportDone && <Notice kind="success">{exportDone}</Notice>}
      </section>

      {frozen && slides.length > 0 && (
        <ol className="ub-thumbs" aria-label={t('ub.meeting.slideList')}>
          {slides.map((s, i) => (
            <li key={s.id}>
              <button type="button" className="ub-thumb" onClick={() => void begin(i)} aria-label={t('ub.meeting.openSlide', { n: i + 1, title: s.title })}>
                <span className="ub-thumb-view" aria-hidden="true">
                  <span className="ub-thumb-scale">
                    <SlideView slide={s} width={SLIDE_SIZE.width} height={SLIDE_SIZE.height} footer={footer} pageLabel={pageLabel(i)} subtitle={subtitle(s)} />
                  </span>
                </span>
                <span className="ub-thumb-title">
                  {i + 1}. {s.title}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}

      {presenting && frozen && slides.length > 0 && (
        <Presentation
          slides={slides}
          index={Math.min(index, slides.length - 1)}
          footer={footer}
          pageLabel={pageLabel}
          subtitle={subtitle}
          onGo={(i) => go(i, slides.length)}
          onExport={startExport}
          exporting={exporting !== null}
          onLeave={() => {
            stop();
            if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
          }}
        />
      )}

      {exporting && frozen && (
        <ExportStage
          slides={slides}
          footer={footer}
          pageLabel={pageLabel}
          subtitle={subtitle}
          onProgress={(done) => setExporting((e) => (e ? { ...e, done } : e))}
          onDone={(jpegs) => {
            setExporting(null);
            try {
              const pdf = briefingPdf(jpegs, pdfName.replace(/\.pdf$/i, ''));
              deliverBlob(pdf, pdfName);
              setExportDone(t('ub.meeting.exported', { name: pdfName, n: jpegs.length }));
            } catch (e) {
              setExportError((e as Error).message);
            }
          }}
          onError={(message) => {
            setExporting(null);
            setExportError(t('ub.meeting.exportFailed', { message }));
          }}
        />
      )}
    </div>
  );
}
