/**
 * A distrustful reader for ZIP containers (the outer layer of .xlsx files).
 *
 * It never takes the central directory's word for anything on its own: every
 * central-directory record is checked against the local header it points at,
 * the entries must tile the file exactly (no gaps, no overlaps, nothing hidden
 * between them), and entry data is measured by actually inflating it, a chunk
 * at a time, with the caller watching the running output.
 *
 * Only node:fs, node:zlib and node:buffer are used; memory stays bounded by a
 * few read/inflate chunks whatever the file claims.
 */
import type { FileHandle } from 'node:fs/promises';
import zlib from 'node:zlib';
import { Buffer } from 'node:buffer';

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

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;

const EOCD_SIZE = 22;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const ZIP64_LOCATOR_SIZE = 20;
const MAX_COMMENT = 0xffff;
/** A real workbook's central directory is a few hundred KB at most. */
const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;
/** Entry names in workbooks are short paths; anything longer is not an xlsx. */
const MAX_NAME_BYTES = 4096;

/** Size of each read from disk while streaming an entry. */
export const READ_CHUNK = 64 * 1024;

/** Reads up to `length` bytes at `position`; the result is shorter only at end of file. */
export async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

async function readExact(fh: FileHandle, position: number, length: number, what: string, entry?: string): Promise<Buffer> {
  const buf = await readAt(fh, position, length);
  if (buf.length !== length) throw new ZipFault('corrupt', `${what} runs past the end of the file`, entry);
  return buf;
}

function u64(buf: Buffer, at: number, what: string, entry?: string): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFault('corrupt', `${what} is out of range`, entry);
  return Number(v);
}

interface ExtraFields {
  zip64?: Buffer;
  unicodePath: boolean;
}

