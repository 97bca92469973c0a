/**
 * Text that goes into an exported workbook. Anything a user may have typed
 * (notes, names, units of an edited catalogue, region names) passes through
 * `safeText`, so that a note like "=HYPERLINK(...)" can never become a live
 * formula — not in this workbook, and not when someone saves it as CSV and
 * opens that in Excel or WPS (the classic CSV-injection route).
 */

/** Leading characters that spreadsheet programs read as the start of a formula (full-width forms included: WPS reads them too). */
const FORMULA_LEADS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']);

/** Characters XML 1.0 cannot carry (exceljs drops some, not all); lone surrogates included. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Excel refuses cells longer than this. */
export const MAX_CELL_CHARS = 32_767;

/**
 * A string that is shown as written and never evaluated: a leading formula
 * character gets a single quote (') in front. The caller writes the result
 * as a plain string value — never as `{ formula }`.
 */
export function safeText(input: string | null | undefined): string {
  if (input === null || input === undefined) return '';
  let s = String(input).replace(INVALID_XML, '');
  if (s.length > 0 && FORMULA_LEADS.has(s[0]!)) s = `'${s}`;
  if (s.length > MAX_CELL_CHARS) s = s.slice(0, MAX_CELL_CHARS - 1) + '…';
  return s;
}

/** True when `safeText` would have to defuse this string. */
export function looksLikeFormula(input: string): boolean {
  return input.length > 0 && FORMULA_LEADS.has(input[0]!);
}

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\']/g;
const SHEET_NAME_MAX = 31;

/**
 * A valid, unique worksheet name: at most 31 characters, none of []:*?/\
 * (apostrophes dropped too: they would need quoting in print-title ranges),
 * not blank, not Excel's reserved "History", unique ignoring case among
 * `used` (which it extends).
 */
export function safeSheetName(raw: string, used: Set<string>, fallback = '工作表'): string {
  let base = String(raw ?? '')
    .replace(INVALID_XML, '')
    .replace(/[\r\n\t]/g, ' ')
    .replace(SHEET_NAME_FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!base || base.toLowerCase() === 'history') base = fallback;
  base = clip(base, SHEET_NAME_MAX);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n += 1) {
    const suffix = `(${n})`;
    name = clip(base, SHEET_NAME_MAX - suffix.length).trimEnd() + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** At most `max` UTF-16 units (Excel's measure), never splitting a surrogate pair. */
function clip(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Text inside a header/footer: '&' starts a control code there, so it is doubled. */
export function headerFooterText(input: string): string {
  return String(input ?? '').replace(INVALID_XML, '').replace(/[\r\n]/g, ' ').replace(/&/g, '&&');
}
