/**
 * The elements the XML scanner looks at, and what each adds up to: rows and
 * cells (and their highest row and column), merged ranges, data validations,
 * defined names, shared strings, <col> spans, the dimension. Attributes of
 * the two hot tags (<row>, <c>) are read straight from the bytes; the rare
 * ones go through the string helpers.
 */
import { Buffer } from 'node:buffer';
import { EXCEL_MAX_COLUMN, type GuardLimits } from './limits';
import { reject } from './messages';
import type { GuardSheetStats, PartKind, WorkbookTally } from './parts';
import * as refs from './refs';
import { attrValues, digitsToNumber, parseCellRef, rangeArea, type CellRef } from './refs';

// Bound once: a call through a module namespace (how TypeScript runners load ESM) costs a getter per call.
const eachAttr = refs.eachAttr;
const readCellRef = refs.readCellRef;
const readLeadingNumber = refs.readLeadingNumber;

/** Tag names longer than this are never one of ours (they cannot be read as one). */
export const MAX_NAME = 64;

export const E_NONE = 0;
export const E_C = 1;
export const E_ROW = 2;
const E_DIMENSION = 3;
const E_COL = 4;
const E_MERGE = 5;
const E_DV = 6;
export const E_SI = 7;
export const E_DEFINED = 8;
export const NAMES = ['', 'c', 'row', 'dimension', 'col', 'mergeCell', 'dataValidation', 'si', 'definedName'].map((n) => Buffer.from(n, 'latin1'));

export type ScannedKind = Exclude<PartKind, 'xml' | 'media'>;
/** The elements each kind of part is scanned for, as a bit set of element codes. */
export const INTERESTING: Record<ScannedKind, number> = {
  worksheet: (1 << E_DIMENSION) | (1 << E_ROW) | (1 << E_C) | (1 << E_COL) | (1 << E_MERGE) | (1 << E_DV),
  sharedStrings: 1 << E_SI,
  workbook: 1 << E_DEFINED,
};

const COLON = 0x3a;
const R = Buffer.from('r', 'latin1');

function same(buf: Uint8Array, at: number, name: Uint8Array): boolean {
  for (let k = 1; k < name.length; k++) if (buf[at + k] !== name[k]) return false;
  return true;
}

/** The element code of the local name (prefix ignored) in buf[from, to), or E_NONE. */
export function elementOf(buf: Uint8Array, from: number, to: number): number {
  if (to - from > MAX_NAME) return E_NONE;
  let start = from;
  for (let k = to - 1; k >= from; k--) {
    if (buf[k] === COLON) {
      start = k + 1;
      break;
    }
  }
  const first = buf[start];
  switch (to - start) {
    case 1:
      return first === 0x63 ? E_C : E_NONE; // c
    case 2:
      return first === 0x73 && buf[start + 1] === 0x69 ? E_SI : E_NONE; // si
    case 3:
      if (first === 0x72) return same(buf, start, NAMES[E_ROW]!) ? E_ROW : E_NONE;
      return first === 0x63 && same(buf, start, NAMES[E_COL]!) ? E_COL : E_NONE;
    case 9:
      if (first === 0x64) return same(buf, start, NAMES[E_DIMENSION]!) ? E_DIMENSION : E_NONE;
      return first === 0x6d && same(buf, start, NAMES[E_MERGE]!) ? E_MERGE : E_NONE;
    case 11:
      return first === 0x64 && same(buf, start, NAMES[E_DEFINED]!) ? E_DEFINED : E_NONE;
    case 14:
      return first === 0x64 && same(buf, start, NAMES[E_DV]!) ? E_DV : E_NONE;
    default:
      return E_NONE;
  }
}