/** Walks an extra-field block. Trailing padding that is not a whole field is tolerated (zipalign does this). */
function parseExtra(extra: Buffer): ExtraFields {
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

async function findEocd(fh: FileHandle, fileSize: number): Promise<Eocd> {
  const tailLen = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
  const tailStart = fileSize - tailLen;
  const tail = await readExact(fh, tailStart, tailLen, 'end of file');
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
      const head = await readAt(fh, 0, 4);
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
    const loc = await readExact(fh, locatorPos, ZIP64_LOCATOR_SIZE, 'ZIP64 locator');
    if (loc.readUInt32LE(0) === SIG_ZIP64_LOCATOR) {
      hasLocator = true;
      if (loc.readUInt32LE(4) !== 0 || loc.readUInt32LE(16) > 1) throw new ZipFault('corrupt', 'multi-disk archive');
      const recPos = u64(loc, 8, 'ZIP64 record offset');
      if (recPos + 56 > locatorPos) throw new ZipFault('corrupt', 'ZIP64 record out of place');
      const rec = await readExact(fh, recPos, 56, 'ZIP64 record');
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

interface CentralRecord {
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

function parseCentralDirectory(cd: Buffer, expected: number): CentralRecord[] {
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

/**
 * Reads and cross-checks the whole container layout (central directory and every
 * local header). Reads only headers — a few bytes per entry — never entry data.
 */
export async function readZipDirectory(fh: FileHandle, fileSize: number, options: ReadZipOptions): Promise<ZipDirectory> {
  if (fileSize < EOCD_SIZE) {
    const head = await readAt(fh, 0, 4);
    if (head.length === 4 && head.readUInt32LE(0) === SIG_LOCAL) throw new ZipFault('truncated', 'shorter than an end record');
    throw new ZipFault('corrupt', 'too short to be a ZIP');
  }
  const eocd = await findEocd(fh, fileSize);
  if (eocd.entries > options.maxEntries) {
    throw new ZipFault('too-many-entries', `${eocd.entries} entries announced, limit ${options.maxEntries}`);
  }
  if (eocd.entries === 0) throw new ZipFault('corrupt', 'empty archive');
  if (eocd.cdOffset + eocd.cdSize !== eocd.cdMustEndAt) throw new ZipFault('corrupt', 'central directory does not end where the end record is');
  if (eocd.cdSize > MAX_CENTRAL_DIRECTORY_BYTES) throw new ZipFault('corrupt', 'central directory is implausibly large');
  if (eocd.cdSize < eocd.entries * CENTRAL_HEADER_SIZE) throw new ZipFault('corrupt', 'central directory too small for its entry count');
  const cd = await readExact(fh, eocd.cdOffset, eocd.cdSize, 'central directory');
  const records = parseCentralDirectory(cd, eocd.entries);

  const seen = new Set<string>();
  for (const r of records) {
    const key = r.name.replace(/^\/+/, '');
    if (seen.has(key)) throw new ZipFault('corrupt', 'duplicate entry name', r.name);
    seen.add(key);
  }

  // Entries must tile [0, cdOffset) exactly, in local-header order. This is what
  // makes the central directory's view and a streaming (local-header) reader's
  // view the same file: nothing overlaps, nothing hides in a gap.
  const byOffset = [...records].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const entries: ZipEntry[] = [];
  let expectedStart = 0;
  for (let i = 0; i < byOffset.length; i++) {
    const r = byOffset[i]!;
    const nextStart = i + 1 < byOffset.length ? byOffset[i + 1]!.localHeaderOffset : eocd.cdOffset;
    if (r.localHeaderOffset !== expectedStart) {
      throw new ZipFault('corrupt', r.localHeaderOffset < expectedStart ? 'entries overlap' : 'unlisted bytes between entries', r.name);
    }
    if (r.localHeaderOffset + LOCAL_HEADER_SIZE > nextStart) throw new ZipFault('corrupt', 'local header overlaps the next entry', r.name);
    const lh = await readExact(fh, r.localHeaderOffset, LOCAL_HEADER_SIZE, 'local header', r.name);
    if (lh.readUInt32LE(0) !== SIG_LOCAL) throw new ZipFault('corrupt', 'local header signature', r.name);
    const lFlags = lh.readUInt16LE(6);
    const lMethod = lh.readUInt16LE(8);
    const lCrc = lh.readUInt32LE(14);
    let lCompressed = lh.readUInt32LE(18);
    let lUncompressed = lh.readUInt32LE(22);
    const lNameLen = lh.readUInt16LE(26);
    const lExtraLen = lh.readUInt16LE(28);
    const dataOffset = r.localHeaderOffset + LOCAL_HEADER_SIZE + lNameLen + lExtraLen;
    if (dataOffset > nextStart) throw new ZipFault('corrupt', 'local header overlaps the next entry', r.name);
    const nameAndExtra = await readExact(fh, r.localHeaderOffset + LOCAL_HEADER_SIZE, lNameLen + lExtraLen, 'local header', r.name);
    if (!nameAndExtra.subarray(0, lNameLen).equals(r.nameBytes)) throw new ZipFault('corrupt', 'local and central names differ', r.name);
    const lExtra = parseExtra(nameAndExtra.subarray(lNameLen));
    if (lExtra.unicodePath) throw new ZipFault('corrupt', 'Unicode Path extra field (name could be spoofed)', r.name);
    if (lMethod !== r.method) throw new ZipFault('corrupt', 'local and central compression methods differ', r.name);
    if ((lFlags & 0x0009) !== (r.flags & 0x0009)) throw new ZipFault('corrupt', 'local and central flags differ', r.name);
    const localZip64 = lCompressed === 0xffffffff || lUncompressed === 0xffffffff;
    if (localZip64) {
      const z = lExtra.zip64;
      if (!z || z.length < 16) throw new ZipFault('corrupt', 'ZIP64 sizes without a ZIP64 extra field', r.name);
      lUncompressed = u64(z, 0, 'uncompressed size', r.name);
      lCompressed = u64(z, 8, 'compressed size', r.name);
    }
    const dataEnd = dataOffset + r.compressedSize;
    if (dataEnd > nextStart) throw new ZipFault('corrupt', 'entry data runs into the next entry', r.name);

    let endOffset = dataEnd;
    if (r.flags & 0x0008) {
      // Sizes live in a data descriptor after the data; the local header may hold zeros.
      const ok = (v: number, want: number) => v === 0 || v === want;
      if (!ok(lCrc, r.crc32) || !ok(lCompressed, r.compressedSize) || !ok(lUncompressed, r.uncompressedSize)) {
        throw new ZipFault('corrupt', 'local header and central directory disagree', r.name);
      }
      const room = nextStart - dataEnd;
      if (room < 12 || room > 24) throw new ZipFault('corrupt', 'data descriptor missing or followed by unlisted bytes', r.name);
      const dd = await readExact(fh, dataEnd, room, 'data descriptor', r.name);
      const hasSig = dd.readUInt32LE(0) === SIG_DESCRIPTOR;
      const base = hasSig ? 4 : 0;
      const wide = room - base === 20;
      if (!wide && room - base !== 12) throw new ZipFault('corrupt', 'data descriptor has an odd size', r.name);
      const dCrc = dd.readUInt32LE(base);
      const dCompressed = wide ? u64(dd, base + 4, 'descriptor size', r.name) : dd.readUInt32LE(base + 4);
      const dUncompressed = wide ? u64(dd, base + 12, 'descriptor size', r.name) : dd.readUInt32LE(base + 8);
      if (dCrc !== r.crc32 || dCompressed !== r.compressedSize || dUncompressed !== r.uncompressedSize) {
        throw new ZipFault('corrupt', 'data descriptor and central directory disagree', r.name);
      }
      endOffset = nextStart;
    } else {
      if (lCrc !== r.crc32 || lCompressed !== r.compressedSize || lUncompressed !== r.uncompressedSize) {
        throw new ZipFault('corrupt', 'local header and central directory disagree', r.name);
      }
      if (dataEnd !== nextStart) throw new ZipFault('corrupt', 'unlisted bytes after entry data', r.name);
    }
    entries.push({
      name: r.name,
      method: r.method as 0 | 8,
      flags: r.flags,
      crc32: r.crc32,
      compressedSize: r.compressedSize,
      uncompressedSize: r.uncompressedSize,
      localHeaderOffset: r.localHeaderOffset,
      dataOffset,
      endOffset,
    });
    expectedStart = endOffset;
  }
  if (expectedStart !== eocd.cdOffset) throw new ZipFault('corrupt', 'unlisted bytes before the central directory');
  return { entries, centralDirectoryOffset: eocd.cdOffset, centralDirectorySize: eocd.cdSize };
}

export interface StreamedEntry {
  /** Bytes actually produced by decompression. */
  readonly size: number;
  readonly crc32: number;
}

function waitForDrain(stream: zlib.InflateRaw): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * Receives each chunk of decompressed output, with how many compressed bytes
 * the decompressor had consumed when it was produced (so the caller can watch
 * the running ratio). Throwing aborts the entry at once.
 */
export type EntrySink = (chunk: Buffer, consumed: number) => void;

/**
 * Decompresses one entry a chunk at a time, handing each output chunk to `sink`
 * before counting it. `sink` may throw to abort at once (a cap was passed); that
 * error is rethrown as is. Afterwards the real size and CRC are compared with the
 * directory's claims: a mismatch is a ZipFault('corrupt'). Output beyond the
 * claimed size is not an immediate error, so that the caller's caps decide
 * first (a lying bomb is reported as a bomb).
 */
export async function streamZipEntry(fh: FileHandle, entry: ZipEntry, sink: EntrySink): Promise<StreamedEntry> {
  let size = 0;
  let crc = 0;
  let sinkError: unknown = null;
  const feed = (chunk: Buffer, consumed: number) => {
    sink(chunk, consumed);
    size += chunk.length;
    crc = zlib.crc32(chunk, crc);
  };

  if (entry.method === 0) {
    let pos = entry.dataOffset;
    let remaining = entry.compressedSize;
    while (remaining > 0) {
      const n = Math.min(READ_CHUNK, remaining);
      const buf = await readAt(fh, pos, n);
      if (buf.length !== n) throw new ZipFault('corrupt', 'entry data runs past the end of the file', entry.name);
      feed(buf, pos + n - entry.dataOffset);
      pos += n;
      remaining -= n;
    }
  } else {
    const inflater = zlib.createInflateRaw({ chunkSize: READ_CHUNK });
    const consumer = (async () => {
      for await (const chunk of inflater) {
        try {
          feed(chunk as Buffer, inflater.bytesWritten);
        } catch (e) {
          sinkError = e;
          throw e;
        }
      }
    })();
    consumer.catch(() => undefined); // observed below; keeps an early failure from being "unhandled"

    let readError: unknown = null;
    try {
      let pos = entry.dataOffset;
      let remaining = entry.compressedSize;
      while (remaining > 0 && !inflater.destroyed) {
        const n = Math.min(READ_CHUNK, remaining);
        const buf = await readAt(fh, pos, n);
        if (buf.length !== n) throw new ZipFault('corrupt', 'entry data runs past the end of the file', entry.name);
        pos += n;
        remaining -= n;
        if (inflater.destroyed) break;
        if (!inflater.write(buf)) await waitForDrain(inflater);
      }
      if (!inflater.destroyed) inflater.end();
    } catch (e) {
      readError = e;
      inflater.destroy();
    }
    try {
      await consumer;
    } catch (e) {
      if (sinkError !== null) throw sinkError;
      if (readError !== null) throw readError;
      if (isZlibError(e)) throw new ZipFault('corrupt', `deflate data is damaged (${(e as NodeJS.ErrnoException).code})`, entry.name);
      throw e;
    }
    if (sinkError !== null) throw sinkError;
    if (readError !== null) throw readError;
    if (inflater.bytesWritten !== entry.compressedSize) {
      throw new ZipFault('corrupt', 'deflate stream ends before the entry data does', entry.name);
    }
  }

  if (size !== entry.uncompressedSize) throw new ZipFault('corrupt', `size is ${size}, directory says ${entry.uncompressedSize}`, entry.name);
  if ((crc >>> 0) !== entry.crc32) throw new ZipFault('corrupt', 'CRC-32 mismatch', entry.name);
  return { size, crc32: crc >>> 0 };
}

function isZlibError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_ZLIB') || code === 'ERR_BUFFER_TOO_LARGE');
}
