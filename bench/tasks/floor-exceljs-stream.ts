/** The floor: exceljs' streaming reader reading every cell of the file and doing nothing else. */
import ExcelJS from 'exceljs';
import { peakRssMb } from '../measure';

const [file] = process.argv.slice(2) as [string];
(async () => {
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
  console.log(JSON.stringify({ ms: performance.now() - t, cells, peakRssMb: peakRssMb() }));
})();
