/**
 * The gate in front of the workbook readers. `guardXlsx` (a file) and
 * `guardXlsxBytes` (bytes already in memory) decide, by streaming and with
 * bounded memory, whether a workbook is safe to read, and refuse it otherwise
 * with a one-line Chinese AppError('usage').
 *
 * What it looks at, in order:
 *  1. the file itself: empty, too big, not a ZIP (renamed .csv/.exe/…), an OLE
 *     compound file (legacy .xls, or an encrypted .xlsx) — cfb.ts;
 *  2. the ZIP container (zip-directory.ts): the central directory is checked
 *     against every local header and the entries must tile the file exactly;
 *  3. every entry is really inflated (node:zlib, streaming — zip-entry.ts) with
 *     running counters that stop the moment a cap is passed — decompressed
 *     total, per-entry ratio — and the real size/CRC must match the directory;
 *  4. the XML inside, as it streams past (dtd.ts, xml-scanner.ts): no
 *     DTD/entity declarations anywhere, no UTF-16 parts, worksheet size
 *     (dimension, rows, columns, cells), text length per cell/shared string,
 *     and reference ranges that exceljs 4.4 expands cell by cell (merged cells,
 *     data validations, defined names).
 *
 * Only node:fs, node:zlib and node:buffer are used.
 */
import type { Buffer } from 'node:buffer';
import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { AppError, describeIoError } from '../../errors';
import { CFB_MAGIC, refuseCompoundFile } from './cfb';
import { DtdTokenScanner } from './dtd';
import { DEFAULT_LIMITS, type GuardLimits } from './limits';
import { reject, type GuardCheck } from './messages';
import { classifyPart, isXmlName, looksLikeWideXml, WorkbookTally, type GuardSheetStats } from './parts';
import { bufferSource, fileSource, readAt, type ByteSource } from './source';
import { XmlPartScanner } from './xml-scanner';
import { readZipDirectory, ZipFault, type ZipEntry } from './zip-directory';
import { streamZipEntry } from './zip-entry';

export interface GuardEntry {
  name: string;
  method: 'stored' | 'deflate';
  compressedSize: number;
  /** Measured by inflating, equal to what the directory claims. */
  uncompressedSize: number;
  crc32: number;
}

export interface GuardResult {
  entries: GuardEntry[];
  totalUncompressed: number;
  sheets: GuardSheetStats[];
  sharedStrings: number;
  rangeCells: number;
}

/** A guarded workbook's entries with where their data lies, for a reader of the same bytes. */
export interface GuardedZip {
  result: GuardResult;
  /** Every entry as checked (directory and local header agree, size and CRC verified), in file order. */
  entries: ZipEntry[];
  /** Entries kept inflated as the guard inflated them (see GuardKeep), by name: a reader need not inflate them again. */
  kept: Map<string, Buffer[]>;
}

/** Which entries to keep inflated for the reader, up to how many bytes in all. */
export interface GuardKeep {
  wants: (entryName: string) => boolean;
  budget: number;
}

const REQUIRED_PARTS = ['[Content_Types].xml', 'xl/workbook.xml'];

function mergedLimits(limits: Partial<GuardLimits>): Readonly<GuardLimits> {
  return { ...DEFAULT_LIMITS, ...limits };
}

/** Turns what the ZIP layer and the disk throw into the guard's refusals. */
function translate(e: unknown, lim: Readonly<GuardLimits>, file: string): unknown {
  if (e instanceof AppError) return e;
  if (e instanceof ZipFault) return reject(e.reason === 'truncated' ? 'truncated' : 'corrupt', lim, e.note, e.entry);
  if (typeof (e as NodeJS.ErrnoException)?.code === 'string' && (e as NodeJS.ErrnoException).syscall) return describeIoError(e, file);
  return e;
}

/**
 * Decides whether `file` is safe to hand to exceljs. Resolves with what was
 * measured; rejects with AppError('usage') and a one-line Chinese message
 * (see `guardMessage`, `describeChecks`), or with `describeIoError` for disk
 * errors. `limits` may override any default.
 *
 * Note: the reader must then read the very same bytes; prefer reading the
 * file once and `guardXlsxBytes` when it could change in between.
 */
