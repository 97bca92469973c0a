/**
 * How the catalogue looks as a workbook: sheet names, column titles, the
 * Chinese words for codes, and how a cell's content is read back. Export and
 * import both use this file, so a workbook written today reads back the same.
 */
import type ExcelJS from 'exceljs';
import type { Database } from 'better-sqlite3';
import type { Comparator, Direction } from '../../../shared/domain';

export const SHEET_INDICATORS = '指标';
export const SHEET_TARGETS = '目标';

export const INDICATOR_HEADERS = [
  '指标代码', '指标名称', '英文名称', '领域代码', '单位', '方向', '精度', '频度', '牵头单位', '配合单位', '出处文件', '出处条款', '已停用',
] as const;
export const TARGET_HEADERS = ['指标代码', '年度', '地区', '比较符', '目标值', '目标上限', '截止日期', '出处文件', '出处条款'] as const;

export const DIRECTION_LABEL: Record<Direction, string> = { lower: '越低越好', higher: '越高越好', range: '区间', milestone: '里程碑' };
export const FREQUENCY_LABEL = { quarter: '季度', year: '年度' } as const;
export const PROVINCE_WIDE = '全省';

/** Typed spellings people use besides the exact labels (≤ from an input method, 介于 for between). */
const COMPARATOR_WORDS: Record<string, Comparator> = {
  '<=': '<=', '≤': '<=', '＜＝': '<=', '>=': '>=', '≥': '>=', '＞＝': '>=', '=': '=', '＝': '=',
  between: 'between', '介于': 'between', '区间': 'between',
};

export function readDirection(text: string): Direction | null {
  const t = text.trim().toLowerCase();
  for (const [code, label] of Object.entries(DIRECTION_LABEL)) if (t === code || t === label) return code as Direction;
  return null;
}

export function readFrequency(text: string): 'quarter' | 'year' | null {
  const t = text.trim().toLowerCase();
  if (t === 'quarter' || t === '季度' || t === '季') return 'quarter';
  if (t === 'year' || t === '年度' || t === '年') return 'year';
  return null;
}

export function readComparator(text: string): Comparator | null {
  return COMPARATOR_WORDS[text.trim().toLowerCase()] ?? null;
}

/** 是 / 否 (blank = 否); null when it is neither. */
export function readYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === '否' || t === 'no' || t === 'false' || t === '0') return false;
  if (t === '是' || t === 'yes' || t === 'true' || t === '1') return true;
  return null;
}

/** Lists of units are shown joined with 、 and accept the separators people type. */
export function joinUnits(json: string): string {
  return (JSON.parse(json) as string[]).join('、');
}
export function splitUnits(text: string): string[] {
  return text.split(/[、,，;；\n]/).map((s) => s.trim()).filter(Boolean);
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

type Raw = ExcelJS.CellValue;

/** The text of a cell whatever Excel, WPS or LibreOffice stored (rich text, formula result, hyperlink...). */
export function cellText(value: Raw): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: Raw }).result ?? null);
    if ('text' in value) return String(value.text).trim();
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/** A number from a cell: numbers as stored, text with full-width digits or thousands separators; undefined when blank, NaN when not a number. */
export function cellNumber(value: Raw): number | undefined {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    return cellNumber((value as { result?: Raw }).result ?? null);
  }
  if (value instanceof Date) return NaN;
  const t = toHalfWidth(cellText(value)).replace(/[,\s]/g, '');
  if (t === '') return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

/** 2026-12-31, 2026/12/31, 2026.12.31, 2026年12月31日 or a date cell → ISO; undefined blank; null unreadable. */
export function cellDate(value: Raw): string | undefined | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const t = toHalfWidth(cellText(value));
  if (t === '') return undefined;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Source documents are shown by title (and number); read back by id, title, number or that label. */
export function documentNames(db: Database): { label: (id: string) => string; resolve: (text: string) => string } {
  const docs = db.prepare('SELECT id, title, doc_no FROM documents').all() as Array<{ id: string; title: string; doc_no: string }>;
  const byId = new Map(docs.map((d) => [d.id, d]));
  const lookup = new Map<string, string>();
  for (const d of docs) {
    for (const k of [d.id, d.title, d.doc_no, d.doc_no ? `${d.title}（${d.doc_no}）` : '']) if (k && !lookup.has(k)) lookup.set(k, d.id);
  }
  return {
    label: (id) => {
      const d = byId.get(id);
      if (!d) return id;
      return d.doc_no ? `${d.title}（${d.doc_no}）` : d.title;
    },
    // A document the catalogue does not know yet (a newly issued plan) is kept as typed.
    resolve: (text) => lookup.get(text.trim()) ?? text.trim(),
  };
}

/** Equal numbers, allowing for the last-digit noise of a round trip through another spreadsheet program. */
export function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
