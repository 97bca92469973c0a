/**
 * Holds a parsed return against the database, reading only: which values are
 * new, changed or unchanged; which clash with each other or with a locked
 * period; which are far from last quarter. Preview and commit share this, so
 * what a person previews is exactly what a commit writes.
 */
import type { Database } from 'better-sqlite3';
import type { ImportRow, ReturnIssue } from '../../../shared/channels/returns';
import { parsePeriod, periodLabel, previousQuarter } from '../../../shared/periods';
import { stmt } from '../db/statements';
import { isLocked } from '../observations/write';
import type { Candidate, ImportCatalogue, ParsedReturn } from './parsed';

export interface Evaluation {
  rows: ImportRow[];
  /** The candidates that would change the database, with their rows' status. */
  writes: Array<Candidate & { status: 'new' | 'changed' }>;
  rejected: ReturnIssue[];
  warnings: ReturnIssue[];
  accepted: number;
  unchanged: number;
}

const keyOf = (c: { code: string; region: string; period: string }) => `${c.code}\u0000${c.region}\u0000${c.period}`;

function where(c: Candidate): string {
  return `${c.sheet}!${c.cell}`;
}

/** One value per indicator, region and period: the same value twice is fine, two different values are both refused. */
function dedupe(candidates: Candidate[], cat: ImportCatalogue, rejected: ReturnIssue[]): Candidate[] {
  const first = new Map<string, Candidate>();
  const clashed = new Set<string>();
  for (const c of candidates) {
    const k = keyOf(c);
    const a = first.get(k);
    if (!a) {
      first.set(k, c);
      continue;
    }
    if (a.value === c.value && !clashed.has(k)) continue;
    const what = `指标 ${c.code}（${cat.regionName(c.region)}${periodLabel(parsePeriod(c.period)!)}）`;
    const message = `${what}在 ${where(a)} 和 ${where(c)} 填了不同的值（${a.value} 和 ${c.value}），请只保留一个。`;
    if (!clashed.has(k)) rejected.push({ sheet: a.sheet, cell: a.cell, code: a.code, message });
    rejected.push({ sheet: c.sheet, cell: c.cell, code: c.code, message });
    clashed.add(k);
  }
  return candidates.filter((c) => first.get(keyOf(c)) === c && !clashed.has(keyOf(c)));
}

function farFromLastQuarter(c: Candidate, prev: number, prevLabel: string): string | null {
  if (!(prev > 0)) return null;
  const ratio = c.value / prev;
  if (ratio > 3) return `本期值 ${c.value} 是上期（${prevLabel}）值 ${prev} 的 ${Math.round(ratio * 10) / 10} 倍，请核实；如无误，请在备注中说明原因。`;
  if (ratio < 1 / 3) return `本期值 ${c.value} 不到上期（${prevLabel}）值 ${prev} 的三分之一，请核实；如无误，请在备注中说明原因。`;
  return null;
}

/** Row and column of an A1 reference, for sorting issues the way a person reads the sheet. */
function position(cell: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return [0, 0];
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]), col];
}

/** Issues in reading order: sheet by sheet (as first met), then top to bottom, left to right. */
function inReadingOrder(issues: ReturnIssue[]): ReturnIssue[] {
  const sheets = [...new Set(issues.map((i) => i.sheet))];
  return issues
    .map((i, n) => ({ i, n, s: sheets.indexOf(i.sheet), p: position(i.cell) }))
    .sort((a, b) => a.s - b.s || a.p[0] - b.p[0] || a.p[1] - b.p[1] || a.n - b.n)
    .map((x) => x.i);
}

/**
 * The stored values of every period the file touches, and of the quarters
 * before them (for the "far from last quarter" check), read in one query per
 * period instead of one per cell.
 */
function storedValues(db: Database, candidates: Candidate[]): Map<string, { value: number; note: string }> {
  const periods = new Set<string>();
  for (const c of candidates) {
    if (periods.has(c.period)) continue;
    periods.add(c.period);
    const p = parsePeriod(c.period);
    if (p) periods.add(previousQuarter(p).code);
  }
  const byPeriod = stmt(db, 'SELECT indicator, region, period, value, note FROM observations WHERE period = ?');
  const out = new Map<string, { value: number; note: string }>();
  for (const period of periods) {
    for (const row of byPeriod.iterate(period) as Iterable<{ indicator: string; region: string; period: string; value: number; note: string }>) {
      out.set(keyOf({ code: row.indicator, region: row.region, period: row.period }), { value: row.value, note: row.note });
    }
  }
  return out;
}

export function evaluate(db: Database, cat: ImportCatalogue, parsed: ParsedReturn): Evaluation {
  const rejected = [...parsed.rejected];
  const warnings = [...parsed.warnings];
  const unique = dedupe(parsed.candidates, cat, rejected);
  const inFile = new Map(unique.map((c) => [keyOf(c), c.value]));
  const current = storedValues(db, unique);
  const lockCache = new Map<string, boolean>();
  const locked = (region: string, period: string) => {
    const k = `${region}|${period}`;
    if (!lockCache.has(k)) lockCache.set(k, isLocked(db, region, period));
    return lockCache.get(k)!;
  };

  const rows: ImportRow[] = [];
  const writes: Evaluation['writes'] = [];
  let unchanged = 0;
  for (const c of unique) {
    const now = current.get(keyOf(c));
    const same = now !== undefined && now.value === c.value && (c.note === undefined || c.note === now.note);
    const status = now === undefined ? 'new' : same ? 'unchanged' : 'changed';
    const label = `${cat.regionName(c.region)}${periodLabel(parsePeriod(c.period)!)}`;
    if (status !== 'unchanged' && locked(c.region, c.period)) {
      rejected.push({
        sheet: c.sheet, cell: c.cell, code: c.code,
        message: `${label}的数据已审定锁定，这个值不能导入。如需更正，请先在“填报与导入”中重新打开该期（需填写原因）。`,
      });
      continue;
    }
    const ind = cat.indicators.get(c.code);
    if (ind && ind.direction !== 'milestone') {
      const prev = previousQuarter(parsePeriod(c.period)!);
      const prevKey = keyOf({ ...c, period: prev.code });
      const prevValue = inFile.get(prevKey) ?? current.get(prevKey)?.value;
      const far = prevValue === undefined ? null : farFromLastQuarter(c, prevValue, periodLabel(prev));
      if (far) warnings.push({ sheet: c.sheet, cell: c.cell, code: c.code, message: far });
    }
    rows.push({
      sheet: c.sheet, cell: c.cell, code: c.code, region: c.region, period: c.period,
      status, oldValue: now?.value ?? null, newValue: c.value,
    });
    if (status === 'unchanged') unchanged++;
    else writes.push({ ...c, status });
  }
  return { rows, writes, rejected: inReadingOrder(rejected), warnings: inReadingOrder(warnings), accepted: writes.length, unchanged };
}
