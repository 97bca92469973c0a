/**
 * 会议模式: one chart per slide, at projector size, built from the data of
 * one quarter frozen at an "as of" moment (default: now) so the numbers do
 * not move during the meeting. 开始会议 goes full screen; ← → (or PageUp /
 * PageDown, space) move, L shows the slide list, Esc leaves. The slides can
 * be exported as a briefing PDF (one page per slide).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parsePeriod, periodLabel, previousQuarter } from '../../../../shared/periods';
import { deliverBlob } from '../../api/files';
import { useLocale, useT, type Translate } from '../../i18n';
import { useCatalogue } from '../../stores/catalogue';
import { shortRegionName } from '../../stores/regions';
import { localInputValue, useMeeting } from '../../stores/ui-b-meeting';
import { useUiBSelection } from '../../stores/ui-b-selection';
import { BusyLine, localTime, Notice, QuarterSelect, quarterText } from '../ui-b/common';
import { briefingPdf, slideToJpeg } from './export';
import { SlideView } from './SlideView';
import { buildStory, type Slide } from './story';
import './meeting.css';

const EXPORT_W = 1920;
const EXPORT_H = 1080;

function subtitleOf(slide: Slide, t: Translate, prevLabel: string): string {
  switch (slide.kind) {
    case 'overview':
      return slide.judged
        ? t('ub.meeting.sub.overview', { judged: slide.judged, met: slide.met, near: slide.near, missed: slide.missed })
        : t('ub.meeting.sub.overviewEmpty');
    case 'ranking':
      return t('ub.meeting.sub.ranking', { n: slide.bars.length });
    case 'area':
      return t('ub.meeting.sub.area', { n: slide.indicators, share: slide.judged ? `${Math.round((slide.met / slide.judged) * 100)}%` : '—' });
    case 'laggards':
      return t('ub.meeting.sub.laggards', { n: slide.bars.length });
    case 'movers':
      return t('ub.meeting.sub.movers', { prev: prevLabel });
  }
}

function useWindowSize() {
  const [size, setSize] = useState({ w: window.innerWidth, h: window.innerHeight });
  useEffect(() => {
    const on = () => setSize({ w: window.innerWidth, h: window.innerHeight });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return size;
}

export default function MeetingPage() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const regions = useCatalogue((s) => s.regions);
  const loadCatalogue = useCatalogue((s) => s.load);
  const { period, setPeriod } = useUiBSelection();
  const { asOfInput, setAsOfInput, frozen, loading, loadingSince, error, presenting, index, freeze, start, stop, go } = useMeeting();
  const [exportError, setExportError] = useState<string | null>(null);
  const [exportDone, setExportDone] = useState<string | null>(null);
  const [exporting, setExporting] = useState<{ started: number; done: number } | null>(null);

  useEffect(() => {
    void loadCatalogue();
  }, [loadCatalogue]);

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

  const pdfName = frozen
    ? t('ub.meeting.pdfName', {
        period: (() => {
          const p = parsePeriod(frozen.period);
          return p ? periodLabel(p) : frozen.period;
        })(),
        asOf: localTime(frozen.asOf).replace(/[-: ]/g, ''),
      })
    : 'briefing.pdf';

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
            onClick={() => {
              setExportError(null);
              setExportDone(null);
              setExporting({ started: Date.now(), done: 0 });
            }}
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
                    <SlideView slide={s} width={EXPORT_W} height={EXPORT_H} footer={footer} pageLabel={pageLabel(i)} subtitle={subtitleOf(s, t, prevLabel)} />
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
          subtitle={(s) => subtitleOf(s, t, prevLabel)}
          onGo={(i) => go(i, slides.length)}
          onExport={() => {
            setExportError(null);
            setExportDone(null);
            setExporting({ started: Date.now(), done: 0 });
          }}
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
          subtitle={(s) => subtitleOf(s, t, prevLabel)}
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

function Presentation({
  slides,
  index,
  footer,
  pageLabel,
  subtitle,
  onGo,
  onLeave,
  onExport,
  exporting,
}: {
  slides: Slide[];
  index: number;
  footer: string;
  pageLabel(i: number): string;
  subtitle(s: Slide): string;
  onGo(i: number): void;
  onLeave(): void;
  onExport(): void;
  exporting: boolean;
}) {
  const t = useT();
  const { w, h } = useWindowSize();
  const [listOpen, setListOpen] = useState(false);
  const [controls, setControls] = useState(true);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const entered = useRef(false);

  const poke = useCallback(() => {
    setControls(true);
    if (hideTimer.current) clearTimeout(hideTimer.current);
    hideTimer.current = setTimeout(() => setControls(false), 2500);
  }, []);

  useEffect(() => {
    root.current?.focus();
    poke();
    return () => {
      if (hideTimer.current) clearTimeout(hideTimer.current);
    };
  }, [poke]);

  // Leaving full screen (Esc in full screen is the browser's) leaves the presentation too.
  useEffect(() => {
    const on = () => {
      if (document.fullscreenElement) entered.current = true;
      else if (entered.current) onLeave();
    };
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, [onLeave]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      let handled = true;
      switch (e.key) {
        case 'ArrowRight':
        case 'ArrowDown':
        case 'PageDown':
        case ' ':
        case 'Enter':
          onGo(index + 1);
          break;
        case 'ArrowLeft':
        case 'ArrowUp':
        case 'PageUp':
        case 'Backspace':
          onGo(index - 1);
          break;
        case 'Home':
          onGo(0);
          break;
        case 'End':
          onGo(slides.length - 1);
          break;
        case 'Escape':
          if (listOpen) setListOpen(false);
          else onLeave();
          break;
        case 'l':
        case 'L':
          setListOpen((v) => !v);
          break;
        default:
          handled = false;
      }
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
        // Keys mean the presenter is talking: the controls get out of the way until the mouse moves.
        setControls(false);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [index, slides.length, onGo, onLeave, listOpen]);

  const slide = slides[index]!;
  return (
    <div
      ref={root}
      className={controls ? 'ub-present' : 'ub-present ub-present-idle'}
      role="dialog"
      aria-modal="true"
      aria-label={t('ub.meeting.title')}
      tabIndex={-1}
      onMouseMove={(e) => {
        // Chrome sends a still mousemove when the page under the pointer changes: only a real move shows the controls.
        if (e.movementX !== 0 || e.movementY !== 0) poke();
      }}
      data-testid="meeting-present"
      data-index={index}
    >
      <SlideView slide={slide} width={w} height={h} footer={footer} pageLabel={pageLabel(index)} subtitle={subtitle(slide)} />
      <div className="ub-present-controls" aria-label={t('ub.meeting.controls')}>
        <button type="button" onClick={() => onGo(index - 1)} disabled={index === 0} aria-label={t('ub.meeting.prev')}>
          ‹
        </button>
        <span>{pageLabel(index)}</span>
        <button type="button" onClick={() => onGo(index + 1)} disabled={index === slides.length - 1} aria-label={t('ub.meeting.next')}>
          ›
        </button>
        <button type="button" onClick={() => setListOpen((v) => !v)} aria-pressed={listOpen}>
          {t('ub.meeting.list')}
        </button>
        <button type="button" onClick={onExport} disabled={exporting}>
          {t('ub.meeting.exportPdf')}
        </button>
        <button type="button" onClick={onLeave}>
          {t('ub.meeting.leave')}
        </button>
      </div>
      {listOpen && (
        <nav className="ub-present-list" aria-label={t('ub.meeting.slideList')}>
          <ol>
            {slides.map((s, i) => (
              <li key={s.id}>
                <button
                  type="button"
                  aria-current={i === index ? 'true' : undefined}
                  onClick={() => {
                    onGo(i);
                    setListOpen(false);
                  }}
                >
                  <span className="ub-present-list-n">{i + 1}</span> {s.title}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      )}
    </div>
  );
}

/** Renders each slide off screen at 1920 × 1080, one after another, and turns it into a JPEG. */
function ExportStage({
  slides,
  footer,
  pageLabel,
  subtitle,
  onProgress,
  onDone,
  onError,
}: {
  slides: Slide[];
  footer: string;
  pageLabel(i: number): string;
  subtitle(s: Slide): string;
  onProgress(done: number): void;
  onDone(jpegs: Uint8Array[]): void;
  onError(message: string): void;
}) {
  const [i, setI] = useState(0);
  const stage = useRef<HTMLDivElement>(null);
  const jpegs = useRef<Uint8Array[]>([]);

  useEffect(() => {
    let live = true;
    const next = async () => {
      // Let recharts lay the chart out (it measures and renders after the first commit).
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await new Promise((r) => setTimeout(r, 60));
      const el = stage.current?.querySelector<HTMLElement>('.ub-slide');
      if (!live) return;
      if (!el) throw new Error('slide');
      jpegs.current.push(await slideToJpeg(el, EXPORT_W, EXPORT_H));
      if (!live) return;
      onProgress(jpegs.current.length);
      if (i + 1 < slides.length) setI(i + 1);
      else onDone(jpegs.current);
    };
    next().catch((e: unknown) => {
      if (live) onError((e as Error)?.message ?? String(e));
    });
    return () => {
      live = false;
    };
    // One pass per slide index; the callbacks and slides stay the same while exporting.
  }, [i]); // eslint-disable-line

  const slide = slides[i];
  if (!slide) return null;
  return (
    <div className="ub-export-stage" ref={stage} aria-hidden="true">
      <SlideView slide={slide} width={EXPORT_W} height={EXPORT_H} footer={footer} pageLabel={pageLabel(i)} subtitle={subtitle(slide)} />
    </div>
  );
}
