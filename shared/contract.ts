/**
 * The one contract between the UI (and the CLI) and the core: every channel
 * with the runtime schema of its input and output. Electron IPC, the
 * browser-mode server and the CLI validate against these at the boundary.
 * Add a channel here, implement it in electron/core/handlers.ts — the types
 * make a missing or mistyped handler a compile error.
 */
import { z } from 'zod';
import { reportsChannels } from './channels/reports';
import { trackerChannels } from './channels/tracker';
import {
  BackupFileSchema,
  BackupSummarySchema,
  CatalogueSchema,
  CheckSchema,
  code,
  filePath,
  HistoryEntrySchema,
  ObservationSchema,
  periodCode,
  RegionSchema,
} from './schemas';
import { returnsChannels } from './channels/returns';
import { consolidateChannels } from './channels/consolidate';
import { filesChannels } from './channels/files';

export * from './schemas';


const empty = z.object({}).strict();

/**
 * Feature modules declare their channels in shared/channels/<feature>.ts and
 * are spread in here — one line each — so that parallel work does not collide.
 */
export const channels = {
  'app.info': {
    input: empty,
    output: z.object({
      appVersion: z.string(),
      schemaVersion: z.number(),
      catalogueVersion: z.string(),
      dbFile: z.string(),
      dataDir: z.string(),
      osUser: z.string(),
    }),
  },
  'app.check': { input: empty, output: CheckSchema },
  'catalogue.get': { input: z.object({ includeRetired: z.boolean().optional() }).strict(), output: CatalogueSchema },
  'regions.list': { input: empty, output: z.array(RegionSchema) },
  'observations.list': {
    input: z
      .object({
        indicator: code.optional(),
        region: code.optional(),
        period: periodCode.optional(),
      })
      .strict(),
    output: z.array(ObservationSchema),
  },
  'observations.set': {
    input: z
      .object({
        indicator: code,
        region: code,
        period: periodCode,
        /** null removes the value. */
        value: z.number().finite().nullable(),
        note: z.string().max(2000).optional(),
        reason: z.string().max(2000).optional(),
      })
      .strict(),
    output: z.object({ outcome: z.enum(['new', 'changed', 'unchanged', 'removed']) }),
  },
  'observations.history': {
    input: z.object({ indicator: code.optional(), region: code.optional(), period: periodCode.optional(), limit: z.number().int().positive().max(10000).optional() }).strict(),
    output: z.array(HistoryEntrySchema),
  },
  'backup.create': { input: z.object({ out: filePath.optional() }).strict(), output: z.object({ file: z.string() }) },
  'backup.inspect': { input: z.object({ file: filePath }).strict(), output: BackupSummarySchema },
  /** The backups in the store's own backups folder, newest first. */
  'backup.list': { input: empty, output: z.array(BackupFileSchema) },
  'backup.restore': {
    input: z.object({ file: filePath }).strict(),
    output: z.object({ restored: BackupSummarySchema, safetyCopy: z.string() }),
  },
  ...reportsChannels,
  ...trackerChannels,
  ...returnsChannels,
  ...consolidateChannels,
  ...filesChannels,
  // ...featureChannels,
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>;
export const CHANNELS = Object.keys(channels) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** What every shell sends back: a result, or a plain-Chinese error. */
export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string; details?: unknown } };

