/**
 * A small ZIP writer that can lie: each entry's local header and central
 * directory record may be given false sizes, CRCs or offsets, an entry may be
 * left out of the directory or listed twice — the tricks the xlsx guard must
 * see through. Fixed timestamps, so the output is byte-for-byte deterministic.
 */
import { Buffer } from 'node:buffer';
import zlib from 'node:zlib';

export interface ZipHeaderValues {
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  offset: number;
}

/** Raw-deflated bytes with the CRC-32 and length of what they inflate to. */
export interface DeflatedData {
  compressed: Buffer;
  crc32: number;
  size: number;
}

export interface ZipItem {
  name: string;
  /** Uncompressed content (ignored when `raw` is given). */
  data?: Buffer | string;
  /** 0 = stored (default), 8 = deflate. */
  method?: 0 | 8;
  /** Already-compressed data with its true CRC and size (for the bomb). */
  raw?: DeflatedData;
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

/**
 * The fields a local header and a central directory record share, in the same
 * order (APPNOTE 4.3.7 and 4.3.12): from the general-purpose flags to the
 * file name length. They start at byte 6 of a local header, 8 of a central one.
 */
function writeSharedFields(
  header: Buffer,
  at: number,
  f: { flags: number; method: number; crc32: number; compressedSize: number; uncompressedSize: number; nameLength: number },
): void {
  header.writeUInt16LE(f.flags, at);
  header.writeUInt16LE(f.method, at + 2);
  header.writeUInt16LE(DOS_TIME, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 6);
  header.writeUInt32LE(f.crc32 >>> 0, at + 8);
  header.writeUInt32LE(f.compressedSize, at + 12);
  header.writeUInt32LE(f.uncompressedSize, at + 16);
  header.writeUInt16LE(f.nameLength, at + 20);
}

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
    lh.writeUInt16LE(20, 4); // version needed to extract
    writeSharedFields(lh, 6, { flags, method, ...loc, nameLength: nameBytes.length });
    lh.writeUInt16LE(0, 28); // no extra field
    parts.push(lh, nameBytes, data);

    const centralRecord = (name: Buffer) => {
      const ch = Buffer.alloc(46);
      ch.writeUInt32LE(0x02014b50, 0);
      ch.writeUInt16LE(20, 4); // version made by
      ch.writeUInt16LE(20, 6); // version needed to extract
      writeSharedFields(ch, 8, { flags, method, ...cen, nameLength: name.length });
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
