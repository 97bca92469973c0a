/**
 * A rendered slide → JPEG bytes: its frame SVG and its chart SVG serialized
 * (charts/export-png.ts serializeSvg: computed styles inlined, the Chinese
 * font set) and drawn onto one canvas at the slide's size; then the briefing
 * PDF from the JPEGs (shared/pdf-images.ts).
 */
import { buildImagePdf } from '../../../../shared/pdf-images';
import { canvasToBlob, serializeSvg } from '../../charts/export-png';
import { SLIDE_FONT, slideLayout } from './slide-layout';

function loadSvgImage(markup: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  return new Promise<HTMLImageElement>((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('slide image'));
    img.src = url;
  }).finally(() => URL.revokeObjectURL(url));
}

/** The slide element (SlideView's root) drawn as one JPEG of `width` × `height` pixels. */
export async function slideToJpeg(slide: HTMLElement, width: number, height: number): Promise<Uint8Array> {
  const frame = slide.querySelector<SVGSVGElement>('svg.ub-slide-frame');
  const chart = slide.querySelector<SVGSVGElement>('.ub-slide-chart svg.recharts-surface, .ub-slide-chart svg.ub-empty-chart');
  if (!frame) throw new Error('slide frame missing');
  const L = slideLayout(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const frameImg = await loadSvgImage(serializeSvg(frame, { fontFamily: SLIDE_FONT }).markup);
  ctx.drawImage(frameImg, 0, 0, width, height);
  if (chart) {
    const s = serializeSvg(chart, { fontFamily: SLIDE_FONT });
    const chartImg = await loadSvgImage(s.markup);
    ctx.drawImage(chartImg, L.chart.x, L.chart.y, s.width, s.height);
  }
  const blob = await canvasToBlob(canvas, 'image/jpeg');
  return new Uint8Array(await blob.arrayBuffer());
}

export function briefingPdf(jpegs: readonly Uint8Array[], title: string): Blob {
  const bytes = buildImagePdf(
    jpegs.map((jpeg) => ({ jpeg })),
    { title },
  );
  return new Blob([bytes as BlobPart], { type: 'application/pdf' });
}
