/**
 * One worksheet cell, from what its XML says to the CellInput that
 * read-workbook.ts's cellInput() gives for the same cell of exceljs's
 * whole-workbook model. It follows exceljs 4.4 step by step — CellXform
 * (parseOpen/parseText/parseClose, reconcile), the Cell and FormulaValue
 * models — including its quirks, so a file reads the same down both paths:
 *  - a formula's saved result is kept even when it is falsy (0, FALSE, ""):
 *    FormulaValue.value drops those, so cellInput() reads cell.result instead;
 *  - a number in a date format is a Date;
 *  - t="str" text is XML-decoded a second time (utils.xmlDecode);
 *  - inline rich-text runs are joined; `_xHHHH_` escapes are decoded in runs
 *    (TextXform) but not in plain inline text.
 * Shapes exceljs itself would trip over are NeedsModel.
 */
import utils from 'exceljs/lib/utils/utils';
import { slideFormula } from 'exceljs/lib/utils/shared-formula';
import type { CellInput } from '../../../../shared/values';
import { address } from '../read-workbook';
import { NeedsModel, type Book } from './parts';

// Bound once (an imported binding is a getter call per use under tsx).
const { xmlDecode, isDateFmt, excelToDate } = utils;

interface Run {
  text?: string;
}

type Result = NonNullable<CellInput['cachedResult']>;

function decodeEscapes(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

function joinRuns(runs: readonly Run[]): string {
  return runs.map((r) => r.text ?? '').join('');
}

/** read-workbook.ts's formulaResult, for the values a loaded formula can hold. */
function formulaResult(r: unknown): Result | undefined {
  if (r === undefined || r === null) return undefined;
  if (typeof r === 'number' || typeof r === 'string' || typeof r === 'boolean' || r instanceof Date) return r;
  if (typeof r === 'object' && 'error' in r) return { error: String((r as { error: unknown }).error) };
  return String(r);
}

const EMPTY: CellInput = Object.freeze({ type: 'empty', value: null }) as CellInput;

export class CellBuilder {
  col = 0;
  private row = 0;
  private styleId = 0;
  private t: string | undefined;
  private value: string | undefined;
  private runs: Run[] | null = null;
  private run: Run | null = null;
  private formula: string | undefined;
  private shareType: string | undefined;
  private si: string | undefined;
  private fref: string | undefined;
  /** Shared-formula masters of this sheet so far: si → the master's reference and formula. */
  private readonly masters = new Map<string, { ref: string; formula: string | undefined }>();
  private readonly sst: unknown[] | null;
  private readonly styles: Book['styles'];
  private readonly date1904: boolean;

  constructor(book: Book) {
    this.sst = book.sharedStrings;
    this.styles = book.styles;
    this.date1904 = book.date1904;
  }

  /** `styleId` as exceljs reads s="…" (parseInt; 0 or NaN: no style). */
  open(row: number, col: number, styleId: number, t: string | undefined): void {
    this.row = row;
    this.col = col;
    this.styleId = styleId;
    this.t = t;
    this.value = undefined;
    this.runs = null;
    this.run = null;
    this.formula = undefined;
    this.shareType = undefined;
    this.si = undefined;
    this.fref = undefined;
  }

  /** An <f>: its t, si and ref attributes (exceljs overwrites them at every <f>). */
  openFormula(t: string | undefined, si: string | undefined, ref: string | undefined): void {
    this.shareType = t;
    this.si = si;
    this.fref = ref;
  }

  formulaText(text: string): void {
    if (text) this.formula = this.formula ? this.formula + text : text;
  }

  valueText(text: string): void {
    if (!text) return;
    if (this.runs) throw new NeedsModel('plain text after rich-text runs in one cell');
    this.value = this.value ? this.value + text : text;
  }

  openRun(): void {
    if (this.value !== undefined) throw new NeedsModel('rich-text runs after plain text in one cell');
    this.run = {};
  }

  runText(text: string): void {
    if (this.run) this.run.text = decodeEscapes(text);
  }

  closeRun(): void {
    if (!this.run) return;
    (this.runs ??= []).push(this.run);
    this.run = null;
  }

  private numFmt(): { style: boolean; numFmt: string | undefined } {
    const style = this.styleId && this.styles ? this.styles.getStyleModel(this.styleId) : null;
    return { style: Boolean(style), numFmt: style?.numFmt };
  }

  close(): CellInput {
    if (this.formula || this.shareType) return this.closeFormula();
    if (this.runs) {
      if (this.t !== 'inlineStr') throw new NeedsModel('rich-text runs in a cell that is not an inline string');
      return { type: 'richText', value: joinRuns(this.runs) };
    }
    const v = this.value;
    if (v === undefined) return EMPTY;
    switch (this.t) {
      case 's': {
        const entry = this.sst ? this.sst[parseInt(v, 10)] : undefined;
        if (entry === undefined) throw new NeedsModel('a shared-string index with no string');
        const rich = (entry as { richText?: Run[] } | null)?.richText;
        if (rich) return { type: 'richText', value: joinRuns(rich) };
        return { type: 'string', value: String(entry ?? '') };
      }
      case 'str':
        return { type: 'string', value: xmlDecode(v) };
      case 'inlineStr':
        return { type: 'string', value: v };
      case 'b':
        return { type: 'boolean', value: parseInt(v, 10) !== 0 };
      case 'e':
        return { type: 'error', value: v };
      default: {
        const n = parseFloat(v);
        const { style, numFmt } = this.numFmt();
        if (style && isDateFmt(numFmt)) return { type: 'date', value: excelToDate(n, this.date1904) };
        return { type: 'number', value: n, numFmt: numFmt || undefined };
      }
    }
  }

  private closeFormula(): CellInput {
    if (this.runs) throw new NeedsModel('rich-text runs in a formula cell');
    const v = this.value;
    let result: unknown;
    if (v) {
      if (this.t === 'str') result = xmlDecode(v);
      else if (this.t === 'b') result = parseInt(v, 10) !== 0;
      else if (this.t === 'e') result = { error: v };
      else result = parseFloat(v);
    }
    const { style, numFmt } = this.numFmt();
    if (result !== undefined && style && isDateFmt(numFmt)) result = excelToDate(result as number, this.date1904);
    let text = this.formula;
    if (this.shareType === 'shared') {
      const key = String(this.si);
      const ref = address(this.row, this.col);
      if (this.fref) {
        this.masters.set(key, { ref, formula: this.formula });
      } else if (!text) {
        const master = this.masters.get(key);
        if (master) {
          if (!master.formula) throw new NeedsModel('a shared formula whose master has no formula');
          text = slideFormula(master.formula, master.ref, ref);
        }
      }
    }
    // A saved 0, FALSE or "" is a saved result (the non-streamed reader reads it through cell.result).
    return { type: 'formula', value: text || '', cachedResult: formulaResult(result), numFmt: numFmt || undefined };
  }
}
