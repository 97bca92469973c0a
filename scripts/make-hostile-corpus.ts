/**
 * Writes the hostile-file corpus that electron/core/returns/xlsx-guard.ts must
 * refuse (and a few files it must accept):
 *
 *   npx tsx scripts/make-hostile-corpus.ts [outDir]       (default test/fixtures/hostile)
 *   npx tsx scripts/make-hostile-corpus.ts --measure FILE  (one guard run, prints JSON: ms, RSS)
 *
 * Everything but huge-rows-real.xlsx is byte-for-byte deterministic: the ZIP
 * containers are written by hand (hostile/zip-writer.ts: fixed timestamps;
 * committed files use only "stored" entries so they do not depend on the zlib
 * version), and the OLE compound files likewise (hostile/cfb-writer.ts).
 * Files over 200 KB are never committed: they are listed in the folder's
 * .gitignore and the tests generate them at run time.
 *
 * The pieces live in scripts/hostile/; this file is the command and the one
 * place tests import them from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { measureGuard } from './hostile/measure';
import { makeHostileCorpus } from './hostile/write-corpus';

export { buildCfb } from './hostile/cfb-writer';
export { CORPUS, type CorpusFile } from './hostile/corpus';
export { deflatedZeros, sparseDeflated, writeExceljsRows } from './hostile/large-parts';
export { measureGuard } from './hostile/measure';
export { defaultSharedStrings, defaultSheet, minimalXlsx, minimalXlsxItems, type MinimalWorkbook } from './hostile/minimal-xlsx';
export { makeHostileCorpus } from './hostile/write-corpus';
export { buildZip, type DeflatedData, type ZipHeaderValues, type ZipItem } from './hostile/zip-writer';

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--measure') {
    for (const f of argv.slice(1)) process.stdout.write(`${JSON.stringify(await measureGuard(f))}\n`);
    return;
  }
  const outDir = path.resolve(argv[0] ?? path.join('test', 'fixtures', 'hostile'));
  const files = await makeHostileCorpus(outDir);
  for (const f of files) process.stdout.write(`${path.relative(process.cwd(), f)}\t${fs.statSync(f).size} bytes\n`);
}

if (/make-hostile-corpus\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
