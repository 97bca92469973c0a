/**
 * Writes a long-format workbook of `rows` values (real codes and regions, fixed
 * seed) with exceljs' streaming writer.
 *   node --import tsx bench/tasks/make-long.ts OUT ROWS [START_YEAR] [SHEETS] [NOTES]
 * SHEETS spreads the rows over that many sheets (periods continue from one to
 * the next, so every value has its own indicator, region and period); NOTES=1
 * fills 备注 with a short sentence per row (about 35 characters), NOTES=2 with
 * a longer one (about 100) — what makes a workbook big without breaking the
 * import limits (200,000 rows a sheet, 4,000,000 cells).
 */
import ExcelJS from 'exceljs';
import { seeds } from '../../seeds';
import { lcg } from '../generate';

const [out, rowsArg, startYear, sheetsArg, notesArg] = process.argv.slice(2) as [string, string, string?, string?, string?];
const rows = Number(rowsArg);
const sheets = Math.max(1, Number(sheetsArg ?? 1));
const withNotes = notesArg === '1' || notesArg === '2';
const [noteMin, noteSpread] = notesArg === '2' ? [70, 40] : [18, 14];
/** Common characters for the notes. */
const POOL = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车';
(async () => {
  const t = performance.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: true, useStyles: false });
  const codes = seeds.catalogue.indicators.filter((i) => i.direction !== 'milestone').map((i) => i.code);
  const regions = seeds.regions.map((r) => r.name);
  const rnd = lcg(7);
  const noteRnd = lcg(11);
  const note = () => {
    if (!withNotes) return '';
    let s = '';
    const len = noteMin + Math.floor(noteRnd() * noteSpread);
    for (let k = 0; k < len; k++) s += POOL[Math.floor(noteRnd() * POOL.length)];
    return `${s}，较上期${noteRnd() < 0.5 ? '上升' : '下降'}${Math.round(noteRnd() * 1000) / 10}%`;
  };
  const perSheet = Math.ceil(rows / sheets);
  let n = 0;
  let q = 0;
  for (let s = 0; s < sheets; s++) {
    const ws = wb.addWorksheet(sheets === 1 ? '数据' : `数据${s + 1}`);
    ws.addRow(['地区', '期间', '指标代码', '实际值', '备注']).commit();
    let inSheet = 0;
    for (; n < rows && inSheet < perSheet; q++) {
      const period = `${Number(startYear ?? 2016) + Math.floor(q / 4)}Q${(q % 4) + 1}`;
      for (const region of regions)
        for (const code of codes) {
          if (n >= rows || inSheet >= perSheet) break;
          n++;
          inSheet++;
          ws.addRow([region, period, code, Math.round(rnd() * 1000) / 10, note()]).commit();
        }
    }
    ws.commit();
  }
  await wb.commit();
  console.log(JSON.stringify({ ms: performance.now() - t, rows, sheets, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
})();
