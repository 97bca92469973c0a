/**
 * The byte-at-a-time XML lexer under XmlPartScanner: its state between
 * chunks, the state machine (`step`) that reads whatever the scanner's fast
 * path leaves to it — tags cut by a chunk's end, comments, CDATA, processing
 * instructions, markup declarations (refused) — and the counting of text.
 */
import { Buffer } from 'node:buffer';
import type { GuardLimits } from './limits';
import { reject } from './messages';
import * as elements from './xml-elements';

// Bound once (an imported binding is a getter call per use under tsx).
const { E_NONE, elementOf, MAX_NAME, NAMES } = elements;

export const LT = 0x3c;
export const GT = 0x3e;
export const BANG = 0x21;
export const SLASH = 0x2f;
export const QMARK = 0x3f;
const DASH = 0x2d;
const LBRACK = 0x5b;
const RBRACK = 0x5d;
const AMP = 0x26;
const SEMI = 0x3b;
export const DQUOTE = 0x22;
export const SQUOTE = 0x27;

// Lexer states
export const S_TEXT = 0;
export const S_LT = 1;
const S_NAME = 2;
export const S_ATTRS = 3;
export const S_ATTRQ = 4;
const S_ENDNAME = 5;
export const S_ENDREST = 6;
const S_BANG = 7;
const S_COMMENT = 8;
const S_CDATA = 9;
const S_PI = 10;
const S_SKIP = 11;

/** Longest interesting start tag kept for attribute parsing (sqref lists can be long). */
export const MAX_TAG_BYTES = 1024 * 1024;
const CDATA_OPEN = '[CDATA[';

export function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}
export function isNameEnd(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === SLASH || b === GT;
}
/** What a JavaScript `\s` matches among Latin-1 characters. */
export function isJsSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0xa0;
}

export abstract class XmlLexer {
  protected state = S_TEXT;
  protected readonly nameBuf = Buffer.alloc(MAX_NAME);
  protected nameLen = 0;
  protected nameOverflow = false;
  /** The interesting element whose start tag is being read, if any. */
  protected collecting = E_NONE;
  /** Start tag bytes carried over from earlier chunks. */
  protected attr: Buffer = Buffer.alloc(256);
  protected attrLen = 0;
  /** Where the current start tag's attributes begin in the current chunk. */
  protected attrFrom = 0;
  protected quote = 0;
  protected readonly bang = new Uint8Array(7);
  protected bangLen = 0;
  protected run = 0; // dashes / brackets / '?' seen at the end of a comment / CDATA / PI
  /** An end tag whose name closes the counted element; acted on at its '>'. */
  protected endMatches = false;
  // text accounting
  protected counting = E_NONE; // the element whose text is counted
  protected textUnits = 0;
  protected inEntity = false;
  protected entityLen = 0;
  protected text: number[] | null = null; // a defined name's text, kept for its ranges

  constructor(
    protected readonly entry: string,
    protected readonly limits: Readonly<GuardLimits>,
    /** The elements looked at, as a bit set of element codes (xml-elements.ts INTERESTING). */
    protected readonly interesting: number,
  ) {}

  /** An interesting start tag ended at `gt` (see XmlPartScanner). */
  protected abstract finishStartTag(chunk: Buffer, gt: number): void;
  /** An end tag ended; `endMatches` says whether it closes the counted element. */
  protected abstract endTag(): void;

