/**
 * The shared-strings part, read as exceljs's SharedStringsXform reads it, into
 * the same values: plain text, { richText: [{ text }] } for formatted runs
 * (their formatting dropped: only the text is ever read), {} for an <si> with
 * neither. Phonetic runs (<rPh>) are left out, `_xHHHH_` escapes decoded.
 * Each string is made from its own bytes, so it holds no larger text alive —
 * which matters when a big workbook's notes end up in every candidate.
 * Anything exceljs would refuse or read oddly is NeedsModel.
 */
import { NeedsModel } from './parts';
import { bytes } from './tags';
import { XmlStream } from './xml-stream';

interface Run {
  text?: string;
}
export type SharedString = string | { richText: Run[] } | Record<string, never>;

const N_SST = bytes('sst');
const N_SI = bytes('si');
const N_T = bytes('t');
const N_R = bytes('r');
const N_RPR = bytes('rPr');
const N_RPH = bytes('rPh');
const N_PHONETIC_PR = bytes('phoneticPr');

function decodeEscapes(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

// Where the reader is.
const W_PROLOG = 0;
const W_SST = 1; // between <si>s
const W_SI = 2;
const W_T = 3; // an <si>'s own <t>
const W_RUN = 4;
const W_RUN_T = 5;
const W_SKIP = 6; // inside <rPr>, <rPh> or <phoneticPr>: skipped whole
const W_DONE = 7;

export class SharedStringsReader extends XmlStream {
  protected readonly what = 'the shared strings';
  readonly values: SharedString[] = [];
  private where = W_PROLOG;
  private skipDepth = 0;
  private skipReturn = W_SI;
  private current = '';
  private plain: string | null = null;
  private runs: Run[] | null = null;
  private run: Run | null = null;

  end(): SharedString[] {
    if (!this.finished() || (this.where !== W_DONE && this.where !== W_SST)) throw new NeedsModel('the shared strings end early');
    return this.values;
  }

  protected wantsText(): boolean {
    return this.where === W_T || this.where === W_RUN_T;
  }

  protected text(s: string): void {
    this.current += s;
  }

  protected allowsSpecial(): boolean {
    return this.where === W_PROLOG || this.where === W_SST || this.where === W_DONE;
  }

  private skip(from: number): void {
    this.skipReturn = from;
    this.skipDepth = 0;
    this.where = W_SKIP;
  }

  protected onTag(): void {
    const tag = this.tag;
    const where = this.where;
    if (where === W_SKIP) {
      if (tag.end) {
        if (this.skipDepth === 0) this.where = this.skipReturn;
        else this.skipDepth--;
      } else if (!tag.selfClosing) {
        this.skipDepth++;
      }
      return;
    }
    if (tag.end) {
      this.close(where);
      return;
    }
    const self = tag.selfClosing;
    if (where === W_SST && tag.nameIs(N_SI)) {
      this.plain = null;
      this.runs = null;
      if (self) this.values.push({});
      else this.where = W_SI;
    } else if (where === W_SI && tag.nameIs(N_T)) {
      if (this.runs) throw new NeedsModel('a shared string with both plain text and runs');
      this.current = '';
      if (self) this.plain = '';
      else this.where = W_T;
    } else if (where === W_SI && tag.nameIs(N_R)) {
      if (this.plain !== null) throw new NeedsModel('a shared string with both plain text and runs');
      this.run = {};
      if (self) this.closeRun();
      else this.where = W_RUN;
    } else if (where === W_SI && (tag.nameIs(N_RPH) || tag.nameIs(N_PHONETIC_PR))) {
      if (!self) this.skip(W_SI);
    } else if (where === W_RUN && tag.nameIs(N_T)) {
      this.current = '';
      if (self) this.run!.text = '';
      else this.where = W_RUN_T;
    } else if (where === W_RUN && tag.nameIs(N_RPR)) {
      if (!self) this.skip(W_RUN);
    } else if (where === W_PROLOG && tag.nameIs(N_SST)) {
      this.where = self ? W_DONE : W_SST;
    } else {
      throw new NeedsModel(`<${tag.name()}> in the shared strings`);
    }
  }

  private closeRun(): void {
    (this.runs ??= []).push(this.run!);
    this.run = null;
  }

  private close(where: number): void {
    const tag = this.tag;
    const expect = [N_SST, N_SST, N_SI, N_T, N_R, N_T][where];
    if (!expect || !tag.nameIs(expect)) throw new NeedsModel(`</${tag.name()}> in the shared strings`);
    switch (where) {
      case W_SST:
        this.where = W_DONE;
        return;
      case W_SI:
        this.values.push(this.runs ? { richText: this.runs } : this.plain !== null ? this.plain : {});
        this.where = W_SST;
        return;
      case W_T:
        this.plain = decodeEscapes(this.current);
        this.where = W_SI;
        return;
      case W_RUN:
        this.closeRun();
        this.where = W_SI;
        return;
      case W_RUN_T:
        this.run!.text = decodeEscapes(this.current);
        this.where = W_RUN;
        return;
    }
  }
}
