/**
 * Periods: quarters ("2026Q1") and years ("2026"). People write quarters many
 * ways (2026年第一季度, 2026-Q1, 2026 Q1, 2026年1季度); all read to one code.
 */
export interface Period {
  code: string;
  year: number;
  /** null for a whole year. */
  quarter: 1 | 2 | 3 | 4 | null;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function parsePeriod(input: string): Period | null {
  const s = toHalfWidth(String(input)).trim().replace(/\s+/g, '').toUpperCase();
  let m = /^(\d{4})[-_/]?Q([1-4])$/.exec(s);
  if (m) return makeQuarter(Number(m[1]), Number(m[2]));
  m = /^(\d{4})年?第?([一二三四1-4])季度?$/.exec(s);
  if (m) return makeQuarter(Number(m[1]), CN_DIGITS[m[2]!]!);
  m = /^(\d{4})年?(全年|年度)?$/.exec(s);
  if (m) return makeYear(Number(m[1]));
  return null;
}

function validYear(y: number): boolean {
  return y >= 2000 && y <= 2100;
}

export function makeQuarter(year: number, quarter: number): Period | null {
  if (!validYear(year) || quarter < 1 || quarter > 4) return null;
  return { code: `${year}Q${quarter}`, year, quarter: quarter as 1 | 2 | 3 | 4 };
}

export function makeYear(year: number): Period | null {
  if (!validYear(year)) return null;
  return { code: String(year), year, quarter: null };
}

/** Sort key: 2026Q1 → 20261, 2026 → 20265 (a year sorts after its last quarter: the annual figure is the latest word). */
export function periodSort(p: Period): number {
  return p.year * 10 + (p.quarter ?? 5);
}

export function previousQuarter(p: Period): Period {
  if (p.quarter === null) return makeYear(p.year - 1)!;
  return p.quarter === 1 ? makeQuarter(p.year - 1, 4)! : makeQuarter(p.year, p.quarter - 1)!;
}

/** Quarters from..to inclusive. */
export function quarterRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  let y = from.year;
  let q = from.quarter ?? 1;
  const endSort = to.year * 10 + (to.quarter ?? 4);
  while (y * 10 + q <= endSort) {
    out.push(makeQuarter(y, q)!);
    q += 1;
    if (q > 4) {
      q = 1;
      y += 1;
    }
  }
  return out;
}

export function periodLabel(p: Period): string {
  const cn = ['', '一', '二', '三', '四'];
  return p.quarter === null ? `${p.year}年` : `${p.year}年第${cn[p.quarter]}季度`;
}

/** The last day of the period, ISO. Used for milestones' deadlines. */
export function periodEnd(p: Period): string {
  if (p.quarter === null) return `${p.year}-12-31`;
  const ends = ['', '03-31', '06-30', '09-30', '12-31'];
  return `${p.year}-${ends[p.quarter]}`;
}
