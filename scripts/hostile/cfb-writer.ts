/**
 * A minimal OLE compound file (CFB v3, 512-byte sectors), written by hand:
 * the container of legacy .xls files and of password-protected workbooks.
 * Deterministic, like the ZIP writer.
 */
import { Buffer } from 'node:buffer';

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

