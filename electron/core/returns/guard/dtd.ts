/** `<!DOCTYPE` / `<!ENTITY` anywhere in a byte stream, however it is cut into chunks. */
import { Buffer } from 'node:buffer';

const DTD_TOKENS = ['doctype', 'entity'];
const DTD_TAIL = 8; // "<!doctype" is 9 bytes: a token starting in the last 8 is not complete yet

function matchesWordCI(buf: Buffer, at: number, word: string): boolean {
  if (at + word.length > buf.length) return false;
  for (let k = 0; k < word.length; k++) if ((buf[at + k]! | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** Looks for a token starting before `startLimit`. */
function scanDtd(buf: Buffer, startLimit: number): boolean {
  let i = buf.indexOf('<!', 0, 'latin1');
  while (i >= 0 && i < startLimit) {
    for (const t of DTD_TOKENS) if (matchesWordCI(buf, i + 2, t)) return true;
    i = buf.indexOf('<!', i + 1, 'latin1');
  }
  return false;
}

/**
 * Finds `<!DOCTYPE` / `<!ENTITY` in any case in a byte stream fed in arbitrary
 * chunks, including tokens split across chunks. Memory: 8 bytes of carry.
 */
export class DtdTokenScanner {
  private tail: Buffer = Buffer.alloc(0);

  /** Returns true as soon as a token has been seen. */
  feed(chunk: Buffer): boolean {
    if (this.tail.length > 0) {
      const joint = Buffer.concat([this.tail, chunk.subarray(0, DTD_TAIL + 1)]);
      if (scanDtd(joint, this.tail.length)) return true;
    }
    if (scanDtd(chunk, chunk.length)) return true;
    this.tail =
      chunk.length >= DTD_TAIL
        ? Buffer.from(chunk.subarray(chunk.length - DTD_TAIL))
        : Buffer.from(Buffer.concat([this.tail, chunk]).subarray(-DTD_TAIL));
    return false;
  }
}
