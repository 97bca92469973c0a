/**
 * The quarterly report workbook, written for real with the bundled seeds:
 * opened again with exceljs, unzipped to prove no user text became a
 * formula, converted with LibreOffice to PDF and CSV, and exported through
 * the CLI. Also: the old file survives a failed export.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import { isAppError } from '../../electron/core/errors';
import { applyObservationChange } from '../../electron/core/observations/write';
import { exportReport, LEAGUE_SHEET, RETURNS_SHEET, SUMMARY_SHEET, TREND_SHEET } from '../../electron/core/reports/export-workbook';
import { describeWriteError, writeFileAtomic } from '../../electron/core/xlsx/write-atomic';
import { closeStore, openStore } from '../../electron/core/store';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { hasSoffice } from '../helpers/libreoffice';

const HAIKOU = '460100';
const SANYA = '460200';
const DANZHOU = '460400';
const QIONGHAI = '469002';
const WENCHANG = '469005';
const BAISHA = '469025';

/** Notes as people might type them, each a formula if a spreadsheet took it literally. */
const NASTY = {
  [HAIKOU]: '=1+2',
  [SANYA]: '+SUM(A1)',
  [BAISHA]: '-3',
  [DANZHOU]: '@cmd',
  [WENCHANG]: '＝HYPERLINK("http://evil.example","点我")',
  [QIONGHAI]: '\t制表符开头',
} as const;

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Every worksheet XML part of an .xlsx, by name (unzip if present, else python3's zipfile). */
function sheetXml(file: string): Map<string, string> {
  const out = new Map<string, string>();
  if (have('unzip')) {
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter((n) => /^xl\/worksheets\/.*\.xml$/.test(n));
    for (const n of names) out.set(n, execFileSync('unzip', ['-p', file, n], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
    return out;
  }
  const py = `import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({n: z.read(n).decode('utf-8') for n in z.namelist() if n.startswith('xl/worksheets/') and n.endswith('.xml')}))`;
  const parts = JSON.parse(execFileSync('python3', ['-c', py, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as Record<string, string>;
  for (const [k, v] of Object.entries(parts)) out.set(k, v);
  return out;
}

/** A minimal CSV reader (quotes, doubled quotes, embedded newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

function headerIndex(ws: ExcelJS.Worksheet, headerRow = 3): Map<string, number> {
  const m = new Map<string, number>();
  ws.getRow(headerRow).eachCell((cell, col) => m.set(String(cell.value), col));
  return m;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.type === 'pattern' ? f.fgColor?.argb : undefined;
}

describe('quarterly report workbook (export)', async () => {
  const dir = tmpDir('ys-report-');
  const dbFile = path.join(dir, 'store.db');
  const ctx = await openStore({ dbFile, user: 'tester' });
  afterAll(() => closeStore(ctx));

  const put = (indicator: string, region: string, period: string, value: number, note: string | undefined, at: string) =>
    applyObservationChange(ctx.db, { indicator, region, period, value, note, source: { kind: 'manual' }, user: 'tester', at });

  const early = '2026-04-02T08:00:00.000Z';
  ctx.db.transaction(() => {
    // 企业开办时间 (工作日, ≤ 1): met, near, missed, with formula-like notes.
    put('A01-01', HAIKOU, '2026Q1', 0.8, NASTY[HAIKOU], early);
    put('A01-01', SANYA, '2026Q1', 1.05, NASTY[SANYA], early);
    put('A01-01', BAISHA, '2026Q1', 3, NASTY[BAISHA], early);
    put('A01-01', DANZHOU, '2026Q1', 0.5, NASTY[DANZHOU], early);
    put('A01-01', WENCHANG, '2026Q1', 0.9, NASTY[WENCHANG], early);
    put('A01-01', QIONGHAI, '2026Q1', 1, NASTY[QIONGHAI], early);
    // History for the trend sheet.
    put('A01-01', HAIKOU, '2021Q1', 2, '基期', '2021-04-10T00:00:00.000Z');
    put('A01-01', HAIKOU, '2024Q2', 1.5, undefined, '2024-07-10T00:00:00.000Z');
    // A percentage, a dollar amount, a milestone.
    put('A02-13', HAIKOU, '2026Q1', 100, undefined, early);
    put('A02-13', SANYA, '2026Q1', 95.5, undefined, early);
    put('A08-03', HAIKOU, '2026Q1', 250, undefined, early);
    put('A01-04', HAIKOU, '2026Q1', 1, undefined, early);
    put('A01-04', SANYA, '2026Q1', 0, undefined, early);
  })();
  // A later correction: the live report shows it, a report "as of" before it does not.
  ctx.db.transaction(() => put('A02-13', SANYA, '2026Q1', 99, undefined, '2026-06-01T00:00:00.000Z'))();
  // The tracker knows Haikou's return arrived.
  ctx.db.prepare(`INSERT INTO returns(region, period, state, changed_at, changed_by) VALUES (?, '2026Q1', 'received', ?, 'tester')`).run(HAIKOU, early);
  // Edited catalogue text and a region name that look like formulas.
  ctx.db.prepare(`UPDATE regions SET name = '-洋浦经济开发区' WHERE code = 'YP'`).run();
  ctx.db.prepare(`UPDATE indicators SET unit = '=天' WHERE code = 'A01-02'`).run();

  const out = path.join(dir, '季度报告.xlsx');
  const progress: Array<[number, number, string]> = [];
  const result = await exportReport(ctx.db, { period: '2026Q1', out }, (d, t, l) => progress.push([d, t, l]));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const summary = wb.getWorksheet(SUMMARY_SHEET)!;
  const col = headerIndex(summary);
  const summaryRow = (regionName: string, code: string): ExcelJS.Row => {
    for (let r = 4; r <= summary.rowCount; r += 1) {
      const row = summary.getRow(r);
      if (row.getCell(col.get('地区')!).value === regionName && row.getCell(col.get('指标代码')!).value === code) return row;
    }
    throw new Error(`no summary row for ${regionName} ${code}`);
  };

  it('writes every sheet, opens with exceljs, reports sheets and rows', () => {
    expect(result.file).toBe(path.resolve(out));
    expect(result.sheets.slice(0, 4)).toEqual([SUMMARY_SHEET, LEAGUE_SHEET, RETURNS_SHEET, TREND_SHEET]);
    expect(result.sheets).toContain('开办企业');
    expect(result.sheets).toContain('高效办成一件事');
    expect(wb.worksheets.map((w) => w.name)).toEqual(result.sheets);
    for (const name of result.sheets) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    const catalogue = ctx.db.prepare('SELECT count(*) AS n FROM indicators WHERE retired = 0').get() as { n: number };
    const regions = ctx.db.prepare('SELECT count(*) AS n FROM regions').get() as { n: number };
    expect(summary.rowCount - 3).toBe(catalogue.n * regions.n);
    expect(result.rows).toBeGreaterThan(catalogue.n * regions.n);
    // Progress once per sheet, then done.
    expect(progress).toHaveLength(result.sheets.length + 1);
    expect(progress.at(-1)).toEqual([result.sheets.length, result.sheets.length, '报告已生成']);
  });

  it('汇总: value, target in force as text, status with red/amber/green fill, gap, score, rank, note', () => {
    const hk = summaryRow('海口市', 'A01-01');
    const cell = (row: ExcelJS.Row, h: string) => row.getCell(col.get(h)!);
    expect(summary.getCell('A1').value).toBe('海南省营商环境指标季度报告 2026年第一季度');
    expect(cell(hk, '实际值').value).toBe(0.8);
    expect(cell(hk, '实际值').numFmt).toBe('0.0');
    expect(cell(hk, '目标值').value).toBe('≤ 1');
    expect(cell(hk, '状态').value).toBe('达标');
    expect(fillOf(cell(hk, '状态'))).toBe('FFC6EFCE');
    expect(cell(hk, '差距').value).toBeCloseTo(0.2, 9);
    expect(cell(hk, '排名').value).toBe(2); // 儋州 0.5 is best
    const sy = summaryRow('三亚市', 'A01-01');
    expect(cell(sy, '状态').value).toBe('接近');
    expect(fillOf(cell(sy, '状态'))).toBe('FFFFEB9C');
    const bs = summaryRow('白沙黎族自治县', 'A01-01');
    expect(cell(bs, '状态').value).toBe('未达标');
    expect(fillOf(cell(bs, '状态'))).toBe('FFFFC7CE');
    expect(cell(bs, '得分').value).toBe(0);
    const dz = summaryRow('儋州市', 'A01-01');
    expect(cell(dz, '得分').value).toBe(100);
    expect(cell(dz, '排名').value).toBe(1);
    const nodata = summaryRow('三沙市', 'A01-01');
    expect(cell(nodata, '状态').value).toBe('无数据');
    expect(fillOf(cell(nodata, '状态'))).toBe('FFD9D9D9');
    expect(cell(nodata, '实际值').value).toBeNull();
    const pct = summaryRow('海口市', 'A02-13');
    expect(cell(pct, '实际值').numFmt).toBe('0.00"%"');
    expect(cell(pct, '目标值').value).toBe('≥ 100');
    expect(cell(summaryRow('海口市', 'A08-03'), '实际值').numFmt).toBe('#,##0');
    const ms = summaryRow('三亚市', 'A01-04');
    expect(cell(ms, '目标值').value).toMatch(/^完成/);
    expect(cell(ms, '状态').value).toBe('未达标');
    expect(cell(summaryRow('三亚市', 'A02-13'), '实际值').value).toBe(99);
  });

  it('writes user text as plain strings with a leading quote, never as formulas', () => {
    const names: Record<string, string> = { [HAIKOU]: '海口市', [SANYA]: '三亚市', [BAISHA]: '白沙黎族自治县', [DANZHOU]: '儋州市', [WENCHANG]: '文昌市', [QIONGHAI]: '琼海市' };
    for (const [region, note] of Object.entries(NASTY)) {
      const c = summaryRow(names[region]!, 'A01-01').getCell(col.get('备注')!);
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
      expect(c.value).toBe(`'${note}`);
    }
    const park = summaryRow("'-洋浦经济开发区", 'A01-01');
    expect(park.getCell(col.get('地区')!).type).toBe(ExcelJS.ValueType.String);
    expect(summaryRow('海口市', 'A01-02').getCell(col.get('单位')!).value).toBe("'=天");
    // And in the raw XML: not a single <f> element in any sheet.
    const parts = sheetXml(out);
    expect(parts.size).toBe(result.sheets.length);
    for (const [name, xml] of parts) {
      expect(xml, name).not.toMatch(/<f[\s>/]/);
    }
    const allXml = [...parts.values()].join('');
    expect(allXml).toContain('&apos;=1+2');
    expect(allXml).toContain('&apos;＝HYPERLINK');
  });

  it('frames every sheet: title, frozen header, A4 landscape fit to width, page numbers, widths', () => {
    for (const ws of wb.worksheets) {
      expect(String(ws.getCell('A1').value), ws.name).toContain('海南省营商环境指标季度报告 2026年第一季度');
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
      expect(ws.headerFooter.oddFooter, ws.name).toBe('&C第 &P 页，共 &N 页');
      expect(ws.getColumn(1).width, ws.name).toBeGreaterThan(5);
      expect((ws.getCell('A3').font as ExcelJS.Font).name).toBe('Microsoft YaHei');
    }
  });

  it('area sheets: indicators × regions with status fills and the area composite', () => {
    const ws = wb.getWorksheet('开办企业')!;
    const h = headerIndex(ws);
    expect(h.get('海南省')).toBeDefined();
    expect(h.get("'-洋浦经济开发区")).toBeDefined();
    let row: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (r.getCell(1).value === 'A01-01') row = r;
    });
    expect(row!.getCell(h.get('海口市')!).value).toBe(0.8);
    expect(fillOf(row!.getCell(h.get('海口市')!))).toBe('FFC6EFCE');
    expect(fillOf(row!.getCell(h.get('白沙黎族自治县')!))).toBe('FFFFC7CE');
    expect(fillOf(row!.getCell(h.get('三沙市')!))).toBe('FFD9D9D9');
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(2).value).toContain('领域综合得分');
  });

  it('地区排名, 报送情况 and 趋势', () => {
    const league = wb.getWorksheet(LEAGUE_SHEET)!;
    const lh = headerIndex(league);
    expect([...lh.keys()].slice(0, 3)).toEqual(['排名', '地区', '综合得分']);
    expect(league.getRow(4).getCell(1).value).toBe(1);
    expect(league.rowCount - 3).toBe(19); // the 市县 only

    const returns = wb.getWorksheet(RETURNS_SHEET)!;
    const rh = headerIndex(returns);
    let hk: ExcelJS.Row | undefined;
    returns.eachRow((r) => {
      if (r.getCell(1).value === '海口市') hk = r;
    });
    const quarterly = (ctx.db.prepare(`SELECT count(*) AS n FROM indicators WHERE retired = 0 AND frequency = 'quarter'`).get() as { n: number }).n;
    expect(hk!.getCell(rh.get('应报指标数')!).value).toBe(quarterly);
    const received = (ctx.db.prepare(
      `SELECT count(*) AS n FROM observations o JOIN indicators i ON i.code = o.indicator WHERE o.region = ? AND o.period = '2026Q1' AND i.frequency = 'quarter'`,
    ).get(HAIKOU) as { n: number }).n;
    expect(hk!.getCell(rh.get('已报指标数')!).value).toBe(received);
    expect(hk!.getCell(rh.get('缺报指标数')!).value).toBe(quarterly - received);
    expect(hk!.getCell(rh.get('报送率')!).value).toBeCloseTo(received / quarterly, 9);
    expect(hk!.getCell(rh.get('填报表状态')!).value).toBe('已收到');

    const trend = wb.getWorksheet(TREND_SHEET)!;
    const th = headerIndex(trend);
    const rows = new Map<string, ExcelJS.Row>();
    trend.eachRow((r, n) => {
      if (n > 3 && r.getCell(1).value === 'A01-01') rows.set(String(r.getCell(th.get('期间')!).value), r);
    });
    expect(rows.size).toBe(21); // 2021Q1 … 2026Q1
    expect(rows.get('2021Q1')!.getCell(th.get('海口市')!).value).toBe(2);
    expect(rows.get('2024Q2')!.getCell(th.get('海口市')!).value).toBe(1.5);
    expect(rows.get('2026Q1')!.getCell(th.get('白沙黎族自治县')!).value).toBe(3);
    expect(rows.get('2023Q3')!.getCell(th.get('目标值（全省）')!).value).toBe('≤ 1');
  });

  it('a region report holds only that region; "as of" freezes the numbers', async () => {
    const file = path.join(dir, 'sanya.xlsx');
    const r = await exportReport(ctx.db, { period: '2026Q1', region: SANYA, out: file, asOf: '2026-05-01T00:00:00.000Z' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const s = book.getWorksheet(SUMMARY_SHEET)!;
    expect(String(s.getCell('A1').value)).toContain('三亚市');
    const regionsSeen = new Set<unknown>();
    s.eachRow((row, n) => {
      if (n > 3) regionsSeen.add(row.getCell(1).value);
    });
    expect([...regionsSeen]).toEqual(['三亚市']);
    const area = book.getWorksheet('开办企业')!;
    expect([...headerIndex(area).keys()]).toEqual(['指标代码', '指标名称', '单位', '目标值', '三亚市']);
    expect(book.getWorksheet(LEAGUE_SHEET)!.rowCount).toBe(4);
    const h = headerIndex(s);
    let pct: unknown;
    s.eachRow((row) => {
      if (row.getCell(h.get('指标代码')!).value === 'A02-13') pct = row.getCell(h.get('实际值')!).value;
    });
    expect(pct).toBe(95.5);
    expect(r.rows).toBeLessThan(result.rows);
  });

  it('through the channel: names and aliases resolve; an unknown region is refused', async () => {
    const file = path.join(dir, 'via-channel.xlsx');
    const ok = await invoke(ctx, 'reports.export', { period: '2026Q1', region: '白沙', out: file });
    expect(ok.ok).toBe(true);
    const bad = await invoke(ctx, 'reports.export', { period: '2026Q1', region: '火星', out: path.join(dir, 'x.xlsx') });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const year = await invoke(ctx, 'reports.export', { period: '2026', out: path.join(dir, 'y.xlsx') });
    expect(year).toMatchObject({ ok: false, error: { kind: 'usage' } });
    expect(fs.existsSync(path.join(dir, 'x.xlsx')) || fs.existsSync(path.join(dir, 'y.xlsx'))).toBe(false);
  });

  it('a failed export leaves the old file untouched and no temporary file behind', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'atomic-'));
    const target = path.join(sub, '报告.xlsx');
    fs.writeFileSync(target, 'OLD CONTENT');
    let calls = 0;
    await expect(
      exportReport(ctx.db, { period: '2026Q1', out: target }, () => {
        calls += 1;
        if (calls === 3) throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    expect(fs.readFileSync(target, 'utf8')).toBe('OLD CONTENT');
    expect(fs.readdirSync(sub)).toEqual(['报告.xlsx']);
  });

  it('a disk failure mid-write becomes a plain Chinese message; the old file stays', async () => {
    const sub = fs.mkdtempSync(path.join(dir, 'full-'));
    const target = path.join(sub, 'r.xlsx');
    fs.writeFileSync(target, 'OLD');
    const err = await writeFileAtomic(target, async (sink) => {
      sink.stream.write('partial');
      sink.stream.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      await new Promise(() => {}); // a writer that would wait forever: the failure must still end it
    }).catch((e: unknown) => e);
    expect(isAppError(err)).toBe(true);
    expect(err).toMatchObject({ kind: 'storage', message: expect.stringContaining('磁盘空间已满') });
    expect(fs.readFileSync(target, 'utf8')).toBe('OLD');
    expect(fs.readdirSync(sub)).toEqual(['r.xlsx']);

    // A folder where the file should go, and the messages for the other disk troubles.
    await expect(exportReport(ctx.db, { period: '2026Q1', out: sub })).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('文件夹') });
    const errno = (code: string) => Object.assign(new Error(code), { code });
    expect(describeWriteError(errno('EBUSY'), 'a.xlsx', 'rename').message).toContain('Excel 或 WPS 中打开');
    expect(describeWriteError(errno('EPERM'), 'a.xlsx', 'rename').message).toContain('原有文件未改动');
    expect(describeWriteError(errno('EROFS'), 'a.xlsx', 'open')).toMatchObject({ kind: 'storage', message: expect.stringContaining('只读') });
    expect(describeWriteError(errno('EACCES'), 'a.xlsx', 'open').message).toContain('没有权限');
  });

  it.skipIf(!hasSoffice())(
    'LibreOffice converts it to PDF and CSV without errors, Chinese intact',
    () => {
      const conv = fs.mkdtempSync(path.join(dir, 'lo-'));
      const profile = `file://${fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'))}`;
      const run = (format: string) => {
        const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', format, '--outdir', conv, out], {
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(r.status, r.stderr).toBe(0);
        expect(r.stderr).not.toMatch(/Error:/);
      };
      try {
        run('pdf');
        run('csv:Text - txt - csv (StarCalc):44,34,76,1');
        const base = path.basename(out, '.xlsx');
        const pdf = path.join(conv, `${base}.pdf`);
        const csvFile = path.join(conv, `${base}.csv`);
        expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
        const csv = fs.readFileSync(csvFile, 'utf8');
        expect(csv).toContain('海口市');
        expect(csv).toContain('达标');
        expect(csv).toContain('未达标');
        expect(csv).toContain('海南省营商环境指标季度报告');
        const fields = parseCsv(csv).flat();
        expect(fields).toContain("'=1+2");
        expect(fields).toContain('0.8');
        // Nothing in the CSV would be taken for a formula when opened again (signed numbers such as a gap of +0.2 are numbers).
        const isNumber = (f: string) => /^[+-]?[\d,]*\.?\d+%?$/.test(f);
        for (const f of fields) if (!isNumber(f)) expect(f, f).not.toMatch(/^[=+\-@＝＋－＠\t\r]/);
        expect(fields).toContain('+0.2');
        const cjkFonts = have('fc-list') && execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
        if (have('pdftotext') && cjkFonts) {
          const text = execFileSync('pdftotext', ['-l', '3', pdf, '-'], { encoding: 'utf8' });
          expect(text).toContain('海南省营商环境指标季度报告');
          expect(text).toContain('企业开办时间');
        }
      } finally {
        fs.rmSync(profile.replace('file://', ''), { recursive: true, force: true });
      }
    },
    300_000,
  );

  it('CLI: export writes the file (exit 0); a bad period is bad usage (exit 2)', () => {
    const file = path.join(dir, 'cli.xlsx');
    const ok = runCli(['export', '--db', dbFile, '--period', '2026年第一季度', '--region', '海口', '--out', file, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ file, rows: expect.any(Number) });
    expect(ok.json().sheets).toContain(SUMMARY_SHEET);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    const badFile = path.join(dir, 'bad.xlsx');
    const bad = runCli(['export', '--db', dbFile, '--period', '2026Q5', '--out', badFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('期间');
    expect(fs.existsSync(badFile)).toBe(false);
    const missing = runCli(['export', '--db', dbFile, '--period', '2026Q1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out');
  });
});
