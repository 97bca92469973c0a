/**
 * Writes the hostile-file corpus that electron/core/returns/xlsx-guard.ts must
 * refuse (and a few files it must accept):
 *
 *   npx tsx scripts/make-hostile-corpus.ts [outDir]       (default test/fixtures/hostile)
 *   npx tsx scripts/make-hostile-corpus.ts --measure FILE  (one guard run, prints JSON: ms, RSS)
 *
 * Everything but huge-rows-real.xlsx is byte-for-byte deterministic: the ZIP
 * containers are written by hand below (fixed timestamps; committed files use
 * only "stored" entries so they do not depend on the zlib version), and the
 * OLE compound files likewise. Files over 200 KB are never committed: they are
 * listed in the folder's .gitignore and the tests generate them at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Buffer } from 'node:buffer';
import ExcelJS from 'exceljs';
import { guardMessage, guardXlsx, type GuardCheck } from '../electron/core/returns/xlsx-guard';

// ---------------------------------------------------------------------------
// A small ZIP writer that can lie

export interface ZipHeaderValues {
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  offset: number;
}

export interface ZipItem {
  name: string;
  /** Uncompressed content (ignored when `raw` is given). */
  data?: Buffer | string;
  /** 0 = stored (default), 8 = deflate. */
  method?: 0 | 8;
  /** Already-compressed data with its true CRC and size (for the bomb). */
  raw?: { compressed: Buffer; crc32: number; size: number };
  /** Values written instead of the true ones. */
  lie?: { central?: Partial<ZipHeaderValues>; local?: Partial<Omit<ZipHeaderValues, 'offset'>> };
  /** Written as a local entry but left out of the central directory. */
  unlisted?: boolean;
  /** Also list this entry a second time in the central directory, under another name. */
  aliasInDirectory?: string;
}

// 2026-01-01 00:00:00 in MS-DOS format.
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;

