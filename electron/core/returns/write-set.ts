/**
 * The values of a return that would change the store: positions in its
 * candidate list with their status, not copies (a big file's writes would
 * otherwise be a second set of ~640,000 objects).
 */
import type { Candidate, CandidateList } from './candidates';

export type WriteStatus = 'new' | 'changed';
export type Write = Candidate & { status: WriteStatus };

export class WriteSet {
  /** Candidate index × 2, plus 1 when the value changes a stored one. */
  private readonly packed: number[] = [];

  constructor(readonly list: CandidateList) {}

  get length(): number {
    return this.packed.length;
  }

  add(candidate: number, status: WriteStatus): void {
    this.packed.push(candidate * 2 + (status === 'changed' ? 1 : 0));
  }

  /** The candidate index of the k-th write. */
  candidate(k: number): number {
    return this.packed[k]! >>> 1;
  }

  status(k: number): WriteStatus {
    return this.packed[k]! & 1 ? 'changed' : 'new';
  }

  /** The k-th write as an object (made on demand). */
  at(k: number): Write {
    return { ...this.list.at(this.candidate(k)), status: this.status(k) };
  }

  /** `indicator|region|period` of the k-th write. */
  key(k: number): string {
    const i = this.candidate(k);
    return `${this.list.code(i)}|${this.list.region(i)}|${this.list.period(i)}`;
  }

  /** The writes whose position passes `keep`, as a set of their own. */
  filter(keep: (k: number) => boolean): WriteSet {
    const out = new WriteSet(this.list);
    for (let k = 0; k < this.packed.length; k++) if (keep(k)) out.packed.push(this.packed[k]!);
    return out;
  }

  /** The distinct values of one column over the writes, in order first met. */
  distinct(column: 'region' | 'period'): string[] {
    const seen = new Set<string>();
    for (let k = 0; k < this.packed.length; k++) seen.add(this.list[column](this.candidate(k)));
    return [...seen];
  }
}

export function writeSet(list: CandidateList): WriteSet {
  return new WriteSet(list);
}
