import { integrity } from '../db/open';
import { schemaVersion } from '../db/migrate';
import type { HandlerGroup } from './types';

export const appHandlers: HandlerGroup<'app.info' | 'app.check'> = {
  'app.info': (ctx) => ({
    appVersion: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
    catalogueVersion:
      (ctx.db.prepare(`SELECT value FROM meta WHERE key = 'catalogue_version'`).get() as { value: string } | undefined)?.value ?? '',
    dbFile: ctx.dbFile,
    dataDir: ctx.dataDir,
    osUser: ctx.user,
  }),
  'app.check': (ctx) => {
    const count = (table: string): number => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      integrity: integrity(ctx.db),
      indicators: count('indicators'),
      regions: count('regions'),
      observations: count('observations'),
      batches: count('import_batches'),
    };
  },
};
