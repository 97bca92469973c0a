/**
 * Streams one worksheet part, row by row, describing every cell as the
 * CellInput exceljs's whole-workbook model would have given (see
 * cell-model.ts), without building that model: the part is inflated a chunk
 * at a time and its tags are read straight from the bytes.
 *
 * It reads the worksheets that real tools write — rows and cells in order,
 * every cell with its reference, values, formulas, shared, inline and rich
 * strings — and hands anything else to exceljs (NeedsModel): merged cells and
 * hyperlinks (which change what a cell holds), rows or cells out of order,
 * comments or CDATA among the cells, elements it does not know inside the
 * sheet data, malformed tags.
 */
import type { CellInput } from '../../../../shared/values';
import { CellBuilder } from './cell-model';
import { entryChunks, NeedsModel, type Book, type BookSheet } from './parts';
import { bytes } from './tags';
import { PlainCell } from './plain-cell';
import { XmlStream } from './xml-stream';

/** A row as read: its number, whether the person could see it, and its cells in column order. */
export interface StreamRow {
  number: number;
  /** hidden="1", or squeezed to zero height. */
  hidden: boolean;
  count: number;
  cols: number[];
  cells: CellInput[];
}

/** Return true to stop reading the sheet. */
export type RowHandler = (row: StreamRow) => boolean | void;

const MAX_COLUMN = 16_384;

// Where the reader is.
const P_PROLOG = 0; // before the root element
const P_BEFORE = 1; // inside <worksheet>, before <sheetData>
const P_DATA = 2; // inside <sheetData>
const P_AFTER = 3; // after </sheetData>
const P_DONE = 4;

// Inside <sheetData>: the element whose content is being read.
const X_SHEETDATA = 0;
const X_ROW = 1;
const X_CELL = 2;
const X_F = 3;
const X_V = 4;
const X_IS = 5;
const X_IS_T = 6;
const X_RUN = 7;
const X_RUN_T = 8;
const X_RPR = 9;

const TAG_NAMES = ['sheetData', 'row', 'c', 'f', 'v', 'is', 't', 'r', 't', 'rPr'];
/** The elements whose text exceljs reads: <f>, <v>, an inline <t>, a run's <t>. */
const COLLECTS_TEXT = [false, false, false, true, true, false, true, false, true, false];
const TAG_BYTES = TAG_NAMES.map(bytes);
const N_ROW = bytes('row');
const N_C = bytes('c');
const N_F = bytes('f');
const N_V = bytes('v');
const N_IS = bytes('is');
const N_T = bytes('t');
const N_R = bytes('r');
const N_RPR = bytes('rPr');
const N_SHEETDATA = bytes('sheetData');
const A_R = bytes('r');
const A_S = bytes('s');
const A_T = bytes('t');
const A_SI = bytes('si');
const A_REF = bytes('ref');
const A_HIDDEN = bytes('hidden');
const A_HT = bytes('ht');
const V_1 = bytes('1');
const V_TRUE = bytes('true');
/** The usual cell types, as the very strings exceljs compares with. */
const CELL_TYPES = ['s', 'n', 'str', 'inlineStr', 'b', 'e'].map((t) => ({ t, b: bytes(t) }));

class Stop extends Error {}

export class SheetReader extends XmlStream {
  protected readonly what = 'a worksheet';
  private phase = P_PROLOG;
  private depth = 0; // element depth outside sheet data
  private x = X_SHEETDATA;
  private rprDepth = 0;
  private value = '';
  private readonly cell: CellBuilder;
  private readonly plain = new PlainCell();
  private readonly row: StreamRow = { number: 0, hidden: false, count: 0, cols: [], cells: [] };
  private lastRow = 0;
  private lastCol = 0;

  constructor(
    book: Book,
    private readonly onRow: RowHandler,
  ) {
    super();
    this.cell = new CellBuilder(book);
  }

  /** The worksheet part has ended. */
  end(): void {
    if (!this.finished()) throw new NeedsModel('worksheet part ends inside a tag');
    if (this.phase === P_DATA) throw new NeedsModel('worksheet part ends inside the sheet data');
  }

  protected wantsText(): boolean {
    return this.phase === P_DATA && COLLECTS_TEXT[this.x]!;
  }

  protected text(s: string): void {
    this.value += s;
  }

  /** Comments and the like are fine outside the sheet data, not among the cells (exceljs would drop CDATA). */
  protected allowsSpecial(): boolean {
    return this.phase !== P_DATA;
  }

