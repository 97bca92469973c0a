/**
 * The headless commands of CONTRACTS §1 for the Excel round trip, spawned as
 * a user would run them, against the real seed catalogue: exit codes 0 / 1 / 2
 * and the exact JSON of `import --json`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fillTemplate, templateLayout } from '../helpers/returns';
import { tmpDir } from '../helpers/tmp';

const root = path.resolve(__dirname, '../..');
const dir = tmpDir('ys-cli-');
const db = path.join(dir, 'cli.db');

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string; json: any } {
  const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['electron/cli.ts', ...args, '--db', db], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  let json: unknown = undefined;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    /* human output */
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

/** Codes of the template's rows whose unit is `unit`. */
async function codesWithUnit(file: string, unit: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('填报')!;
  const { header, col } = templateLayout(ws);
  const codes: string[] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    if (ws.getRow(r).getCell(col('单位')).value === unit) codes.push(String(ws.getRow(r).getCell(col('指标代码')).value));
  }
  return codes;
}

describe('CLI: template, import, undo-import', () => {
  const template = path.join(dir, '海口-2026Q1.xlsx');

  it('template writes the file (exit 0); bad usage exits 2', () => {
    const ok = cli('template', '--region', '海口', '--period', '2026Q1', '--out', template);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/已生成填报模板/);
    expect(fs.existsSync(template)).toBe(true);
    const noPeriod = cli('template', '--region', '海口', '--out', template, '--json');
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.json.error.message).toMatch(/缺少参数 --period/);
  });

  let batchId = '';

  it('import --dry-run --json prints exactly the contract’s fields and writes nothing; import commits', async () => {
    const [days] = await codesWithUnit(template, '天');
    const good = await fillTemplate(template, path.join(dir, 'good.xlsx'), { [days!]: '2天' });
    const dry = cli('import', good, '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(Object.keys(dry.json)).toEqual(['batchId', 'accepted', 'unchanged', 'rejected', 'warnings']);
    expect(dry.json).toEqual({ batchId: null, accepted: 1, unchanged: 0, rejected: [], warnings: [] });
    expect(cli('check', '--json').json.batches).toBe(0);

    const done = cli('import', good, '--json');
    expect(done.code, done.stderr).toBe(0);
    expect(done.json).toMatchObject({ batchId: expect.stringMatching(/^B\d{8}-\d{4}$/), accepted: 1, unchanged: 0 });
    batchId = done.json.batchId;
    const again = cli('import', good);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/没有需要导入的变化/);
  });

  it('import exits 1 when a cell is rejected, naming the cell in Chinese', async () => {
    const [days] = await codesWithUnit(template, '天');
    const bad = await fillTemplate(template, path.join(dir, 'bad.xlsx'), { [days!]: '3小时' });
    const r = cli('import', bad, '--json');
    expect(r.code).toBe(1);
    expect(r.json.batchId).toBeNull();
    expect(r.json.rejected).toEqual([
      { sheet: '填报', cell: expect.stringMatching(/^F\d+$/), code: days, message: '“3小时”的单位是小时，本指标单位是天，请换算成天后填写数字' },
    ]);
    const human = cli('import', bad);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/有 1 处需要改正，未导入任何数据/);
  });

  it('import exits 1 for a file refused as a whole, 2 for a missing or unreadable file or no file', async () => {
    const wrong = await fillTemplate(template, path.join(dir, 'wrong.xlsx'), {}, {
      edit: (wb) => wb.getWorksheet('_meta')!.eachRow((row) => {
        if (row.getCell(1).value === 'regionCode') row.getCell(2).value = '460200';
      }),
    });
    const refused = cli('import', wrong, '--json');
    expect(refused.code).toBe(1);
    expect(refused.json.error).toMatchObject({ kind: 'rejected', message: expect.stringMatching(/三亚市/) });
    expect(cli('import', path.join(dir, 'missing.xlsx'), '--json').code).toBe(2);
    const text = path.join(dir, 'not.xlsx');
    fs.writeFileSync(text, 'hello');
    expect(cli('import', text, '--json').code).toBe(2);
    expect(cli('import', '--json').code).toBe(2);
  });

  it('undo-import restores (exit 0); a second undo exits 1', () => {
    const u = cli('undo-import', batchId, '--json');
    expect(u.code, u.stderr).toBe(0);
    expect(u.json).toEqual({ batchId, restored: 1, skipped: 0 });
    const again = cli('undo-import', batchId, '--json');
    expect(again.code).toBe(1);
    expect(again.json.error.message).toMatch(/不能重复撤销/);
    expect(cli('undo-import', '--json').code).toBe(2);
  });
});
