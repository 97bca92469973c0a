import { z } from 'zod';
import { periodCode } from '../schemas';

const status = z.enum(['met', 'near', 'missed', 'no-target', 'no-data']);
const targetLike = z.object({
  year: z.number(),
  regionCode: z.string().nullable(),
  comparator: z.enum(['<=', '>=', '=', 'between']),
  value: z.number(),
  valueMax: z.number().nullable(),
  deadline: z.string().nullable().optional(),
});

export const MatrixSchema = z.object({
  period: z.string(),
  previousPeriod: z.string(),
  asOf: z.string().nullable(),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      area: z.string(),
      areaCode: z.string(),
      unit: z.string(),
      direction: z.enum(['lower', 'higher', 'range', 'milestone']),
      precision: z.number(),
      retired: z.boolean(),
      frontier: z.number().nullable(),
      worst: z.number().nullable(),
    }),
  ),
  regions: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), kind: z.enum(['province', 'city', 'county', 'park']), aliases: z.array(z.string()) })),
  /** The span over which frontier and worst are held (the period's calendar year). */
  scoringWindow: z.object({ from: z.string(), to: z.string() }),
  rankedRegions: z.array(z.string()),
  cells: z.array(
    z.object({
      indicator: z.string(),
      region: z.string(),
      value: z.number().nullable(),
      valuePeriod: z.string().nullable(),
      previous: z.number().nullable(),
      target: targetLike.nullable(),
      status,
      gap: z.number().nullable(),
      score: z.number().nullable(),
      rank: z.number().nullable(),
      trend: z.enum(['improved', 'worsened', 'same']).nullable(),
    }),
  ),
  composites: z.array(
    z.object({
      region: z.string(),
      overall: z.number().nullable(),
      rank: z.number().nullable(),
      areas: z.array(z.object({ area: z.string(), score: z.number().nullable() })),
    }),
  ),
});

export const reportsChannels = {
  /** All regions × all indicators for one quarter: value, target in force, status, gap, score, rank; optionally frozen as of a moment. */
  'reports.matrix': {
    input: z.object({ period: periodCode, asOf: z.string().datetime().nullable().optional() }).strict(),
    output: MatrixSchema,
  },
  /**
   * The quarterly report workbook (CONTRACTS §1 `export`). `region` is a name,
   * short name or code: then only that region's columns and rows. `out` is
   * replaced only once the new file is complete. `rows`: data rows over all sheets.
   */
  'reports.export': {
    input: z
      .object({
        period: periodCode,
        region: z.string().min(1).max(64).optional(),
        out: z.string().min(1).max(4096),
        asOf: z.string().datetime().nullable().optional(),
      })
      .strict(),
    output: z.object({ file: z.string(), sheets: z.array(z.string()), rows: z.number().int().nonnegative() }),
  },
} as const;