  /** A plain cell in a row, read in one go (plain-cell.ts); the tag-by-tag reader gives the same. */
  protected override shortcut(data: Buffer, lt: number, n: number): number {
    if (this.phase !== P_DATA || this.x !== X_ROW || data[lt + 1] !== 0x63 || data[lt + 2] !== 0x20) return -1;
    const p = this.plain;
    if (!p.read(data, lt, n) || p.row !== this.row.number || p.col <= this.lastCol || p.col > MAX_COLUMN) return -1;
    this.lastCol = p.col;
    this.cell.open(p.row, p.col, p.style, p.type);
    if (p.value !== undefined) this.cell.valueText(p.value);
    this.endCell();
    return p.end;
  }

  protected onTag(): void {
    if (this.phase === P_DATA) this.dataTag();
    else this.outsideTag();
  }

  /** A tag outside the sheet data: only nesting matters, and what must not be there. */
  private outsideTag(): void {
    const tag = this.tag;
    if (tag.end) {
      if (this.phase !== P_BEFORE && this.phase !== P_AFTER) throw new NeedsModel('unexpected end tag');
      if (--this.depth === 0) this.phase = P_DONE;
      return;
    }
    const name = tag.name();
    if (this.phase === P_PROLOG) {
      if (name !== 'worksheet') throw new NeedsModel(`root element <${name}>`);
      this.phase = tag.selfClosing ? P_DONE : P_BEFORE;
      this.depth = 1;
      return;
    }
    if (this.phase === P_DONE) throw new NeedsModel('content after the root element');
    // Merged cells and hyperlinks change what cells hold in exceljs's model.
    const local = name.slice(name.lastIndexOf(':') + 1);
    if (local === 'mergeCell' || local === 'mergeCells' || local === 'hyperlink' || local === 'hyperlinks') {
      throw new NeedsModel(`<${name}> in the worksheet`);
    }
    if (tag.nameIs(N_SHEETDATA)) {
      if (this.phase !== P_BEFORE || this.depth !== 1) throw new NeedsModel('<sheetData> where exceljs would not read it');
      this.phase = tag.selfClosing ? P_AFTER : P_DATA;
      this.x = X_SHEETDATA;
      return;
    }
    if (!tag.selfClosing) this.depth++;
  }

  private dataTag(): void {
    const tag = this.tag;
    const x = this.x;
    if (tag.end) {
      if (x === X_RPR) {
        if (this.rprDepth > 0) this.rprDepth--;
        else if (tag.nameIs(N_RPR)) this.x = X_RUN;
        else throw new NeedsModel(`</${tag.name()}> closes <rPr>`);
        return;
      }
      if (!tag.nameIs(TAG_BYTES[x]!)) throw new NeedsModel(`</${tag.name()}> closes <${TAG_NAMES[x]}>`);
      this.closeData(x);
      return;
    }
    const selfClosing = tag.selfClosing;
    if (x === X_RPR) {
      if (!selfClosing) this.rprDepth++;
    } else if (x === X_ROW && tag.nameIs(N_C)) {
      this.startCell();
      if (selfClosing) this.endCell();
      else this.x = X_CELL;
    } else if (x === X_SHEETDATA && tag.nameIs(N_ROW)) {
      this.startRow();
      if (selfClosing) this.endRow();
      else this.x = X_ROW;
    } else if (x === X_CELL && (tag.nameIs(N_V) || tag.nameIs(N_F) || tag.nameIs(N_IS))) {
      const f = tag.nameIs(N_F);
      if (f) this.cell.openFormula(tag.value(tag.attr(A_T)), tag.value(tag.attr(A_SI)), tag.value(tag.attr(A_REF)));
      if (selfClosing) return;
      this.value = '';
      this.x = f ? X_F : tag.nameIs(N_V) ? X_V : X_IS;
    } else if (x === X_IS && (tag.nameIs(N_T) || tag.nameIs(N_R))) {
      this.value = '';
      if (tag.nameIs(N_R)) {
        this.cell.openRun();
        if (selfClosing) this.cell.closeRun();
        else this.x = X_RUN;
      } else if (!selfClosing) {
        this.x = X_IS_T;
      }
    } else if (x === X_RUN && (tag.nameIs(N_T) || tag.nameIs(N_RPR))) {
      if (tag.nameIs(N_T)) {
        this.value = '';
        if (selfClosing) this.cell.runText('');
        else this.x = X_RUN_T;
      } else if (!selfClosing) {
        this.rprDepth = 0;
        this.x = X_RPR;
      }
    } else {
      throw new NeedsModel(`<${tag.name()}> inside <${TAG_NAMES[x]}>`);
    }
  }

