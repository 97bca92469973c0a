/** The quarterly report workbook (exportReport) of one quarter of a store. Args: STORE PERIOD OUT.xlsx */
import fs from 'node:fs';
import { openDatabase } from '../../electron/core/db/open';
import { exportReport } from '../../electron/core/reports/export-workbook';
import { peakRssMb } from '../measure';

const [file, period, out] = process.argv.slice(2) as [string, string, string];
(async () => {
  const { db } = await openDatabase(file);
  const t = performance.now();
  const r = await exportReport(db, { period, out });
  const ms = performance.now() - t;
  db.close();
  console.log(JSON.stringify({ ms, sheets: r.sheets.length, rows: r.rows, bytes: fs.statSync(r.file).size, peakRssMb: peakRssMb() }));
})();
