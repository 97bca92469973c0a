/** The floor: exceljs' streaming reader reading every cell of the file and doing nothing else. Prints wall and CPU time. */
import ExcelJS from 'exceljs';
import { peakRssMb } from '../measure';

const [file] = process.argv.slice(2) as [string];
(async () => {
  const cpu = process.cpuUsage();
  const t = performance.now();
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore' });
  for await (const ws of reader) {
    for await (const row of ws) {
      row.eachCell(() => {
        cells++;
      });
    }
  }
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, cells, peakRssMb: peakRssMb() }));
})();