/** What the interesting start tags of one part add up to, checked against the limits as they come. */
export class PartChecks {
  readonly stats: GuardSheetStats;
  private readonly limits: Readonly<GuardLimits>;
  private lastRow = 0;
  private lastCol = 0;
  private cellsInRow = 0;
  private merges = 0;
  private rowAttr = 0;
  private cellCol = 0;
  private readonly ref: CellRef = { col: 0, row: 0 };
  private refBuf: Uint8Array = R;
  private readonly onRowR = (from: number, to: number): void => {
    const v = readLeadingNumber(this.refBuf, from, to);
    if (v > this.rowAttr) this.rowAttr = v;
  };
  private readonly onCellR = (from: number, to: number): void => {
    if (!readCellRef(this.refBuf, from, to, this.ref)) return;
    if (this.ref.col > this.cellCol) this.cellCol = this.ref.col;
    this.seeRow(this.ref.row, 'cell reference');
  };

  constructor(
    kind: ScannedKind,
    private readonly entry: string,
    private readonly tally: WorkbookTally,
  ) {
    this.limits = tally.limits;
    this.stats = { entry, maxRow: 0, maxColumn: 0, rows: 0, cells: 0 };
    if (kind === 'worksheet') tally.sheets.push(this.stats);
  }

  /** A start tag of element `e`, its attributes in buf[from, to). Returns the element whose text is now to be counted (or E_NONE). */
  start(e: number, buf: Buffer, from: number, to: number, selfClosing: boolean): number {
    if (e === E_ROW) {
      this.startRow(buf, from, to);
      return E_NONE;
    }
    if (e === E_C) {
      this.startCell(buf, from, to);
      return selfClosing ? E_NONE : E_C;
    }
    return this.startRare(e, buf.toString('latin1', from, to), selfClosing);
  }

  /** The counted text of a defined name has ended. */
  definedNameText(text: string): void {
    this.tally.addRangeCells(rangeArea(text), this.entry);
  }

  private seeRow(row: number, note: string): void {
    if (row > this.stats.maxRow) this.stats.maxRow = row;
    if (row > this.limits.maxRows) throw reject('too-many-rows', this.limits, `${note}: row ${row}`, this.entry);
  }

  private seeColumn(col: number, note: string): void {
    if (col > this.stats.maxColumn) this.stats.maxColumn = col;
    if (col > this.limits.maxColumns) throw reject('too-many-columns', this.limits, `${note}: column ${col}`, this.entry);
  }

  private startRow(buf: Buffer, from: number, to: number): void {
    this.stats.rows++;
    if (this.stats.rows > this.limits.maxRows) throw reject('too-many-rows', this.limits, `${this.stats.rows} <row> elements`, this.entry);
    this.rowAttr = 0;
    this.refBuf = buf;
    eachAttr(buf, from, to, R, this.onRowR);
    this.lastRow = this.rowAttr > 0 ? this.rowAttr : this.lastRow + 1;
    this.seeRow(this.lastRow, 'row');
    this.lastCol = 0;
    this.cellsInRow = 0;
  }

  private startCell(buf: Buffer, from: number, to: number): void {
    const limits = this.limits;
    this.stats.cells++;
    if (++this.tally.cells > limits.maxCells) throw reject('too-many-cells', limits, `${this.tally.cells} cells`, this.entry);
    if (++this.cellsInRow > limits.maxColumns) throw reject('too-many-columns', limits, `${this.cellsInRow} cells in row ${this.lastRow}`, this.entry);
    this.cellCol = 0;
    this.refBuf = buf;
    eachAttr(buf, from, to, R, this.onCellR);
    this.lastCol = this.cellCol > 0 ? this.cellCol : this.lastCol + 1;
    this.seeColumn(this.lastCol, 'cell');
  }

