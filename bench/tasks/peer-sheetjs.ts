/** A peer: SheetJS reads the workbook, better-sqlite3 inserts the rows in one transaction (no validation, no history). */
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { peakRssMb } from '../measure';

const [file, dbFile] = process.argv.slice(2) as [string, string];
const cpu = process.cpuUsage();
const t = performance.now();
const wb = XLSX.readFile(file);
const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]!]!);
const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS v(region TEXT, period TEXT, code TEXT, value REAL, note TEXT, PRIMARY KEY(code, region, period))');
const ins = db.prepare('INSERT OR REPLACE INTO v VALUES (?, ?, ?, ?, ?)');
db.transaction(() => {
  for (const r of rows) ins.run(String(r['地区']), String(r['期间']), String(r['指标代码']), Number(r['实际值']), String(r['备注'] ?? ''));
})();
db.close();
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, rows: rows.length, peakRssMb: peakRssMb() }));
