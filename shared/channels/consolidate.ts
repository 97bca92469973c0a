/**
 * Province consolidation: many long-format files at once; conflicts shown
 * side by side and resolved by a person, never silently.
 */
import { z } from 'zod';

const file = z.string().min(1).max(4096);
const issue = z.object({ sheet: z.string(), cell: z.string(), code: z.string(), message: z.string() });

export const ConsolidationPreviewSchema = z.object({
  files: z.array(
    z.object({
      fileName: z.string(),
      sha256: z.string(),
      kind: z.enum(['template', 'long']),
      values: z.number().int(),
      rejected: z.array(issue),
      warnings: z.array(issue),
    }),
  ),
  conflicts: z.array(
    z.object({
      /** indicator|region|period — what a resolution names. */
      key: z.string(),
      indicator: z.string(),
      region: z.string(),
      regionName: z.string(),
      period: z.string(),
      /** The value already stored, with where it came from; null when none. */
      store: z
        .object({
          value: z.number(),
          sourceKind: z.string(),
          fileName: z.string().nullable(),
          sheet: z.string().nullable(),
          cell: z.string().nullable(),
          updatedBy: z.string(),
          updatedAt: z.string(),
        })
        .nullable(),
      candidates: z.array(z.object({ fileIndex: z.number().int(), fileName: z.string(), sheet: z.string(), cell: z.string(), value: z.number() })),
    }),
  ),
  newValues: z.number().int(),
  unchangedValues: z.number().int(),
});

export const ResolutionSchema = z.object({ key: z.string().max(200), choose: z.union([z.literal('store'), z.number().int().min(0)]) }).strict();

export type ConsolidationPreview = z.output<typeof ConsolidationPreviewSchema>;
export type Resolution = z.output<typeof ResolutionSchema>;

export const consolidateChannels = {
  'consolidate.preview': {
    input: z.object({ files: z.array(file).min(1).max(500) }).strict(),
    output: ConsolidationPreviewSchema,
  },
  'consolidate.commit': {
    input: z.object({ files: z.array(file).min(1).max(500), resolutions: z.array(ResolutionSchema).max(100_000) }).strict(),
    output: z.object({
      batches: z.array(z.object({ fileName: z.string(), batchId: z.string().nullable(), accepted: z.number().int() })),
      preview: ConsolidationPreviewSchema,
    }),
  },
} as const;
