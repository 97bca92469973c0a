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
import { Buffer } from 'node:buffer';
import type { ByteSource } from './source';
import {
  CENTRAL_HEADER_SIZE, EOCD_SIZE, LOCAL_HEADER_SIZE, MAX_CENTRAL_DIRECTORY_BYTES, SIG_DESCRIPTOR, SIG_LOCAL,
  findEocd, parseCentralDirectory, parseExtra, readExact, u64, ZipFault, type ReadZipOptions, type ZipDirectory, type ZipEntry,
} from './zip-records';
import { readAt } from './source';

export { ZipFault, type ZipEntry, type ZipDirectory, type ReadZipOptions, type ZipFaultReason } from './zip-records';

/**
 * Reads and cross-checks the whole container layout (central directory and every
 * local header). Reads only headers — a few bytes per entry — never entry data.
 */
export async function readZipDirectory(src: ByteSource, fileSize: number, options: ReadZipOptions): Promise<ZipDirectory> {
  if (fileSize < EOCD_SIZE) {
    const head = await readAt(src, 0, 4);
    if (head.length === 4 && head.readUInt32LE(0) === SIG_LOCAL) throw new ZipFault('truncated', 'shorter than an end record');
    throw new ZipFault('corrupt', 'too short to be a ZIP');
  }
  const eocd = await findEocd(src, fileSize);
  if (eocd.entries > options.maxEntries) {
    throw new ZipFault('too-many-entries', `${eocd.entries} entries announced, limit ${options.maxEntries}`);
  }
  if (eocd.entries === 0) throw new ZipFault('corrupt', 'empty archive');
  if (eocd.cdOffset + eocd.cdSize !== eocd.cdMustEndAt) throw new ZipFault('corrupt', 'central directory does not end where the end record is');
  if (eocd.cdSize > MAX_CENTRAL_DIRECTORY_BYTES) throw new ZipFault('corrupt', 'central directory is implausibly large');
  if (eocd.cdSize < eocd.entries * CENTRAL_HEADER_SIZE) throw new ZipFault('corrupt', 'central directory too small for its entry count');
  const cd = await readExact(src, eocd.cdOffset, eocd.cdSize, 'central directory');
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
    const lh = await readExact(src, r.localHeaderOffset, LOCAL_HEADER_SIZE, 'local header', r.name);
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
    const nameAndExtra = await readExact(src, r.localHeaderOffset + LOCAL_HEADER_SIZE, lNameLen + lExtraLen, 'local header', r.name);
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
      const dd = await readExact(src, dataEnd, room, 'data descriptor', r.name);
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

