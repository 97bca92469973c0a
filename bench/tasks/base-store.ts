/** An empty store (catalogue and regions seeded, no values but the seed's), checkpointed so a copy of the file is the whole store. Args: FILE */
import fs from 'node:fs';
import { closeStore, openStore } from '../../electron/core/store';

const [file] = process.argv.slice(2) as [string];
(async () => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const ctx = await openStore({ dbFile: file, user: 'bench' });
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  closeStore(ctx);
  console.log(JSON.stringify({ ms: 0, bytes: fs.statSync(file).size, peakRssMb: 0 }));
})();