export function buildZip(items: ZipItem[], options: { announceEntries?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let listed = 0;
  for (const item of items) {
    const nameBytes = Buffer.from(item.name, 'utf8');
    const method = item.raw ? 8 : (item.method ?? 0);
    let data: Buffer;
    let crc: number;
    let size: number;
    if (item.raw) {
      data = item.raw.compressed;
      crc = item.raw.crc32;
      size = item.raw.size;
    } else {
      const plain = Buffer.isBuffer(item.data) ? item.data : Buffer.from(item.data ?? '', 'utf8');
      crc = zlib.crc32(plain) >>> 0;
      size = plain.length;
      data = method === 8 ? zlib.deflateRawSync(plain, { level: 9 }) : plain;
    }
    const truth: ZipHeaderValues = { compressedSize: data.length, uncompressedSize: size, crc32: crc, offset };
    const loc = { ...truth, ...item.lie?.local };
    const cen = { ...truth, ...item.lie?.central };
    const flags = /[^\x20-\x7e]/.test(item.name) ? 0x0800 : 0;

    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(flags, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt16LE(DOS_TIME, 10);
    lh.writeUInt16LE(DOS_DATE, 12);
    lh.writeUInt32LE(loc.crc32 >>> 0, 14);
    lh.writeUInt32LE(loc.compressedSize, 18);
    lh.writeUInt32LE(loc.uncompressedSize, 22);
    lh.writeUInt16LE(nameBytes.length, 26);
    lh.writeUInt16LE(0, 28);
    parts.push(lh, nameBytes, data);

    const centralRecord = (name: Buffer) => {
      const ch = Buffer.alloc(46);
      ch.writeUInt32LE(0x02014b50, 0);
      ch.writeUInt16LE(20, 4);
      ch.writeUInt16LE(20, 6);
      ch.writeUInt16LE(flags, 8);
      ch.writeUInt16LE(method, 10);
      ch.writeUInt16LE(DOS_TIME, 12);
      ch.writeUInt16LE(DOS_DATE, 14);
      ch.writeUInt32LE(cen.crc32 >>> 0, 16);
      ch.writeUInt32LE(cen.compressedSize, 20);
      ch.writeUInt32LE(cen.uncompressedSize, 24);
      ch.writeUInt16LE(name.length, 28);
      ch.writeUInt32LE(cen.offset, 42);
      central.push(ch, name);
      listed++;
    };
    if (!item.unlisted) centralRecord(nameBytes);
    if (item.aliasInDirectory) centralRecord(Buffer.from(item.aliasInDirectory, 'utf8'));
    offset += lh.length + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(options.announceEntries ?? listed, 8);
  eocd.writeUInt16LE(options.announceEntries ?? listed, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, eocd]);
}

// ---------------------------------------------------------------------------
// A minimal workbook, as parts

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface MinimalWorkbook {
  /** Inner XML of <worksheet> (defaults to a small filled-in table). */
  sheet?: string;
  /** Whole sharedStrings.xml; null for none. */
  sharedStrings?: string | null;
  /** Inner XML placed in <workbook> after <sheets>, e.g. <definedNames>. */
  workbookExtra?: string;
  method?: 0 | 8;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const TABLE: Array<[string, string, number]> = [
  ['海口', '开办企业时间（天）', 1.5],
  ['三亚', '开办企业时间（天）', 2],
  ['儋州', '获得电力时间（天）', 3.5],
];

export function defaultSharedStrings(extra: string[] = []): { xml: string; index: Map<string, number> } {
  const strings = ['地区', '指标', '数值', ...new Set(TABLE.flatMap(([a, b]) => [a, b])), ...extra];
  const index = new Map(strings.map((s, i) => [s, i]));
  const xml = `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings
    .map((s) => `<si><t>${esc(s)}</t></si>`)
    .join('')}</sst>`;
  return { xml, index };
}

export function defaultSheet(index: Map<string, number>): string {
  const s = (text: string) => index.get(text)!;
  const rows = [
    `<row r="1"><c r="A1" t="s"><v>${s('地区')}</v></c><c r="B1" t="s"><v>${s('指标')}</v></c><c r="C1" t="s"><v>${s('数值')}</v></c></row>`,
    ...TABLE.map(
      ([region, indicator, value], i) =>
        `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${s(region)}</v></c><c r="B${i + 2}" t="s"><v>${s(indicator)}</v></c><c r="C${i + 2}"><v>${value}</v></c></row>`,
    ),
  ];
  return `<dimension ref="A1:C${TABLE.length + 1}"/><sheetData>${rows.join('')}</sheetData>`;
}

export function minimalXlsxItems(wb: MinimalWorkbook = {}): ZipItem[] {
  const sst = wb.sharedStrings === undefined ? defaultSharedStrings() : null;
  const sharedStrings = wb.sharedStrings === undefined ? sst!.xml : wb.sharedStrings;
  const sheet = wb.sheet ?? defaultSheet(sst ? sst.index : defaultSharedStrings().index);
  const method = wb.method ?? 0;
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    (sharedStrings !== null
      ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      : '') +
    '</Types>';
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets><sheet name="填报" sheetId="1" r:id="rId1"/></sheets>` +
    `${wb.workbookExtra ?? ''}</workbook>`;
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    (sharedStrings !== null ? `<Relationship Id="rId3" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
    '</Relationships>';
  const styles =
    `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  const worksheet = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${sheet}</worksheet>`;
  const items: ZipItem[] = [
    { name: '[Content_Types].xml', data: contentTypes, method },
    { name: '_rels/.rels', data: rootRels, method },
    { name: 'xl/workbook.xml', data: workbook, method },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRels, method },
    { name: 'xl/styles.xml', data: styles, method },
    { name: 'xl/worksheets/sheet1.xml', data: worksheet, method },
  ];
  if (sharedStrings !== null) items.push({ name: 'xl/sharedStrings.xml', data: sharedStrings, method });
  return items;
}

export function minimalXlsx(wb: MinimalWorkbook = {}): Buffer {
  return buildZip(minimalXlsxItems(wb));
}

// ---------------------------------------------------------------------------
// A minimal OLE compound file (CFB v3, 512-byte sectors), written by hand

const CFB_FREE = 0xffffffff;
const CFB_END = 0xfffffffe;
const CFB_FATSECT = 0xfffffffd;

/** Streams must be at least 4096 bytes so they live in ordinary sectors (no mini stream needed). */
export function buildCfb(streams: Array<{ name: string; data: Buffer }>): Buffer {
  const SECTOR = 512;
  const dataSectors = streams.map((s) => Math.ceil(s.data.length / SECTOR));
  const total = 2 + dataSectors.reduce((a, b) => a + b, 0); // FAT + directory + data
  if (total > SECTOR / 4) throw new Error('buildCfb: too much data for one FAT sector');
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(CFB_FATSECT, 0);
  fat.writeUInt32LE(CFB_END, 4);
  let next = 2;
  const starts: number[] = [];
  for (const n of dataSectors) {
    starts.push(next);
    for (let k = 0; k < n; k++) fat.writeUInt32LE(k === n - 1 ? CFB_END : next + k + 1, (next + k) * 4);
    next += n;
  }

  // Directory: root + one entry per stream, linked as a right-leaning sibling chain
  // in the order CFB wants (shorter names first, then by upper-case name).
  const order = streams.map((s, i) => i).sort((a, b) => {
    const x = streams[a]!.name;
    const y = streams[b]!.name;
    return x.length - y.length || (x.toUpperCase() < y.toUpperCase() ? -1 : 1);
  });
  const entriesPerSector = SECTOR / 128;
  if (streams.length + 1 > entriesPerSector) throw new Error('buildCfb: too many streams for one directory sector');
  const dir = Buffer.alloc(SECTOR);
  const writeEntry = (slot: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const off = slot * 128;
    const nameBuf = Buffer.from(`${name}\0`, 'utf16le');
    nameBuf.copy(dir, off);
    dir.writeUInt16LE(nameBuf.length, off + 0x40);
    dir[off + 0x42] = type;
    dir[off + 0x43] = 1; // black
    dir.writeUInt32LE(CFB_FREE, off + 0x44); // left sibling
    dir.writeUInt32LE(right, off + 0x48);
    dir.writeUInt32LE(child, off + 0x4c);
    dir.writeUInt32LE(start, off + 0x74);
    dir.writeUInt32LE(size, off + 0x78);
  };
  writeEntry(0, 'Root Entry', 5, order.length ? order[0]! + 1 : CFB_FREE, CFB_FREE, CFB_END, 0);
  order.forEach((streamIndex, k) => {
    const s = streams[streamIndex]!;
    const right = k + 1 < order.length ? order[k + 1]! + 1 : CFB_FREE;
    writeEntry(streamIndex + 1, s.name, 2, CFB_FREE, right, starts[streamIndex]!, s.data.length);
  });
  for (let slot = streams.length + 1; slot < entriesPerSector; slot++) {
    const off = slot * 128;
    dir.writeUInt32LE(CFB_FREE, off + 0x44);
    dir.writeUInt32LE(CFB_FREE, off + 0x48);
    dir.writeUInt32LE(CFB_FREE, off + 0x4c);
  }

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18); // minor version
  header.writeUInt16LE(3, 0x1a); // major version 3
  header.writeUInt16LE(0xfffe, 0x1c); // byte order
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory starts at sector 1
  header.writeUInt32LE(4096, 0x38); // mini stream cutoff
  header.writeUInt32LE(CFB_END, 0x3c); // no mini FAT
  header.writeUInt32LE(CFB_END, 0x44); // no DIFAT sectors
  header.fill(0xff, 0x4c);
  header.writeUInt32LE(0, 0x4c); // FAT is sector 0

  const data = streams.map((s, i) => {
    const padded = Buffer.alloc(dataSectors[i]! * SECTOR);
    s.data.copy(padded);
    return padded;
  });
  return Buffer.concat([header, fat, dir, ...data]);
}

/** Deterministic filler bytes (xorshift32). */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function passwordProtectedXlsx(): Buffer {
  const descriptor =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>' +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/></keyEncryptor></keyEncryptors></encryption>';
  const info = Buffer.alloc(4096);
  info.writeUInt16LE(4, 0); // agile encryption, version 4.4
  info.writeUInt16LE(4, 2);
  info.writeUInt32LE(0x40, 4);
  Buffer.from(descriptor, 'utf8').copy(info, 8);
  const pkg = noise(4104, 0x5eed);
  pkg.writeBigUInt64LE(3000n, 0); // size of the (pretend) decrypted package
  return buildCfb([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: pkg },
  ]);
}

