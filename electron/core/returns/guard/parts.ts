/** What each ZIP entry is, and the totals shared by all the parts of one workbook. */
import { reject } from './messages';
import type { GuardLimits } from './limits';

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

export function isXmlName(entryName: string): boolean {
  return /\.(xml|rels|vml)$/i.test(entryName);
}

/** A UTF-16/32 byte-order mark, or '<' as a UTF-16/32 code unit. */
export function looksLikeWideXml(first: number[]): boolean {
  const [a, b, c, d] = first;
  if ((a === 0xfe && b === 0xff) || (a === 0xff && b === 0xfe)) return true;
  if ((a === 0x3c && b === 0x00) || (a === 0x00 && b === 0x3c)) return true;
  return a === 0x00 && b === 0x00 && ((c === 0x00 && d === 0x3c) || (c === 0xfe && d === 0xff));
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