  /** The state machine, a byte or a run at a time, until it is back at text after a construct (or the chunk ends). */
  protected step(chunk: Buffer, from: number, n: number): number {
    let i = from;
    while (i < n) {
      switch (this.state) {
        case S_TEXT:
          return i;
        case S_LT: {
          const b = chunk[i]!;
          this.nameLen = 0;
          this.nameOverflow = false;
          if (b === SLASH) {
            i++;
            this.endMatches = false;
            this.state = S_ENDNAME;
          } else if (b === BANG) {
            i++;
            this.bangLen = 0;
            this.state = S_BANG;
          } else if (b === QMARK) {
            i++;
            this.run = 0;
            this.state = S_PI;
          } else {
            this.state = S_NAME;
          }
          break;
        }
        case S_NAME: {
          let j = i;
          while (j < n && !isNameEnd(chunk[j]!)) j++;
          this.appendName(chunk, i, j);
          if (j === n) return n;
          const e = this.nameOverflow ? E_NONE : elementOf(this.nameBuf, 0, this.nameLen);
          this.collecting = e !== E_NONE && (this.interesting >> e) & 1 ? e : E_NONE;
          this.attrLen = 0;
          this.attrFrom = j;
          i = j;
          this.state = S_ATTRS;
          break;
        }
        case S_ATTRS: {
          let j = i;
          let b = 0;
          while (j < n) {
            b = chunk[j]!;
            if (b === GT || b === DQUOTE || b === SQUOTE) break;
            j++;
          }
          if (j === n) return n;
          if (b === GT) {
            this.state = S_TEXT;
            if (this.collecting !== E_NONE) this.finishStartTag(chunk, j);
            return j + 1;
          }
          this.quote = b;
          this.state = S_ATTRQ;
          i = j + 1;
          break;
        }
        case S_ATTRQ: {
          const q = this.quote;
          while (i < n && chunk[i] !== q) i++;
          if (i < n) {
            i++;
            this.state = S_ATTRS;
          }
          break;
        }
        case S_ENDNAME: {
          let j = i;
          let b = 0;
          while (j < n) {
            b = chunk[j]!;
            if (b === GT || isSpace(b)) break;
            j++;
          }
          this.appendName(chunk, i, j);
          if (j === n) return n;
          this.endMatches = this.counting !== E_NONE && !this.nameOverflow && elementOf(this.nameBuf, 0, this.nameLen) === this.counting;
          i = j + 1;
          if (b === GT) {
            this.state = S_TEXT;
            this.endTag();
            return i;
          }
          this.state = S_ENDREST;
          break;
        }
        case S_ENDREST: {
          while (i < n && chunk[i] !== GT) i++;
          if (i === n) return n;
          this.state = S_TEXT;
          this.endTag();
          return i + 1;
        }
        case S_BANG: {
          const b = chunk[i++]!;
          this.bang[this.bangLen++] = b;
          const first = this.bang[0]!;
          if ((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7a) {
            // <!DOCTYPE, <!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION: only legal in a DTD.
            throw reject('dtd', this.limits, 'markup declaration', this.entry);
          } else if (first === DASH) {
            if (this.bangLen === 2) {
              this.run = 0;
              this.state = this.bang[1] === DASH ? S_COMMENT : S_SKIP;
            }
          } else if (first === LBRACK) {
            if (this.bangLen === 7) {
              this.run = 0;
              this.state = String.fromCharCode(...this.bang) === CDATA_OPEN ? S_CDATA : S_SKIP;
            }
          } else {
            this.state = first === GT ? S_TEXT : S_SKIP;
          }
          break;
        }
        case S_COMMENT: {
          const b = chunk[i++]!;
          if (b === GT && this.run >= 2) this.state = S_TEXT;
          else this.run = b === DASH ? this.run + 1 : 0;
          break;
        }
        case S_CDATA: {
          const b = chunk[i++]!;
          if (b === GT && this.run >= 2) {
            this.state = S_TEXT;
          } else {
            this.run = b === RBRACK ? this.run + 1 : 0;
            if (this.counting !== E_NONE) this.countCdataByte(b);
          }
          break;
        }
        case S_PI: {
          const b = chunk[i++]!;
          if (b === GT && this.run > 0) this.state = S_TEXT;
          else this.run = b === QMARK ? 1 : 0;
          break;
        }
        case S_SKIP: {
          while (i < n && chunk[i] !== GT) i++;
          if (i === n) return n;
          this.state = S_TEXT;
          return i + 1;
        }
      }
    }
    return i;
  }

  /** Counts text up to the next '<'; returns its index (or n). */
  protected countText(chunk: Buffer, from: number, n: number): number {
    const max = this.limits.maxStringLength;
    const text = this.text;
    let units = this.textUnits;
    let inEntity = this.inEntity;
    let entityLen = this.entityLen;
    let i = from;
    for (; i < n; i++) {
      const b = chunk[i]!;
      if (b === LT) break;
      if (text !== null) text.push(b);
      if (b === AMP) {
        inEntity = true;
        entityLen = 0;
        units++;
      } else if (inEntity) {
        if (b === SEMI || ++entityLen > 32) inEntity = false;
        continue;
      } else if ((b & 0xc0) !== 0x80) {
        units += b >= 0xf0 ? 2 : 1;
      }
      if (units > max) {
        this.textUnits = units;
        throw this.tooLong();
      }
    }
    this.textUnits = units;
    this.inEntity = inEntity;
    this.entityLen = entityLen;
    return i;
  }

  private countCdataByte(b: number): void {
    if (this.text !== null) this.text.push(b);
    if (this.inEntity) {
      if (b === SEMI || ++this.entityLen > 32) this.inEntity = false;
      return;
    }
    if ((b & 0xc0) !== 0x80) this.textUnits += b >= 0xf0 ? 2 : 1;
    if (this.textUnits > this.limits.maxStringLength) throw this.tooLong();
  }

  protected tooLong(): Error {
    const what = NAMES[this.counting]!.toString('latin1') || 'text';
    return reject('string-too-long', this.limits, `${what} longer than ${this.limits.maxStringLength}`, this.entry);
  }

  protected appendName(chunk: Buffer, from: number, to: number): void {
    const len = to - from;
    if (len <= 0) return;
    if (this.nameLen + len > MAX_NAME) {
      this.nameOverflow = true;
      return;
    }
    const name = this.nameBuf;
    let at = this.nameLen;
    for (let k = from; k < to; k++) name[at++] = chunk[k]!;
    this.nameLen = at;
  }

  protected appendAttr(chunk: Buffer, from: number, to: number): void {
    const len = to - from;
    if (len <= 0) return;
    if (this.attrLen + len > this.attr.length) {
      if (this.attrLen + len > MAX_TAG_BYTES) throw reject('corrupt', this.limits, 'start tag too long', this.entry);
      const bigger = Buffer.alloc(Math.min(MAX_TAG_BYTES, Math.max(this.attr.length * 2, this.attrLen + len)));
      this.attr.copy(bigger, 0, 0, this.attrLen);
      this.attr = bigger;
    }
    chunk.copy(this.attr, this.attrLen, from, to);
    this.attrLen += len;
  }

}
