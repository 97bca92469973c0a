/** Ours: the real import (dry run, or commit) of a long-format workbook into a real store. Prints wall and CPU time of the import itself. */
import { openStore, closeStore } from '../../electron/core/store';
import { commitImport, previewImport } from '../../electron/core/returns/import';
import { peakRssMb } from '../measure';

const [file, dbFile, mode] = process.argv.slice(2) as [string, string, 'dry-run' | 'commit'];
(async () => {
  const ctx = await openStore({ dbFile, user: 'bench' });
  const cpu = process.cpuUsage();
  const t = performance.now();
  const r = mode === 'commit' ? await commitImport(ctx, file) : await previewImport(ctx, file);
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  closeStore(ctx);
  if (r.rejected.length) throw new Error(`rejected: ${r.rejected[0]!.message}`);
  console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, accepted: r.accepted, rows: r.rows.length, batchId: r.batchId, peakRssMb: peakRssMb() }));
})();