  private startRare(e: number, attrs: string, selfClosing: boolean): number {
    const limits = this.limits;
    switch (e) {
      case E_DIMENSION: {
        for (const ref of attrValues(attrs, 'ref')) {
          for (const part of ref.split(':')) {
            const c = parseCellRef(part);
            if (!c) continue;
            this.seeRow(c.row, `dimension ${ref}`);
            this.seeColumn(c.col, `dimension ${ref}`);
          }
        }
        return E_NONE;
      }
      case E_COL: {
        for (const v of [...attrValues(attrs, 'min'), ...attrValues(attrs, 'max')]) {
          const m = /^\s*(\d+)/.exec(v);
          // exceljs creates one Column object per column of <col min..max>.
          if (m && digitsToNumber(m[1]!) > EXCEL_MAX_COLUMN) throw reject('corrupt', limits, `<col> beyond column ${EXCEL_MAX_COLUMN}`, this.entry);
        }
        return E_NONE;
      }
      case E_MERGE: {
        if (++this.merges > limits.maxMergedRanges) throw reject('too-many-merges', limits, `${this.merges} merged ranges`, this.entry);
        for (const ref of attrValues(attrs, 'ref')) this.tally.addRangeCells(rangeArea(ref), this.entry);
        return E_NONE;
      }
      case E_DV: {
        for (const ref of attrValues(attrs, 'sqref')) this.tally.addRangeCells(rangeArea(ref), this.entry);
        return E_NONE;
      }
      case E_SI: {
        if (++this.tally.sharedStrings > limits.maxSharedStrings) {
          throw reject('too-many-strings', limits, `${this.tally.sharedStrings} shared strings`, this.entry);
        }
        return selfClosing ? E_NONE : E_SI;
      }
      case E_DEFINED:
        return selfClosing ? E_NONE : E_DEFINED;
      default:
        return E_NONE;
    }
  }
}

/**
 * Where the plain cell at `lt` ends — `<c r="B7" s="3" t="s"><v>12</v></c>`
 * or `<c r="B7"/>`: only r, s and t attributes, at most one <v> of printable
 * ASCII with no entity — or -1 for any other cell (or one cut by the chunk's
 * end). `at` receives where its attributes end and its text lies.
 */
export function plainCell(chunk: Buffer, lt: number, n: number, at: { attrsEnd: number; selfClosing: boolean; textLength: number }): number {
  let i = lt + 3;
  for (;;) {
    if (i + 3 >= n) return -1;
    const name = chunk[i]!;
    if ((name !== 0x72 && name !== 0x73 && name !== 0x74) || chunk[i + 1] !== 0x3d || chunk[i + 2] !== 0x22) return -1;
    let v = i + 3;
    while (v < n && chunk[v] !== 0x22 && chunk[v] !== 0x3c) v++;
    if (v >= n || chunk[v] !== 0x22) return -1;
    i = v + 1;
    if (i >= n) return -1;
    if (chunk[i] === 0x20) {
      i++;
      continue;
    }
    break;
  }
  at.attrsEnd = i;
  at.textLength = 0;
  if (chunk[i] === 0x2f) {
    if (i + 1 >= n || chunk[i + 1] !== 0x3e) return -1;
    at.selfClosing = true;
    return i + 2;
  }
  if (chunk[i] !== 0x3e) return -1;
  at.selfClosing = false;
  i++;
  if (i + 3 < n && chunk[i] === 0x3c && chunk[i + 1] === 0x76 && chunk[i + 2] === 0x3e) {
    let v = i + 3;
    for (; v < n; v++) {
      const b = chunk[v]!;
      if (b === 0x3c) break;
      if (b < 0x20 || b > 0x7e || b === 0x26 || b === 0x5d) return -1;
    }
    if (v + 4 > n || chunk[v + 1] !== 0x2f || chunk[v + 2] !== 0x76 || chunk[v + 3] !== 0x3e) return -1;
    at.textLength = v - (i + 3);
    i = v + 4;
  }
  if (i + 4 > n || chunk[i] !== 0x3c || chunk[i + 1] !== 0x2f || chunk[i + 2] !== 0x63 || chunk[i + 3] !== 0x3e) return -1;
  return i + 4;
}
