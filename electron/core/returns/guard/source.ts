/**
 * Where the guard reads from: an open file (read piece by piece, for files that
 * must not be loaded whole) or bytes already in memory (the import reads the
 * file once and guards, hashes and parses those very bytes).
 */
import { Buffer } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';

export interface ByteSource {
  /** Up to `length` bytes at `position`; shorter only at the end. The result may be a view: never write to it. */
  read(position: number, length: number): Promise<Buffer>;
}

export function fileSource(fh: FileHandle): ByteSource {
  return {
    async read(position, length) {
      const buf = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await fh.read(buf, got, length - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === length ? buf : buf.subarray(0, got);
    },
  };
}

export function bufferSource(bytes: Buffer): ByteSource {
  return {
    read(position, length) {
      const from = Math.min(Math.max(0, position), bytes.length);
      return Promise.resolve(bytes.subarray(from, Math.min(bytes.length, from + Math.max(0, length))));
    },
  };
}

/** Reads up to `length` bytes at `position`; the result is shorter only at end of file. */
export function readAt(src: ByteSource, position: number, length: number): Promise<Buffer> {
  return src.read(position, length);
}
