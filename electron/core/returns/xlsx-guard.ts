/**
 * The gate in front of exceljs. `guardXlsx` decides, by streaming and with
 * bounded memory, whether a file is safe to hand to the workbook reader, and
 * refuses it otherwise with a one-line Chinese AppError('usage').
 *
 * What it looks at, in order:
 *  1. the file itself: empty, too big, not a ZIP (renamed .csv/.exe/…), an OLE
 *     compound file (legacy .xls, or an encrypted .xlsx);
 *  2. the ZIP container (zip-inspect.ts): the central directory is checked
 *     against every local header and the entries must tile the file exactly;
 *  3. every entry is really inflated (node:zlib, streaming) with running counters
 *     that stop the moment a cap is passed — decompressed total, per-entry ratio —
 *     and the real size/CRC must match the directory;
 *  4. the XML inside, as it streams past: no DTD/entity declarations anywhere,
 *     no UTF-16 parts, worksheet size (dimension, rows, columns, cells), text
 *     length per cell/shared string, and reference ranges that exceljs 4.4
 *     expands cell by cell (merged cells, data validations, defined names).
 *
 * Only node:fs, node:zlib and node:buffer are used.
 */
import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { AppError, describeIoError } from '../errors';
import { readAt, readZipDirectory, streamZipEntry, ZipFault, type ZipEntry } from './zip-inspect';

// ---------------------------------------------------------------------------
// Limits and messages

export interface GuardLimits {
  /** Largest file accepted, in bytes (100 MB). */
  maxFileBytes: number;
  /** Most ZIP entries (10,000). */
  maxEntries: number;
  /** Most bytes all entries may inflate to, together (1 GiB). */
  maxUncompressedBytes: number;
  /** Highest inflate ratio for an entry once it has produced more than `ratioMinBytes` (200). */
  maxRatio: number;
  /** Output size from which the ratio is enforced (1 MiB). */
  ratioMinBytes: number;
  /** Highest row number / number of rows in a worksheet (200,000). */
  maxRows: number;
  /** Highest column number / cells in a row (200). */
  maxColumns: number;
  /** Cells in all worksheets together (4,000,000). */
  maxCells: number;
  /** Longest text of one cell or shared string, in UTF-16 units as Excel counts (32,767). */
  maxStringLength: number;
  /** Shared strings in the workbook (2,000,000). */
  maxSharedStrings: number;
  /**
   * Cells covered by merged ranges, data validations and defined names together.
   * exceljs 4.4 creates one object per covered cell for each of these, so
   * `sqref="A1:XFD1048576"` in a 6 KB file is a hang. One whole column is
   * 1,048,576 cells; the default (2,200,000) allows about two.
   */
  maxRangeCells: number;
  /** Merged ranges per worksheet (exceljs checks each new merge against all earlier ones) (10,000). */
  maxMergedRanges: number;
}

export const DEFAULT_LIMITS: Readonly<GuardLimits> = Object.freeze({
  maxFileBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioMinBytes: 1024 * 1024,
  maxRows: 200_000,
  maxColumns: 200,
  maxCells: 4_000_000,
  maxStringLength: 32_767,
  maxSharedStrings: 2_000_000,
  maxRangeCells: 2_200_000,
  maxMergedRanges: 10_000,
});

/** Excel's own ceilings: nothing a real workbook holds can exceed them. */
const EXCEL_MAX_COLUMN = 16_384;

export type GuardCheck =
  | 'empty'
  | 'not-xlsx'
  | 'encrypted'
  | 'legacy-xls'
  | 'too-large'
  | 'truncated'
  | 'corrupt'
  | 'bomb'
  | 'dtd'
  | 'xml-encoding'
  | 'too-many-rows'
  | 'too-many-columns'
  | 'too-many-cells'
  | 'string-too-long'
  | 'too-many-strings'
  | 'range-too-large'
  | 'too-many-merges';

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** The one-line sentence shown for each refusal, given the limits in force. */
export function guardMessage(check: GuardCheck, limits: Readonly<GuardLimits> = DEFAULT_LIMITS): string {
  switch (check) {
    case 'empty':
      return '文件是空的（0 字节），请确认选对了文件';
    case 'not-xlsx':
      return '这个文件不是 Excel 工作簿（.xlsx），可能只是改了扩展名';
    case 'encrypted':
      return '这个工作簿设置了打开密码，请去掉密码后重新保存再导入';
    case 'legacy-xls':
      return '这是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再导入';
    case 'too-large':
      return `文件过大（超过 ${mb(limits.maxFileBytes)}），请只保留填报内容后再导入`;
    case 'truncated':
      return '文件不完整（可能没有下载或复制完），请重新获取文件后再导入';
    case 'corrupt':
      return '文件结构已损坏或被篡改';
    case 'bomb':
      return '文件解压后过大，疑似压缩炸弹，已拒绝';
    case 'dtd':
      return '文件包含不允许的 XML 声明（DTD/实体），已拒绝';
    case 'xml-encoding':
      return '文件中的 XML 使用了不支持的编码（UTF-16），请在 Excel/WPS 中另存为 .xlsx 后再导入';
    case 'too-many-rows':
      return `工作表行数过多（超过 ${limits.maxRows} 行），请只保留填报内容`;
    case 'too-many-columns':
      return `工作表列数过多（超过 ${limits.maxColumns} 列），请只保留填报内容`;
    case 'too-many-cells':
      return `工作表单元格过多（超过 ${limits.maxCells} 个），请只保留填报内容`;
    case 'string-too-long':
      return `单元格文字过长（超过 ${limits.maxStringLength} 个字符），已拒绝`;
    case 'too-many-strings':
      return `工作簿中的文字条目过多（超过 ${limits.maxSharedStrings} 条），请只保留填报内容`;
    case 'range-too-large':
      return `合并单元格、数据验证或名称引用的范围过大（合计超过 ${limits.maxRangeCells} 个单元格，例如给整列设置了下拉列表），请缩小到填报区域后再导入`;
    case 'too-many-merges':
      return `合并单元格过多（超过 ${limits.maxMergedRanges} 处），请取消不必要的合并后再导入`;
  }
}

