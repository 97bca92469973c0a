/**
 * Inflating one ZIP entry a chunk at a time, the caller watching every chunk
 * (and able to stop at once), then checking the real size and CRC against
 * what the directory claimed.
 */
import type { Buffer } from 'node:buffer';
import zlib from 'node:zlib';
import { readAt, type ByteSource } from './source';
import { ZipFault, type ZipEntry } from './zip-directory';

/** Size of each read while streaming an entry. */
export const READ_CHUNK = 64 * 1024;

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
export async function streamZipEntry(src: ByteSource, entry: ZipEntry, sink: EntrySink): Promise<StreamedEntry> {
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
      const buf = await readAt(src, pos, n);
      if (buf.length !== n) throw new ZipFault('corrupt', 'entry data runs past the end of the file', entry.name);
      feed(buf, pos + n - entry.dataOffset);
      pos += n;
      remaining -= n;
    }
  } else {
    const inflater = zlib.createInflateRaw({ chunkSize: READ_CHUNK });
    // Flowing mode: each chunk goes to the sink as it is produced, so nothing piles up unseen.
    const consumer = new Promise<void>((resolve, reject) => {
      inflater.on('data', (chunk: Buffer) => {
        if (sinkError !== null) return;
        try {
          feed(chunk, inflater.bytesWritten);
        } catch (e) {
          sinkError = e;
          inflater.destroy();
          reject(e);
        }
      });
      inflater.once('end', () => resolve());
      inflater.once('error', reject);
      inflater.once('close', () => reject(new Error('inflate stream closed early')));
    });
    consumer.catch(() => undefined); // observed below; keeps an early failure from being "unhandled"

    let readError: unknown = null;
    try {
      let pos = entry.dataOffset;
      let remaining = entry.compressedSize;
      while (remaining > 0 && !inflater.destroyed) {
        const n = Math.min(READ_CHUNK, remaining);
        const buf = await readAt(src, pos, n);
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
