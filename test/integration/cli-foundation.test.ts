import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../electron/core/db/driver';
import { applyPragmas } from '../../electron/core/db/open';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { applySeeds } from '../../electron/core/catalogue/seed';
import { seeds } from '../../seeds';
import { runCli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const dir = tmpDir('ys-cli-');

describe('CLI: catalogue, check, backup, restore (CONTRACTS §1)', () => {
  const db = path.join(dir, 'cli.db');

  it('catalogue --json prints exactly one JSON document in the contract schema', () => {
    const r = runCli(['catalogue', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(doc.indicators.length).toBeGreaterThan(100);
    for (const i of doc.indicators) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['code', 'name', 'nameEn', 'area', 'unit', 'direction', 'leadUnits', 'source', 'targets']));
      expect(['lower', 'higher', 'range', 'milestone']).toContain(i.direction);
      expect(i.source).toHaveProperty('doc');
      expect(i.source).toHaveProperty('clause');
      for (const t of i.targets) {
        expect(['<=', '>=', '=', 'between']).toContain(t.comparator);
        expect(t).toHaveProperty('year');
        expect(t).toHaveProperty('region');
        expect(t).toHaveProperty('valueMax');
        expect(t).toHaveProperty('source');
        if (t.comparator === 'between') expect(t.valueMax).toBeGreaterThan(t.value);
      }
    }
    // Figures the 2021 plan names, found by meaning rather than by code.
    const has = (pred: (i: any, t: any) => boolean) => doc.indicators.some((i: any) => i.targets.some((t: any) => pred(i, t)));
    expect(has((i, t) => i.unit === '工作日' && t.comparator === '<=' && t.value === 1 && t.year === 2021)).toBe(true);
    expect(has((i, t) => /注册官/.test(i.name) && t.value === 0.5)).toBe(true);
    expect(has((i, t) => /高压/.test(i.name) && t.value === 45)).toBe(true);
    expect(has((i, t) => /进口/.test(i.name) && i.unit === '小时' && t.comparator === 'between' && t.value === 45 && t.valueMax === 50)).toBe(true);
    expect(has((i, t) => /出口/.test(i.name) && i.unit === '小时' && t.value === 1.5 && t.valueMax === 3)).toBe(true);
    expect(has((i, t) => i.unit === '美元' && t.value === 300)).toBe(true);
    expect(has((i, t) => i.unit === '美元' && t.value === 240)).toBe(true);
    for (const [year, value] of [[2022, 65], [2023, 80], [2024, 95]] as const) {
      expect(has((i, t) => /零跑动/.test(i.name) && /可办率/.test(i.name) && t.year === year && t.value === value)).toBe(true);
    }
    expect(has((i) => i.direction === 'milestone')).toBe(true);
  });

  it('check --json reports integrity ok on a fresh database', () => {
    const r = runCli(['check', '--json', '--db', path.join(dir, 'fresh.db')]);
    expect(r.code).toBe(0);
    const c = r.json();
    expect(c).toMatchObject({ integrity: 'ok', batches: 0 });
    expect(c.indicators).toBe(seeds.catalogue.indicators.length);
    expect(c.regions).toBe(seeds.regions.length);
    expect(c.observations).toBe(seeds.actuals.length);
  });

  it('check --json reports integrity ok on a migrated database', () => {
    const file = path.join(dir, 'old.db');
    const old = connect(file);
    applyPragmas(old);
    migrate(old, migrations.slice(0, 1));
    applySeeds(old, seeds, 'tester');
    old.close();
    const r = runCli(['check', '--json', '--db', file]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ integrity: 'ok' });
    expect(fs.readdirSync(path.join(dir, 'backups')).some((f) => f.includes('升级前备份-v1'))).toBe(true);
  });

  it('backup and restore round-trip through the CLI', () => {
    const out = path.join(dir, 'copy.db');
    const b = runCli(['backup', '--out', out, '--db', db]);
    expect(b.code).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
    const r = runCli(['restore', out, '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(r.json().restored.indicators).toBe(seeds.catalogue.indicators.length);
  });

  it('bad usage exits 2 with a Chinese message and, with --json, one JSON error document', () => {
    const r = runCli(['backup', '--db', db, '--json']);
    expect(r.code).toBe(2);
    expect(r.json().error.message).toMatch(/缺少参数 --out/);
    const u = runCli(['frobnicate', '--db', db]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/未知命令/);
    const missing = runCli(['restore', path.join(dir, 'nope.db'), '--db', db, '--json']);
    expect(missing.code).toBe(2);
    expect(missing.json().error.message).toMatch(/找不到备份文件/);
  });
});
