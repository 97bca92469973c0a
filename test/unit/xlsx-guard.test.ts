/**
 * Unit tests for the xlsx guard: the streaming scanners on their own (fed in
 * every possible chunking), the ZIP cross-checks on small hand-made
 * containers, the limits, and a property test that mutated workbooks are
 * either accepted or refused with an AppError — never another exception,
 * never a hang.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import {
  classifyPart,
  DEFAULT_LIMITS,
  describeChecks,
  DtdTokenScanner,
  guardMessage,
  guardXlsx,
  parseCellRef,
  rangeArea,
  WorkbookTally,
  XmlPartScanner,
  type GuardCheck,
  type GuardLimits,
} from '../../electron/core/returns/xlsx-guard';
import { buildCfb, buildZip, minimalXlsx, minimalXlsxItems, type ZipItem } from '../../scripts/make-hostile-corpus';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-guard-unit-');
let seq = 0;
function put(buf: Buffer, name = `f${++seq}.xlsx`): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, buf);
  return f;
}

/** Resolves to the refusal's check id (and asserts the AppError shape), or 'pass'. */
async function outcome(file: string, limits?: Partial<GuardLimits>): Promise<GuardCheck | 'pass'> {
  try {
    await guardXlsx(file, limits);
    return 'pass';
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.kind).toBe('usage');
    expect(err.message).not.toMatch(/[\r\n]/);
    const check = (err.details as { check: GuardCheck }).check;
    expect(err.message).toBe(guardMessage(check, { ...DEFAULT_LIMITS, ...limits }));
    return check;
  }
}

/** Feeds `data` to a fresh scanner split at every pair of cut points (or 1 byte at a time). */
function everyChunking(data: Buffer, run: (chunks: Buffer[]) => void): void {
  run([data]);
  run([...data].map((b) => Buffer.from([b])));
  for (let a = 1; a < data.length; a++) run([data.subarray(0, a), data.subarray(a)]);
}

function scanPart(kind: 'worksheet' | 'sharedStrings' | 'workbook', chunks: Buffer[], limits: Partial<GuardLimits> = {}) {
  const tally = new WorkbookTally({ ...DEFAULT_LIMITS, ...limits });
  const scanner = new XmlPartScanner(kind, 'part.xml', tally);
  for (const c of chunks) scanner.feed(c);
  scanner.end();
  return { tally, stats: scanner.stats };
}

function checkOf(fn: () => unknown): GuardCheck | 'pass' {
  try {
    fn();
    return 'pass';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return (e.details as { check: GuardCheck }).check;
  }
}

describe('DtdTokenScanner', () => {
  const feedAll = (chunks: Buffer[]) => {
    const s = new DtdTokenScanner();
    return chunks.some((c) => s.feed(c));
  };

  it('finds <!DOCTYPE and <!ENTITY in any case, however the stream is cut', () => {
    for (const token of ['<!DOCTYPE', '<!doctype', '<!DocType', '<!ENTITY', '<!entity']) {
      const data = Buffer.from(`<?xml version="1.0"?>\n${token} x [ ]><a/>`);
      everyChunking(data, (chunks) => expect(feedAll(chunks), `${token} in ${chunks.length} chunks`).toBe(true));
    }
  });

  it('finds a token split over three chunks', () => {
    expect(feedAll([Buffer.from('aaaaaaaaaa<'), Buffer.from('!DO'), Buffer.from('C'), Buffer.from('TYPE x>')])).toBe(true);
    expect(feedAll([Buffer.from('<'), Buffer.from('!'), Buffer.from('e'), Buffer.from('n'), Buffer.from('tity')])).toBe(true);
  });

  it('ignores comments, CDATA and look-alikes', () => {
    const data = Buffer.from('<a><!-- note --><![CDATA[ x ]]><!DOC><!ENTIT>&lt;!DOCTYPE</a>');
    everyChunking(data, (chunks) => expect(feedAll(chunks)).toBe(false));
  });
});

