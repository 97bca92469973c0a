import { useEffect, useRef, useState } from 'react';
import { slideToJpeg } from './export';
import { SLIDE_SIZE } from './slide-layout';
import { SlideView } from './SlideView';
import type { Slide } from './story';

/** Renders each slide off screen at its design size (1920 × 1080), one after another, and turns it into a JPEG for the briefing PDF. */
export function ExportStage({
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
      jpegs.current.push(await slideToJpeg(el, SLIDE_SIZE.width, SLIDE_SIZE.height));
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
      <SlideView slide={slide} width={SLIDE_SIZE.width} height={SLIDE_SIZE.height} footer={footer} pageLabel={pageLabel(i)} subtitle={subtitle(slide)} />
    </div>
  );
}