/** A short description of every check, in the order they run, with its message. */
export function describeChecks(limits: Readonly<GuardLimits> = DEFAULT_LIMITS): Array<{ check: GuardCheck; what: string; message: string }> {
  const d = (check: GuardCheck, what: string) => ({ check, what, message: guardMessage(check, limits) });
  return [
    d('empty', 'the file has 0 bytes'),
    d('encrypted', 'OLE compound file whose directory holds EncryptionInfo/EncryptedPackage (password-protected .xlsx)'),
    d('legacy-xls', 'any other OLE compound file (D0 CF 11 E0): a BIFF .xls'),
    d('not-xlsx', 'first bytes are not a ZIP local header (renamed .csv/.txt/.exe/.pdf…), or the ZIP lacks [Content_Types].xml or xl/workbook.xml, or is a Word/PowerPoint OLE file'),
    d('too-large', `file larger than ${limits.maxFileBytes} bytes`),
    d('truncated', 'starts like a ZIP but has no end-of-central-directory record'),
    d('corrupt', `central directory disagrees with local headers (names, sizes, CRC, method, flags), entries overlap or leave unlisted bytes, duplicate names, Unicode-Path name overrides, encrypted or non-deflate entries, more than ${limits.maxEntries} entries, damaged deflate data, real size/CRC differ from the directory, <col> beyond XFD, oversize tags`),
    d('bomb', `declared or real decompressed total above ${limits.maxUncompressedBytes} bytes, or an entry past ${limits.ratioMinBytes} bytes inflating more than ${limits.maxRatio}:1 — measured while inflating, aborted at once`),
    d('dtd', 'any <!DOCTYPE or <!ENTITY (any case, across chunk boundaries) in any non-media part; any <!… declaration in worksheets, shared strings and the workbook part'),
    d('xml-encoding', "an .xml/.rels/.vml part starting with a UTF-16/32 byte-order mark or a '<' encoded as UTF-16/32"),
    d('too-many-rows', `<dimension ref>, <row r>, <c r> beyond row ${limits.maxRows}, or more <row> elements than that`),
    d('too-many-columns', `<dimension ref> or <c r> beyond column ${limits.maxColumns}, or more cells than that in one row`),
    d('too-many-cells', `more than ${limits.maxCells} <c> elements in all worksheets`),
    d('string-too-long', `text of one <c> (values, inline strings, formulas), one <si> or one <definedName> longer than ${limits.maxStringLength} UTF-16 units`),
    d('too-many-strings', `more than ${limits.maxSharedStrings} <si> in the shared strings`),
    d('range-too-large', `cells covered by <mergeCell ref>, <dataValidation sqref> and <definedName> ranges above ${limits.maxRangeCells} (exceljs expands them cell by cell)`),
    d('too-many-merges', `more than ${limits.maxMergedRanges} <mergeCell> in one worksheet`),
  ];
}

/** Details attached to every refusal (AppError.details), for logs and tests. */
export interface GuardRejectionDetails {
  check: GuardCheck;
  /** English, for logs only. */
  note?: string;
  entry?: string;
}

function reject(check: GuardCheck, limits: Readonly<GuardLimits>, note?: string, entry?: string): AppError {
  const details: GuardRejectionDetails = { check, ...(note ? { note } : {}), ...(entry ? { entry } : {}) };
  return new AppError('usage', guardMessage(check, limits), details);
}

// ---------------------------------------------------------------------------
// Result

export interface GuardEntry {
  name: string;
  method: 'stored' | 'deflate';
  compressedSize: number;
  /** Measured by inflating, equal to what the directory claims. */
  uncompressedSize: number;
  crc32: number;
}

export interface GuardSheetStats {
  /** ZIP entry name, e.g. xl/worksheets/sheet1.xml. */
  entry: string;
  /** Highest row number seen (dimension, rows, cells). */
  maxRow: number;
  /** Highest column number seen. */
  maxColumn: number;
  rows: number;
  cells: number;
}

export interface GuardResult {
  entries: GuardEntry[];
  totalUncompressed: number;
  sheets: GuardSheetStats[];
  sharedStrings: number;
  rangeCells: number;
}

// ---------------------------------------------------------------------------
// Streaming scanners (exported for unit tests)

