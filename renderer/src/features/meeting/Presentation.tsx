/**
 * 开始会议: the slides full screen, one at a time. ← → (or PageUp / PageDown,
 * space, Enter) move, Home / End jump, L shows the slide list, Esc leaves
 * (so does leaving full screen). The controls fade while the presenter uses
 * the keys and come back when the mouse moves.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useWindowSize } from '../../components/useWindowSize';
import { useT } from '../../i18n';
import { SlideView } from './SlideView';
import type { Slide } from './story';

export function Presentation({
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
