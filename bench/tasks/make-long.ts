/** Writes a long-format workbook of `rows` values (real codes and regions, fixed seed) with exceljs' streaming writer. */
import ExcelJS from 'exceljs';
import { seeds } from '../../seeds';
import { lcg } from '../generate';

const [out, rowsArg, startYear] = process.argv.slice(2) as [string, string, string?];
const rows = Number(rowsArg);
(async () => {
  const t = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('数据');
  ws.addRow(['地区', '期间', '指标代码', '实际值', '备注']).commit();
  const codes = seeds.catalogue.indicators.filter((i) => i.direction !== 'milestone').map((i) => i.code);
  const regions = seeds.regions.map((r) => r.name);
  const rnd = lcg(7);
  let n = 0;
  for (let q = 0; n < rows; q++) {
    const period = `${Number(startYear ?? 2016) + Math.floor(q / 4)}Q${(q % 4) + 1}`;
    for (const region of regions)
      for (const code of codes) {
        if (n++ >= rows) break;
        ws.addRow([region, period, code, Math.round(rnd() * 1000) / 10, '']).commit();
      }
  }
  ws.commit();
  await wb.commit();
  console.log(JSON.stringify({ ms: performance.now() - t, rows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
})();
