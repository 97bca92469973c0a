/**
 * Channels of the Excel round trip: the return template out, returns (template
 * or long format) in, batches undone. Imports only zod and ../schemas so that
 * contract.ts can spread these in without a cycle.
 */
import { z } from 'zod';
import { code } from '../schemas';

const file = z.string().min(1).max(4096);

/** One cell the reader refused or wants a person to look at. `cell` is an A1 reference; `message` is Chinese. */
export const ReturnIssueSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  code: z.string(),
  message: z.string(),
});

/** One value the return would write (or did), with what it replaces. */
export const ImportRowSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  code: z.string(),
  region: z.string(),
  period: z.string(),
  status: z.enum(['new', 'changed', 'unchanged']),
  oldValue: z.number().nullable(),
  newValue: z.number().nullable(),
});

/** What import.preview / import.commit report; the CLI's `import --json` prints the CONTRACTS §1 subset of it. */
export const ImportReportSchema = z.object({
  /** null for a preview, for a refused commit, and when nothing changed. */
  batchId: z.string().nullable(),
  fileName: z.string(),
  sha256: z.string(),
  kind: z.enum(['template', 'long']),
  accepted: z.number().int(),
  unchanged: z.number().int(),
  /** Refused cells and warnings in reading order: a report lists the first 10,000 of each, the totals count all. */
  rejected: z.array(ReturnIssueSchema),
  warnings: z.array(ReturnIssueSchema),
  rejectedTotal: z.number().int(),
  warningsTotal: z.number().int(),
  /** Values read, row by row in reading order; a big file lists only the first few thousand of each status. */
  rows: z.array(ImportRowSchema),
  /** Every value read, by status (rows may list fewer). */
  rowCounts: z.object({ new: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
  /** Values read that `rows` leaves out (0: rows lists them all). */
  rowsOmitted: z.number().int(),
});

export const ImportBatchSchema = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  accepted: z.number().int(),
  undoneAt: z.string().nullable(),
});

export type ReturnIssue = z.output<typeof ReturnIssueSchema>;
export type ImportRow = z.output<typeof ImportRowSchema>;
export type ImportReport = z.output<typeof ImportReportSchema>;
export type ImportBatch = z.output<typeof ImportBatchSchema>;

export const returnsChannels = {
  'returns.template': {
    input: z
      .object({
        /** Region name, alias or code. */
        region: z.string().min(1).max(100),
        /** A quarter: 2026Q1 (2026年第一季度 and 2026-Q1 are read too). */
        period: z.string().min(1).max(40),
        /** A responsible unit (牵头单位 or 责任单位): only its indicators. */
        unit: z.string().min(1).max(200).optional(),
        out: file,
      })
      .strict(),
    output: z.object({ file: z.string(), indicators: z.number().int() }),
  },
  'import.preview': { input: z.object({ file }).strict(), output: ImportReportSchema },
  'import.commit': { input: z.object({ file }).strict(), output: ImportReportSchema },
  'import.undo': {
    input: z.object({ batchId: code }).strict(),
    /** skipped: values a later change had already replaced; they were left as they are. */
    output: z.object({ batchId: z.string(), restored: z.number().int(), skipped: z.number().int() }),
  },
  'import.batches': { input: z.object({}).strict(), output: z.array(ImportBatchSchema) },
  'import.errorsCopy': {
    input: z.object({ file, out: file }).strict(),
    output: z.object({ file: z.string(), rejected: z.number().int() }),
  },
} as const;
