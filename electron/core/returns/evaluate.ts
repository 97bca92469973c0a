/**
 * Holds a parsed return against the database, reading only: which values are
 * new, changed or unchanged; which clash with each other or with a locked
 * period; which are far from last quarter. Preview and commit share this, so
 * what a person previews is exactly what a commit writes.
 */
import type { Database } from 'better-sqlite3';
import type { ImportRow, ReturnIssue } from '../../../shared/channels/returns';
import { parsePeriod, periodLabel, previousQuarter, type Period } from '../../../shared/periods';
import { stmt } from '../db/statements';
import { isLocked } from '../observations/write';
import type { CandidateList } from './candidates';
import type { ImportCatalogue, ParsedReturn } from './parsed';
import { IssueList, LISTED_ISSUES } from './issue-list';
import { keyIndex, type Key } from './key-index';
import { WriteSet } from './write-set';

export type RowStatus = ImportRow['status'];

export interface Evaluation {
  /** A row per value read, in reading order; with `rowLimit`, only the first that many of each status. */
  rows: ImportRow[];
  /** Every value read, by status (rows may list fewer). */
  rowCounts: Record<RowStatus, number>;
  /** How many values `rows` leaves out. */
  rowsOmitted: number;
  /** The values that would change the database (none when not asked for). */
  writes: WriteSet;
  /** In reading order; with `issueLimit`, only the first that many. */
  rejected: ReturnIssue[];
  warnings: ReturnIssue[];
  /** Every refused cell and warning, listed or not. */
  rejectedTotal: number;
  warningsTotal: number;
  accepted: number;
  unchanged: number;
}

function where(list: CandidateList, i: number): string {
  return `${list.sheet(i)}!${list.cell(i)}`;
}

/** What evaluate needs of each period code, worked out once per code rather than once per cell. */
interface PeriodFacts {
  period: Period;
  label: string;
  /** The quarter before (the year before, for a year); null before 2000, where none can be stored. */
  prev: Period | null;
}

function periodFacts(): (code: string) => PeriodFacts {
  const cache = new Map<string, PeriodFacts>();
  return (code) => {
    let f = cache.get(code);
    if (!f) {
      const period = parsePeriod(code)!;
      f = { period, label: periodLabel(period), prev: previousQuarter(period) ?? null };
      cache.set(code, f);
    }
    return f;
  };
}


/**
 * Keys for (indicator, region, period). The candidate list has numbered its
 * codes, regions and periods already; a key is those numbers in one small
 * integer (no string to build or hash per value). The periods before the
 * file's are numbered after them. A catalogue too big for that falls back to
 * joined strings.
 */
class KeySpace {
  private readonly periods: Map<string, number>;
  /** By the list's period number: the number of the period before (-1: none). */
  private readonly prevOf: Int32Array;
  /** By the list's period number: the code of the period before (for string keys). */
  private readonly prevCode: Array<string | null>;
  readonly numeric: boolean;

  constructor(private readonly list: CandidateList, facts: (code: string) => PeriodFacts) {
    this.periods = new Map(list.periods.list.map((p, i) => [p, i]));
    this.prevOf = new Int32Array(list.periods.size).fill(-1);
    this.prevCode = list.periods.list.map((p) => facts(p).prev?.code ?? null);
    list.periods.list.forEach((p, i) => {
      const prev = facts(p).prev;
      if (!prev) return;
      if (!this.periods.has(prev.code)) this.periods.set(prev.code, this.periods.size);
      this.prevOf[i] = this.periods.get(prev.code)!;
    });
    this.numeric = list.codes.size <= 2048 && list.regions.size <= 1024 && this.periods.size <= 1024;
  }

  /** The key of candidate i's indicator and region in the period before its own (undefined: no such period). */
  previousKey(i: number): Key | undefined {
    const l = this.list;
    const p = this.prevOf[l.periodId(i)]!;
    if (p < 0) return undefined;
    if (this.numeric) return (l.codeId(i) * 1024 + l.regionId(i)) * 1024 + p;
    return `${l.code(i)}\u0000${l.region(i)}\u0000${this.prevCode[l.periodId(i)]!}`;
  }

