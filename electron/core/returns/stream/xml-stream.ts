/**
 * XML read from chunks of bytes, a tag at a time, for the streamed readers of
 * worksheets and shared strings: what is cut at a chunk's end (a tag, a run of
 * text still wanted) is carried into the next chunk; comments, CDATA sections
 * and processing instructions are skipped where the reader allows them; text
 * is decoded only where the reader wants it.
 */
import { NeedsModel } from './parts';
import * as tags from './tags';
import { Tag } from './tags';

// Bound once (an imported binding is a getter call per use under tsx).
const textOf = tags.textOf;

const LT = 0x3c;
const BANG = 0x21;
const QMARK = 0x3f;

/** Longest tag or wanted text carried from one chunk to the next; longer ones go to exceljs. */
const MAX_CARRY = 1024 * 1024;

export abstract class XmlStream {
  /** Bytes of an unfinished tag or text carried into the next chunk. */
  private carry: Buffer | null = null;
  /** Inside a comment, CDATA section or processing instruction: its terminator. */
  private skipUntil: string | null = null;
  private first = true;
  protected readonly tag = new Tag();

  /** Whether the text at this point is wanted (see text()). */
  protected abstract wantsText(): boolean;
  /** Wanted text, decoded as saxes decodes it; may come in several pieces. */
  protected abstract text(s: string): void;
  /** A start or end tag, in this.tag. */
  protected abstract onTag(): void;
  /** Whether comments, CDATA and processing instructions may appear here (they are skipped). */
  protected abstract allowsSpecial(): boolean;
  /** What is being read, for messages. */
  protected abstract readonly what: string;

  /** A reader may take a common construct at `lt` in one go: the index after it, or -1 to read it tag by tag. */
  protected shortcut(_data: Buffer, _lt: number, _n: number): number {
    return -1;
  }

  feed(chunk: Buffer): void {
    let data = chunk;
    if (this.first) {
      this.first = false;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3); // a BOM, which saxes skips
    }
    if (this.carry) {
      data = Buffer.concat([this.carry, data]);
      this.carry = null;
    }
    const n = data.length;
    let i = 0;
    while (i < n) {
      if (this.skipUntil !== null) {
        const end = data.indexOf(this.skipUntil, i, 'latin1');
        if (end < 0) {
          // Keep enough of the tail to see the terminator across the boundary.
          this.carry = Buffer.from(data.subarray(Math.max(i, n - this.skipUntil.length + 1)));
          return;
        }
        i = end + this.skipUntil.length;
        this.skipUntil = null;
        continue;
      }
      // The next '<' is usually a byte or two away: a loop beats indexOf's call overhead.
      let lt = i;
      while (lt < n && data[lt] !== LT) lt++;
      if (lt !== i && this.wantsText()) {
        if (lt === n) {
          // The text goes on in the next chunk: read it whole then (a character or entity may be cut).
          this.carryFrom(data, i, n);
          return;
        }
        this.text(textOf(data, i, lt));
      }
      if (lt === n) return;
      if (lt + 1 >= n) {
        this.carryFrom(data, lt, n);
        return;
      }
      const b = data[lt + 1]!;
      if (b === BANG || b === QMARK) {
        i = this.special(data, lt, n);
      } else {
        i = this.shortcut(data, lt, n);
        if (i < 0) {
          i = this.tag.read(data, lt, n);
          if (i >= 0) this.onTag();
        }
      }
      if (i < 0) {
        this.carryFrom(data, lt, n);
        return;
      }
    }
  }

  /** The part has ended: true when nothing was left unfinished. */
  protected finished(): boolean {
    return this.carry === null && this.skipUntil === null;
  }

  private carryFrom(data: Buffer, from: number, n: number): void {
    if (n - from > MAX_CARRY) throw new NeedsModel(`a tag or text too long to read in pieces in ${this.what}`);
    this.carry = Buffer.from(data.subarray(from, n));
  }

  private special(data: Buffer, lt: number, n: number): number {
    if (!this.allowsSpecial()) throw new NeedsModel(`a comment, CDATA section or processing instruction in ${this.what}`);
    if (data[lt + 1] === QMARK) {
      this.skipUntil = '?>';
      return lt + 2;
    }
    if (lt + 4 > n) return -1;
    if (data[lt + 2] === 0x2d && data[lt + 3] === 0x2d) {
      this.skipUntil = '-->';
      return lt + 4;
    }
    if (lt + 9 > n) return -1;
    if (data.toString('latin1', lt + 2, lt + 9) === '[CDATA[') {
      this.skipUntil = ']]>';
      return lt + 9;
    }
    throw new NeedsModel(`a markup declaration in ${this.what}`);
  }
}