const LT = 0x3c; // <
const GT = 0x3e; // >
const BANG = 0x21; // !
const SLASH = 0x2f; // /
const QMARK = 0x3f; // ?
const DASH = 0x2d; // -
const LBRACK = 0x5b; // [
const RBRACK = 0x5d; // ]
const AMP = 0x26; // &
const SEMI = 0x3b; // ;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}
function isLetter(b: number): boolean {
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x7a;
}
function matchesWordCI(buf: Buffer, at: number, word: string): boolean {
  if (at + word.length > buf.length) return false;
  for (let k = 0; k < word.length; k++) if ((buf[at + k]! | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

const DTD_TOKENS = ['doctype', 'entity'];
const DTD_TAIL = 8; // "<!doctype" is 9 bytes: a token starting in the last 8 is not complete yet

/**
 * Finds `<!DOCTYPE` / `<!ENTITY` in any case in a byte stream fed in arbitrary
 * chunks, including tokens split across chunks. Memory: 8 bytes of carry.
 */
export class DtdTokenScanner {
  private tail: Buffer = Buffer.alloc(0);

  /** Returns true as soon as a token has been seen. */
  feed(chunk: Buffer): boolean {
    if (this.tail.length > 0) {
      const joint = Buffer.concat([this.tail, chunk.subarray(0, DTD_TAIL + 1)]);
      if (scanDtd(joint, this.tail.length)) return true;
    }
    if (scanDtd(chunk, chunk.length)) return true;
    this.tail =
      chunk.length >= DTD_TAIL
        ? Buffer.from(chunk.subarray(chunk.length - DTD_TAIL))
        : Buffer.from(Buffer.concat([this.tail, chunk]).subarray(-DTD_TAIL));
    return false;
  }
}

/** Looks for a token starting before `startLimit`. */
function scanDtd(buf: Buffer, startLimit: number): boolean {
  let i = buf.indexOf('<!', 0, 'latin1');
  while (i >= 0 && i < startLimit) {
    for (const t of DTD_TOKENS) if (matchesWordCI(buf, i + 2, t)) return true;
    i = buf.indexOf('<!', i + 1, 'latin1');
  }
  return false;
}

export type PartKind = 'worksheet' | 'sharedStrings' | 'workbook' | 'xml' | 'media';

/**
 * What an entry is, erring on the side of scanning more: exceljs matches its
 * part names with unanchored patterns (`/xl\/worksheets\/sheet(\d+)[.]xml/`),
 * so these do too.
 */
export function classifyPart(entryName: string): PartKind {
  const name = entryName.replace(/^\/+/, '');
  if (/xl\/media\//i.test(name)) return 'media';
  if (/xl\/[^/]*sheets\/[^/]*\.xml/i.test(name)) return 'worksheet';
  if (/sharedstrings[^/]*\.xml/i.test(name)) return 'sharedStrings';
  if (/xl\/workbook[^/]*\.xml/i.test(name) && !/\.rels$/i.test(name)) return 'workbook';
  return 'xml';
}

function isXmlName(entryName: string): boolean {
  return /\.(xml|rels|vml)$/i.test(entryName);
}

/** Totals shared by all parts of one workbook. */
export class WorkbookTally {
  cells = 0;
  sharedStrings = 0;
  rangeCells = 0;
  sheets: GuardSheetStats[] = [];
  constructor(public readonly limits: Readonly<GuardLimits>) {}

  addRangeCells(n: number, entry: string): void {
    this.rangeCells += n;
    if (this.rangeCells > this.limits.maxRangeCells) throw reject('range-too-large', this.limits, `${this.rangeCells} cells covered`, entry);
  }
}

interface CellRef {
  col: number;
  row: number;
}

function lettersToColumn(letters: string): number {
  if (letters.length > 7) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let k = 0; k < letters.length; k++) n = n * 26 + ((letters.charCodeAt(k) | 0x20) - 0x60);
  return n;
}
function digitsToNumber(digits: string): number {
  return digits.length > 15 ? Number.POSITIVE_INFINITY : Number(digits);
}

/** "B7", "$B$7" → {col: 2, row: 7}; anything else → null. */
export function parseCellRef(s: string): CellRef | null {
  const m = /^\s*\$?([A-Za-z]+)\$?(\d+)\s*$/.exec(s);
  if (!m) return null;
  return { col: lettersToColumn(m[1]!), row: digitsToNumber(m[2]!) };
}

/**
 * Cells covered by the A1-style ranges in a reference list ("A1:B2 D4",
 * "Sheet1!$A$1:$C$10,Sheet1!$E$1"). Whole-row/column forms (B:B, 1:1) are
 * skipped, as exceljs skips them.
 */
export function rangeArea(text: string): number {
  const re = /(?<![A-Za-z0-9_.])\$?([A-Za-z]{1,3})\$?(\d+)(?:\s*:\s*\$?([A-Za-z]{1,3})\$?(\d+))?/g;
  let total = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[3] === undefined || m[4] === undefined) {
      total += 1;
      continue;
    }
    const c1 = lettersToColumn(m[1]!);
    const r1 = digitsToNumber(m[2]!);
    const c2 = lettersToColumn(m[3]);
    const r2 = digitsToNumber(m[4]);
    total += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return total;
}

/** Values of every attribute whose local name (prefix ignored) is `local`. */
function attrValues(attrs: string, local: string): string[] {
  const out: string[] = [];
  const n = attrs.length;
  let i = 0;
  while (i < n) {
    const eq = attrs.indexOf('=', i);
    if (eq < 0) break;
    let q = eq + 1;
    while (q < n && isSpace(attrs.charCodeAt(q))) q++;
    const quote = attrs[q];
    if (quote !== '"' && quote !== "'") {
      i = eq + 1;
      continue;
    }
    const close = attrs.indexOf(quote, q + 1);
    if (close < 0) break;
    let nameEnd = eq;
    while (nameEnd > i && isSpace(attrs.charCodeAt(nameEnd - 1))) nameEnd--;
    let nameStart = nameEnd;
    while (nameStart > i && !isSpace(attrs.charCodeAt(nameStart - 1)) && attrs.charCodeAt(nameStart - 1) !== SLASH) nameStart--;
    const colon = attrs.lastIndexOf(':', nameEnd - 1);
    const localStart = colon >= nameStart ? colon + 1 : nameStart;
    if (nameEnd - localStart === local.length && attrs.startsWith(local, localStart)) out.push(attrs.slice(q + 1, close));
    i = close + 1;
  }
  return out;
}

// Lexer states
const S_TEXT = 0;
const S_LT = 1;
const S_NAME = 2;
const S_ATTRS = 3;
const S_ATTRQ = 4;
const S_ENDNAME = 5;
const S_ENDREST = 6;
const S_BANG = 7;
const S_COMMENT = 8;
const S_CDATA = 9;
const S_PI = 10;
const S_SKIP = 11;

const MAX_NAME = 64;
/** Longest interesting start tag kept for attribute parsing (sqref lists can be long). */
const MAX_TAG_BYTES = 1024 * 1024;

const INTERESTING: Record<Exclude<PartKind, 'xml' | 'media'>, readonly string[]> = {
  worksheet: ['dimension', 'row', 'c', 'col', 'mergeCell', 'dataValidation'],
  sharedStrings: ['si'],
  workbook: ['definedName'],
};

/**
 * A byte-level streaming scanner for one worksheet, shared-strings or workbook
 * part. It does not build a tree and keeps only the tag being read (bounded),
 * so memory is constant whatever the part size. It errs on the strict side:
 * a construct it cannot read the way a parser would counts against the file.
 */
export class XmlPartScanner {
  private state = S_TEXT;
  private readonly interesting: ReadonlyArray<{ name: string; bytes: Buffer }>;
  private readonly nameBuf = Buffer.alloc(MAX_NAME);
  private nameLen = 0;
  private nameOverflow = false;
  /** The interesting element whose start tag is being read, if any. */
  private collecting: string | null = null;
  /** Start tag bytes carried over from earlier chunks. */
  private attr: Buffer = Buffer.alloc(256);
  private attrLen = 0;
  /** Where the current start tag's attributes begin in the current chunk. */
  private attrFrom = 0;
  private quote = 0;
  private bang: number[] = [];
  private run = 0; // dashes / brackets / '?' seen at the end of a comment / CDATA / PI
  // text accounting
  private counting: string | null = null; // local name of the element whose text is counted
  private countingBytes: Buffer | null = null;
  private textUnits = 0;
  private inEntity = false;
  private entityLen = 0;
  private collectText = false;
  private text: number[] = [];
  // worksheet state
  readonly stats: GuardSheetStats;
  private lastRow = 0;
  private lastCol = 0;
  private cellsInRow = 0;
  private merges = 0;

  constructor(
    private readonly kind: Exclude<PartKind, 'xml' | 'media'>,
    private readonly entry: string,
    private readonly tally: WorkbookTally,
  ) {
    this.interesting = INTERESTING[kind].map((name) => ({ name, bytes: Buffer.from(name, 'latin1') }));
    this.stats = { entry, maxRow: 0, maxColumn: 0, rows: 0, cells: 0 };
    if (kind === 'worksheet') tally.sheets.push(this.stats);
  }

  private get limits(): Readonly<GuardLimits> {
    return this.tally.limits;
  }

  feed(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    this.attrFrom = 0;
    while (i < n) {
      switch (this.state) {
        case S_TEXT: {
          if (this.counting === null) {
            const j = chunk.indexOf(LT, i);
            if (j < 0) {
              i = n;
            } else {
              i = j + 1;
              this.state = S_LT;
            }
            break;
          }
          for (; i < n; i++) {
            const b = chunk[i]!;
            if (b === LT) {
              i++;
              this.inEntity = false;
              this.state = S_LT;
              break;
            }
            this.countTextByte(b, true);
          }
          break;
        }
        case S_LT: {
          const b = chunk[i]!;
          this.nameLen = 0;
          this.nameOverflow = false;
          if (b === SLASH) {
            i++;
            this.state = S_ENDNAME;
          } else if (b === BANG) {
            i++;
            this.bang = [];
            this.state = S_BANG;
          } else if (b === QMARK) {
            i++;
            this.run = 0;
            this.state = S_PI;
          } else {
            this.state = S_NAME;
          }
          break;
        }
        case S_NAME: {
          let j = i;
          while (j < n) {
            const b = chunk[j]!;
            if (isSpace(b) || b === SLASH || b === GT) break;
            j++;
          }
          this.appendName(chunk, i, j);
          i = j;
          if (j < n) {
            this.beginStartTag();
            this.attrFrom = j;
            this.state = S_ATTRS;
          }
          break;
        }
        case S_ATTRS: {
          let j = i;
          let b = 0;
          while (j < n) {
            b = chunk[j]!;
            if (b === GT || b === DQUOTE || b === SQUOTE) break;
            j++;
          }
          if (j === n) {
            i = n;
          } else if (b === GT) {
            i = j + 1;
            this.state = S_TEXT;
            this.finishStartTag(chunk, j);
          } else {
            this.quote = b;
            this.state = S_ATTRQ;
            i = j + 1;
          }
          break;
        }
        case S_ATTRQ: {
          const j = chunk.indexOf(this.quote, i);
          i = j < 0 ? n : j + 1;
          if (j >= 0) this.state = S_ATTRS;
          break;
        }
        case S_ENDNAME: {
          let j = i;
          let b = 0;
          while (j < n) {
            b = chunk[j]!;
            if (b === GT || isSpace(b)) break;
            j++;
          }
          this.appendName(chunk, i, j);
          if (j === n) {
            i = n;
          } else {
            i = j + 1;
            if (b === GT) {
              this.state = S_TEXT;
              this.endTag();
            } else {
              this.state = S_ENDREST;
            }
          }
          break;
        }
        case S_ENDREST: {
          const j = chunk.indexOf(GT, i);
          if (j < 0) {
            i = n;
          } else {
            i = j + 1;
            this.state = S_TEXT;
            this.endTag();
          }
          break;
        }
        case S_BANG: {
          const b = chunk[i++]!;
          this.bang.push(b);
          const first = this.bang[0]!;
          if (isLetter(first)) {
            // <!DOCTYPE, <!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION: only legal in a DTD.
            throw reject('dtd', this.limits, 'markup declaration', this.entry);
          } else if (first === DASH) {
            if (this.bang.length === 2) {
              this.run = 0;
              this.state = this.bang[1] === DASH ? S_COMMENT : S_SKIP;
            }
          } else if (first === LBRACK) {
            if (this.bang.length === 7) {
              this.run = 0;
              this.state = String.fromCharCode(...this.bang) === '[CDATA[' ? S_CDATA : S_SKIP;
            }
          } else {
            this.state = first === GT ? S_TEXT : S_SKIP;
          }
          break;
        }
        case S_COMMENT: {
          const b = chunk[i++]!;
          if (b === GT && this.run >= 2) this.state = S_TEXT;
          else this.run = b === DASH ? this.run + 1 : 0;
          break;
        }
        case S_CDATA: {
          const b = chunk[i++]!;
          if (b === GT && this.run >= 2) {
            this.state = S_TEXT;
          } else {
            this.run = b === RBRACK ? this.run + 1 : 0;
            if (this.counting !== null) this.countTextByte(b, false);
          }
          break;
        }
        case S_PI: {
          const b = chunk[i++]!;
          if (b === GT && this.run > 0) this.state = S_TEXT;
          else this.run = b === QMARK ? 1 : 0;
          break;
        }
        case S_SKIP: {
          const j = chunk.indexOf(GT, i);
          if (j < 0) {
            i = n;
          } else {
            i = j + 1;
            this.state = S_TEXT;
          }
          break;
        }
      }
    }
    // An interesting start tag continues in the next chunk: keep what we have of it.
    if (this.collecting !== null && (this.state === S_ATTRS || this.state === S_ATTRQ)) this.appendAttr(chunk, this.attrFrom, n);
  }

  /** Nothing to finish: a part cut short is exceljs's problem to report, not a danger. */
  end(): void {}

  private appendName(chunk: Buffer, from: number, to: number): void {
    const len = to - from;
    if (len <= 0) return;
    if (this.nameLen + len > MAX_NAME) {
      this.nameOverflow = true;
      return;
    }
    for (let k = from; k < to; k++) this.nameBuf[this.nameLen++] = chunk[k]!;
  }

  /** Whether the tag name just read has `word` as its local name (prefix ignored). */
  private localNameIs(word: Buffer): boolean {
    if (this.nameOverflow) return false;
    let start = 0;
    for (let k = this.nameLen - 1; k >= 0; k--) {
      if (this.nameBuf[k] === 0x3a) {
        start = k + 1;
        break;
      }
    }
    if (this.nameLen - start !== word.length) return false;
    for (let k = 0; k < word.length; k++) if (this.nameBuf[start + k] !== word[k]) return false;
    return true;
  }

  private appendAttr(chunk: Buffer, from: number, to: number): void {
    const len = to - from;
    if (len <= 0) return;
    if (this.attrLen + len > this.attr.length) {
      if (this.attrLen + len > MAX_TAG_BYTES) throw reject('corrupt', this.limits, 'start tag too long', this.entry);
      const bigger = Buffer.alloc(Math.min(MAX_TAG_BYTES, Math.max(this.attr.length * 2, this.attrLen + len)));
      this.attr.copy(bigger, 0, 0, this.attrLen);
      this.attr = bigger;
    }
    if (len === 1) this.attr[this.attrLen] = chunk[from]!;
    else chunk.copy(this.attr, this.attrLen, from, to);
    this.attrLen += len;
  }

  private beginStartTag(): void {
    this.collecting = null;
    this.attrLen = 0;
    for (const t of this.interesting) {
      if (this.localNameIs(t.bytes)) {
        this.collecting = t.name;
        return;
      }
    }
  }

  private finishStartTag(chunk: Buffer, gt: number): void {
    const local = this.collecting;
    if (local === null) return;
    this.collecting = null;
    let attrs: string;
    if (this.attrLen === 0) {
      if (gt - this.attrFrom > MAX_TAG_BYTES) throw reject('corrupt', this.limits, 'start tag too long', this.entry);
      attrs = chunk.toString('latin1', this.attrFrom, gt);
    } else {
      this.appendAttr(chunk, 0, gt);
      attrs = this.attr.toString('latin1', 0, this.attrLen);
    }
    this.startTag(local, attrs, /\/\s*$/.test(attrs));
  }


  private countTextByte(b: number, entities: boolean): void {
    if (this.collectText) this.text.push(b);
    if (entities && b === AMP) {
      this.inEntity = true;
      this.entityLen = 0;
      this.textUnits++;
    } else if (this.inEntity) {
      if (b === SEMI || ++this.entityLen > 32) this.inEntity = false;
      return;
    } else if ((b & 0xc0) !== 0x80) {
      this.textUnits += b >= 0xf0 ? 2 : 1;
    }
    if (this.textUnits > this.limits.maxStringLength) {
      throw reject('string-too-long', this.limits, `${this.counting ?? 'text'} longer than ${this.limits.maxStringLength}`, this.entry);
    }
  }

  private startCounting(local: string): void {
    this.counting = local;
    this.countingBytes = Buffer.from(local, 'latin1');
    this.textUnits = 0;
    this.inEntity = false;
  }

  private seeRow(row: number, note: string): void {
    if (row > this.stats.maxRow) this.stats.maxRow = row;
    if (row > this.limits.maxRows) throw reject('too-many-rows', this.limits, note, this.entry);
  }

  private seeColumn(col: number, note: string): void {
    if (col > this.stats.maxColumn) this.stats.maxColumn = col;
    if (col > this.limits.maxColumns) throw reject('too-many-columns', this.limits, note, this.entry);
  }

  private startTag(local: string, attrs: string, selfClosing: boolean): void {
    const limits = this.limits;
    switch (local) {
      case 'dimension': {
        for (const ref of attrValues(attrs, 'ref')) {
          for (const part of ref.split(':')) {
            const c = parseCellRef(part);
            if (!c) continue;
            this.seeRow(c.row, `dimension ${ref}`);
            this.seeColumn(c.col, `dimension ${ref}`);
          }
        }
        return;
      }
      case 'row': {
        this.stats.rows++;
        if (this.stats.rows > limits.maxRows) throw reject('too-many-rows', limits, `${this.stats.rows} <row> elements`, this.entry);
        let r = 0;
        for (const v of attrValues(attrs, 'r')) {
          const m = /^\s*(\d+)/.exec(v);
          if (m) r = Math.max(r, digitsToNumber(m[1]!));
        }
        this.lastRow = r > 0 ? r : this.lastRow + 1;
        this.seeRow(this.lastRow, `row ${this.lastRow}`);
        this.lastCol = 0;
        this.cellsInRow = 0;
        return;
      }
      case 'c': {
        this.stats.cells++;
        if (++this.tally.cells > limits.maxCells) throw reject('too-many-cells', limits, `${this.tally.cells} cells`, this.entry);
        if (++this.cellsInRow > limits.maxColumns) throw reject('too-many-columns', limits, `${this.cellsInRow} cells in row ${this.lastRow}`, this.entry);
        let col = 0;
        for (const v of attrValues(attrs, 'r')) {
          const c = parseCellRef(v);
          if (!c) continue;
          col = Math.max(col, c.col);
          this.seeRow(c.row, `cell ${v}`);
        }
        this.lastCol = col > 0 ? col : this.lastCol + 1;
        this.seeColumn(this.lastCol, `cell column ${this.lastCol}`);
        if (!selfClosing) this.startCounting('c');
        return;
      }
      case 'col': {
        for (const v of [...attrValues(attrs, 'min'), ...attrValues(attrs, 'max')]) {
          const m = /^\s*(\d+)/.exec(v);
          // exceljs creates one Column object per column of <col min..max>.
          if (m && digitsToNumber(m[1]!) > EXCEL_MAX_COLUMN) throw reject('corrupt', limits, `<col> beyond column ${EXCEL_MAX_COLUMN}`, this.entry);
        }
        return;
      }
      case 'mergeCell': {
        if (++this.merges > limits.maxMergedRanges) throw reject('too-many-merges', limits, `${this.merges} merged ranges`, this.entry);
        for (const ref of attrValues(attrs, 'ref')) this.tally.addRangeCells(rangeArea(ref), this.entry);
        return;
      }
      case 'dataValidation': {
        for (const ref of attrValues(attrs, 'sqref')) this.tally.addRangeCells(rangeArea(ref), this.entry);
        return;
      }
      case 'si': {
        if (++this.tally.sharedStrings > limits.maxSharedStrings) {
          throw reject('too-many-strings', limits, `${this.tally.sharedStrings} shared strings`, this.entry);
        }
        if (!selfClosing) this.startCounting('si');
        return;
      }
      case 'definedName': {
        if (!selfClosing) {
          this.startCounting('definedName');
          this.collectText = true;
          this.text = [];
        }
        return;
      }
    }
  }

  private endTag(): void {
    if (this.counting === null || this.countingBytes === null || !this.localNameIs(this.countingBytes)) return;
    if (this.counting === 'definedName') {
      this.collectText = false;
      this.tally.addRangeCells(rangeArea(Buffer.from(this.text).toString('latin1')), this.entry);
      this.text = [];
    }
    this.counting = null;
    this.countingBytes = null;
  }
}

// ---------------------------------------------------------------------------
// OLE compound files

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const CFB_END_OF_CHAIN = 0xfffffffe;
const CFB_MAX_SECTOR = 0xfffffffa;

/**
 * Names in an OLE compound file's directory. Follows the FAT chain of the
 * directory stream with bounds and loop checks; throws on anything odd.
 */
export async function readCfbDirectoryNames(fh: FileHandle, fileSize: number): Promise<string[]> {
  const header = await readAt(fh, 0, 512);
  if (header.length < 512 || !header.subarray(0, 8).equals(CFB_MAGIC)) throw new Error('not a compound file');
  if (header.readUInt16LE(0x1c) !== 0xfffe) throw new Error('byte order');
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw new Error('sector size');
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorCount = Math.floor((fileSize - sectorSize) / sectorSize) + 1;
  const firstDir = header.readUInt32LE(0x30);
  const firstDifat = header.readUInt32LE(0x44);
  const numDifat = header.readUInt32LE(0x48);
  const sectorOffset = (s: number) => {
    if (s > CFB_MAX_SECTOR || s >= sectorCount) throw new Error('sector out of range');
    return (s + 1) * sectorSize;
  };

  const difat: number[] = [];
  for (let k = 0; k < 109; k++) difat.push(header.readUInt32LE(0x4c + k * 4));
  let difatLoaded = false;
  const fatSectorFor = async (fatIndex: number): Promise<number> => {
    if (fatIndex >= difat.length && !difatLoaded) {
      difatLoaded = true;
      let s = firstDifat;
      for (let k = 0; k < numDifat && s !== CFB_END_OF_CHAIN && k < 4096; k++) {
        const sec = await readAt(fh, sectorOffset(s), sectorSize);
        if (sec.length !== sectorSize) throw new Error('short DIFAT sector');
        for (let j = 0; j < perSector - 1; j++) difat.push(sec.readUInt32LE(j * 4));
        s = sec.readUInt32LE((perSector - 1) * 4);
      }
    }
    const loc = difat[fatIndex];
    if (loc === undefined) throw new Error('FAT sector missing');
    return loc;
  };
  const fatCache = new Map<number, Buffer>();
  const next = async (s: number): Promise<number> => {
    const fatIndex = Math.floor(s / perSector);
    let fat = fatCache.get(fatIndex);
    if (!fat) {
      fat = await readAt(fh, sectorOffset(await fatSectorFor(fatIndex)), sectorSize);
      if (fat.length !== sectorSize) throw new Error('short FAT sector');
      fatCache.set(fatIndex, fat);
    }
    return fat.readUInt32LE((s % perSector) * 4);
  };

  const names: string[] = [];
  const visited = new Set<number>();
  let s = firstDir;
  while (s !== CFB_END_OF_CHAIN) {
    if (visited.has(s) || visited.size > 4096) throw new Error('directory chain loops');
    visited.add(s);
    const sec = await readAt(fh, sectorOffset(s), sectorSize);
    if (sec.length !== sectorSize) throw new Error('short directory sector');
    for (let off = 0; off < sectorSize; off += 128) {
      const type = sec[off + 0x42]!;
      const nameLen = sec.readUInt16LE(off + 0x40);
      if ((type === 1 || type === 2 || type === 5) && nameLen >= 2 && nameLen <= 64) {
        names.push(sec.toString('utf16le', off, off + nameLen - 2));
      }
    }
    s = await next(s);
  }
  return names;
}

async function refuseCompoundFile(fh: FileHandle, fileSize: number, limits: Readonly<GuardLimits>): Promise<never> {
  let names: string[] = [];
  try {
    names = await readCfbDirectoryNames(fh, fileSize);
  } catch {
    // A damaged compound file: still not something we can import; say the likeliest thing.
  }
  const has = (n: string) => names.includes(n);
  if (has('EncryptionInfo') || has('EncryptedPackage')) throw reject('encrypted', limits, 'OLE container with EncryptionInfo/EncryptedPackage');
  if (has('WordDocument') || has('PowerPoint Document')) throw reject('not-xlsx', limits, 'Word/PowerPoint compound file');
  throw reject('legacy-xls', limits, `OLE compound file (${names.slice(0, 8).join(', ') || 'unreadable directory'})`);
}

// ---------------------------------------------------------------------------
// The guard

const REQUIRED_PARTS = ['[Content_Types].xml', 'xl/workbook.xml'];

/**
 * Decides whether `file` is safe to hand to exceljs. Resolves with what was
 * measured; rejects with AppError('usage') and a one-line Chinese message
 * (see `guardMessage`, `describeChecks`), or with `describeIoError` for disk
 * errors. `limits` may override any default.
 *
 * Note: exceljs must then read the very same bytes; copy the file somewhere
 * private before guarding it if it could change in between.
 */
export async function guardXlsx(file: string, limits: Partial<GuardLimits> = DEFAULT_LIMITS): Promise<GuardResult> {
  const lim: Readonly<GuardLimits> = { ...DEFAULT_LIMITS, ...limits };
  let fh: FileHandle;
  try {
    fh = await fs.open(file, 'r');
  } catch (e) {
    throw describeIoError(e, file);
  }
  try {
    return await guardOpenFile(fh, file, lim);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof ZipFault) {
      const check: GuardCheck = e.reason === 'truncated' ? 'truncated' : 'corrupt';
      throw reject(check, lim, e.note, e.entry);
    }
    if (typeof (e as NodeJS.ErrnoException)?.code === 'string' && (e as NodeJS.ErrnoException).syscall) throw describeIoError(e, file);
    throw e;
  } finally {
    await fh.close().catch(() => undefined);
  }
}

async function guardOpenFile(fh: FileHandle, file: string, lim: Readonly<GuardLimits>): Promise<GuardResult> {
  const st = await fh.stat();
  if (st.isDirectory()) throw describeIoError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), file);
  if (!st.isFile()) throw reject('not-xlsx', lim, 'not a regular file');
  const size = st.size;
  if (size === 0) throw reject('empty', lim);

  const head = await readAt(fh, 0, 8);
  if (head.length === 8 && head.equals(CFB_MAGIC)) await refuseCompoundFile(fh, size, lim);
  if (head.length < 4 || head.readUInt32LE(0) !== 0x04034b50) {
    throw reject('not-xlsx', lim, `starts with ${head.subarray(0, 4).toString('hex')}`);
  }
  if (size > lim.maxFileBytes) throw reject('too-large', lim, `${size} bytes`);

  const entries = await readZipDirectory(fh, size, { maxEntries: lim.maxEntries }).then(
    (d) => d.entries,
    (e: unknown) => {
      if (e instanceof ZipFault && e.reason === 'too-many-entries') throw reject('corrupt', lim, e.note);
      throw e;
    },
  );
  const names = new Set(entries.map((e) => e.name.replace(/^\/+/, '')));
  for (const part of REQUIRED_PARTS) if (!names.has(part)) throw reject('not-xlsx', lim, `no ${part}`);

  // Cheap first: what the headers admit to.
  let declared = 0;
  for (const e of entries) {
    declared += e.uncompressedSize;
    if (declared > lim.maxUncompressedBytes) throw reject('bomb', lim, `declared total ${declared}`, e.name);
    if (e.uncompressedSize > lim.ratioMinBytes && e.uncompressedSize > lim.maxRatio * Math.max(1, e.compressedSize)) {
      throw reject('bomb', lim, `declared ratio ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1`, e.name);
    }
  }

  // Then what the data really does.
  const tally = new WorkbookTally(lim);
  const out: GuardEntry[] = [];
  let total = 0;
  for (const entry of entries) {
    const kind = classifyPart(entry.name);
    const dtd = kind === 'media' ? null : new DtdTokenScanner();
    const scanner = kind === 'worksheet' || kind === 'sharedStrings' || kind === 'workbook' ? new XmlPartScanner(kind, entry.name, tally) : null;
    const checkEncoding = kind !== 'media' && isXmlName(entry.name);
    const first: number[] = [];
    let produced = 0;
    const sink = (chunk: Buffer, consumed: number) => {
      produced += chunk.length;
      total += chunk.length;
      if (total > lim.maxUncompressedBytes) throw reject('bomb', lim, `inflated total passed ${lim.maxUncompressedBytes}`, entry.name);
      // Running ratio: output so far against compressed input consumed so far, so a
      // bomb is stopped after ~ratioMinBytes of output, not after 200 × its whole size.
      if (produced > lim.ratioMinBytes && produced > lim.maxRatio * Math.max(1, Math.min(consumed, entry.compressedSize))) {
        throw reject('bomb', lim, `inflate ratio passed ${lim.maxRatio}:1 after ${produced} bytes`, entry.name);
      }
      if (checkEncoding && first.length < 4) {
        for (let k = 0; k < chunk.length && first.length < 4; k++) first.push(chunk[k]!);
        if (first.length >= 2 && looksLikeWideXml(first)) throw reject('xml-encoding', lim, 'UTF-16/32 XML part', entry.name);
      }
      if (dtd && dtd.feed(chunk)) throw reject('dtd', lim, '<!DOCTYPE or <!ENTITY', entry.name);
      scanner?.feed(chunk);
    };
    const streamed = await streamZipEntry(fh, entry, sink);
    scanner?.end();
    out.push(describeEntry(entry, streamed.size));
  }

  return {
    entries: out,
    totalUncompressed: total,
    sheets: tally.sheets,
    sharedStrings: tally.sharedStrings,
    rangeCells: tally.rangeCells,
  };
}

/** A UTF-16/32 byte-order mark, or '<' as a UTF-16/32 code unit. */
function looksLikeWideXml(first: number[]): boolean {
  const [a, b, c, d] = first;
  if ((a === 0xfe && b === 0xff) || (a === 0xff && b === 0xfe)) return true;
  if ((a === 0x3c && b === 0x00) || (a === 0x00 && b === 0x3c)) return true;
  return a === 0x00 && b === 0x00 && ((c === 0x00 && d === 0x3c) || (c === 0xfe && d === 0xff));
}

function describeEntry(e: ZipEntry, size: number): GuardEntry {
  return {
    name: e.name,
    method: e.method === 0 ? 'stored' : 'deflate',
    compressedSize: e.compressedSize,
    uncompressedSize: size,
    crc32: e.crc32,
  };
}
