/**
 * A recharts chart as a PNG for slides and briefings:
 *   1. serialize the chart's SVG (XMLSerializer), with the computed styles
 *      inlined (CSS does not travel with an SVG drawn as an image) and the
 *      Chinese font family set on the root;
 *   2. draw it onto a canvas at 2× on white, with an optional title above and
 *      the legend below (recharts draws the legend in HTML, outside the SVG);
 *   3. canvas.toBlob('image/png'), downloaded through a blob: URL and
 *      <a download> (api/files.ts downloadBlob). No inline script, no data
 *      sent anywhere: the CSP allows blob:/data: images.
 * UI-B reuses chartToPngBlob / svgToPngBlob for meeting mode and the PDF.
 */
import { downloadBlob } from '../api/files';
import { t } from '../i18n';
import { CHART_FONT } from './theme';

export interface PngOptions {
  /** Pixel density of the PNG; default 2. */
  scale?: number;
  background?: string;
  /** Printed above the chart. */
  title?: string;
  /** Printed under the title, smaller (e.g. period and regions). */
  subtitle?: string;
  fontFamily?: string;
}

export interface LegendEntry {
  label: string;
  color: string;
}

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
] as const;

// --- pure helpers -----------------------------------------------------------

/** A file name any system accepts: no path separators or reserved characters, not too long. */
export function safeFileName(name: string, ext = 'png'): string {
  const base =
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
      .replace(/\s+/g, ' ')
      .replace(/^[.\s_]+|[.\s_]+$/g, '')
      .slice(0, 120) || 'chart';
  return `${base}.${ext}`;
}

/**
 * Legend items in rows no wider than `maxWidth`, each row centred.
 * Returns the x of each item within [0, maxWidth] and its row.
 */
export function layoutLegend(widths: readonly number[], maxWidth: number, gap: number): Array<{ x: number; row: number }> {
  const rows: number[][] = [];
  let current: number[] = [];
  let used = 0;
  widths.forEach((w, i) => {
    if (current.length > 0 && used + gap + w > maxWidth) {
      rows.push(current);
      current = [];
      used = 0;
    }
    used += (current.length > 0 ? gap : 0) + w;
    current.push(i);
  });
  if (current.length > 0) rows.push(current);
  const out: Array<{ x: number; row: number }> = new Array(widths.length);
  rows.forEach((items, row) => {
    const total = items.reduce((s, i) => s + widths[i]!, 0) + gap * (items.length - 1);
    let x = Math.max(0, (maxWidth - total) / 2);
    for (const i of items) {
      out[i] = { x, row };
      x += widths[i]! + gap;
    }
  });
  return out;
}

// --- DOM ----------------------------------------------------------------------

/** The chart's own SVG inside a container: the largest recharts surface that is not a legend icon. */
export function mainSvg(container: Element): SVGSVGElement | null {
  const all = Array.from(container.querySelectorAll<SVGSVGElement>('svg.recharts-surface, svg')).filter(
    (s) => !s.closest('.recharts-legend-wrapper') && !s.parentElement?.closest('svg'),
  );
  let best: SVGSVGElement | null = null;
  let bestArea = 0;
  for (const s of all) {
    const r = s.getBoundingClientRect();
    const area = r.width * r.height;
    if (area > bestArea) {
      best = s;
      bestArea = area;
    }
  }
  return best;
}

/** The legend recharts drew in HTML: label and colour of each item. */
export function legendEntries(container: Element): LegendEntry[] {
  const items = Array.from(container.querySelectorAll('.recharts-legend-item'));
  return items.flatMap((item) => {
    const label = item.querySelector('.recharts-legend-item-text')?.textContent?.trim() ?? item.textContent?.trim() ?? '';
    if (!label) return [];
    let color = '';
    for (const el of Array.from(item.querySelectorAll('path, line, rect, circle'))) {
      const stroke = el.getAttribute('stroke');
      const fill = el.getAttribute('fill');
      const c = fill && fill !== 'none' ? fill : stroke && stroke !== 'none' ? stroke : '';
      if (c) {
        color = c;
        break;
      }
    }
    if (!color) color = getComputedStyle(item.querySelector('.recharts-legend-item-text') ?? item).color || '#333';
    return [{ label, color }];
  });
}

function copyStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  let style = '';
  for (const p of STYLE_PROPS) {
    const v = cs.getPropertyValue(p);
    if (v) style += `${p}:${v};`;
  }
  if (cs.getPropertyValue('display') === 'none') style += 'display:none;';
  if (cs.getPropertyValue('visibility') === 'hidden') style += 'visibility:hidden;';
  const own = dst.getAttribute('style');
  dst.setAttribute('style', own ? `${style}${own}` : style);
}

