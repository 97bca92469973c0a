/** Runtime schemas of the domain objects that cross the contract. Import from here, not from contract.ts, in shared/channels/*. */
import { z } from 'zod';

export const code = z.string().min(1).max(64);
/** A file path as the shells hand it over: bounded, so a megabyte of text is refused at the boundary. */
export const filePath = z.string().min(1).max(4096);
export const periodCode = z.string().regex(/^\d{4}(Q[1-4])?$/, '期间格式应为 2026Q1 或 2026');

export const SourceRefSchema = z.object({ doc: z.string(), clause: z.string(), quote: z.string().optional() });

export const TargetSchema = z.object({
  year: z.number().int(),
  /** Region name; null for province-wide. */
  region: z.string().nullable(),
  regionCode: z.string().nullable(),
  comparator: z.enum(['<=', '>=', '=', 'between']),
  value: z.number(),
  valueMax: z.number().nullable(),
  deadline: z.string().nullable(),
  source: SourceRefSchema,
});

export const IndicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  area: z.string(),
  areaCode: z.string(),
  unit: z.string(),
  direction: z.enum(['lower', 'higher', 'range', 'milestone']),
  precision: z.number().int(),
  frequency: z.enum(['quarter', 'year']),
  leadUnits: z.array(z.string()),
  partnerUnits: z.array(z.string()),
  retired: z.boolean(),
  source: SourceRefSchema,
  targets: z.array(TargetSchema),
});

export const CatalogueSchema = z.object({
  version: z.string(),
  fingerprint: z.string(),
  documents: z.array(
    z.object({ id: z.string(), title: z.string(), issuer: z.string(), date: z.string(), docNo: z.string() }),
  ),
  areas: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), plan: z.string() })),
  indicators: z.array(IndicatorSchema),
});

export const RegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(['province', 'city', 'county', 'park']),
  aliases: z.array(z.string()),
});

export const ObservationSchema = z.object({
  indicator: z.string(),
  region: z.string(),
  period: z.string(),
  value: z.number(),
  note: z.string(),
  sourceKind: z.enum(['manual', 'import', 'seed', 'undo', 'restore']),
  batchId: z.string().nullable(),
  fileName: z.string().nullable(),
  sheet: z.string().nullable(),
  cell: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export const HistoryEntrySchema = z.object({
  id: z.number(),
  indicator: z.string(),
  region: z.string(),
  period: z.string(),
  oldValue: z.number().nullable(),
  newValue: z.number().nullable(),
  sourceKind: z.string(),
  batchId: z.string().nullable(),
  fileName: z.string().nullable(),
  sheet: z.string().nullable(),
  cell: z.string().nullable(),
  reason: z.string().nullable(),
  osUser: z.string(),
  changedAt: z.string(),
});

export const CheckSchema = z.object({
  integrity: z.string(),
  indicators: z.number(),
  regions: z.number(),
  observations: z.number(),
  batches: z.number(),
});

/** A backup file in the backups folder: made by hand (备份-…), before a migration (升级前备份-…) or before a restore (恢复前自动备份-…). */
export const BackupFileSchema = z.object({
  file: z.string(),
  name: z.string(),
  bytes: z.number().int(),
  modifiedAt: z.string(),
  kind: z.enum(['manual', 'pre-migration', 'pre-restore', 'other']),
});

export const BackupSummarySchema = z.object({
  file: z.string(),
  schemaVersion: z.number(),
  indicators: z.number(),
  regions: z.number(),
  observations: z.number(),
  batches: z.number(),
  lastChange: z.string().nullable(),
});

export type Catalogue = z.output<typeof CatalogueSchema>;
export type IndicatorView = z.output<typeof IndicatorSchema>;
export type TargetView = z.output<typeof TargetSchema>;
export type Region = z.output<typeof RegionSchema>;
export type Observation = z.output<typeof ObservationSchema>;
export type BackupFile = z.output<typeof BackupFileSchema>;
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;
