/**
 * Channels of the returns tracker (period lock) and of the catalogue as an
 * editable workbook. Spread into shared/contract.ts; imports only zod and
 * ../schemas so that contract.ts can import this file without a cycle.
 */
import { z } from 'zod';
import { code, filePath, periodCode } from '../schemas';

export const ReturnStateSchema = z.enum(['expected', 'received', 'checked', 'approved']);

export const TrackerRowSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  regionKind: z.enum(['province', 'city', 'county', 'park']),
  period: z.string(),
  state: ReturnStateSchema,
  /** null while nothing has happened yet (state 'expected' without a row). */
  changedAt: z.string().nullable(),
  changedBy: z.string().nullable(),
  /** ISO date: 15 days after the end of the period. */
  dueDate: z.string(),
  /** Not received and today is past the due date. */
  overdue: z.boolean(),
  /** Values already held for this region and period. */
  observations: z.number().int(),
});

export const ReturnHistorySchema = z.object({
  id: z.number(),
  region: z.string(),
  regionName: z.string(),
  period: z.string(),
  oldState: ReturnStateSchema.nullable(),
  newState: ReturnStateSchema,
  reason: z.string().nullable(),
  batchId: z.string().nullable(),
  osUser: z.string(),
  changedAt: z.string(),
});

const reasonRequired = z.string().trim().min(1, '请填写原因').max(2000);

export const CatalogueRejectSchema = z.object({ sheet: z.string(), cell: z.string(), code: z.string(), message: z.string() });

export const CatalogueChangeSchema = z.object({
  entity: z.enum(['indicator', 'target']),
  /** Indicator code, or "code/year/region code or 全省" for a target. */
  key: z.string(),
  kind: z.enum(['new', 'changed', 'unchanged']),
  sheet: z.string(),
  row: z.number().int(),
  /** Field by field, with the workbook's Chinese column titles. */
  changes: z.array(z.object({ field: z.string(), old: z.string(), new: z.string() })),
});

export const CataloguePreviewSchema = z.object({
  file: z.string(),
  counts: z.object({ new: z.number(), changed: z.number(), unchanged: z.number(), rejected: z.number() }),
  items: z.array(CatalogueChangeSchema),
  rejected: z.array(CatalogueRejectSchema),
});

const outcome = z.object({ outcome: z.enum(['new', 'changed', 'unchanged', 'removed']) });
const sourceInput = z.object({ doc: z.string().max(500), clause: z.string().max(500) }).strict();

const historyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const CatalogueHistoryEntrySchema = z.object({
  id: z.number().int(),
  entity: z.enum(['indicator', 'target']),
  /** The indicator code, or indicator/year/region (全省 for province-wide) for a target. */
  key: z.string(),
  kind: z.enum(['created', 'changed', 'removed']),
  changes: z.array(z.object({ field: z.string(), old: historyValue, new: historyValue })),
  /** seed:<version>, manual, import:<batch>, undo:<batch>. */
  source: z.string(),
  reason: z.string().nullable(),
  user: z.string(),
  at: z.string(),
});
export type CatalogueHistoryEntry = z.output<typeof CatalogueHistoryEntrySchema>;

export const trackerChannels = {
  'tracker.list': { input: z.object({ period: periodCode }).strict(), output: z.array(TrackerRowSchema) },
  'tracker.advance': {
    input: z
      .object({ region: code, period: periodCode, to: z.enum(['received', 'checked', 'approved']), reason: z.string().max(2000).optional() })
      .strict(),
    output: TrackerRowSchema,
  },
  'tracker.reopen': { input: z.object({ region: code, period: periodCode, reason: reasonRequired }).strict(), output: TrackerRowSchema },
  'tracker.history': {
    input: z.object({ region: code.optional(), period: periodCode.optional() }).strict(),
    output: z.array(ReturnHistorySchema),
  },
  'tracker.exportMissing': {
    input: z.object({ period: periodCode, out: filePath }).strict(),
    output: z.object({ file: z.string(), rows: z.number().int() }),
  },
  'catalogue.exportXlsx': {
    input: z.object({ out: filePath }).strict(),
    output: z.object({ file: z.string(), indicators: z.number().int(), targets: z.number().int() }),
  },
  'catalogue.importPreview': { input: z.object({ file: filePath }).strict(), output: CataloguePreviewSchema },
  'catalogue.importCommit': {
    input: z.object({ file: filePath }).strict(),
    /** batchId null: nothing was written (rejections, or nothing changed). */
    output: CataloguePreviewSchema.extend({ batchId: z.string().nullable() }),
  },
  'catalogue.importUndo': {
    input: z.object({ batchId: code }).strict(),
    output: z.object({ batchId: z.string(), restored: z.number().int() }),
  },
  /** One indicator's catalogue history (its row and its targets'), newest first. */
  'catalogue.history': {
    input: z.object({ indicator: code, limit: z.number().int().positive().max(1000).optional() }).strict(),
    output: z.array(CatalogueHistoryEntrySchema),
  },
  'catalogue.setIndicator': {
    input: z
      .object({
        code,
        /** Required for a new indicator; left out = keep. */
        name: z.string().trim().min(1).max(500).optional(),
        nameEn: z.string().max(500).optional(),
        area: code.optional(),
        unit: z.string().trim().min(1).max(50).optional(),
        direction: z.enum(['lower', 'higher', 'range', 'milestone']).optional(),
        precision: z.number().int().min(0).max(6).optional(),
        frequency: z.enum(['quarter', 'year']).optional(),
        leadUnits: z.array(z.string().max(200)).optional(),
        partnerUnits: z.array(z.string().max(200)).optional(),
        source: sourceInput.optional(),
        retired: z.boolean().optional(),
        reason: z.string().max(2000).optional(),
      })
      .strict(),
    output: outcome,
  },
  'catalogue.setTarget': {
    input: z
      .object({
        indicator: code,
        year: z.number().int().min(2000).max(2100),
        /** Region name or code; null or left out = province-wide. */
        region: z.string().max(64).nullable().optional(),
        /** true removes the target for that year and region. */
        remove: z.boolean().optional(),
        comparator: z.enum(['<=', '>=', '=', 'between']).optional(),
        value: z.number().finite().optional(),
        valueMax: z.number().finite().nullable().optional(),
        deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '截止日期格式应为 2026-12-31').nullable().optional(),
        source: sourceInput.optional(),
        reason: z.string().max(2000).optional(),
      })
      .strict(),
    output: outcome,
  },
} as const;
