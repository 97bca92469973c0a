#!/usr/bin/env node
/**
 * `npm test`: type-check, lint (the boundary rules), the Electron security
 * audit (scripts/security-audit.mjs), then every vitest suite
 * (unit, integration on real SQLite files and workbooks, e2e in Chromium).
 * CI does not read vitest's output, so the last line is the plain count:
 * "N passed, N failed", taken from vitest's JSON report.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const report = path.join(root, 'test-results', 'vitest.json');
let passed = 0;
let failed = 0;

function step(label, cmd, args) {
  process.stderr.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status === 0;
}

for (const [label, cmd, args] of [
  ['类型检查 typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['边界检查 lint', bin('eslint'), ['.']],
  ['安全审计 electronegativity', process.execPath, [path.join(root, 'scripts', 'security-audit.mjs')]],
]) {
  if (step(label, cmd, args)) passed += 1;
  else failed += 1;
}

fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const extra = process.argv.slice(2);
step('测试 vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...extra]);

if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  // A suite that failed to load has no test results of its own: count it once.
  failed += (r.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
  if (r.success === false && failed === 0) failed = 1;
} else {
  failed += 1;
  process.stderr.write('vitest 没有生成 JSON 报告（no JSON report）\n');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