  /** The key, or undefined for a code, region or period no candidate has (it cannot match any). */
  key(code: string, region: string, period: string): Key | undefined {
    const c = this.list.codes.find(code);
    const r = this.list.regions.find(region);
    const p = this.periods.get(period);
    if (c === undefined || r === undefined || p === undefined) return undefined;
    return this.numeric ? (c * 1024 + r) * 1024 + p : `${code}\u0000${region}\u0000${period}`;
  }

  /** The key of candidate i. */
  of(i: number): Key {
    const l = this.list;
    return this.numeric ? (l.codeId(i) * 1024 + l.regionId(i)) * 1024 + l.periodId(i) : `${l.code(i)}\u0000${l.region(i)}\u0000${l.period(i)}`;
  }
}

/**
 * One value per indicator, region and period: the same value twice is fine,
 * two different values are both refused. Returns the indices of the first
 * candidate of each key that did not clash, with their keys, and what the
 * "far from last quarter" check needs of the file's own values: a key's
 * value, looked up without holding on to the candidates themselves.
 */
function dedupe(list: CandidateList, keySpace: KeySpace, cat: ImportCatalogue, rejected: IssueList, facts: (code: string) => PeriodFacts) {
  const n = list.length;
  const first = keyIndex(keySpace.numeric, n);
  const clashed = new Set<Key>();
  for (let i = 0; i < n; i++) {
    const k = keySpace.of(i);
    const at = first.get(k);
    if (at === undefined) {
      first.set(k, i);
      continue;
    }
    if (list.value(at) === list.value(i) && !clashed.has(k)) continue;
    const what = `指标 ${list.code(i)}（${cat.regionName(list.region(i))}${facts(list.period(i)).label}）`;
    const message = `${what}在 ${where(list, at)} 和 ${where(list, i)} 填了不同的值（${list.value(at)} 和 ${list.value(i)}），请只保留一个。`;
    if (!clashed.has(k)) rejected.add({ sheet: list.sheet(at), cell: list.cell(at), code: list.code(at), message });
    rejected.add({ sheet: list.sheet(i), cell: list.cell(i), code: list.code(i), message });
    clashed.add(k);
  }
  // Candidate indices in order (a typed array: 640,000 of them need not be heap numbers).
  let unique = new Uint32Array(n);
  let u = 0;
  for (let i = 0; i < n; i++) {
    const k = keySpace.of(i);
    if (first.get(k) === i && !clashed.has(k)) unique[u++] = i;
  }
  unique = unique.subarray(0, u);
  /** The file's own value for a key (none for a key whose values clashed). */
  const inFile = (k: Key): number | undefined => {
    if (clashed.has(k)) return undefined;
    const at = first.get(k);
    return at === undefined ? undefined : list.value(at);
  };
  return { unique, inFile };
}

/** More than 3× or less than ⅓ of last quarter's value. */
function isFar(value: number, prev: number): boolean {
  if (!(prev > 0)) return false;
  const ratio = value / prev;
  return ratio > 3 || ratio < 1 / 3;
}

function farFromLastQuarter(value: number, prev: number, prevLabel: string): string | null {
  if (!(prev > 0)) return null;
  const ratio = value / prev;
  if (ratio > 3) return `本期值 ${value} 是上期（${prevLabel}）值 ${prev} 的 ${Math.round(ratio * 10) / 10} 倍，请核实；如无误，请在备注中说明原因。`;
  if (ratio < 1 / 3) return `本期值 ${value} 不到上期（${prevLabel}）值 ${prev} 的三分之一，请核实；如无误，请在备注中说明原因。`;
  return null;
}

/**
 * The stored values of every period the file touches, and of the quarters
 * before them (for the "far from last quarter" check), read in one query per
 * period instead of one per cell.
 */
function storedValues(db: Database, list: CandidateList, keySpace: KeySpace, facts: (code: string) => PeriodFacts): Map<Key, { value: number; note: string }> {
  const periods = new Set<string>();
  for (const period of list.periods.list) {
    periods.add(period);
    const prev = facts(period).prev;
    if (prev) periods.add(prev.code);
  }
  // Rows as arrays (a statement of its own: raw mode is a property of the prepared statement).
  const byPeriod = stmt(db, 'SELECT indicator, region, period, value, note FROM observations WHERE period = ? /* raw */').raw(true);
  const out = new Map<Key, { value: number; note: string }>();
  for (const period of periods) {
    for (const row of byPeriod.all(period) as Array<[string, string, string, number, string]>) {
      const k = keySpace.key(row[0], row[1], row[2]);
      if (k !== undefined) out.set(k, { value: row[3], note: row[4] });
    }
  }
  return out;
}

