/** A bench store of VALUES observations (bench/generate.ts). Args: FILE VALUES [SEED] */
import { generateStore } from '../generate';
import { peakRssMb } from '../measure';

const [file, values, seed] = process.argv.slice(2) as [string, string, string?];
(async () => {
  const t = performance.now();
  const r = await generateStore(file, Number(values), Number(seed ?? 42));
  console.log(JSON.stringify({ ms: performance.now() - t, values: r.values, quarters: r.quarters, peakRssMb: peakRssMb() }));
})();
