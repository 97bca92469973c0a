/**
 * Refused cells and warnings, kept in reading order — sheet by sheet (as
 * first met), then top to bottom, left to right — and, with a limit, only the
 * first `limit` of them in that order, plus how many there were in all.
 *
 * A return of random figures can raise a warning on most of its 640,000
 * values; listing them all would cost more memory than the import itself,
 * and nobody reads past the first thousands. Issues arrive in a few sorted
 * runs (the parser's, then evaluate's); a stable sort keeps arrival order on
 * ties, and trimming to the first `limit` whenever twice that many are held
 * keeps the memory bounded without changing which come first.
 */
import type { ReturnIssue } from '../../../shared/channels/returns';
import { parseA1 } from './candidates';

/** How many refused cells, and how many warnings, any reading of a file lists (the totals count all). */
export const LISTED_ISSUES = 10_000;

interface Held {
  order: number;
  issue: ReturnIssue;
}

export class IssueList {
  private readonly sheets = new Map<string, number>();
  private held: Held[] = [];
  private sorted = true;
  private count = 0;
  /** Once `limit` are held after a trim: the order of the last of them. Anything at or past it can never be listed. */
  private cutoff = Number.POSITIVE_INFINITY;

  constructor(private readonly limit = LISTED_ISSUES) {}

  /** Every issue added, listed or not. */
  get total(): number {
    return this.count;
  }

  private orderOf(sheet: string, cell: string): number {
    // Anything but a canonical A1 reference sorts first on its sheet.
    const [row, col] = parseA1(cell) ?? [0, 0];
    return this.orderAt(sheet, row, col);
  }

  private orderAt(sheet: string, row: number, col: number): number {
    let s = this.sheets.get(sheet);
    if (s === undefined) {
      s = this.sheets.size;
      this.sheets.set(sheet, s);
    }
    // Excel has 1,048,576 rows and 16,384 columns: one number orders sheet, row and column.
    return (s * 2_097_152 + row) * 65_536 + col;
  }

  add(issue: ReturnIssue): void {
    this.count++;
    const order = this.orderOf(issue.sheet, issue.cell);
    if (order >= this.cutoff) return;
    this.hold(order, issue);
  }

  /**
   * An issue whose message is only written if it can still be listed: past
   * the first `limit`, a file with 250,000 warnings then costs a count, not
   * 250,000 sentences.
   */
  offer(sheet: string, cell: string, code: string, message: () => string): void {
    this.count++;
    const order = this.orderOf(sheet, cell);
    if (order >= this.cutoff) return;
    this.hold(order, { sheet, cell, code, message: message() });
  }

  /**
   * offer() for a cell known by row and column (its A1 reference is only
   * written if the issue is listed); `rowCol` null falls back to `cell()`.
   */
  offerAt(sheet: string, rowCol: [number, number] | null, cell: () => string, code: string, message: () => string): void {
    if (rowCol === null) {
      this.offer(sheet, cell(), code, message);
      return;
    }
    this.count++;
    const order = this.orderAt(sheet, rowCol[0], rowCol[1]);
    if (order >= this.cutoff) return;
    this.hold(order, { sheet, cell: cell(), code, message: message() });
  }

  private hold(order: number, issue: ReturnIssue): void {
    const last = this.held.at(-1);
    if (last && last.order > order) this.sorted = false;
    this.held.push({ order, issue });
    if (this.held.length >= 2 * this.limit) this.trim();
  }

  addAll(issues: readonly ReturnIssue[]): void {
    for (const i of issues) this.add(i);
  }

  /** Another list's issues: those it listed, and the count of those it left out. */
  absorb(other: IssueList): void {
    const listed = other.list();
    this.addAll(listed);
    this.count += other.total - listed.length;
  }


  private trim(): void {
    // Array.prototype.sort is stable: issues at the same cell keep the order they came in.
    if (!this.sorted) this.held.sort((a, b) => a.order - b.order);
    this.sorted = true;
    if (this.held.length >= this.limit) {
      this.held.length = this.limit;
      this.cutoff = this.held[this.limit - 1]!.order;
    }
  }

  /** The first `limit` issues, in reading order. */
  list(): ReturnIssue[] {
    this.trim();
    return this.held.map((h) => h.issue);
  }
}
