/**
 * UI strings: the feature dictionaries are picked up and merged, every key
 * has its English, and every literal key that UI-A's code passes to t()
 * exists (feature keys are plain strings to the type checker, so this is
 * where a typo is caught). Keys missing from other features' code are listed
 * as a warning, not a failure: their dictionaries may still be on the way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectDictionaries, dictionaries, translate } from '../../renderer/src/i18n';
import { uiAEn } from '../../renderer/src/i18n/ui-a.en';
import { uiAZh } from '../../renderer/src/i18n/ui-a.zh-CN';

const SRC = path.resolve(__dirname, '..', '..', 'renderer', 'src');
const UI_A = ['App.tsx', 'main.tsx', 'components', 'charts', 'stores', 'features/dashboard', 'features/indicator', 'features/region', 'features/settings', 'features/catalogue'];

function files(rel: string): string[] {
  const p = path.join(SRC, rel);
  if (!fs.existsSync(p)) return [];
  if (fs.statSync(p).isFile()) return [p];
  return fs.readdirSync(p).flatMap((n) => files(path.join(rel, n)));
}

/** Literal keys in t('…') / t("…") calls, and in ternaries inside t( … ? '…' : '…'). */
function literalKeys(source: string): string[] {
  const keys = new Set<string>();
  for (const m of source.matchAll(/\bt\(\s*(['"])([\w.-]+)\1/g)) keys.add(m[2]!);
  for (const m of source.matchAll(/\bt\(\s*[^()'"`]*?\?\s*(['"])([\w.-]+)\1\s*:\s*(['"])([\w.-]+)\3/g)) {
    keys.add(m[2]!);
    keys.add(m[4]!);
  }
  return [...keys];
}

describe('UI strings', () => {
  it('merges every all-string export of the feature files, later files winning', () => {
    const merged = collectDictionaries({
      './b.zh-CN.ts': { b: { 'x.b': 'B', 'x.shared': 'from b' } },
      './a.zh-CN.ts': { a: { 'x.a': 'A', 'x.shared': 'from a' }, notStrings: { n: 1 }, helper: () => 1 },
      './c.zh-CN.ts': { default: { 'x.c': 'C' }, empty: {} },
    });
    expect(merged).toEqual({ 'x.a': 'A', 'x.b': 'B', 'x.c': 'C', 'x.shared': 'from b' });
  });

  it('picks up UI-A’s files and every other feature file', () => {
    for (const key of Object.keys(uiAZh)) expect(dictionaries['zh-CN'][key], key).toBeDefined();
    const featureFiles = fs.readdirSync(path.join(SRC, 'i18n')).filter((n) => /\.zh-CN\.ts$/.test(n) && n !== 'zh-CN.ts');
    expect(featureFiles).toContain('ui-a.zh-CN.ts');
    for (const name of featureFiles) expect(fs.existsSync(path.join(SRC, 'i18n', name.replace(/zh-CN\.ts$/, 'en.ts'))), name).toBe(true);
  });

  it('has English for every Chinese string', () => {
    expect(Object.keys(uiAEn).sort()).toEqual(Object.keys(uiAZh).sort());
    const missing = Object.keys(dictionaries['zh-CN']).filter((k) => !(k in dictionaries.en));
    expect(missing).toEqual([]);
    for (const [k, v] of Object.entries(uiAZh)) {
      const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(uiAEn[k as keyof typeof uiAEn]), k).toEqual(params(v));
    }
  });

  it('knows every key UI-A’s code uses', () => {
    const used = UI_A.flatMap(files)
      .filter((f) => /\.tsx?$/.test(f))
      .flatMap((f) => literalKeys(fs.readFileSync(f, 'utf8')).map((k) => ({ k, f: path.relative(SRC, f) })));
    expect(used.length).toBeGreaterThan(200);
    const missing = used.filter(({ k }) => !(k in dictionaries['zh-CN'])).map(({ k, f }) => `${f}: ${k}`);
    expect(missing).toEqual([]);
    // Keys built from values (t(`status.${s}`)) — all their values.
    const built = [
      ...['met', 'near', 'missed', 'no-target', 'no-data'].map((s) => `status.${s}`),
      ...['dashboard', 'indicator', 'region', 'import', 'entry', 'reports', 'meeting', 'settings'].map((p) => `nav.${p}`),
      ...['green', 'amber', 'red', 'info', 'grey'].map((c) => `heat.${c}`),
      ...['improved', 'worsened', 'same'].map((c) => `trend.${c}`),
      ...['lower', 'higher', 'range', 'milestone'].map((d) => `direction.${d}`),
      ...['quarter', 'year'].map((f) => `frequency.${f}`),
      ...['<=', '>=', '=', 'between'].map((c) => `comparator.${c}`),
      'settings.locale.zh-CN',
      'settings.locale.en',
    ];
    expect(built.filter((k) => !(k in dictionaries['zh-CN']) || !(k in dictionaries.en))).toEqual([]);
  });

  it('lists (without failing) keys other features use but nobody defines yet', () => {
    const mine = new Set(UI_A.flatMap(files));
    const others = files('.').filter((f) => /\.tsx?$/.test(f) && !mine.has(f) && !f.includes(`${path.sep}i18n${path.sep}`));
    const missing = others.flatMap((f) => literalKeys(fs.readFileSync(f, 'utf8')).filter((k) => !(k in dictionaries['zh-CN'])).map((k) => `${path.relative(SRC, f)}: ${k}`));
    if (missing.length > 0) console.warn(`[i18n] 其他模块尚未定义的文字（${missing.length}）：\n${missing.slice(0, 20).join('\n')}`);
    expect(Array.isArray(missing)).toBe(true);
  });

  it('falls back to Chinese, then to the key; fills in parameters', () => {
    expect(translate('zh-CN', 'dashboard.kpiShareSub', { met: 3, judged: 4 })).toBe('3 / 4 项达标');
    expect(translate('en', 'dashboard.kpiShareSub', { met: 3, judged: 4 })).toBe('3 of 4 met');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
    expect(translate('zh-CN', 'chart.unitAxis')).toBe('单位：{unit}');
  });
});