export async function guardXlsx(file: string, limits: Partial<GuardLimits> = DEFAULT_LIMITS): Promise<GuardResult> {
  const lim = mergedLimits(limits);
  let fh: FileHandle;
  try {
    fh = await fs.open(file, 'r');
  } catch (e) {
    throw describeIoError(e, file);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw describeIoError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), file);
    if (!st.isFile()) throw reject('not-xlsx', lim, 'not a regular file');
    return (await guardSource(fileSource(fh), st.size, lim)).result;
  } catch (e) {
    throw translate(e, lim, file);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** The same checks on bytes already read; also returns the checked entries, for reading those bytes. */
export async function guardXlsxBytes(bytes: Buffer, limits: Partial<GuardLimits> = DEFAULT_LIMITS, label = 'workbook', keep?: GuardKeep): Promise<GuardedZip> {
  const lim = mergedLimits(limits);
  try {
    return await guardSource(bufferSource(bytes), bytes.length, lim, keep);
  } catch (e) {
    throw translate(e, lim, label);
  }
}

async function guardSource(src: ByteSource, size: number, lim: Readonly<GuardLimits>, keep?: GuardKeep): Promise<GuardedZip> {
  if (size === 0) throw reject('empty', lim);

  const head = await readAt(src, 0, 8);
  if (head.length === 8 && head.equals(CFB_MAGIC)) await refuseCompoundFile(src, size, lim);
  if (head.length < 4 || head.readUInt32LE(0) !== 0x04034b50) {
    throw reject('not-xlsx', lim, `starts with ${head.subarray(0, 4).toString('hex')}`);
  }
  if (size > lim.maxFileBytes) throw reject('too-large', lim, `${size} bytes`);

  const entries = await readZipDirectory(src, size, { maxEntries: lim.maxEntries }).then(
    (d) => d.entries,
    (e: unknown) => {
      if (e instanceof ZipFault && e.reason === 'too-many-entries') throw reject('corrupt', lim, e.note);
      throw e;
    },
  );
  const names = new Set(entries.map((e) => e.name.replace(/^\/+/, '')));
  for (const part of REQUIRED_PARTS) if (!names.has(part)) throw reject('not-xlsx', lim, `no ${part}`);

  // Cheap first: what the headers admit to.
  let declared = 0;
  for (const e of entries) {
    declared += e.uncompressedSize;
    if (declared > lim.maxUncompressedBytes) throw reject('bomb', lim, `declared total ${declared}`, e.name);
    if (e.uncompressedSize > lim.ratioMinBytes && e.uncompressedSize > lim.maxRatio * Math.max(1, e.compressedSize)) {
      throw reject('bomb', lim, `declared ratio ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1`, e.name);
    }
  }

  // Then what the data really does.
  const tally = new WorkbookTally(lim);
  const out: GuardEntry[] = [];
  const kept = new Map<string, Buffer[]>();
  let keptBytes = 0;
  let total = 0;
  for (const entry of entries) {
    // The inflated chunks are fresh buffers (or views of the bytes): keeping them costs no copy.
    let keeping: Buffer[] | null = keep && keptBytes + entry.uncompressedSize <= keep.budget && keep.wants(entry.name) ? [] : null;
    const kind = classifyPart(entry.name);
    const dtd = kind === 'media' ? null : new DtdTokenScanner();
    const scanner = kind === 'worksheet' || kind === 'sharedStrings' || kind === 'workbook' ? new XmlPartScanner(kind, entry.name, tally) : null;
    const checkEncoding = kind !== 'media' && isXmlName(entry.name);
    const first: number[] = [];
    let produced = 0;
    const sink = (chunk: Buffer, consumed: number) => {
      produced += chunk.length;
      total += chunk.length;
      if (total > lim.maxUncompressedBytes) throw reject('bomb', lim, `inflated total passed ${lim.maxUncompressedBytes}`, entry.name);
      // Running ratio: output so far against compressed input consumed so far, so a
      // bomb is stopped after ~ratioMinBytes of output, not after 200 × its whole size.
      if (produced > lim.ratioMinBytes && produced > lim.maxRatio * Math.max(1, Math.min(consumed, entry.compressedSize))) {
        throw reject('bomb', lim, `inflate ratio passed ${lim.maxRatio}:1 after ${produced} bytes`, entry.name);
      }
      if (checkEncoding && first.length < 4) {
        for (let k = 0; k < chunk.length && first.length < 4; k++) first.push(chunk[k]!);
        if (first.length >= 2 && looksLikeWideXml(first)) throw reject('xml-encoding', lim, 'UTF-16/32 XML part', entry.name);
      }
      if (dtd && dtd.feed(chunk)) throw reject('dtd', lim, '<!DOCTYPE or <!ENTITY', entry.name);
      scanner?.feed(chunk);
      if (keeping) {
        keeping.push(chunk);
        if (produced > entry.uncompressedSize) keeping = null; // more than it claims: it will fail its size check
      }
    };
    const streamed = await streamZipEntry(src, entry, sink);
    scanner?.end();
    out.push(describeEntry(entry, streamed.size));
    if (keeping) {
      kept.set(entry.name, keeping);
      keptBytes += streamed.size;
    }
  }

  return {
    result: { entries: out, totalUncompressed: total, sheets: tally.sheets, sharedStrings: tally.sharedStrings, rangeCells: tally.rangeCells },
    entries,
    kept,
  };
}

function describeEntry(e: ZipEntry, size: number): GuardEntry {
  return {
    name: e.name,
    method: e.method === 0 ? 'stored' : 'deflate',
    compressedSize: e.compressedSize,
    uncompressedSize: size,
    crc32: e.crc32,
  };
}

export type { GuardCheck };
