import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImagePdf, jpegInfo, pdfTextString } from './pdf-images';

/** A real 32×18 JPEG (a teal box on white), as Chromium's canvas.toBlob writes it. */
const TINY_JPEG = Uint8Array.from(Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAASACADASIAAhEBAxEB/8QAGAABAAMBAAAAAAAAAAAAAAAAAAUGBwT/xAAsEAABAAcDDQEAAAAAAAAAAAAAAQIFERITFgYUUQMEFSIkMUNUZaOk0uJh/8QAFwEAAwEAAAAAAAAAAAAAAAAAAAMEAv/EAB0RAAICAgMBAAAAAAAAAAAAAAACAQMRMQQSIXH/2gAMAwEAAhEDEQA/ALpaNv6Du+yz58XEhhc78TiQlfdL8j5O22jJz5qXK45CbKjj11VXPhdvSjBJWKTbvI91T2HLCY9IrXuh5hdfCar7pfkfJdTMKTbvI91T2NPMvCxoZx2sbPcAAWUgAAB//9k=', 'base64'));

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('jpegInfo', () => {
  it('reads size and components from the SOF marker', () => {
    expect(jpegInfo(TINY_JPEG)).toEqual({ width: 32, height: 18, components: 3, adobe: false });
  });
  it('refuses what is not a JPEG', () => {
    expect(() => jpegInfo(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow('不是 JPEG');
    expect(() => jpegInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toThrow();
  });
});

describe('buildImagePdf', () => {
  const pages = 3;
  const pdf = buildImagePdf(
    Array.from({ length: pages }, () => ({ jpeg: TINY_JPEG })),
    { title: '2026年第一季度 营商环境会议简报', date: new Date('2026-04-20T08:00:00Z') },
  );
  const text = latin1(pdf);

  it('has the header, a trailer and %%EOF', () => {
    expect(text.startsWith('%PDF-1.4\n%')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    expect(text).toMatch(/trailer\n<< \/Size 13 \/Root 1 0 R \/Info 3 0 R >>/);
  });

  it('has a cross-reference table whose offsets point at their objects', () => {
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const m = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
    const size = Number(m[1]);
    expect(size).toBe(4 + pages * 3);
    const entries = text.slice(startxref + m[0].length).split('\n').slice(0, size);
    expect(entries[0]).toBe('0000000000 65535 f ');
    for (let id = 1; id < size; id++) {
      const entry = entries[id]!;
      expect(entry, `entry ${id}`).toMatch(/^\d{10} 00000 n $/);
      // Each entry is exactly 20 bytes with its end-of-line.
      expect(entry.length + 1).toBe(20);
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${id} 0 obj`.length), `object ${id}`).toBe(`${id} 0 obj`);
    }
  });

  it('has one page per image, each drawing its DCTDecode image', () => {
    expect(text).toContain(`/Type /Pages /Kids [4 0 R 7 0 R 10 0 R] /Count ${pages}`);
    expect(text.match(/\/Type \/Page /g)).toHaveLength(pages);
    expect(text.match(/\/Subtype \/Image \/Width 32 \/Height 18 \/ColorSpace \/DeviceRGB \/BitsPerComponent 8 \/Filter \/DCTDecode/g)).toHaveLength(pages);
    expect(text).toContain(`/Length ${TINY_JPEG.length} >>\nstream\n`);
    // The JPEG bytes go in unchanged.
    expect(text.split(latin1(TINY_JPEG)).length - 1).toBe(pages);
    // Scaled to fit the 960 × 540 page (32:18 is 16:9 too): fills it.
    expect(text).toContain('/MediaBox [0 0 960 540]');
    expect(text).toContain('960 0 0 540 0 0 cm\n/Im0 Do');
    // Stream lengths are right.
    for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
      const start = m.index! + m[0].length;
      expect(text.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toMatch(/^\n?endstream/);
    }
  });

  it('writes the title as UTF-16 text', () => {
    expect(pdfTextString('会A')).toBe('<FEFF4F1A0041>');
    expect(text).toContain(`/Title ${pdfTextString('2026年第一季度 营商环境会议简报')}`);
    expect(text).toContain('/CreationDate (D:20260420080000Z)');
  });

  it('letterboxes an image of another shape and honours the page size', () => {
    const a4 = latin1(buildImagePdf([{ jpeg: TINY_JPEG }], { pageWidth: 841.89, pageHeight: 595.28 }));
    expect(a4).toContain('/MediaBox [0 0 841.89 595.28]');
    // 32×18 on A4 landscape: full width, centred vertically.
    expect(a4).toMatch(/841\.89 0 0 473\.563 0 60\.858 cm/);
  });

  it('refuses an empty pack', () => {
    expect(() => buildImagePdf([])).toThrow('没有可导出的页面');
  });

  it.skipIf(!hasTool('pdfinfo'))('is read by poppler: page count and size', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-pdf-'));
    try {
      const file = path.join(dir, 'pack.pdf');
      fs.writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(info).toMatch(/Pages:\s+3/);
      expect(info).toMatch(/Page size:\s+960 x 540 pts/);
      expect(info).toContain('2026年第一季度 营商环境会议简报');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