export interface EvaluateOptions {
  /** Collect the writes (a commit needs them; a preview only their number). Default true. */
  writes?: boolean;
  /**
   * List at most this many rows of each status (a preview of a 640,000-value
   * file need not hold a row object for each: the counts say the rest).
   */
  rowLimit?: number;
  /** List at most this many refused cells, and as many warnings (the first, in reading order); at most LISTED_ISSUES. */
  issueLimit?: number;
}

export function evaluate(db: Database, cat: ImportCatalogue, parsed: ParsedReturn, options: EvaluateOptions = {}): Evaluation {
  const wantWrites = options.writes ?? true;
  const rowLimit = options.rowLimit ?? Number.POSITIVE_INFINITY;
  const list = parsed.candidates;
  const rejected = new IssueList(options.issueLimit ?? LISTED_ISSUES);
  const warnings = new IssueList(options.issueLimit ?? LISTED_ISSUES);
  rejected.absorb(parsed.rejected);
  warnings.absorb(parsed.warnings);
  const facts = periodFacts();
  const keySpace = new KeySpace(list, facts);
  const { unique, inFile } = dedupe(list, keySpace, cat, rejected, facts);
  const current = storedValues(db, list, keySpace, facts);
  // Locks by period, then region: no key to build per value.
  const lockCache = new Map<string, Map<string, boolean>>();
  // What each numbered code and period stands for, looked up once rather than once per value.
  const indicatorOf = list.codes.list.map((c) => cat.indicators.get(c));
  const factsOf = list.periods.list.map((p) => facts(p));

  const rows: ImportRow[] = [];
  const rowCounts: Record<RowStatus, number> = { new: 0, changed: 0, unchanged: 0 };
  const writes = new WriteSet(list);
  for (const at of unique) {
    const key = keySpace.of(at);
    const value = list.value(at);
    const note = list.note(at);
    const now = current.get(key);
    const same = now !== undefined && now.value === value && (note === undefined || note === now.note);
    const status: RowStatus = now === undefined ? 'new' : same ? 'unchanged' : 'changed';
    const period = list.period(at);
    const f = factsOf[list.periodId(at)]!;
    if (status !== 'unchanged') {
      const region = list.region(at);
      let byRegion = lockCache.get(period);
      if (!byRegion) lockCache.set(period, (byRegion = new Map()));
      let locked = byRegion.get(region);
      if (locked === undefined) byRegion.set(region, (locked = isLocked(db, region, period)));
      if (locked) {
        rejected.add({
          sheet: list.sheet(at), cell: list.cell(at), code: list.code(at),
          message: `${cat.regionName(region)}${f.label}的数据已审定锁定，这个值不能导入。如需更正，请先在“填报与导入”中重新打开该期（需填写原因）。`,
        });
        continue;
      }
    }
    const code = list.code(at);
    const ind = indicatorOf[list.codeId(at)];
    if (ind && ind.direction !== 'milestone' && f.prev) {
      const prevKey = keySpace.previousKey(at)!;
      // The file's own value for last quarter (none if its values clashed), else the stored one.
      const prevValue = inFile(prevKey) ?? current.get(prevKey)?.value;
      if (prevValue !== undefined && isFar(value, prevValue)) {
        const prevLabel = facts(f.prev.code).label;
        warnings.offerAt(list.sheet(at), list.rowCol(at), () => list.cell(at), code, () => farFromLastQuarter(value, prevValue, prevLabel)!);
      }
    }
    if (rowCounts[status]++ < rowLimit) {
      rows.push({ sheet: list.sheet(at), cell: list.cell(at), code, region: list.region(at), period, status, oldValue: now?.value ?? null, newValue: value });
    }
    if (status !== 'unchanged' && wantWrites) writes.add(at);
  }
  const accepted = rowCounts.new + rowCounts.changed;
  return {
    rows,
    rowCounts,
    rowsOmitted: accepted + rowCounts.unchanged - rows.length,
    writes,
    rejected: rejected.list(),
    warnings: warnings.list(),
    rejectedTotal: rejected.total,
    warningsTotal: warnings.total,
    accepted,
    unchanged: rowCounts.unchanged,
  };
}
