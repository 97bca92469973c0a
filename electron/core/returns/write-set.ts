/**
 * The values of a return that would change the store: positions in its
 * candidate list, not copies (a big file's writes would otherwise be a second
 * set of ~640,000 objects).
 */
import type { CandidateList } from './candidates';

export class WriteSet {
  private readonly indices: number[] = [];

  constructor(readonly list: CandidateList) {}

  get length(): number {
    return this.indices.length;
  }

  add(candidate: number): void {
    this.indices.push(candidate);
  }

  /** The candidate index of the k-th write. */
  candidate(k: number): number {
    return this.indices[k]!;
  }

  /** `indicator|region|period` of the k-th write. */
  key(k: number): string {
    const i = this.indices[k]!;
    return `${this.list.code(i)}|${this.list.region(i)}|${this.list.period(i)}`;
  }

  /** The writes whose position passes `keep`, as a set of their own. */
  filter(keep: (k: number) => boolean): WriteSet {
    const out = new WriteSet(this.list);
    for (let k = 0; k < this.indices.length; k++) if (keep(k)) out.indices.push(this.indices[k]!);
    return out;
  }

  /** The distinct values of one column over the writes, in order first met. */
  distinct(column: 'region' | 'period'): string[] {
    const seen = new Set<string>();
    for (const i of this.indices) seen.add(this.list[column](i));
    return [...seen];
  }
}
