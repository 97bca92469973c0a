/**
 * The records of a ZIP container read one by one: the end record (and its
 * ZIP64 forms), extra fields and the central directory, each checked for
 * internal consistency. zip-directory.ts checks them against each other.
 */
import { Buffer } from 'node:buffer';
import { readAt, type ByteSource } from './source';

/** Why a container was refused. The caller turns this into a sentence. */
export type ZipFaultReason =
  /** No end-of-central-directory record, but the file starts like a ZIP: cut short. */
  | 'truncated'
  /** The container contradicts itself (directory vs. local headers, overlaps, bad data). */
  | 'corrupt'
  /** More entries than the caller allows. */
  | 'too-many-entries';

export class ZipFault extends Error {
  constructor(
    public readonly reason: ZipFaultReason,
    /** An English note for logs and tests; never shown to users. */
    public readonly note: string,
    public readonly entry?: string,
  ) {
    super(`${reason}: ${note}${entry ? ` (${entry})` : ''}`);
    this.name = 'ZipFault';
  }
}

export interface ZipEntry {
  /** The name as stored (UTF-8 when flagged, Latin-1 otherwise). */
  readonly name: string;
  /** 0 = stored, 8 = deflate. Anything else is refused. */
  readonly method: 0 | 8;
  readonly flags: number;
  /** Values from the central directory, already cross-checked with the local header. */
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** First byte of the entry's (compressed) data. */
  readonly dataOffset: number;
  /** One past the entry's last byte, data descriptor included. */
  readonly endOffset: number;
}

export interface ZipDirectory {
  readonly entries: ZipEntry[];
  readonly centralDirectoryOffset: number;
  readonly centralDirectorySize: number;
}

export interface ReadZipOptions {
  maxEntries: number;
}

export const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
export const SIG_DESCRIPTOR = 0x08074b50;

export const EOCD_SIZE = 22;
export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
const ZIP64_LOCATOR_SIZE = 20;
const MAX_COMMENT = 0xffff;
/** A real workbook's central directory is a few hundred KB at most. */
export const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;
/** Entry names in workbooks are short paths; anything longer is not an xlsx. */
const MAX_NAME_BYTES = 4096;

export async function readExact(src: ByteSource, position: number, length: number, what: string, entry?: string): Promise<Buffer> {
  const buf = await readAt(src, position, length);
  if (buf.length !== length) throw new ZipFault('corrupt', `${what} runs past the end of the file`, entry);
  return buf;
}

export function u64(buf: Buffer, at: number, what: string, entry?: string): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFault('corrupt', `${what} is out of range`, entry);
  return Number(v);
}

interface ExtraFields {
  zip64?: Buffer;
  unicodePath: boolean;
}

/** Walks an extra-field block. Trailing padding that is not a whole field is tolerated (zipalign does this). */
export function parseExtra(extra: Buffer): ExtraFields {
  const out: ExtraFields = { unicodePath: false };
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (at + 4 + size > extra.length) break;
    const data = extra.subarray(at + 4, at + 4 + size);
    if (id === 0x0001) out.zip64 = data;
    // Info-ZIP Unicode Path: some readers (JSZip) let it override the real name,
    // which would let one entry pose as another. Never produced by spreadsheet tools.
    if (id === 0x7075) out.unicodePath = true;
    at += 4 + size;
  }
  return out;
}

interface Eocd {
  entries: number;
  cdSize: number;
  cdOffset: number;
  /** Where the central directory must end: the EOCD, or the ZIP64 EOCD record. */
  cdMustEndAt: number;
}

