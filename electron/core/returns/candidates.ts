/**
 * The candidate values of a parsed return, held column by column.
 *
 * A 50 MB long-format file carries ~640,000 values. As one object each (with
 * its own cell-reference string) they took ~220 bytes apiece, 140 MB in all;
 * here a value costs ~30 bytes: the repeated texts (sheet, indicator code,
 * region, period) are numbered once, the cell is kept as row and column
 * numbers, and only notes stay strings. `at(i)` gives the familiar object
 * view of one value when a caller needs it.
 */
import { address } from './read-workbook';

/** A cell that holds a readable value for a known indicator, region and period. */
export interface Candidate {
  sheet: string;
  cell: string;
  code: string;
  region: string;
  period: string;
  value: number;
  /** undefined keeps the note already stored. */
  note?: string;
}

/** Numbers distinct strings in the order first met. */
export class Interned {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(s, id);
      this.list.push(s);
    }
    return id;
  }

  /** The number of a string already met, or undefined. */
  find(s: string): number | undefined {
    return this.ids.get(s);
  }

  get size(): number {
    return this.list.length;
  }
}

/** Row and column of a canonical A1 reference (as address() writes it), or null. */
export function parseA1(cell: string): [number, number] | null {
  let col = 0;
  let k = 0;
  for (; k < cell.length && k < 3; k++) {
    const ch = cell.charCodeAt(k);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
  }
  if (k === 0 || k === cell.length || cell.charCodeAt(k) === 48) return null;
  let row = 0;
  for (let j = k; j < cell.length; j++) {
    const d = cell.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  return row <= 0xffffffff ? [row, col] : null;
}

const INITIAL = 1024;

export class CandidateList {
  readonly sheets = new Interned();
  readonly codes = new Interned();
  readonly regions = new Interned();
  readonly periods = new Interned();
  private n = 0;
  private sheetIds = new Uint16Array(INITIAL);
  private codeIds = new Uint32Array(INITIAL);
  private regionIds = new Uint32Array(INITIAL);
  private periodIds = new Uint32Array(INITIAL);
  private rows = new Uint32Array(INITIAL);
  private cols = new Uint16Array(INITIAL);
  private values = new Float64Array(INITIAL);
  /** A slot per value (undefined: none came). An array, not a Map: a Map entry costs four times a slot. */
  private readonly notes: Array<string | undefined> = [];
  /** Cell references that are not canonical A1 (none from the readers; kept exactly all the same). */
  private readonly oddCells = new Map<number, string>();

  get length(): number {
    return this.n;
  }

  private grow(): void {
    const size = this.values.length * 2;
    const more = <T extends Uint16Array | Uint32Array | Float64Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(size);
      b.set(a);
      return b;
    };
    this.sheetIds = more(this.sheetIds, Uint16Array);
    this.codeIds = more(this.codeIds, Uint32Array);
    this.regionIds = more(this.regionIds, Uint32Array);
    this.periodIds = more(this.periodIds, Uint32Array);
    this.rows = more(this.rows, Uint32Array);
    this.cols = more(this.cols, Uint16Array);
    this.values = more(this.values, Float64Array);
  }

  push(sheet: string, cell: string, code: string, region: string, period: string, value: number, note: string | undefined): void {
    const i = this.n;
    if (i === this.values.length) this.grow();
    const sheetId = this.sheets.id(sheet);
    if (sheetId > 0xffff) throw new RangeError('too many sheets');
    this.sheetIds[i] = sheetId;
    this.codeIds[i] = this.codes.id(code);
    this.regionIds[i] = this.regions.id(region);
    this.periodIds[i] = this.periods.id(period);
    const rc = parseA1(cell);
    if (rc && rc[1] <= 0xffff) {
      this.rows[i] = rc[0];
      this.cols[i] = rc[1];
    } else {
      this.oddCells.set(i, cell);
    }
    this.values[i] = value;
    this.notes.push(note);
    this.n = i + 1;
  }

  sheet(i: number): string {
    return this.sheets.list[this.sheetIds[i]!]!;
  }
  cell(i: number): string {
    return this.oddCells.get(i) ?? address(this.rows[i]!, this.cols[i]!);
  }
  /** Row and column of the cell; null for a reference that is not canonical A1 (then only cell(i) says it). */
  rowCol(i: number): [number, number] | null {
    return this.oddCells.has(i) ? null : [this.rows[i]!, this.cols[i]!];
  }
  code(i: number): string {
    return this.codes.list[this.codeIds[i]!]!;
  }
  region(i: number): string {
    return this.regions.list[this.regionIds[i]!]!;
  }
  period(i: number): string {
    return this.periods.list[this.periodIds[i]!]!;
  }
  value(i: number): number {
    return this.values[i]!;
  }
  note(i: number): string | undefined {
    return this.notes[i];
  }
  codeId(i: number): number {
    return this.codeIds[i]!;
  }
  regionId(i: number): number {
    return this.regionIds[i]!;
  }
  periodId(i: number): number {
    return this.periodIds[i]!;
  }

  /** One value as an object (made on demand: the list holds none). */
  at(i: number): Candidate {
    const note = this.notes[i];
    return {
      sheet: this.sheet(i), cell: this.cell(i), code: this.code(i), region: this.region(i), period: this.period(i), value: this.values[i]!,
      ...(note !== undefined ? { note } : {}),
    };
  }

  toArray(): Candidate[] {
    return Array.from({ length: this.n }, (_, i) => this.at(i));
  }
}
