/**
 * OLE compound files (legacy .xls, password-protected .xlsx, Word and
 * PowerPoint files): told apart by the names in their directory, so the
 * refusal can say what the file really is.
 */
import { Buffer } from 'node:buffer';
import type { GuardLimits } from './limits';
import { reject } from './messages';
import { readAt, type ByteSource } from './source';

export const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const CFB_END_OF_CHAIN = 0xfffffffe;
const CFB_MAX_SECTOR = 0xfffffffa;

/**
 * Names in an OLE compound file's directory. Follows the FAT chain of the
 * directory stream with bounds and loop checks; throws on anything odd.
 */
export async function readCfbDirectoryNames(src: ByteSource, fileSize: number): Promise<string[]> {
  const header = await readAt(src, 0, 512);
  if (header.length < 512 || !header.subarray(0, 8).equals(CFB_MAGIC)) throw new Error('not a compound file');
  if (header.readUInt16LE(0x1c) !== 0xfffe) throw new Error('byte order');
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw new Error('sector size');
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorCount = Math.floor((fileSize - sectorSize) / sectorSize) + 1;
  const firstDir = header.readUInt32LE(0x30);
  const firstDifat = header.readUInt32LE(0x44);
  const numDifat = header.readUInt32LE(0x48);
  const sectorOffset = (s: number) => {
    if (s > CFB_MAX_SECTOR || s >= sectorCount) throw new Error('sector out of range');
    return (s + 1) * sectorSize;
  };

  const difat: number[] = [];
  for (let k = 0; k < 109; k++) difat.push(header.readUInt32LE(0x4c + k * 4));
  let difatLoaded = false;
  const fatSectorFor = async (fatIndex: number): Promise<number> => {
    if (fatIndex >= difat.length && !difatLoaded) {
      difatLoaded = true;
      let s = firstDifat;
      for (let k = 0; k < numDifat && s !== CFB_END_OF_CHAIN && k < 4096; k++) {
        const sec = await readAt(src, sectorOffset(s), sectorSize);
        if (sec.length !== sectorSize) throw new Error('short DIFAT sector');
        for (let j = 0; j < perSector - 1; j++) difat.push(sec.readUInt32LE(j * 4));
        s = sec.readUInt32LE((perSector - 1) * 4);
      }
    }
    const loc = difat[fatIndex];
    if (loc === undefined) throw new Error('FAT sector missing');
    return loc;
  };
  const fatCache = new Map<number, Buffer>();
  const next = async (s: number): Promise<number> => {
    const fatIndex = Math.floor(s / perSector);
    let fat = fatCache.get(fatIndex);
    if (!fat) {
      fat = await readAt(src, sectorOffset(await fatSectorFor(fatIndex)), sectorSize);
      if (fat.length !== sectorSize) throw new Error('short FAT sector');
      fatCache.set(fatIndex, fat);
    }
    return fat.readUInt32LE((s % perSector) * 4);
  };

  const names: string[] = [];
  const visited = new Set<number>();
  let s = firstDir;
  while (s !== CFB_END_OF_CHAIN) {
    if (visited.has(s) || visited.size > 4096) throw new Error('directory chain loops');
    visited.add(s);
    const sec = await readAt(src, sectorOffset(s), sectorSize);
    if (sec.length !== sectorSize) throw new Error('short directory sector');
    for (let off = 0; off < sectorSize; off += 128) {
      const type = sec[off + 0x42]!;
      const nameLen = sec.readUInt16LE(off + 0x40);
      if ((type === 1 || type === 2 || type === 5) && nameLen >= 2 && nameLen <= 64) {
        names.push(sec.toString('utf16le', off, off + nameLen - 2));
      }
    }
    s = await next(s);
  }
  return names;
}

export async function refuseCompoundFile(src: ByteSource, fileSize: number, limits: Readonly<GuardLimits>): Promise<never> {
  let names: string[] = [];
  try {
    names = await readCfbDirectoryNames(src, fileSize);
  } catch {
    // A damaged compound file: still not something we can import; say the likeliest thing.
  }
  const has = (n: string) => names.includes(n);
  if (has('EncryptionInfo') || has('EncryptedPackage')) throw reject('encrypted', limits, 'OLE container with EncryptionInfo/EncryptedPackage');
  if (has('WordDocument') || has('PowerPoint Document')) throw reject('not-xlsx', limits, 'Word/PowerPoint compound file');
  throw reject('legacy-xls', limits, `OLE compound file (${names.slice(0, 8).join(', ') || 'unreadable directory'})`);
}