  private closeData(x: number): void {
    switch (x) {
      case X_SHEETDATA:
        this.phase = P_AFTER;
        return;
      case X_ROW:
        this.endRow();
        this.x = X_SHEETDATA;
        return;
      case X_CELL:
        this.endCell();
        this.x = X_ROW;
        return;
      case X_F:
        this.cell.formulaText(this.value);
        this.x = X_CELL;
        return;
      case X_V:
        this.cell.valueText(this.value);
        this.x = X_CELL;
        return;
      case X_IS:
        this.x = X_CELL;
        return;
      case X_IS_T:
        this.cell.valueText(this.value);
        this.x = X_IS;
        return;
      case X_RUN:
        this.cell.closeRun();
        this.x = X_IS;
        return;
      case X_RUN_T:
        this.cell.runText(this.value);
        this.x = X_RUN;
        return;
    }
  }

  /** A plain row number (no sign, no leading zero), straight from the bytes; 0 when it is anything else. */
  private plainNumber(buf: Buffer, from: number, to: number): number {
    if (to <= from || to - from > 7 || buf[from] === 0x30) return 0;
    let n = 0;
    for (let k = from; k < to; k++) {
      const d = buf[k]! - 0x30;
      if (d < 0 || d > 9) return 0;
      n = n * 10 + d;
    }
    return n;
  }

  private startRow(): void {
    const tag = this.tag;
    tag.find3(A_R, A_HIDDEN, A_HT);
    const r = tag.a;
    const h = tag.b;
    const ht = tag.c;
    const number = r < 0 ? 0 : this.plainNumber(tag.buf, tag.valueFrom(r), tag.valueTo(r));
    if (number === 0) throw new NeedsModel('a row without a plain row number');
    if (number <= this.lastRow) throw new NeedsModel('rows out of order');
    this.lastRow = number;
    this.lastCol = 0;
    const row = this.row;
    row.number = number;
    // exceljs reads hidden="1"/"true"; a zero height hides the row just as well.
    row.hidden = (h >= 0 && (tag.valueIs(h, V_1) || tag.valueIs(h, V_TRUE))) || (ht >= 0 && parseFloat(tag.value(ht)!) === 0);
    row.count = 0;
  }

  private endRow(): void {
    if (this.onRow(this.row)) throw new Stop();
  }

  private startCell(): void {
    const tag = this.tag;
    const buf = tag.buf;
    tag.find3(A_R, A_S, A_T);
    const r = tag.a;
    const s = tag.b;
    const t = tag.c;
    if (r < 0) throw new NeedsModel('a cell without a reference');
    // A1-style, capital letters, a plain row number equal to the row's.
    let k = tag.valueFrom(r);
    const to = tag.valueTo(r);
    let col = 0;
    const l0 = k;
    while (k < to && buf[k]! >= 0x41 && buf[k]! <= 0x5a) col = col * 26 + (buf[k++]! - 0x40);
    if (k === l0 || k - l0 > 3 || this.plainNumber(buf, k, to) !== this.row.number) throw new NeedsModel('a cell reference that is not plain A1 in its row');
    if (col <= this.lastCol || col > MAX_COLUMN) throw new NeedsModel('cells out of order');
    this.lastCol = col;
    let styleId = 0;
    if (s >= 0 && tag.valueTo(s) > tag.valueFrom(s)) {
      styleId = this.plainNumber(buf, tag.valueFrom(s), tag.valueTo(s));
      if (styleId === 0) styleId = parseInt(tag.value(s)!, 10);
    }
    this.cell.open(this.row.number, col, styleId, t < 0 ? undefined : this.cellType(t));
  }

  /** The t="…" of a cell: the usual ones as the very strings exceljs compares with. */
  private cellType(t: number): string | undefined {
    const tag = this.tag;
    for (const c of CELL_TYPES) if (tag.valueIs(t, c.b)) return c.t;
    return tag.value(t);
  }

  private endCell(): void {
    const row = this.row;
    row.cols[row.count] = this.cell.col;
    row.cells[row.count] = this.cell.close();
    row.count++;
  }
}

/** Streams the sheet's part through `onRow`. */
export async function readSheet(book: Book, sheet: BookSheet, onRow: RowHandler): Promise<void> {
  const reader = new SheetReader(book, onRow);
  try {
    await entryChunks(book, sheet.entry, (chunk) => reader.feed(chunk));
    reader.end();
  } catch (e) {
    if (e instanceof Stop) return;
    throw e;
  }
}
