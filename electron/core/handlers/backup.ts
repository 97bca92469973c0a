import path from 'node:path';
import { backupTo, inspectBackup, restoreFrom } from '../backup/backup';
import { listBackups } from '../backup/list';
import { applySeeds } from '../catalogue/seed';
import { migrate } from '../db/migrate';
import type { HandlerGroup } from './types';

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

export const backupHandlers: HandlerGroup<'backup.create' | 'backup.inspect' | 'backup.list' | 'backup.restore'> = {
  'backup.create': async (ctx, input) => {
    const file = path.resolve(input.out ?? path.join(ctx.backupDir, `备份-${stamp()}.db`));
    await backupTo(ctx.db, file);
    return { file };
  },
  'backup.inspect': (_ctx, input) => inspectBackup(path.resolve(input.file)),
  'backup.list': (ctx) => listBackups(ctx.backupDir),
  'backup.restore': async (ctx, input) => {
    const safetyCopy = path.join(ctx.backupDir, `恢复前自动备份-${stamp()}.db`);
    const restored = await restoreFrom(ctx.db, path.resolve(input.file), safetyCopy);
    // An older backup comes up to this app's schema and catalogue, as on open.
    migrate(ctx.db);
    applySeeds(ctx.db, ctx.seeds, ctx.user);
    return { restored, safetyCopy };
  },
};
