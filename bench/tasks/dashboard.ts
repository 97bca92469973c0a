/** Dashboard matrix (all regions × all indicators, one quarter, with status and score) and the indicator chart query. */
import { openDatabase } from '../../electron/core/db/open';
import { readPeriodMatrix } from '../../electron/core/reports/matrix';
import { medianMs, peakRssMb } from '../measure';

const [file, period] = process.argv.slice(2) as [string, string];
(async () => {
  const { db } = await openDatabase(file);
  readPeriodMatrix(db, period); // warm the page cache and statements
  const dashboardMs = medianMs(() => readPeriodMatrix(db, period));
  const code = (db.prepare('SELECT code FROM indicators ORDER BY sort LIMIT 1').get() as { code: string }).code;
  const chart = db.prepare('SELECT region, period, value FROM observations WHERE indicator = ? ORDER BY period');
  chart.all(code);
  const chartMs = medianMs(() => chart.all(code));
  const cells = readPeriodMatrix(db, period).cells.length;
  db.close();
  console.log(JSON.stringify({ ms: dashboardMs, chartMs, cells, peakRssMb: peakRssMb() }));
})();
