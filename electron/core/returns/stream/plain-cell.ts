/**
 * The cell nearly every worksheet is made of — `<c r="B7" s="3" t="s"><v>12</v></c>`,
 * `<c r="B7" s="3"/>` — read in one go straight from the bytes. Anything else
 * (another attribute, a formula, an inline string, spaces between the tags,
 * text that needs decoding, a cell cut by the chunk's end) is left to the
 * tag-by-tag reader, which reads these plain ones to the very same result.
 */

const GT = 0x3e;
const LT = 0x3c;
const SLASH = 0x2f;
const DQUOTE = 0x22;
const SPACE = 0x20;
const EQ = 0x3d;

/** The usual cell types, as the very strings exceljs compares with. */
const TYPES: Record<string, string> = { s: 's', n: 'n', str: 'str', inlineStr: 'inlineStr', b: 'b', e: 'e' };

export class PlainCell {
  row = 0;
  col = 0;
  style = 0;
  type: string | undefined;
  /** The text of <v>; undefined when there is none (or it is empty). */
  value: string | undefined;
  /** Index just after the cell. */
  end = 0;

  /** Reads the plain cell starting at `lt` ("<c "); false if it is not one. */
  read(data: Buffer, lt: number, n: number): boolean {
    let i = lt + 3;
    let r = false;
    let s = false;
    let t = false;
    this.style = 0;
    this.type = undefined;
    this.value = undefined;
    for (;;) {
      if (i + 3 >= n) return false;
      const name = data[i]!;
      if (data[i + 1] !== EQ || data[i + 2] !== DQUOTE) return false;
      const v0 = i + 3;
      let v1 = v0;
      while (v1 < n && data[v1] !== DQUOTE) v1++;
      if (v1 >= n) return false;
      if (name === 0x72 /* r */ && !r) {
        r = true;
        if (!this.reference(data, v0, v1)) return false;
      } else if (name === 0x73 /* s */ && !s) {
        s = true;
        if (v1 > v0) {
          let id = 0;
          for (let k = v0; k < v1; k++) {
            const d = data[k]! - 0x30;
            if (d < 0 || d > 9) return false;
            id = id * 10 + d;
          }
          if (v1 - v0 > 9) return false;
          this.style = id;
        }
      } else if (name === 0x74 /* t */ && !t) {
        t = true;
        const type = TYPES[data.toString('latin1', v0, v1)];
        if (type === undefined) return false;
        this.type = type;
      } else {
        return false;
      }
      i = v1 + 1;
      const next = i < n ? data[i] : -1;
      if (next === SPACE) {
        i++;
        continue;
      }
      if (!r) return false;
      if (next === SLASH) {
        if (i + 1 >= n || data[i + 1] !== GT) return false;
        this.end = i + 2;
        return true;
      }
      if (next !== GT) return false;
      i++;
      break;
    }
    // Content: nothing, or one <v> of plain text.
    if (i + 3 >= n) return false;
    if (data[i] === LT && data[i + 1] === 0x76 /* v */ && data[i + 2] === GT) {
      const v0 = i + 3;
      let v1 = v0;
      for (; v1 < n; v1++) {
        const b = data[v1]!;
        if (b === LT) break;
        // Anything that needs decoding (an entity, a CR, a "]]>", a control or non-ASCII byte) goes the long way.
        if (b < 0x20 || b > 0x7e || b === 0x26 || b === 0x5d) return false;
      }
      if (v1 + 8 > n || data[v1 + 1] !== SLASH || data[v1 + 2] !== 0x76 || data[v1 + 3] !== GT) return false;
      if (v1 > v0) this.value = data.toString('latin1', v0, v1);
      i = v1 + 4;
    }
    if (i + 4 > n || data[i] !== LT || data[i + 1] !== SLASH || data[i + 2] !== 0x63 /* c */ || data[i + 3] !== GT) return false;
    this.end = i + 4;
    return true;
  }

  /** A1-style, capital letters, a plain row number. */
  private reference(data: Buffer, from: number, to: number): boolean {
    let k = from;
    let col = 0;
    while (k < to && data[k]! >= 0x41 && data[k]! <= 0x5a) col = col * 26 + (data[k++]! - 0x40);
    const letters = k - from;
    if (letters === 0 || letters > 3 || k >= to || data[k] === 0x30 || to - k > 7) return false;
    let row = 0;
    for (; k < to; k++) {
      const d = data[k]! - 0x30;
      if (d < 0 || d > 9) return false;
      row = row * 10 + d;
    }
    this.col = col;
    this.row = row;
    return true;
  }
}
