/**
 * Cell references, reference ranges and attribute values, read the way the
 * guard needs them: as strings for the rare tags, straight from the bytes for
 * the two hot ones (<row>, <c>), with the same results either way.
 */

export interface CellRef {
  col: number;
  row: number;
}

const SLASH = 0x2f;
const COLON = 0x3a;
const EQ = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** XML whitespace. */
export function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** What a JavaScript `\s` matches among Latin-1 characters. */
export function isJsSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0xa0;
}

function isAsciiLetter(b: number): boolean {
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x7a;
}

export function lettersToColumn(letters: string): number {
  if (letters.length > 7) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let k = 0; k < letters.length; k++) n = n * 26 + ((letters.charCodeAt(k) | 0x20) - 0x60);
  return n;
}

export function digitsToNumber(digits: string): number {
  return digits.length > 15 ? Number.POSITIVE_INFINITY : Number(digits);
}

/** "B7", "$B$7" → {col: 2, row: 7}; anything else → null. */
export function parseCellRef(s: string): CellRef | null {
  const m = /^\s*\$?([A-Za-z]+)\$?(\d+)\s*$/.exec(s);
  if (!m) return null;
  return { col: lettersToColumn(m[1]!), row: digitsToNumber(m[2]!) };
}

/**
 * Cells covered by the A1-style ranges in a reference list ("A1:B2 D4",
 * "Sheet1!$A$1:$C$10,Sheet1!$E$1"). Whole-row/column forms (B:B, 1:1) are
 * skipped, as exceljs skips them.
 */
export function rangeArea(text: string): number {
  const re = /(?<![A-Za-z0-9_.])\$?([A-Za-z]{1,3})\$?(\d+)(?:\s*:\s*\$?([A-Za-z]{1,3})\$?(\d+))?/g;
  let total = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[3] === undefined || m[4] === undefined) {
      total += 1;
      continue;
    }
    const c1 = lettersToColumn(m[1]!);
    const r1 = digitsToNumber(m[2]!);
    const c2 = lettersToColumn(m[3]);
    const r2 = digitsToNumber(m[4]);
    total += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return total;
}

/**
 * Calls `found(from, to)` with the value range of every attribute in
 * buf[from, to) whose local name (prefix ignored) is `local`. A lenient
 * reading: a stray `=` without a quoted value is skipped, like attrValues.
 */
export function eachAttr(buf: Uint8Array, from: number, to: number, local: Uint8Array, found: (vFrom: number, vTo: number) => void): void {
  let i = from;
  while (i < to) {
    let eq = i;
    while (eq < to && buf[eq] !== EQ) eq++;
    if (eq >= to) return;
    let q = eq + 1;
    while (q < to && isSpace(buf[q]!)) q++;
    const quote = q < to ? buf[q]! : 0;
    if (quote !== DQUOTE && quote !== SQUOTE) {
      i = eq + 1;
      continue;
    }
    let close = q + 1;
    while (close < to && buf[close] !== quote) close++;
    if (close >= to) return;
    let nameEnd = eq;
    while (nameEnd > i && isSpace(buf[nameEnd - 1]!)) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > i && !isSpace(buf[nameStart - 1]!) && buf[nameStart - 1] !== SLASH) nameStart--;
    let localStart = nameStart;
    for (let k = nameEnd - 1; k >= nameStart; k--) {
      if (buf[k] === COLON) {
        localStart = k + 1;
        break;
      }
    }
    if (nameEnd - localStart === local.length) {
      let same = true;
      for (let k = 0; k < local.length; k++) {
        if (buf[localStart + k] !== local[k]) {
          same = false;
          break;
        }
      }
      if (same) found(q + 1, close);
    }
    i = close + 1;
  }
}

/** Values of every attribute whose local name (prefix ignored) is `local`, from a Latin-1 string. */
export function attrValues(attrs: string, local: string): string[] {
  const buf = Buffer.from(attrs, 'latin1');
  const out: string[] = [];
  eachAttr(buf, 0, buf.length, Buffer.from(local, 'latin1'), (a, b) => out.push(buf.toString('latin1', a, b)));
  return out;
}

/** parseCellRef on bytes: `^\s*\$?[A-Za-z]+\$?\d+\s*$`. Returns false when it does not match. */
export function readCellRef(buf: Uint8Array, from: number, to: number, out: CellRef): boolean {
  let i = from;
  while (i < to && isJsSpace(buf[i]!)) i++;
  if (i < to && buf[i] === 0x24) i++;
  const l0 = i;
  let col = 0;
  while (i < to && isAsciiLetter(buf[i]!)) {
    col = col * 26 + ((buf[i]! | 0x20) - 0x60);
    i++;
  }
  const letters = i - l0;
  if (letters === 0) return false;
  if (i < to && buf[i] === 0x24) i++;
  const d0 = i;
  let row = 0;
  while (i < to && buf[i]! >= 0x30 && buf[i]! <= 0x39) {
    row = row * 10 + (buf[i]! - 0x30);
    i++;
  }
  const digits = i - d0;
  if (digits === 0) return false;
  while (i < to && isJsSpace(buf[i]!)) i++;
  if (i !== to) return false;
  out.col = letters > 7 ? Number.POSITIVE_INFINITY : col;
  out.row = digits > 15 ? Number.POSITIVE_INFINITY : row;
  return true;
}

/** The leading number of `^\s*(\d+)`, or -1 when there is none. */
export function readLeadingNumber(buf: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to && isJsSpace(buf[i]!)) i++;
  const d0 = i;
  let n = 0;
  while (i < to && buf[i]! >= 0x30 && buf[i]! <= 0x39) {
    n = n * 10 + (buf[i]! - 0x30);
    i++;
  }
  if (i === d0) return -1;
  return i - d0 > 15 ? Number.POSITIVE_INFINITY : n;
}
