/** Ours: the real import (dry run, or commit) of a long-format workbook into a real store. */
import { openStore, closeStore } from '../../electron/core/store';
import { commitImport, previewImport } from '../../electron/core/returns/import';
import { peakRssMb } from '../measure';

const [file, dbFile, mode] = process.argv.slice(2) as [string, string, 'dry-run' | 'commit'];
(async () => {
  const ctx = await openStore({ dbFile, user: 'bench' });
  const t = performance.now();
  const r = mode === 'commit' ? await commitImport(ctx, file) : await previewImport(ctx, file);
  const ms = performance.now() - t;
  closeStore(ctx);
  if (r.rejected.length) throw new Error(`rejected: ${r.rejected[0]!.message}`);
  console.log(JSON.stringify({ ms, accepted: r.accepted, rows: r.rows.length, batchId: r.batchId, peakRssMb: peakRssMb() }));
})();
