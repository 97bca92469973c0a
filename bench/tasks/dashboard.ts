/**
 * Dashboard matrix (all regions × all indicators, one quarter, with status
 * and score) and the indicator chart's read: each as the query itself, and
 * as the whole request through the handler table (input and output checked
 * against the contract), which is what the renderer waits for.
 */
import { invoke } from '../../electron/core/dispatch';
import { readPeriodMatrix } from '../../electron/core/reports/matrix';
import { closeStore, openStore } from '../../electron/core/store';
import { medianMs, medianMsAsync, peakRssMb } from '../measure';

const [file, period] = process.argv.slice(2) as [string, string];
(async () => {
  const ctx = await openStore({ dbFile: file, user: 'bench' });
  const db = ctx.db;
  readPeriodMatrix(db, period); // warm the page cache and statements
  const dashboardMs = medianMs(() => readPeriodMatrix(db, period));
  const code = (db.prepare('SELECT code FROM indicators WHERE retired = 0 ORDER BY sort LIMIT 1').get() as { code: string }).code;
  // The chart's read as observations.list makes it: every value of the indicator, in key order.
  const chart = db.prepare('SELECT indicator, region, period, value, note FROM observations WHERE indicator = ? ORDER BY indicator, region, period');
  chart.all(code);
  const chartMs = medianMs(() => chart.all(code));
  const cells = readPeriodMatrix(db, period).cells.length;

  const timeRequest = (channel: string, input: unknown) =>
    medianMsAsync(async () => {
      const r = await invoke(ctx, channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    });
  const matrixRequestMs = await timeRequest('reports.matrix', { period });
  const chartRequestMs = await timeRequest('observations.list', { indicator: code });
  closeStore(ctx);
  console.log(JSON.stringify({ ms: dashboardMs, chartMs, matrixRequestMs, chartRequestMs, cells, peakRssMb: peakRssMb() }));
})();
