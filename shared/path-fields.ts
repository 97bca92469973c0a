/**
 * Which input fields of which channels are file-system paths, and whether the
 * handler reads or writes them. The shells that take requests from a page
 * (browser mode: electron/web/server.ts; the desktop IPC: electron/main)
 * check every such path against their path policy (electron/core/path-policy.ts)
 * before the core is asked; the CLI does not (the person typed the path).
 *
 * A field holds one path (a string) or several (an array of strings).
 * test/integration/security.test.ts fails when a channel's input has a key
 * that looks like a path (file, out, path, dir, files, …) and is not listed
 * here, so a new channel cannot forget it.
 *
 * Type-only import of the contract: shared/contract.ts does not import this
 * file, and this file adds nothing to the page bundle but the table.
 */
import type { Channel } from './contract';

export interface PathFieldSpec {
  /** Paths the handler opens for reading. */
  read?: string[];
  /** Paths the handler creates or replaces. */
  write?: string[];
}

export const PATH_FIELDS: Partial<Record<Channel, PathFieldSpec>> = {
  'backup.create': { write: ['out'] },
  'backup.inspect': { read: ['file'] },
  'backup.restore': { read: ['file'] },
  'reports.export': { write: ['out'] },
  'tracker.exportMissing': { write: ['out'] },
  'catalogue.exportXlsx': { write: ['out'] },
  'catalogue.importPreview': { read: ['file'] },
  'catalogue.importCommit': { read: ['file'] },
  'returns.template': { write: ['out'] },
  'import.preview': { read: ['file'] },
  'import.commit': { read: ['file'] },
  'import.errorsCopy': { read: ['file'], write: ['out'] },
  'consolidate.preview': { read: ['files'] },
  'consolidate.commit': { read: ['files'] },
};

export interface InputPaths {
  read: string[];
  write: string[];
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/**
 * The path strings an input names, by access. Values that are not strings
 * (or arrays of strings) are skipped: the channel's schema refuses them anyway.
 */
export function pathsOf(channel: string, input: unknown): InputPaths {
  const out: InputPaths = { read: [], write: [] };
  if (!own(PATH_FIELDS, channel) || !input || typeof input !== 'object' || Array.isArray(input)) return out;
  const spec = PATH_FIELDS[channel as Channel] ?? {};
  const record = input as Record<string, unknown>;
  for (const key of spec.read ?? []) if (own(record, key)) out.read.push(...strings(record[key]));
  for (const key of spec.write ?? []) if (own(record, key)) out.write.push(...strings(record[key]));
  return out;
}
