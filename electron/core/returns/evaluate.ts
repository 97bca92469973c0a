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
import type { Candidate, ImportCatalogue, ParsedReturn } from './parsed';

export interface Evaluation {
  rows: ImportRow[];
  /** The candidates that would change the database, with their rows' status (empty when not asked for). */
  writes: Array<Candidate & { status: 'new' | 'changed' }>;
  rejected: ReturnIssue[];
  warnings: ReturnIssue[];
  accepted: number;
  unchanged: number;
}

function where(c: Candidate): string {
  return `${c.sheet}!${c.cell}`;
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

type Key = number | string;

/**
 * Keys for (indicator, region, period). Codes met are numbered, so a key is
 * one small integer (no string to build or hash per value); a catalogue too
 * big for that falls back to joined strings.
 */
class KeySpace {
  private readonly codes = new Map<string, number>();
  private readonly regions = new Map<string, number>();
  private readonly periods = new Map<string, number>();
  private numeric = true;

  private static intern(map: Map<string, number>, s: string): void {
    if (!map.has(s)) map.set(s, map.size);
  }

  /** Numbers every code, region and period (and the period before) of the candidates; call before key(). */
  constructor(candidates: readonly Candidate[], facts: (code: string) => PeriodFacts) {
    const seen = new Set<string>();
    for (const c of candidates) {
      KeySpace.intern(this.codes, c.code);
      KeySpace.intern(this.regions, c.region);
      if (!seen.has(c.period)) {
        seen.add(c.period);
        KeySpace.intern(this.periods, c.period);
        const prev = facts(c.period).prev;
        if (prev) KeySpace.intern(this.periods, prev.code);
      }
    }
    this.numeric = this.codes.size <= 2048 && this.regions.size <= 1024 && this.periods.size <= 1024;
  }

  /** The key, or undefined for a code, region or period no candidate has (it cannot match any). */
  key(code: string, region: string, period: string): Key | undefined {
    const c = this.codes.get(code);
    const r = this.regions.get(region);
    const p = this.periods.get(period);
    if (c === undefined || r === undefined || p === undefined) return undefined;
    return this.numeric ? (c * 1024 + r) * 1024 + p : `${code}\u0000${region}\u0000${period}`;
  }
}

/**
 * One value per indicator, region and period: the same value twice is fine,
 * two different values are both refused. Returns the indices of the first
 * candidate of each key that did not clash, with their keys, and what the
 * "far from last quarter" check needs of the file's own values: a key's
 * value, looked up without holding on to the candidates themselves.
 */
function dedupe(candidates: Candidate[], keySpace: KeySpace, cat: ImportCatalogue, rejected: ReturnIssue[], facts: (code: string) => PeriodFacts) {
  const n = candidates.length;
  const first = new Map<Key, number>();
  const clashed = new Set<Key>();
  const keys: Key[] = new Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!;
    const k = keySpace.key(c.code, c.region, c.period)!;
    keys[i] = k;
    values[i] = c.value;
    const at = first.get(k);
    if (at === undefined) {
      first.set(k, i);
      continue;
    }
    const a = candidates[at]!;
    if (a.value === c.value && !clashed.has(k)) continue;
    const what = `指标 ${c.code}（${cat.regionName(c.region)}${facts(c.period).label}）`;
    const message = `${what}在 ${where(a)} 和 ${where(c)} 填了不同的值（${a.value} 和 ${c.value}），请只保留一个。`;
    if (!clashed.has(k)) rejected.push({ sheet: a.sheet, cell: a.cell, code: a.code, message });
    rejected.push({ sheet: c.sheet, cell: c.cell, code: c.code, message });
    clashed.add(k);
  }
  const unique: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (first.get(k) === i && !clashed.has(k)) unique.push(i);
  }
  /** The file's own value for a key (none for a key whose values clashed). */
  const inFile = (k: Key): number | undefined => {
    if (clashed.has(k)) return undefined;
    const at = first.get(k);
    return at === undefined ? undefined : values[at];
  };
  return { unique, keys, inFile };
}

function farFromLastQuarter(c: Candidate, prev: number, prevLabel: string): string | null {
  if (!(prev > 0)) return null;
  const ratio = c.value / prev;
  if (ratio > 3) return `本期值 ${c.value} 是上期（${prevLabel}）值 ${prev} 的 ${Math.round(ratio * 10) / 10} 倍，请核实；如无误，请在备注中说明原因。`;
  if (ratio < 1 / 3) return `本期值 ${c.value} 不到上期（${prevLabel}）值 ${prev} 的三分之一，请核实；如无误，请在备注中说明原因。`;
  return null;
}

/** Row and column of an A1 reference, for sorting issues the way a person reads the sheet ([0, 0] for anything else). */
function position(cell: string): [number, number] {
  let col = 0;
  let k = 0;
  for (; k < cell.length; k++) {
    const ch = cell.charCodeAt(k);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
  }
  if (k === 0 || k === cell.length) return [0, 0];
  let row = 0;
  for (let j = k; j < cell.length; j++) {
    const d = cell.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return [0, 0];
    row = row * 10 + d;
  }
  return [row, col];
}