export async function findEocd(src: ByteSource, fileSize: number): Promise<Eocd> {
  const tailLen = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
  const tailStart = fileSize - tailLen;
  const tail = await readExact(src, tailStart, tailLen, 'end of file');
  let sawSignature = false;
  let eocdAt = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== SIG_EOCD) continue;
    sawSignature = true;
    const commentLen = tail.readUInt16LE(i + 20);
    if (i + EOCD_SIZE + commentLen === tail.length) {
      eocdAt = i;
      break;
    }
  }
  if (eocdAt < 0) {
    if (!sawSignature) {
      const head = await readAt(src, 0, 4);
      if (head.length === 4 && head.readUInt32LE(0) === SIG_LOCAL) {
        throw new ZipFault('truncated', 'no end-of-central-directory record');
      }
    }
    throw new ZipFault('corrupt', 'no usable end-of-central-directory record');
  }
  const eocdPos = tailStart + eocdAt;
  const e = tail.subarray(eocdAt, eocdAt + EOCD_SIZE);
  const disk = e.readUInt16LE(4);
  const cdDisk = e.readUInt16LE(6);
  let entriesOnDisk = e.readUInt16LE(8);
  let entries = e.readUInt16LE(10);
  let cdSize = e.readUInt32LE(12);
  let cdOffset = e.readUInt32LE(16);
  let cdMustEndAt = eocdPos;

  const saturated = entries === 0xffff || entriesOnDisk === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  const locatorPos = eocdPos - ZIP64_LOCATOR_SIZE;
  let hasLocator = false;
  if (locatorPos >= 0) {
    const loc = await readExact(src, locatorPos, ZIP64_LOCATOR_SIZE, 'ZIP64 locator');
    if (loc.readUInt32LE(0) === SIG_ZIP64_LOCATOR) {
      hasLocator = true;
      if (loc.readUInt32LE(4) !== 0 || loc.readUInt32LE(16) > 1) throw new ZipFault('corrupt', 'multi-disk archive');
      const recPos = u64(loc, 8, 'ZIP64 record offset');
      if (recPos + 56 > locatorPos) throw new ZipFault('corrupt', 'ZIP64 record out of place');
      const rec = await readExact(src, recPos, 56, 'ZIP64 record');
      if (rec.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw new ZipFault('corrupt', 'ZIP64 record signature');
      const recSize = u64(rec, 4, 'ZIP64 record size');
      if (recPos + 12 + recSize !== locatorPos) throw new ZipFault('corrupt', 'ZIP64 record size does not reach the locator');
      if (rec.readUInt32LE(16) !== 0 || rec.readUInt32LE(20) !== 0) throw new ZipFault('corrupt', 'multi-disk archive');
      entriesOnDisk = u64(rec, 24, 'ZIP64 entry count');
      entries = u64(rec, 32, 'ZIP64 entry count');
      cdSize = u64(rec, 40, 'ZIP64 directory size');
      cdOffset = u64(rec, 48, 'ZIP64 directory offset');
      cdMustEndAt = recPos;
    }
  }
  if (saturated && !hasLocator) throw new ZipFault('corrupt', 'ZIP64 values without a ZIP64 record');
  if (disk !== 0 || cdDisk !== 0) throw new ZipFault('corrupt', 'multi-disk archive');
  if (entriesOnDisk !== entries) throw new ZipFault('corrupt', 'entry counts disagree');
  return { entries, cdSize, cdOffset, cdMustEndAt };
}

export interface CentralRecord {
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export function parseCentralDirectory(cd: Buffer, expected: number): CentralRecord[] {
  const out: CentralRecord[] = [];
  let at = 0;
  while (at < cd.length) {
    if (out.length >= expected) throw new ZipFault('corrupt', 'central directory holds more records than announced');
    if (at + CENTRAL_HEADER_SIZE > cd.length) throw new ZipFault('corrupt', 'central directory record cut short');
    if (cd.readUInt32LE(at) !== SIG_CENTRAL) throw new ZipFault('corrupt', 'central directory record signature');
    const flags = cd.readUInt16LE(at + 8);
    const method = cd.readUInt16LE(at + 10);
    const crc32 = cd.readUInt32LE(at + 16);
    let compressedSize = cd.readUInt32LE(at + 20);
    let uncompressedSize = cd.readUInt32LE(at + 24);
    const nameLen = cd.readUInt16LE(at + 28);
    const extraLen = cd.readUInt16LE(at + 30);
    const commentLen = cd.readUInt16LE(at + 32);
    let diskStart = cd.readUInt16LE(at + 34);
    let localHeaderOffset = cd.readUInt32LE(at + 42);
    const end = at + CENTRAL_HEADER_SIZE + nameLen + extraLen + commentLen;
    if (end > cd.length) throw new ZipFault('corrupt', 'central directory record runs past the directory');
    const nameBytes = cd.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLen);
    const name = (flags & 0x0800 ? nameBytes.toString('utf8') : nameBytes.toString('latin1'));
    if (nameLen === 0 || nameLen > MAX_NAME_BYTES || nameBytes.includes(0)) throw new ZipFault('corrupt', 'bad entry name');
    const extra = parseExtra(cd.subarray(at + CENTRAL_HEADER_SIZE + nameLen, at + CENTRAL_HEADER_SIZE + nameLen + extraLen));
    if (extra.unicodePath) throw new ZipFault('corrupt', 'Unicode Path extra field (name could be spoofed)', name);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff || diskStart === 0xffff) {
      const z = extra.zip64;
      if (!z) throw new ZipFault('corrupt', 'ZIP64 sizes without a ZIP64 extra field', name);
      let p = 0;
      const take = (what: string): number => {
        if (p + 8 > z.length) throw new ZipFault('corrupt', `ZIP64 extra field too short for ${what}`, name);
        const v = u64(z, p, what, name);
        p += 8;
        return v;
      };
      if (uncompressedSize === 0xffffffff) uncompressedSize = take('uncompressed size');
      if (compressedSize === 0xffffffff) compressedSize = take('compressed size');
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = take('local header offset');
      if (diskStart === 0xffff) {
        if (p + 4 > z.length) throw new ZipFault('corrupt', 'ZIP64 extra field too short for disk number', name);
        diskStart = z.readUInt32LE(p);
      }
    }
    if (diskStart !== 0) throw new ZipFault('corrupt', 'multi-disk archive', name);
    if (flags & 0x0001) throw new ZipFault('corrupt', 'encrypted entry', name);
    if (method !== 0 && method !== 8) throw new ZipFault('corrupt', `unsupported compression method ${method}`, name);
    if (method === 0 && compressedSize !== uncompressedSize) throw new ZipFault('corrupt', 'stored entry with differing sizes', name);
    out.push({ name, nameBytes, flags, method, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    at = end;
  }
  if (out.length !== expected) throw new ZipFault('corrupt', 'central directory holds fewer records than announced');
  return out;
}
