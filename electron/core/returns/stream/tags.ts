/**
 * Worksheet XML tags and text read straight from the bytes: where a tag's
 * name and each attribute's name and value lie, without making strings of
 * what is not needed. Malformed tags (which saxes, and so exceljs, would
 * refuse) are NeedsModel.
 */
import { NeedsModel } from './parts';
import { decodeAttr, decodeText } from './xml-text';

const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const AMP = 0x26;
const LT = 0x3c;
const RBRACK = 0x5d;

export function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** Character data buf[from, to) as saxes reports it. */
export function textOf(buf: Buffer, from: number, to: number): string {
  for (let k = from; k < to; k++) {
    const c = buf[k]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === AMP || c === RBRACK || c >= 0x80) return decodeText(buf.toString('utf8', from, to));
  }
  return buf.toString('latin1', from, to);
}

export function bytes(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}

const MAX_ATTRS = 64;

export class Tag {
  buf: Buffer = Buffer.alloc(0);
  end = false;
  selfClosing = false;
  nameFrom = 0;
  nameTo = 0;
  count = 0;
  private readonly nf = new Int32Array(MAX_ATTRS);
  private readonly nt = new Int32Array(MAX_ATTRS);
  private readonly vf = new Int32Array(MAX_ATTRS);
  private readonly vt = new Int32Array(MAX_ATTRS);

  /** Reads the tag at `lt` (a '<' not followed by '!' or '?'); returns the index after it, or -1 when the data ends first. */
  read(buf: Buffer, lt: number, n: number): number {
    this.buf = buf;
    let i = lt + 1;
    this.end = buf[i] === SLASH;
    if (this.end) i++;
    const nameFrom = i;
    while (i < n) {
      const b = buf[i]!;
      if (b === GT || b === SLASH || isSpace(b)) break;
      if (b === LT || b === EQ || b === DQUOTE || b === SQUOTE) throw new NeedsModel('malformed tag name');
      i++;
    }
    if (i >= n) return -1;
    if (i === nameFrom) throw new NeedsModel('a tag without a name');
    this.nameFrom = nameFrom;
    this.nameTo = i;
    this.count = 0;
    this.selfClosing = false;
    if (this.end) {
      while (i < n && isSpace(buf[i]!)) i++;
      if (i >= n) return -1;
      if (buf[i] !== GT) throw new NeedsModel('malformed end tag');
      return i + 1;
    }
    for (;;) {
      while (i < n && isSpace(buf[i]!)) i++;
      if (i >= n) return -1;
      let b = buf[i]!;
      if (b === GT) return i + 1;
      if (b === SLASH) {
        if (i + 1 >= n) return -1;
        if (buf[i + 1] !== GT) throw new NeedsModel('malformed tag');
        this.selfClosing = true;
        return i + 2;
      }
      if (this.count > 0 && !isSpace(buf[i - 1]!)) throw new NeedsModel('attributes without a space between them');
      const a0 = i;
      while (i < n) {
        b = buf[i]!;
        if (b === EQ || b === GT || b === SLASH || b === LT || b === DQUOTE || b === SQUOTE || isSpace(b)) break;
        i++;
      }
      const a1 = i;
      while (i < n && isSpace(buf[i]!)) i++;
      if (i >= n) return -1;
      if (buf[i] !== EQ || a1 === a0) throw new NeedsModel('malformed attribute');
      i++;
      while (i < n && isSpace(buf[i]!)) i++;
      if (i >= n) return -1;
      const q = buf[i]!;
      if (q !== DQUOTE && q !== SQUOTE) throw new NeedsModel('unquoted attribute value');
      let v1 = i + 1;
      while (v1 < n && buf[v1] !== q) v1++;
      if (v1 >= n) return -1;
      if (this.count === MAX_ATTRS) throw new NeedsModel('too many attributes');
      this.nf[this.count] = a0;
      this.nt[this.count] = a1;
      this.vf[this.count] = i + 1;
      this.vt[this.count] = v1;
      this.count++;
      i = v1 + 1;
    }
  }

  private same(from: number, to: number, name: Uint8Array): boolean {
    if (to - from !== name.length) return false;
    const buf = this.buf;
    for (let k = 0; k < name.length; k++) if (buf[from + k] !== name[k]) return false;
    return true;
  }

  nameIs(name: Uint8Array): boolean {
    return this.same(this.nameFrom, this.nameTo, name);
  }

  name(): string {
    return this.buf.toString('latin1', this.nameFrom, this.nameTo);
  }

  /** Where three attributes are (in a, b, c; -1: none), in one pass. Twice is an error saxes reports. */
  find3(na: Uint8Array, nb: Uint8Array, nc: Uint8Array): void {
    this.a = this.b = this.c = -1;
    for (let k = 0; k < this.count; k++) {
      const from = this.nf[k]!;
      const to = this.nt[k]!;
      if (this.same(from, to, na)) {
        if (this.a >= 0) throw new NeedsModel('duplicate attribute');
        this.a = k;
      } else if (this.same(from, to, nb)) {
        if (this.b >= 0) throw new NeedsModel('duplicate attribute');
        this.b = k;
      } else if (this.same(from, to, nc)) {
        if (this.c >= 0) throw new NeedsModel('duplicate attribute');
        this.c = k;
      }
    }
  }

  /** Results of find3. */
  a = -1;
  b = -1;
  c = -1;

  /** Which attribute has this exact name (-1: none). Twice is an error saxes reports. */
  attr(name: Uint8Array): number {
    let found = -1;
    for (let k = 0; k < this.count; k++) {
      if (!this.same(this.nf[k]!, this.nt[k]!, name)) continue;
      if (found >= 0) throw new NeedsModel('duplicate attribute');
      found = k;
    }
    return found;
  }

  valueFrom(k: number): number {
    return this.vf[k]!;
  }

  valueTo(k: number): number {
    return this.vt[k]!;
  }

  valueIs(k: number, v: Uint8Array): boolean {
    return this.same(this.vf[k]!, this.vt[k]!, v);
  }

  /** The attribute's value, decoded; undefined for -1. */
  value(k: number): string | undefined {
    if (k < 0) return undefined;
    const buf = this.buf;
    const from = this.vf[k]!;
    const to = this.vt[k]!;
    for (let j = from; j < to; j++) {
      const c = buf[j]!;
      if (c < 0x20 || c === AMP || c === LT || c >= 0x80) return decodeAttr(buf.toString('utf8', from, to));
    }
    return buf.toString('latin1', from, to);
  }
}
