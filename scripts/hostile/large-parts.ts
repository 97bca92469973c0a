/**
 * The big parts of the corpus, made by streaming so that generating them
 * never holds the inflated gigabyte in memory.
 */
import { Buffer } from 'node:buffer';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { DeflatedData } from './zip-writer';

/** Raw deflate of `pieces`, one after another, written with back-pressure. */
async function deflateStreamed(options: zlib.ZlibOptions, pieces: Iterable<Buffer>): Promise<DeflatedData> {
  const deflater = zlib.createDeflateRaw(options);
  const out: Buffer[] = [];
  deflater.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    crc = zlib.crc32(piece, crc);
    size += piece.length;
    if (!deflater.write(piece)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await ended;
  return { compressed: Buffer.concat(out), crc32: crc >>> 0, size };
}

/** `bytes` bytes of `block`'s content, a block at a time (the last one cut short). */
function* blocksOf(block: Buffer, bytes: number): Generator<Buffer> {
  for (let left = bytes; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}

/** Raw deflate of `bytes` zero bytes, made by streaming (about 1 KB of output per MB of input). */
export function deflatedZeros(bytes: number): Promise<DeflatedData> {
  return deflateStreamed({ level: 9, memLevel: 9 }, blocksOf(Buffer.alloc(1024 * 1024), bytes));
}

/**
 * Raw deflate (level 1, streamed) of `megabytes` MB of zeros with one
 * pseudo-random byte every 512 bytes: about 110:1, under the ratio limit.
 */
export function sparseDeflated(megabytes: number): Promise<DeflatedData> {
  const block = Buffer.alloc(1024 * 1024);
  let x = 12345;
  for (let i = 0; i < block.length; i += 512) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    block[i] = x >>> 24;
  }
  return deflateStreamed({ level: 1 }, blocksOf(block, megabytes * block.length));
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