function legacyXls(): Buffer {
  const wb = Buffer.alloc(4096);
  // BIFF8: BOF (workbook globals) ... EOF
  Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0x54, 0x38, 0xcd, 0x07, 0xc1, 0x00, 0x00, 0x00, 0x06, 0x03, 0x00, 0x00]).copy(wb, 0);
  Buffer.from([0x0a, 0x00, 0x00, 0x00]).copy(wb, 20);
  return buildCfb([{ name: 'Workbook', data: wb }]);
}

// ---------------------------------------------------------------------------
// Large files, made by streaming

/** Raw deflate of `bytes` zero bytes, made by streaming (about 1 KB of output per MB of input). */
export async function deflatedZeros(bytes: number): Promise<{ compressed: Buffer; crc32: number; size: number }> {
  const block = Buffer.alloc(1024 * 1024);
  const deflater = zlib.createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  for (let left = bytes; left > 0; left -= block.length) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    crc = zlib.crc32(piece, crc);
    if (!deflater.write(piece)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await ended;
  return { compressed: Buffer.concat(out), crc32: crc >>> 0, size: bytes };
}

/**
 * Raw deflate (level 1, streamed) of `megabytes` MB of zeros with one
 * pseudo-random byte every 512 bytes: about 110:1, under the ratio limit.
 */
export async function sparseDeflated(megabytes: number): Promise<{ compressed: Buffer; crc32: number; size: number }> {
  const block = Buffer.alloc(1024 * 1024);
  let x = 12345;
  for (let i = 0; i < block.length; i += 512) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    block[i] = x >>> 24;
  }
  const deflater = zlib.createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  deflater.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  for (let k = 0; k < megabytes; k++) {
    crc = zlib.crc32(block, crc);
    if (!deflater.write(block)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await ended;
  return { compressed: Buffer.concat(out), crc32: crc >>> 0, size: megabytes * block.length };
}

/** ~`rows` tiny rows written by exceljs's streaming WorkbookWriter. */
export async function writeExceljsRows(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  wb.creator = 'make-hostile-corpus';
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = new Date(Date.UTC(2026, 0, 1));
  const ws = wb.addWorksheet('填报');
  ws.addRow(['序号', '数值']).commit();
  for (let i = 1; i < rows; i++) ws.addRow([i, i % 7]).commit();
  ws.commit();
  await wb.commit();
}

// ---------------------------------------------------------------------------
// The corpus

export interface CorpusFile {
  file: string;
  /** The check expected to refuse it, or 'pass'. */
  expect: GuardCheck | 'pass';
  /** Small enough to commit (< 200 KB, byte-deterministic). */
  committed: boolean;
  about: string;
  make: (outFile: string) => Promise<void> | void;
}

const ROWS_LIMIT_FOR_REAL_FILE = 250_000;

function write(buf: Buffer): (f: string) => void {
  return (f) => fs.writeFileSync(f, buf);
}

let bombData: Promise<{ compressed: Buffer; crc32: number; size: number }> | null = null;
function bomb(): Promise<{ compressed: Buffer; crc32: number; size: number }> {
  bombData ??= deflatedZeros(1100 * 1024 * 1024);
  return bombData;
}

/** Replaces the worksheet entry of a minimal workbook. */
function withSheetItem(item: ZipItem): ZipItem[] {
  return minimalXlsxItems().map((it) => (it.name === 'xl/worksheets/sheet1.xml' ? { ...item, name: it.name } : it));
}

const billionLaughs =
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n` +
  Array.from({ length: 9 }, (_, k) => ` <!ENTITY lol${k + 1} "${`&lol${k === 0 ? '' : k};`.repeat(10)}">\n`).join('') +
  `]>\n<sst xmlns="${NS_MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>`;

export const CORPUS: CorpusFile[] = [
  {
    file: 'valid-minimal.xlsx',
    expect: 'pass',
    committed: true,
    about: 'A small, well-formed workbook (stored entries) — the guard must accept it and exceljs read it.',
    make: write(minimalXlsx()),
  },
  {
    file: 'empty.xlsx',
    expect: 'empty',
    committed: true,
    about: '0 bytes.',
    make: write(Buffer.alloc(0)),
  },
  {
    file: 'renamed-csv.xlsx',
    expect: 'not-xlsx',
    committed: true,
    about: 'A UTF-8 CSV renamed to .xlsx.',
    make: write(Buffer.from(`\ufeff地区,指标,数值\n${TABLE.map((r) => r.join(',')).join('\n')}\n`, 'utf8')),
  },
  {
    file: 'renamed-exe.xlsx',
    expect: 'not-xlsx',
    committed: true,
    about: 'A DOS/PE stub ("MZ" header) renamed to .xlsx.',
    make: (f) => {
      const exe = Buffer.alloc(512);
      exe.write('MZ', 0, 'latin1');
      exe.writeUInt32LE(0x80, 0x3c);
      exe.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1');
      exe.write('PE\0\0', 0x80, 'latin1');
      fs.writeFileSync(f, exe);
    },
  },
  {
    file: 'password-protected.xlsx',
    expect: 'encrypted',
    committed: true,
    about: 'What Excel writes for a workbook with an open password: an OLE compound file with EncryptionInfo + EncryptedPackage streams (hand-built, 10 KB).',
    make: write(passwordProtectedXlsx()),
  },
  {
    file: 'legacy.xls',
    expect: 'legacy-xls',
    committed: true,
    about: 'A minimal OLE compound file with a BIFF8 "Workbook" stream (an old .xls).',
    make: write(legacyXls()),
  },
  {
    file: 'truncated.xlsx',
    expect: 'truncated',
    committed: true,
    about: 'valid-minimal.xlsx cut in half (no end-of-central-directory record).',
    make: (f) => {
      const whole = minimalXlsx();
      fs.writeFileSync(f, whole.subarray(0, Math.floor(whole.length / 2)));
    },
  },
  {
    file: 'lying-directory.xlsx',
    expect: 'corrupt',
    committed: true,
    about: 'The central directory says the 60 KB worksheet entry is 64 bytes (compressed and uncompressed); the local header tells the truth.',
    make: (f) => {
      const rows = Array.from({ length: 1500 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
      const sheet = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
      fs.writeFileSync(f, buildZip(withSheetItem({ name: '', data: sheet, lie: { central: { compressedSize: 64, uncompressedSize: 64 } } })));
    },
  },
  {
    file: 'overlapping-entries.xlsx',
    expect: 'corrupt',
    committed: true,
    about: 'The central directory lists the worksheet twice (as sheet1.xml and sheet2.xml) pointing at the same local data — the overlapping-entry trick.',
    make: write(
      buildZip(
        minimalXlsxItems().map((it) => (it.name === 'xl/worksheets/sheet1.xml' ? { ...it, aliasInDirectory: 'xl/worksheets/sheet2.xml' } : it)),
      ),
    ),
  },
  {
    file: 'hidden-entry.xlsx',
    expect: 'corrupt',
    committed: true,
    about: 'A second worksheet is present as a local entry but left out of the central directory (a streaming reader would see it, a directory reader would not).',
    make: write(
      buildZip([
        ...minimalXlsxItems(),
        { name: 'xl/worksheets/sheet2.xml', data: `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><dimension ref="A1:C1048576"/></worksheet>`, unlisted: true },
      ]),
    ),
  },
  {
    file: 'no-workbook-part.xlsx',
    expect: 'not-xlsx',
    committed: true,
    about: 'A ZIP (like a renamed .docx/.zip) with [Content_Types].xml but no xl/workbook.xml.',
    make: write(buildZip(minimalXlsxItems().filter((it) => !it.name.startsWith('xl/')))),
  },
  {
    file: 'dtd-entity.xlsx',
    expect: 'dtd',
    committed: true,
    about: 'Billion-laughs: sharedStrings.xml declares nested entities in a DOCTYPE.',
    make: write(minimalXlsx({ sharedStrings: billionLaughs, sheet: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' })),
  },
  {
    file: 'huge-rows.xlsx',
    expect: 'too-many-rows',
    committed: true,
    about: 'Three rows, the last one numbered 1,048,576, and `<dimension ref="A1:C1048576"/>`.',
    make: write(
      minimalXlsx({
        sheet:
          '<dimension ref="A1:C1048576"/><sheetData>' +
          '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>' +
          '<row r="1048576"><c r="C1048576"><v>3</v></c></row></sheetData>',
        sharedStrings: null,
      }),
    ),
  },
  {
    file: 'wide-columns.xlsx',
    expect: 'too-many-columns',
    committed: true,
    about: 'One row with a cell in column XFD (16,384) and `<dimension ref="A1:XFD1"/>`.',
    make: write(
      minimalXlsx({ sheet: '<dimension ref="A1:XFD1"/><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row></sheetData>', sharedStrings: null }),
    ),
  },
  {
    file: 'long-string.xlsx',
    expect: 'string-too-long',
    committed: true,
    about: 'A shared string of 40,000 characters (Excel’s cell limit is 32,767).',
    make: write(
      minimalXlsx({
        sharedStrings: `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="1" uniqueCount="1"><si><t>${'营商环境'.repeat(10_000)}</t></si></sst>`,
        sheet: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>',
      }),
    ),
  },
  {
    file: 'whole-sheet-validation.xlsx',
    expect: 'range-too-large',
    committed: true,
    about: 'A data validation over `A1:XFD1048576` (exceljs 4.4 would create 17 billion map entries: a hang from a 3 KB file).',
    make: write(
      minimalXlsx({
        sheet:
          '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' +
          '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>',
        sharedStrings: null,
      }),
    ),
  },
  {
    file: 'defined-name-range.xlsx',
    expect: 'range-too-large',
    committed: true,
    about: 'A defined name covering `填报!$A$1:$XFD$1048576` (exceljs expands defined-name ranges cell by cell).',
    make: write(minimalXlsx({ workbookExtra: '<definedNames><definedName name="全部">填报!$A$1:$XFD$1048576</definedName></definedNames>' })),
  },
  {
    file: 'zip-bomb.xlsx',
    expect: 'bomb',
    committed: false,
    about: 'A valid workbook whose worksheet entry is 1.1 GB of zeros deflated to ~1 MB; local header and directory both claim 4 KB. Made by streaming deflate.',
    make: async (f) => {
      const raw = await bomb();
      fs.writeFileSync(f, buildZip(withSheetItem({ name: '', raw, lie: { central: { uncompressedSize: 4096 }, local: { uncompressedSize: 4096 } } })));
    },
  },
  {
    file: 'zip-bomb-declared.xlsx',
    expect: 'bomb',
    committed: false,
    about: 'The same 1.1 GB worksheet entry with honest headers (refused from the directory before inflating).',
    make: async (f) => fs.writeFileSync(f, buildZip(withSheetItem({ name: '', raw: await bomb() }))),
  },
  {
    file: 'zip-bomb-spread.xlsx',
    expect: 'bomb',
    committed: false,
    about:
      'A media entry of 1.1 GB that deflates only ~110:1 (10 MB on disk), so the ratio check never fires, and whose headers claim 1 MB. Only the running total, counted while inflating, stops it (after 1 GB).',
    make: async (f) => {
      const raw = await sparseDeflated(1100);
      const lie = { central: { uncompressedSize: 1024 * 1024 }, local: { uncompressedSize: 1024 * 1024 } };
      fs.writeFileSync(f, buildZip([...minimalXlsxItems(), { name: 'xl/media/fill.bin', raw, lie }]));
    },
  },
  {
    file: 'too-many-entries.xlsx',
    expect: 'corrupt',
    committed: false,
    about: 'A valid workbook plus 10,000 empty entries (10,007 in all; the limit is 10,000).',
    make: write(
      buildZip([...minimalXlsxItems(), ...Array.from({ length: 10_000 }, (_, i) => ({ name: `xl/custom/pad${i}.bin`, data: '' }))]),
    ),
  },
  {
    file: 'huge-rows-real.xlsx',
    expect: 'too-many-rows',
    committed: false,
    about: `${ROWS_LIMIT_FOR_REAL_FILE.toLocaleString('en')} real tiny rows written by exceljs's streaming WorkbookWriter (not byte-deterministic: exceljs stamps ZIP times).`,
    make: (f) => writeExceljsRows(f, ROWS_LIMIT_FOR_REAL_FILE),
  },
];

function readme(): string {
  const line = (c: CorpusFile) =>
    `| \`${c.file}\` | ${c.committed ? 'yes' : 'no (generated at test time)'} | ${c.expect === 'pass' ? '*(accepted)*' : guardMessage(c.expect)} | ${c.about} |`;
  return [
    '# Hostile workbook corpus',
    '',
    'Files that `guardXlsx` (electron/core/returns/xlsx-guard.ts) must refuse, each with the one-line',
    'message it must give (default limits). Generated by `npx tsx scripts/make-hostile-corpus.ts [outDir]`;',
    'do not edit by hand. Files over 200 KB are not committed (see .gitignore): the tests in',
    'test/integration/hostile-files.test.ts regenerate the whole corpus in a temporary folder and',
    'check that the committed files are byte-identical to freshly generated ones.',
    '',
    '| File | Committed | Expected message | What it is |',
    '| --- | --- | --- | --- |',
    ...CORPUS.map(line),
    '',
  ].join('\n');
}

function gitignore(): string {
  return ['# Generated by scripts/make-hostile-corpus.ts at test time; too large to commit.', ...CORPUS.filter((c) => !c.committed).map((c) => c.file), ''].join('\n');
}

/** Writes the corpus (all of it, or the files named in `only`) plus README.md and .gitignore. */
export async function makeHostileCorpus(outDir: string, only?: readonly string[]): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const c of CORPUS) {
    if (only && !only.includes(c.file)) continue;
    const f = path.join(outDir, c.file);
    await c.make(f);
    written.push(f);
  }
  if (!only) {
    fs.writeFileSync(path.join(outDir, 'README.md'), readme());
    fs.writeFileSync(path.join(outDir, '.gitignore'), gitignore());
  }
  return written;
}

/** One guard run with wall time and resident-set growth (peak sampled every 2 ms). */
export async function measureGuard(file: string): Promise<{ file: string; ms: number; rssBeforeMB: number; rssPeakGrowthMB: number; check: string; message: string }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  const t0 = performance.now();
  let check = 'pass';
  let message = '';
  try {
    await guardXlsx(file);
  } catch (e) {
    const details = (e as { details?: { check?: string } }).details;
    check = details?.check ?? (e as Error).name;
    message = (e as Error).message;
  }
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const MB = 1024 * 1024;
  return { file: path.basename(file), ms: Math.round(ms), rssBeforeMB: Math.round(before / MB), rssPeakGrowthMB: Math.round((peak - before) / MB), check, message };
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--measure') {
    for (const f of argv.slice(1)) process.stdout.write(`${JSON.stringify(await measureGuard(f))}\n`);
    return;
  }
  const outDir = path.resolve(argv[0] ?? path.join('test', 'fixtures', 'hostile'));
  const files = await makeHostileCorpus(outDir);
  for (const f of files) process.stdout.write(`${path.relative(process.cwd(), f)}\t${fs.statSync(f).size} bytes\n`);
}

if (/make-hostile-corpus\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
