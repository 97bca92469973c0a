/**
 * A tiny PDF writer: one page per JPEG image (the briefing pack of the
 * meeting slides). Pure — bytes in, bytes out; runs in the renderer and in
 * Node. Each JPEG goes in unchanged as a DCTDecode image XObject, scaled to
 * fit the page and centred. PDF 1.4, a classic cross-reference table.
 */

export interface JpegInfo {
  width: number;
  height: number;
  /** 1 grey, 3 YCbCr/RGB, 4 CMYK. */
  components: 1 | 3 | 4;
  /** Adobe APP14 marker present (CMYK JPEGs from Adobe store inverted values). */
  adobe: boolean;
}

export interface PdfPageImage {
  jpeg: Uint8Array;
}

export interface ImagePdfOptions {
  /** Page size in points (1/72 inch). Default 960 × 540: 16:9, like a widescreen slide. */
  pageWidth?: number;
  pageHeight?: number;
  /** Document title (Info dictionary); any Unicode text. */
  title?: string;
  /** Creation date written into the Info dictionary; default now. */
  date?: Date;
}

/** Reads the size and colour components of a JPEG from its SOF marker; throws on anything else. */
export function jpegInfo(bytes: Uint8Array): JpegInfo {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('不是 JPEG 图像');
  let adobe = false;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) throw new Error('JPEG 图像已损坏');
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (length < 2 || i + 2 + length > bytes.length) throw new Error('JPEG 图像已损坏');
    if (marker === 0xee && length >= 7 && String.fromCharCode(...bytes.subarray(i + 4, i + 9)) === 'Adobe') adobe = true;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!;
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!;
      const components = bytes[i + 9]!;
      if (!width || !height) throw new Error('JPEG 图像尺寸无效');
      if (components !== 1 && components !== 3 && components !== 4) throw new Error('不支持的 JPEG 颜色格式');
      return { width, height, components, adobe };
    }
    if (marker === 0xd9 || marker === 0xda) break;
    i += 2 + length;
  }
  throw new Error('JPEG 图像缺少尺寸信息');
}

const encoder = new TextEncoder();

/** A PDF text string: UTF-16BE with a byte-order mark, as hex. */
export function pdfTextString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

/** Numbers in content streams: at most 3 decimals, no exponent. */
function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** Builds the PDF. Object numbers: 1 catalog, 2 page tree, 3 info, then per page: page, contents, image. */
export function buildImagePdf(images: readonly PdfPageImage[], options: ImagePdfOptions = {}): Uint8Array {
  if (images.length === 0) throw new Error('没有可导出的页面');
  const pageW = options.pageWidth ?? 960;
  const pageH = options.pageHeight ?? 540;
  const chunks: Uint8Array[] = [];
  let length = 0;
  const offsets: number[] = [];
  const push = (part: string | Uint8Array) => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  const object = (id: number, body: string) => {
    offsets[id] = length;
    push(`${id} 0 obj\n${body}\nendobj\n`);
  };

  // Binary marker after the header line: tells tools the file holds binary data.
  push('%PDF-1.4\n');
  push(new Uint8Array([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));

  const pageIds = images.map((_, i) => 4 + i * 3);
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${images.length} >>`);
  const info = [`/Producer ${pdfTextString('营商环境指标监测工作站')}`, `/CreationDate ${pdfDate(options.date ?? new Date())}`];
  if (options.title) info.unshift(`/Title ${pdfTextString(options.title)}`);
  object(3, `<< ${info.join(' ')} >>`);

  images.forEach((image, i) => {
    const pageId = pageIds[i]!;
    const contentsId = pageId + 1;
    const imageId = pageId + 2;
    const jpeg = jpegInfo(image.jpeg);
    const scale = Math.min(pageW / jpeg.width, pageH / jpeg.height);
    const w = jpeg.width * scale;
    const h = jpeg.height * scale;
    const x = (pageW - w) / 2;
    const y = (pageH - h) / 2;
    object(
      pageId,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(pageW)} ${num(pageH)}] /Resources << /XObject << /Im${i} ${imageId} 0 R >> >> /Contents ${contentsId} 0 R >>`,
    );
    const content = `q\n${num(w)} 0 0 ${num(h)} ${num(x)} ${num(y)} cm\n/Im${i} Do\nQ\n`;
    object(contentsId, `<< /Length ${encoder.encode(content).length} >>\nstream\n${content}endstream`);
    const colorSpace = jpeg.components === 1 ? '/DeviceGray' : jpeg.components === 4 ? '/DeviceCMYK' : '/DeviceRGB';
    const decode = jpeg.components === 4 && jpeg.adobe ? ' /Decode [1 0 1 0 1 0 1 0]' : '';
    offsets[imageId] = length;
    push(
      `${imageId} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${jpeg.width} /Height ${jpeg.height} /ColorSpace ${colorSpace} /BitsPerComponent 8${decode} /Filter /DCTDecode /Length ${image.jpeg.length} >>\nstream\n`,
    );
    push(image.jpeg);
    push('\nendstream\nendobj\n');
  });

  const size = 4 + images.length * 3;
  const xrefAt = length;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let id = 1; id < size; id++) xref += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  push(xref);
  push(`trailer\n<< /Size ${size} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);

  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
