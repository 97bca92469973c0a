/**
 * The hostile-file corpus (scripts/make-hostile-corpus.ts) against the xlsx
 * guard: every file is refused with its one-line Chinese message, memory stays
 * bounded on the bombs and the huge sheets, and real workbooks (exceljs,
 * LibreOffice) pass. Times are measured and printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { guardMessage, guardXlsx, type GuardCheck } from '../../electron/core/returns/xlsx-guard';
import { CORPUS, makeHostileCorpus } from '../../scripts/make-hostile-corpus';
import { convertOne, hasSoffice } from '../helpers/libreoffice';
import { tmpDir } from '../helpers/tmp';

const ROOT = path.resolve(__dirname, '..', '..');
const COMMITTED = path.join(ROOT, 'test', 'fixtures', 'hostile');
const SCRIPT = path.join(ROOT, 'scripts', 'make-hostile-corpus.ts');
const RSS_CAP_MB = 300;

const dir = tmpDir('ys-hostile-');
const corpus = path.join(dir, 'corpus');
const timings: Array<{ file: string; ms: number; rssPeakGrowthMB: number; result: string }> = [];

beforeAll(async () => {
  await makeHostileCorpus(corpus);
}, 300_000);

afterAll(() => {
  if (timings.length) console.log(`guardXlsx timings (in-process):\n${timings.map((t) => `  ${t.file.padEnd(30)} ${String(t.ms).padStart(6)} ms  +${t.rssPeakGrowthMB} MB  ${t.result}`).join('\n')}`);
});

/** Runs the guard, sampling RSS every 2 ms for the peak. */
async function measured(file: string): Promise<{ error: unknown; ms: number; rssPeakGrowthMB: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const t0 = performance.now();
  let error: unknown = null;
  try {
    await guardXlsx(file);
  } catch (e) {
    error = e;
  }
  const ms = Math.round(performance.now() - t0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { error, ms, rssPeakGrowthMB: Math.round((peak - before) / (1024 * 1024)) };
}

function expectRefusal(error: unknown, check: GuardCheck): void {
  expect(error).toBeInstanceOf(AppError);
  const err = error as AppError;
  expect(err.kind).toBe('usage');
  expect(err.message).toBe(guardMessage(check));
  expect(err.message).not.toMatch(/[\r\n]/);
  expect((err.details as { check: GuardCheck }).check).toBe(check);
}

describe('hostile corpus', () => {
  it('the committed fixtures, README and .gitignore are exactly what the script generates', () => {
    for (const name of [...CORPUS.filter((c) => c.committed).map((c) => c.file), 'README.md', '.gitignore']) {
      const committed = path.join(COMMITTED, name);
      expect(fs.existsSync(committed), `${name} is committed`).toBe(true);
      expect(fs.readFileSync(committed).equals(fs.readFileSync(path.join(corpus, name))), `${name} is up to date`).toBe(true);
    }
    for (const c of CORPUS) {
      const size = fs.statSync(path.join(corpus, c.file)).size;
      if (c.committed) expect(size, c.file).toBeLessThan(200 * 1024);
    }
    const ignored = fs.readFileSync(path.join(COMMITTED, '.gitignore'), 'utf8');
    for (const c of CORPUS.filter((x) => !x.committed)) expect(ignored).toContain(c.file);
  });

  for (const c of CORPUS) {
    it(`${c.file}: ${c.expect === 'pass' ? 'accepted' : guardMessage(c.expect)}`, { timeout: 120_000 }, async () => {
      const file = path.join(corpus, c.file);
      const { error, ms, rssPeakGrowthMB } = await measured(file);
      timings.push({ file: c.file, ms, rssPeakGrowthMB, result: error instanceof AppError ? String((error.details as { check?: string })?.check) : error ? String(error) : 'pass' });
      if (c.expect === 'pass') {
        expect(error).toBeNull();
      } else {
        expectRefusal(error, c.expect);
      }
      expect(rssPeakGrowthMB).toBeLessThan(RSS_CAP_MB);
    });
  }

  it('memory stays bounded on the bombs and huge sheets, each guarded in a fresh process', { timeout: 300_000 }, () => {
    const heavy = ['zip-bomb.xlsx', 'zip-bomb-declared.xlsx', 'zip-bomb-spread.xlsx', 'huge-rows.xlsx', 'huge-rows-real.xlsx', 'too-many-entries.xlsx'];
    for (const name of heavy) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--measure', path.join(corpus, name)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const m = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number; rssPeakGrowthMB: number; check: string; message: string };
      console.log(`fresh process: ${name} ${m.ms} ms, RSS +${m.rssPeakGrowthMB} MB, ${m.check}`);
      expect(m.check).toBe(CORPUS.find((c) => c.file === name)!.expect);
      expect(m.rssPeakGrowthMB).toBeLessThan(RSS_CAP_MB);
    }
  });

  it('exceljs reads the valid minimal workbook the guard accepted', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(corpus, 'valid-minimal.xlsx'));
    const ws = wb.getWorksheet('填报')!;
    expect(ws.getCell('A1').value).toBe('地区');
    expect(ws.getCell('A2').value).toBe('海口');
    expect(ws.getCell('C4').value).toBe(3.5);
  });

  it('the huge-rows-real workbook passes once the row limit allows it (its refusal is the limit, not the format)', { timeout: 120_000 }, async () => {
    const r = await guardXlsx(path.join(corpus, 'huge-rows-real.xlsx'), { maxRows: 300_000 });
    expect(r.sheets[0]).toMatchObject({ rows: 250_000, maxRow: 250_000, maxColumn: 2 });
  });
});

describe('real workbooks pass', () => {
  async function exceljsWorkbook(file: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    wb.creator = '营商环境指标监测工作站';
    const ws = wb.addWorksheet('填报');
    ws.columns = [{ width: 12 }, { width: 24 }, { width: 10 }];
    ws.addRow(['地区', '指标', '数值']).font = { bold: true };
    for (let i = 0; i < 300; i++) ws.addRow(['海口', `指标${i}`, i / 7]);
    ws.mergeCells('A302:C302');
    ws.getCell('A302').value = '填报说明：数值保留两位小数';
    for (let r = 2; r <= 301; r++) ws.getCell(`C${r}`).dataValidation = { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true };
    ws.getCell('D2').value = { formula: 'SUM(C2:C301)', result: 0 };
    wb.definedNames.add("'填报'!$C$2:$C$301", '数值区');
    await wb.xlsx.writeFile(file);
  }

  it('a workbook written by exceljs', async () => {
    const f = path.join(dir, 'exceljs.xlsx');
    await exceljsWorkbook(f);
    const r = await guardXlsx(f);
    expect(r.sheets[0]).toMatchObject({ maxRow: 302, rows: 302 });
  });

  it.skipIf(!hasSoffice())('the same workbook round-tripped through LibreOffice, and LibreOffice’s .xls', { timeout: 300_000 }, async () => {
    const f = path.join(dir, 'lo-src.xlsx');
    await exceljsWorkbook(f);
    const xlsx = await convertOne(f, 'xlsx', path.join(dir, 'lo-out'));
    const r = await guardXlsx(xlsx);
    expect(r.sheets[0]!.maxRow).toBeGreaterThanOrEqual(302);
    const xls = await convertOne(f, 'xls', path.join(dir, 'lo-out'));
    const { error } = await measured(xls);
    expectRefusal(error, 'legacy-xls');
  });
});