/** Standalone SVG markup of a chart, its intrinsic size `scale` × the size on screen. */
export function serializeSvg(svg: SVGSVGElement, opts: { scale?: number; fontFamily?: string } = {}): { markup: string; width: number; height: number } {
  const scale = opts.scale ?? 1;
  const rect = svg.getBoundingClientRect();
  const width = Math.round(rect.width) || Number(svg.getAttribute('width')) || 800;
  const height = Math.round(rect.height) || Number(svg.getAttribute('height')) || 400;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const dst = [clone, ...Array.from(clone.querySelectorAll('*'))];
  src.forEach((el, i) => {
    const d = dst[i];
    if (d) copyStyles(el, d);
  });
  for (const el of Array.from(clone.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot, .recharts-tooltip-wrapper'))) el.remove();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.setAttribute('width', String(width * scale));
  clone.setAttribute('height', String(height * scale));
  clone.style.fontFamily = opts.fontFamily ?? CHART_FONT;
  clone.style.overflow = 'visible';
  clone.removeAttribute('class');
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.decoding = 'sync';
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(t('export.imageFailed')));
    img.src = url;
  });
}

export function canvasToBlob(canvas: HTMLCanvasElement, type = 'image/png'): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b && b.size > 0 ? resolve(b) : reject(new Error(t('export.imageFailed')))), type);
  });
}

/** Draw a chart (SVG and its HTML legend) onto a canvas at `scale`, white behind, title above. */
export async function chartToCanvas(container: Element, opts: PngOptions = {}): Promise<HTMLCanvasElement> {
  const svg = mainSvg(container);
  if (!svg) throw new Error(t('export.noChart'));
  const scale = opts.scale ?? 2;
  const font = opts.fontFamily ?? CHART_FONT;
  const { markup, width, height } = serializeSvg(svg, { scale, fontFamily: font });
  const legend = legendEntries(container);

  const pad = 24;
  const titleH = opts.title ? 44 : 0;
  const subtitleH = opts.subtitle ? 28 : 0;
  const top = titleH + subtitleH + (titleH || subtitleH ? 8 : 0);
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error(t('export.imageFailed'));
  measure.font = `16px ${font}`;
  const swatch = 16;
  const widths = legend.map((e) => swatch + 8 + measure.measureText(e.label).width);
  const positions = layoutLegend(widths, width - 2 * pad, 28);
  const rows = legend.length ? Math.max(...positions.map((p) => p.row)) + 1 : 0;
  const legendH = rows ? rows * 30 + 12 : 0;
  const totalH = top + height + legendH + 12;

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(totalH * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(t('export.imageFailed'));
  ctx.scale(scale, scale);
  ctx.fillStyle = opts.background ?? '#ffffff';
  ctx.fillRect(0, 0, width, totalH);
  ctx.textBaseline = 'alphabetic';
  if (opts.title) {
    ctx.fillStyle = '#1d2b2d';
    ctx.font = `700 22px ${font}`;
    ctx.fillText(opts.title, pad, 32, width - 2 * pad);
  }
  if (opts.subtitle) {
    ctx.fillStyle = '#5c6f72';
    ctx.font = `16px ${font}`;
    ctx.fillText(opts.subtitle, pad, titleH + 22, width - 2 * pad);
  }

  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = await loadImage(url);
    ctx.drawImage(img, 0, top, width, height);
  } finally {
    URL.revokeObjectURL(url);
  }

  ctx.font = `16px ${font}`;
  legend.forEach((entry, i) => {
    const p = positions[i]!;
    const x = pad + p.x;
    const y = top + height + 6 + p.row * 30;
    ctx.fillStyle = entry.color;
    ctx.fillRect(x, y + 4, swatch, swatch);
    ctx.fillStyle = '#1d2b2d';
    ctx.fillText(entry.label, x + swatch + 8, y + 18);
  });
  return canvas;
}

/** The chart in `container` as a PNG blob. */
export async function chartToPngBlob(container: Element, opts: PngOptions = {}): Promise<Blob> {
  return canvasToBlob(await chartToCanvas(container, opts));
}

/** Just an SVG (no HTML legend) as a PNG blob. */
export async function svgToPngBlob(svg: SVGSVGElement, opts: PngOptions = {}): Promise<Blob> {
  const wrapper = svg.parentElement ?? svg;
  return chartToPngBlob(wrapper, opts);
}

/** Export the chart in `container` as `<name>.png`. */
export async function exportChartPng(container: Element, name: string, opts: PngOptions = {}): Promise<Blob> {
  const blob = await chartToPngBlob(container, opts);
  downloadBlob(blob, safeFileName(name));
  return blob;
}
