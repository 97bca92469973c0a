/** The caps the guard enforces, each overridable per call. */

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

/** Excel's own ceiling: nothing a real workbook holds can exceed it. */
export const EXCEL_MAX_COLUMN = 16_384;