describe('XmlPartScanner', () => {
  it('finds a row beyond the limit from <row r>, in any chunking', () => {
    const xml = Buffer.from('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="200001"><c r="A200001"/></row></sheetData></worksheet>');
    everyChunking(xml, (chunks) => expect(checkOf(() => scanPart('worksheet', chunks))).toBe('too-many-rows'));
  });

  it('reads <dimension ref> for rows and columns', () => {
    expect(checkOf(() => scanPart('worksheet', [Buffer.from('<worksheet><dimension ref="A1:C1048576"/></worksheet>')]))).toBe('too-many-rows');
    expect(checkOf(() => scanPart('worksheet', [Buffer.from('<worksheet><dimension ref="A1:XFD3"/></worksheet>')]))).toBe('too-many-columns');
    expect(checkOf(() => scanPart('worksheet', [Buffer.from('<worksheet><dimension ref="A1:GR200000"/></worksheet>')]))).toBe('pass'); // GR = 200
  });

  it('counts rows and cells that carry no r attribute', () => {
    const rows = '<row><c><v>1</v></c></row>'.repeat(11);
    expect(checkOf(() => scanPart('worksheet', [Buffer.from(`<sheetData>${rows}</sheetData>`)], { maxRows: 10 }))).toBe('too-many-rows');
    const cells = '<c><v>1</v></c>'.repeat(11);
    expect(checkOf(() => scanPart('worksheet', [Buffer.from(`<sheetData><row r="1">${cells}</row></sheetData>`)], { maxColumns: 10 }))).toBe('too-many-columns');
    // the same row number repeated still counts as rows
    expect(checkOf(() => scanPart('worksheet', [Buffer.from(`<sheetData>${'<row r="1"/>'.repeat(11)}</sheetData>`)], { maxRows: 10 }))).toBe('too-many-rows');
  });

  it('looks through namespace prefixes and any attribute order', () => {
    const xml = '<x:worksheet><x:sheetData><x:row spans="1:2" x14ac:dyDescent="0.25" r=\'300000\'></x:row></x:sheetData></x:worksheet>';
    expect(checkOf(() => scanPart('worksheet', [Buffer.from(xml)]))).toBe('too-many-rows');
  });

  it('takes the largest of duplicated r attributes', () => {
    expect(checkOf(() => scanPart('worksheet', [Buffer.from('<row x:r="1" r="999999"/>')]))).toBe('too-many-rows');
  });

  it('is not fooled by > inside attribute values, and skips comments', () => {
    const xml = '<sheetData><row r="1" note="a>b"><c r="A1"><v>1</v></c></row><!-- <row r="999999"> --></sheetData>';
    everyChunking(Buffer.from(xml), (chunks) => {
      const { stats } = scanPart('worksheet', chunks);
      expect(stats).toMatchObject({ rows: 1, cells: 1, maxRow: 1, maxColumn: 1 });
    });
  });

  it('refuses any markup declaration', () => {
    expect(checkOf(() => scanPart('sharedStrings', [Buffer.from('<!ELEMENT a ANY><sst/>')]))).toBe('dtd');
  });

  it('measures shared strings in characters, entities and CDATA included, across chunks', () => {
    const ok = `<sst><si><t>${'中'.repeat(10)}</t></si></sst>`;
    const entities = `<sst><si><t>${'&amp;'.repeat(11)}</t></si></sst>`;
    const rich = `<sst><si><r><t>${'a'.repeat(6)}</t></r><r><t><![CDATA[${'b'.repeat(5)}]]></t></r></si></sst>`;
    everyChunking(Buffer.from(ok), (chunks) => expect(checkOf(() => scanPart('sharedStrings', chunks, { maxStringLength: 10 }))).toBe('pass'));
    everyChunking(Buffer.from(entities), (chunks) =>
      expect(checkOf(() => scanPart('sharedStrings', chunks, { maxStringLength: 10 }))).toBe('string-too-long'),
    );
    everyChunking(Buffer.from(rich), (chunks) =>
      expect(checkOf(() => scanPart('sharedStrings', chunks, { maxStringLength: 10 }))).toBe('string-too-long'),
    );
    // an emoji is two UTF-16 units, as Excel counts
    expect(checkOf(() => scanPart('sharedStrings', [Buffer.from(`<sst><si><t>${'😀'.repeat(6)}</t></si></sst>`)], { maxStringLength: 11 }))).toBe(
      'string-too-long',
    );
  });

  it('measures the text of one cell (inline strings, formulas) the same way', () => {
    const xml = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(11)}</t></is></c></row></sheetData>`;
    expect(checkOf(() => scanPart('worksheet', [Buffer.from(xml)], { maxStringLength: 10 }))).toBe('string-too-long');
    expect(checkOf(() => scanPart('worksheet', [Buffer.from(xml)], { maxStringLength: 11 }))).toBe('pass');
  });

  it('reads plain cells in one go with the same counts as tag by tag, in any chunking', () => {
    // Plain cells (<c r s t><v>…</v></c>, <c r/>) take a shortcut when whole in a chunk; cut, they go tag by tag.
    const plain = `<sheetData><row r="1"><c r="A1" s="2" t="s"><v>${'7'.repeat(11)}</v></c><c r="B1"/><c t="n" r="C1"><v>1</v></c></row><row r="2"><c r="GS2"/></row></sheetData>`;
    everyChunking(Buffer.from(plain), (chunks) => {
      expect(checkOf(() => scanPart('worksheet', chunks, { maxStringLength: 10 }))).toBe('string-too-long');
      expect(scanPart('worksheet', chunks, { maxStringLength: 11, maxColumns: 201 }).stats).toMatchObject({ rows: 2, cells: 4, maxRow: 2, maxColumn: 201 });
      expect(checkOf(() => scanPart('worksheet', chunks, { maxStringLength: 11 }))).toBe('too-many-columns');
    });
    // A cell left open (malformed) is counted as tag by tag counts it, not taken as plain.
    const open = '<sheetData><row r="1"><c r="A1"><v>1</v><c r="B1"><v>22</v></c></row></sheetData>';
    everyChunking(Buffer.from(open), (chunks) => expect(checkOf(() => scanPart('worksheet', chunks, { maxStringLength: 1 }))).toBe('string-too-long'));
  });

  it('counts shared strings', () => {
    expect(checkOf(() => scanPart('sharedStrings', [Buffer.from(`<sst>${'<si><t>a</t></si>'.repeat(5)}<si/></sst>`)], { maxSharedStrings: 5 }))).toBe(
      'too-many-strings',
    );
  });

  it('adds up merged ranges, data validations and defined names', () => {
    const dv = '<dataValidations><dataValidation type="list" sqref="B2:B1048576 D2:D1048576 F1"/><dataValidation sqref="H2:H1048576"/></dataValidations>';
    const { tally } = scanPart('worksheet', [Buffer.from(dv)], { maxRangeCells: 10_000_000 });
    expect(tally.rangeCells).toBe(3 * 1048575 + 1);
    expect(checkOf(() => scanPart('worksheet', [Buffer.from(dv)]))).toBe('range-too-large');
    expect(checkOf(() => scanPart('worksheet', [Buffer.from('<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>')]))).toBe('range-too-large');
    const names = '<definedNames><definedName name="a">Sheet1!$A$1:$C$10,\'季 度\'!$E$1</definedName></definedNames>';
    everyChunking(Buffer.from(names), (chunks) => expect(scanPart('workbook', chunks).tally.rangeCells).toBe(31));
    expect(checkOf(() => scanPart('workbook', [Buffer.from('<definedName name="x">S!$A$1:$XFD$1048576</definedName>')]))).toBe('range-too-large');
  });

  it('limits merged ranges per sheet and <col> spans', () => {
    const merges = Array.from({ length: 6 }, (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('');
    expect(checkOf(() => scanPart('worksheet', [Buffer.from(`<mergeCells>${merges}</mergeCells>`)], { maxMergedRanges: 5 }))).toBe('too-many-merges');
    expect(checkOf(() => scanPart('worksheet', [Buffer.from('<cols><col min="1" max="16384" width="9"/></cols>')]))).toBe('pass');
    expect(checkOf(() => scanPart('worksheet', [Buffer.from('<cols><col min="1" max="2000000000" width="9"/></cols>')]))).toBe('corrupt');
  });

  it('counts cells across the whole workbook', () => {
    const tally = new WorkbookTally({ ...DEFAULT_LIMITS, maxCells: 5 });
    const row = Buffer.from('<row r="1"><c r="A1"/><c r="B1"/><c r="C1"/></row>');
    new XmlPartScanner('worksheet', 'a.xml', tally).feed(row);
    expect(checkOf(() => new XmlPartScanner('worksheet', 'b.xml', tally).feed(row))).toBe('too-many-cells');
  });
});

describe('helpers', () => {
  it('parseCellRef and rangeArea', () => {
    expect(parseCellRef('$B$7')).toEqual({ col: 2, row: 7 });
    expect(parseCellRef('XFD1048576')).toEqual({ col: 16384, row: 1048576 });
    expect(parseCellRef('B')).toBeNull();
    expect(rangeArea('A1:B2 D4')).toBe(5);
    expect(rangeArea('B:B 1:3')).toBe(0);
    expect(rangeArea('Sheet1:Sheet3!$A$1')).toBe(1);
    expect(rangeArea('A1:A99999999999999999999')).toBe(Number.POSITIVE_INFINITY);
  });

  it('classifyPart errs towards scanning (exceljs matches part names unanchored)', () => {
    expect(classifyPart('xl/worksheets/sheet1.xml')).toBe('worksheet');
    expect(classifyPart('/xl/worksheets/sheet2.xml')).toBe('worksheet');
    expect(classifyPart('junk/xl/worksheets/sheet3.xml.bak')).toBe('worksheet');
    expect(classifyPart('xl/worksheets/_rels/sheet1.xml.rels')).toBe('xml');
    expect(classifyPart('xl/sharedStrings.xml')).toBe('sharedStrings');
    expect(classifyPart('xl/workbook.xml')).toBe('workbook');
    expect(classifyPart('xl/media/image1.png')).toBe('media');
  });

  it('describeChecks covers every message, each one line', () => {
    const checks = describeChecks();
    expect(new Set(checks.map((c) => c.check)).size).toBe(checks.length);
    for (const c of checks) expect(c.message).not.toMatch(/[\r\n]/);
    expect(guardMessage('too-many-rows')).toBe('工作表行数过多（超过 200000 行），请只保留填报内容');
    expect(guardMessage('too-many-rows', { ...DEFAULT_LIMITS, maxRows: 5000 })).toBe('工作表行数过多（超过 5000 行），请只保留填报内容');
  });
});

describe('guardXlsx on small containers', () => {
  it('accepts a minimal workbook, stored or deflated, and reports what it measured', async () => {
    for (const method of [0, 8] as const) {
      const f = put(buildZip(minimalXlsxItems({ method })));
      const r = await guardXlsx(f);
      expect(r.entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
      expect(r.entries.every((e) => e.method === (method === 0 ? 'stored' : 'deflate'))).toBe(true);
      expect(r.totalUncompressed).toBe(r.entries.reduce((a, e) => a + e.uncompressedSize, 0));
      expect(r.sheets).toEqual([{ entry: 'xl/worksheets/sheet1.xml', maxRow: 4, maxColumn: 3, rows: 4, cells: 12 }]);
      expect(r.sharedStrings).toBeGreaterThan(0);
    }
  });

  it('accepts what exceljs writes (JSZip, and the streaming writer with data descriptors)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('填报');
    ws.addRow(['地区', '数值']);
    ws.addRow(['海口', 1.5]);
    ws.mergeCells('A3:B3');
    for (let r = 2; r <= 100; r++) ws.getCell(`B${r}`).dataValidation = { type: 'decimal', operator: 'greaterThan', formulae: [0], allowBlank: true };
    const a = path.join(dir, 'exceljs.xlsx');
    await wb.xlsx.writeFile(a);
    expect(await outcome(a)).toBe('pass');

    const b = path.join(dir, 'exceljs-stream.xlsx');
    const sw = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: b, useSharedStrings: true });
    const sws = sw.addWorksheet('填报');
    for (let i = 0; i < 500; i++) sws.addRow([`行${i}`, i]).commit();
    sws.commit();
    await sw.commit();
    const r = await guardXlsx(b);
    expect(r.sheets[0]).toMatchObject({ rows: 500, maxColumn: 2 });
  });

  it('accepts ZIP64 local headers (Python zipfile, force_zip64)', async (ctx) => {
    const src = put(minimalXlsx(), 'for-zip64.xlsx');
    const dst = path.join(dir, 'zip64.xlsx');
    const py = [
      'import sys, zipfile',
      'src = zipfile.ZipFile(sys.argv[1])',
      'with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:',
      '    for info in src.infolist():',
      '        with out.open(info.filename, "w", force_zip64=True) as w: w.write(src.read(info.filename))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', py, src, dst], { encoding: 'utf8' });
    if (run.error || run.status !== 0) ctx.skip();
    const buf = fs.readFileSync(dst);
    expect(buf.readUInt32LE(18)).toBe(0xffffffff); // first local header really uses ZIP64 sizes
    expect(await outcome(dst)).toBe('pass');
  });

  it('refuses directory/local disagreements of every kind', async () => {
    const items = minimalXlsxItems({ method: 8 });
    const lie = (name: string, l: ZipItem['lie']) => buildZip(items.map((it) => (it.name === name ? { ...it, lie: l } : it)));
    const sheet = 'xl/worksheets/sheet1.xml';
    expect(await outcome(put(lie(sheet, { central: { crc32: 0x12345678 } })))).toBe('corrupt');
    expect(await outcome(put(lie(sheet, { local: { compressedSize: 5 } })))).toBe('corrupt');
    expect(await outcome(put(lie(sheet, { central: { offset: 0 } })))).toBe('corrupt');
    // both headers agree on a wrong size or CRC: only inflating shows it
    expect(await outcome(put(lie(sheet, { central: { uncompressedSize: 10 }, local: { uncompressedSize: 10 } })))).toBe('corrupt');
    expect(await outcome(put(lie(sheet, { central: { crc32: 1 }, local: { crc32: 1 } })))).toBe('corrupt');
    // an entry count that disagrees with the directory
    expect(await outcome(put(buildZip(items, { announceEntries: items.length + 1 })))).toBe('corrupt');
    // duplicate names
    expect(await outcome(put(buildZip([...items, { name: 'xl/workbook.xml', data: '<workbook/>' }])))).toBe('corrupt');
    // bytes appended after the end record, and a deflate stream with trailing garbage
    expect(await outcome(put(Buffer.concat([buildZip(items), Buffer.from('junk')])))).toBe('corrupt');
    const padded = items.map((it) =>
      it.name === sheet ? { ...it, raw: { compressed: Buffer.concat([zlib.deflateRawSync(Buffer.from(String(it.data))), Buffer.alloc(7)]), crc32: zlib.crc32(String(it.data)) >>> 0, size: Buffer.byteLength(String(it.data)) } } : it,
    );
    expect(await outcome(put(buildZip(padded)))).toBe('corrupt');
  });

  it('refuses more entries than maxEntries', async () => {
    const f = put(minimalXlsx());
    expect(await outcome(f, { maxEntries: 6 })).toBe('corrupt');
    expect(await outcome(f, { maxEntries: 7 })).toBe('pass');
  });

  it('stops at the decompressed total even when every entry has a modest ratio', async () => {
    // 5 entries of 3 MB each, ~100:1: no single one trips the ratio, together they pass a 10 MB cap.
    const chunk = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < chunk.length; i += 100) chunk[i] = (i * 7) & 0xff;
    const extra = Array.from({ length: 5 }, (_, i): ZipItem => ({ name: `xl/custom/part${i}.bin`, data: chunk, method: 8 }));
    const f = put(buildZip([...minimalXlsxItems(), ...extra]));
    expect(await outcome(f)).toBe('pass');
    expect(await outcome(f, { maxUncompressedBytes: 10 * 1024 * 1024 })).toBe('bomb');
    expect(await outcome(f, { maxRatio: 20 })).toBe('bomb');
  });

  it('refuses UTF-16 XML parts', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><sst/>', 'utf16le')]);
    const items = minimalXlsxItems().map((it) => (it.name === 'xl/sharedStrings.xml' ? { ...it, data: utf16 } : it));
    expect(await outcome(put(buildZip(items)))).toBe('xml-encoding');
  });

  it('refuses a DOCTYPE in any part, even one exceljs would not parse', async () => {
    const items = [...minimalXlsxItems(), { name: 'docProps/custom.xml', data: '<?xml version="1.0"?><!doctype x SYSTEM "http://x/">' }];
    expect(await outcome(put(buildZip(items)))).toBe('dtd');
  });

  it('refuses a Unicode Path extra field (a second, spoofable name)', async () => {
    const good = minimalXlsx();
    // Rewrite the first central record's extra field: find it and splice in 0x7075.
    const cdStart = good.readUInt32LE(good.length - 22 + 16);
    const nameLen = good.readUInt16LE(cdStart + 28);
    const extra = Buffer.alloc(9);
    extra.writeUInt16LE(0x7075, 0);
    extra.writeUInt16LE(5, 2);
    const cd = Buffer.concat([good.subarray(cdStart, cdStart + 46 + nameLen), extra, good.subarray(cdStart + 46 + nameLen, good.length - 22)]);
    cd.writeUInt16LE(9, 30);
    const eocd = Buffer.from(good.subarray(good.length - 22));
    eocd.writeUInt32LE(cd.length, 12);
    expect(await outcome(put(Buffer.concat([good.subarray(0, cdStart), cd, eocd])))).toBe('corrupt');
  });

  it('tells the compound files apart', async () => {
    const s = (name: string) => ({ name, data: Buffer.alloc(4096, 1) });
    expect(await outcome(put(buildCfb([s('EncryptedPackage')])))).toBe('encrypted');
    expect(await outcome(put(buildCfb([s('Workbook'), s('\u0005SummaryInformation')])))).toBe('legacy-xls');
    expect(await outcome(put(buildCfb([s('WordDocument')])))).toBe('not-xlsx');
    const broken = buildCfb([s('EncryptionInfo')]);
    broken.writeUInt32LE(0x7fffffff, 0x30); // directory sector out of range
    expect(await outcome(put(broken))).toBe('legacy-xls');
  });

  it('refuses files over maxFileBytes, and reports disk errors as such', async () => {
    const f = put(minimalXlsx());
    expect(await outcome(f, { maxFileBytes: 1000 })).toBe('too-large');
    await expect(guardXlsx(path.join(dir, 'nope.xlsx'))).rejects.toThrow(/找不到文件/);
    await expect(guardXlsx(dir)).rejects.toThrow(/这是一个文件夹/);
  });
});

describe('guardXlsx under random damage (property)', () => {
  type Mutation =
    | { kind: 'flip'; at: number; bit: number }
    | { kind: 'truncate'; at: number }
    | { kind: 'insert'; at: number; bytes: Uint8Array }
    | { kind: 'delete'; at: number; length: number }
    | { kind: 'overwrite32'; at: number; value: number };

  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
    fc.record({
      kind: fc.constant('overwrite32' as const),
      at: fc.nat(),
      value: fc.constantFrom(0, 1, 0xffff, 0x10000, 0x7fffffff, 0xfffffffe, 0xffffffff, 0x04034b50, 0x02014b50, 0x06054b50),
    }),
  );

  function apply(base: Buffer, ms: Mutation[]): Buffer {
    let b = Buffer.from(base);
    for (const m of ms) {
      if (b.length === 0) break;
      const at = m.at % b.length;
      if (m.kind === 'flip') b[at] = b[at]! ^ (1 << m.bit);
      else if (m.kind === 'truncate') b = b.subarray(0, at);
      else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
      else if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
      else if (at + 4 <= b.length) b.writeUInt32LE(m.value >>> 0, at);
    }
    return b;
  }

  const HANG_MS = 20_000;

  for (const [label, base] of [
    ['deflated', buildZip(minimalXlsxItems({ method: 8 }))],
    ['stored', minimalXlsx()],
  ] as const) {
    it(`mutations of a ${label} workbook pass or are refused with an AppError`, { timeout: 180_000 }, async () => {
      const file = path.join(dir, `mutant-${label}.xlsx`);
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
          fs.writeFileSync(file, apply(base, ms));
          let timer: NodeJS.Timeout | undefined;
          const hang = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`guardXlsx hung for ${HANG_MS} ms`)), HANG_MS);
          });
          try {
            await Promise.race([guardXlsx(file), hang]);
            seen.set('pass', (seen.get('pass') ?? 0) + 1);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            if (/[\r\n]/.test(e.message)) throw new Error(`multi-line message: ${e.message}`);
            const check = (e.details as { check?: string } | undefined)?.check ?? e.message;
            seen.set(check, (seen.get(check) ?? 0) + 1);
          } finally {
            clearTimeout(timer);
          }
        }),
        { numRuns: 200, interruptAfterTimeLimit: 150_000 },
      );
      // The mutations must actually reach the structural checks, not only bounce off the magic number.
      expect(seen.get('corrupt') ?? 0).toBeGreaterThan(0);
    });
  }

  it('damaged XML inside an intact container passes or is refused with an AppError', { timeout: 180_000 }, async () => {
    // Mutating the parts and then building a correct ZIP gets past the CRC checks,
    // so the XML scanners see the damage.
    const items = minimalXlsxItems({ method: 8 });
    const targets = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', '[Content_Types].xml'];
    const file = path.join(dir, 'mutant-xml.xlsx');
    const seen = new Map<string, number>();
    const interesting = fc.constantFrom('<', '>', '"', "'", '/', '!', '&', ';', ':', '<!--', '<![CDATA[', '<row r="300000">', '<c r="XFD1">', '<!DOCTYPE', ']]>', '-->', '\u0000');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.array(fc.oneof(mutation, fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: interesting.map((t) => Buffer.from(t)) })), {
          minLength: 1,
          maxLength: 6,
        }),
        async (target, ms) => {
          const mutated = items.map((it) => (it.name === target ? { ...it, data: apply(Buffer.from(String(it.data)), ms) } : it));
          fs.writeFileSync(file, buildZip(mutated));
          try {
            await guardXlsx(file);
            seen.set('pass', (seen.get('pass') ?? 0) + 1);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            if (/[\r\n]/.test(e.message)) throw new Error(`multi-line message: ${e.message}`);
            const check = (e.details as { check?: string } | undefined)?.check ?? e.message;
            seen.set(check, (seen.get(check) ?? 0) + 1);
          }
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 150_000 },
    );
    expect(seen.get('pass') ?? 0).toBeGreaterThan(0);
  });
});