/** Issues in reading order: sheet by sheet (as first met), then top to bottom, left to right (a stable sort). */
function inReadingOrder(issues: ReturnIssue[]): ReturnIssue[] {
  const n = issues.length;
  if (n < 2) return issues;
  const sheets = new Map<string, number>();
  const order = new Float64Array(n);
  const starts = [0];
  for (let i = 0; i < n; i++) {
    const issue = issues[i]!;
    let s = sheets.get(issue.sheet);
    if (s === undefined) {
      s = sheets.size;
      sheets.set(issue.sheet, s);
    }
    const [row, col] = position(issue.cell);
    // Excel has 1,048,576 rows and 16,384 columns: one number orders sheet, row and column.
    order[i] = (s * 2_097_152 + row) * 65_536 + col;
    if (i > 0 && order[i - 1]! > order[i]!) starts.push(i);
  }
  if (starts.length === 1) return issues;
  // The issues come in a few sorted runs (the parser's, then evaluate's): merge them, earlier runs first on ties.
  const runs = starts.map((from, k) => Array.from({ length: (starts[k + 1] ?? n) - from }, (_, j) => from + j));
  while (runs.length > 1) {
    const merged: number[][] = [];
    for (let k = 0; k < runs.length; k += 2) {
      const x = runs[k]!;
      const y = runs[k + 1];
      if (!y) {
        merged.push(x);
        continue;
      }
      const out: number[] = new Array(x.length + y.length);
      let i = 0;
      let j = 0;
      let o = 0;
      while (i < x.length && j < y.length) out[o++] = order[y[j]!]! < order[x[i]!]! ? y[j++]! : x[i++]!;
      while (i < x.length) out[o++] = x[i++]!;
      while (j < y.length) out[o++] = y[j++]!;
      merged.push(out);
    }
    runs.splice(0, runs.length, ...merged);
  }
  return runs[0]!.map((i) => issues[i]!);
}

/**
 * The stored values of every period the file touches, and of the quarters
 * before them (for the "far from last quarter" check), read in one query per
 * period instead of one per cell.
 */
function storedValues(db: Database, candidates: Candidate[], keySpace: KeySpace, facts: (code: string) => PeriodFacts): Map<Key, { value: number; note: string }> {
  const touched = new Set<string>();
  const periods = new Set<string>();
  for (const c of candidates) {
    if (touched.has(c.period)) continue;
    touched.add(c.period);
    periods.add(c.period);
    const prev = facts(c.period).prev;
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
  /** Build `writes` (a commit needs them; a preview only their number). Default true. */
  writes?: boolean;
  /**
   * Let go of each candidate once it is evaluated (a big file's candidates and
   * its report rows then need not be held at once), and make the candidates
   * that change the store the writes themselves: parsed.candidates is empty
   * afterwards. For callers that evaluate a parsed return once.
   */
  consume?: boolean;
}

export function evaluate(db: Database, cat: ImportCatalogue, parsed: ParsedReturn, options: EvaluateOptions = {}): Evaluation {
  const wantWrites = options.writes ?? true;
  const candidates = parsed.candidates;
  const rejected = [...parsed.rejected];
  const warnings = [...parsed.warnings];
  const facts = periodFacts();
  const keySpace = new KeySpace(candidates, facts);
  const { unique, keys, inFile } = dedupe(candidates, keySpace, cat, rejected, facts);
  const current = storedValues(db, candidates, keySpace, facts);
  // Locks by period, then region: no key to build per value.
  const lockCache = new Map<string, Map<string, boolean>>();

  const rows: ImportRow[] = [];
  const writes: Evaluation['writes'] = [];
  let accepted = 0;
  let unchanged = 0;
  for (const at of unique) {
    const c = candidates[at]!;
    if (options.consume) (candidates as Array<Candidate | null>)[at] = null;
    const key = keys[at]!;
    const now = current.get(key);
    const same = now !== undefined && now.value === c.value && (c.note === undefined || c.note === now.note);
    const status = now === undefined ? 'new' : same ? 'unchanged' : 'changed';
    const f = facts(c.period);
    if (status !== 'unchanged') {
      let byRegion = lockCache.get(c.period);
      if (!byRegion) lockCache.set(c.period, (byRegion = new Map()));
      let locked = byRegion.get(c.region);
      if (locked === undefined) byRegion.set(c.region, (locked = isLocked(db, c.region, c.period)));
      if (locked) {
        rejected.push({
          sheet: c.sheet, cell: c.cell, code: c.code,
          message: `${cat.regionName(c.region)}${f.label}的数据已审定锁定，这个值不能导入。如需更正，请先在“填报与导入”中重新打开该期（需填写原因）。`,
        });
        continue;
      }
    }
    const ind = cat.indicators.get(c.code);
    if (ind && ind.direction !== 'milestone' && f.prev) {
      const prevKey = keySpace.key(c.code, c.region, f.prev.code)!;
      // The file's own value for last quarter (none if its values clashed), else the stored one.
      const prevValue = inFile(prevKey) ?? current.get(prevKey)?.value;
      const far = prevValue === undefined ? null : farFromLastQuarter(c, prevValue, facts(f.prev.code).label);
      if (far) warnings.push({ sheet: c.sheet, cell: c.cell, code: c.code, message: far });
    }
    rows.push({
      sheet: c.sheet, cell: c.cell, code: c.code, region: c.region, period: c.period,
      status, oldValue: now?.value ?? null, newValue: c.value,
    });
    if (status === 'unchanged') {
      unchanged++;
    } else {
      accepted++;
      if (!wantWrites) continue;
      if (options.consume) {
        // The candidate is ours now: it becomes the write itself rather than being copied.
        const w = c as Candidate & { status: 'new' | 'changed' };
        w.status = status;
        writes.push(w);
      } else {
        writes.push({ sheet: c.sheet, cell: c.cell, code: c.code, region: c.region, period: c.period, value: c.value, note: c.note, status });
      }
    }
  }
  if (options.consume) candidates.length = 0;
  return { rows, writes, rejected: inReadingOrder(rejected), warnings: inReadingOrder(warnings), accepted, unchanged };
}
