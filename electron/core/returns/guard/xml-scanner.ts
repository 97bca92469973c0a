/**
 * A byte-level streaming scanner for one worksheet, shared-strings or workbook
 * part. It does not build a tree and keeps only the tag being read (bounded),
 * so memory is constant whatever the part size. It errs on the strict side:
 * a construct it cannot read the way a parser would counts against the file.
 *
 * Every byte of every sheet passes through it before any reader sees it, so it
 * has two speeds: `fast` reads whole tags that lie inside the chunk with
 * little more than a loop per tag (which the JIT optimises early); anything
 * else — a tag cut by the chunk's end, comments, CDATA, processing
 * instructions — goes to `step`, the byte-at-a-time state machine, until the
 * text after it. Both read the same grammar; the tests feed every chunking.
 * What each element adds up to is in xml-elements.ts.
 */
import { Buffer } from 'node:buffer';
import { reject } from './messages';
import type { GuardSheetStats, WorkbookTally } from './parts';
import * as elements from './xml-elements';
import { PartChecks, type ScannedKind } from './xml-elements';
import * as lexer from './xml-lexer';
import { XmlLexer } from './xml-lexer';

// Bound once: under a TypeScript runner (tsx: the CLI, browser mode, tests) every use of an imported
// binding is a getter call, which the hot loops below would pay per byte.
const { E_C, E_DEFINED, E_NONE, elementOf, INTERESTING, plainCell } = elements;
const { BANG, DQUOTE, GT, LT, MAX_TAG_BYTES, QMARK, S_ATTRQ, S_ATTRS, S_ENDREST, S_LT, S_TEXT, SLASH, SQUOTE, isJsSpace, isNameEnd, isSpace } = lexer;

export class XmlPartScanner extends XmlLexer {
  private readonly checks: PartChecks;
  /** Whether this part's <c> are counted (worksheets): the plain-cell shortcut applies. */
  private readonly cellsCounted: boolean;
  private readonly plain = { attrsEnd: 0, selfClosing: false, textLength: 0 };

  constructor(kind: ScannedKind, entry: string, tally: WorkbookTally) {
    super(entry, tally.limits, INTERESTING[kind]);
    this.checks = new PartChecks(kind, entry, tally);
    this.cellsCounted = ((this.interesting >> E_C) & 1) === 1;
  }

  get stats(): GuardSheetStats {
    return this.checks.stats;
  }

  feed(chunk: Buffer): void {
    const n = chunk.length;
    this.attrFrom = 0;
    let i = this.state === S_TEXT ? 0 : this.step(chunk, 0, n);
    while (i < n) {
      i = this.fast(chunk, i, n);
      if (i < n) i = this.step(chunk, i, n);
    }
    // An interesting start tag continues in the next chunk: keep what we have of it.
    if (this.collecting !== E_NONE && (this.state === S_ATTRS || this.state === S_ATTRQ)) this.appendAttr(chunk, this.attrFrom, n);
  }

  /** Nothing to finish: a part cut short is the reader's problem to report, not a danger. */
  end(): void {}

  /**
   * Text and whole tags, from a tag boundary (state S_TEXT). Returns n at the
   * chunk's end (the state says what was cut), or the index the state machine
   * must continue from.
   */
  private fast(chunk: Buffer, from: number, n: number): number {
    let i = from;
    for (;;) {
      if (this.counting === E_NONE) {
        while (i < n && chunk[i] !== LT) i++;
      } else {
        i = this.countText(chunk, i, n);
        if (i < n) this.inEntity = false;
      }
      if (i >= n) return n;
      const lt = i;
      const b = lt + 1 < n ? chunk[lt + 1]! : -1;
      if (b < 0 || b === BANG || b === QMARK) {
        this.state = S_LT;
        return lt + 1;
      }
      if (b === SLASH) {
        let j = lt + 2;
        while (j < n && chunk[j] !== GT && !isSpace(chunk[j]!)) j++;
        if (j >= n) {
          this.state = S_LT;
          return lt + 1;
        }
        this.endMatches = this.counting !== E_NONE && elementOf(chunk, lt + 2, j) === this.counting;
        while (j < n && chunk[j] !== GT) j++;
        if (j >= n) {
          this.state = S_ENDREST;
          return n;
        }
        i = j + 1;
        this.endTag();
        continue;
      }
      if (b === 0x63 && this.cellsCounted && this.counting === E_NONE && lt + 2 < n && chunk[lt + 2] === 0x20) {
        // A plain cell, whole: the same counts as tag by tag, in one go.
        const end = plainCell(chunk, lt, n, this.plain);
        if (end > 0) {
          this.checks.start(E_C, chunk, lt + 2, this.plain.attrsEnd, this.plain.selfClosing);
          if (this.plain.textLength > this.limits.maxStringLength) {
            this.counting = E_C;
            throw this.tooLong();
          }
          i = end;
          continue;
        }
      }
      let j = lt + 1;
      while (j < n && !isNameEnd(chunk[j]!)) j++;
      if (j >= n) {
        this.state = S_LT;
        return lt + 1;
      }
      const e = elementOf(chunk, lt + 1, j);
      const collecting = e !== E_NONE && (this.interesting >> e) & 1 ? e : E_NONE;
      let k = j;
      let q = 0;
      for (; k < n; k++) {
        const c = chunk[k]!;
        if (q !== 0) {
          if (c === q) q = 0;
        } else if (c === GT) {
          break;
        } else if (c === DQUOTE || c === SQUOTE) {
          q = c;
        }
      }
      this.collecting = collecting;
      this.attrLen = 0;
      this.attrFrom = j;
      if (k >= n) {
        // Cut by the chunk's end: the state machine takes the rest of this tag.
        this.quote = q;
        this.state = q !== 0 ? S_ATTRQ : S_ATTRS;
        return n;
      }
      i = k + 1;
      if (collecting !== E_NONE) this.finishStartTag(chunk, k);
    }
  }

  /** An interesting start tag ends at `gt`: its attributes are in the chunk, or (cut by a chunk's end) in this.attr. */
  protected finishStartTag(chunk: Buffer, gt: number): void {
    const e = this.collecting;
    this.collecting = E_NONE;
    let buf: Buffer;
    let from: number;
    let to: number;
    if (this.attrLen === 0) {
      if (gt - this.attrFrom > MAX_TAG_BYTES) throw reject('corrupt', this.limits, 'start tag too long', this.entry);
      buf = chunk;
      from = this.attrFrom;
      to = gt;
    } else {
      this.appendAttr(chunk, 0, gt);
      buf = this.attr;
      from = 0;
      to = this.attrLen;
    }
    let k = to - 1;
    while (k >= from && isJsSpace(buf[k]!)) k--;
    const counted = this.checks.start(e, buf, from, to, k >= from && buf[k] === SLASH);
    if (counted !== E_NONE) {
      this.counting = counted;
      this.textUnits = 0;
      this.inEntity = false;
      this.text = counted === E_DEFINED ? [] : null;
    }
  }

  protected endTag(): void {
    if (this.counting === E_NONE || !this.endMatches) return;
    this.endMatches = false;
    if (this.counting === E_DEFINED) this.checks.definedNameText(Buffer.from(this.text!).toString('latin1'));
    this.text = null;
    this.counting = E_NONE;
  }
}
