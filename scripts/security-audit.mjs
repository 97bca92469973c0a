#!/usr/bin/env node
/**
 * `npm run audit` (and one step of `npm test`): Electronegativity over the
 * desktop shell, and a gate on what it finds.
 *
 * What is scanned — copied into <out-dir>/electronegativity-input/ with the
 * same relative paths, so one run sees everything and the global checks (CSP,
 * permission handler, navigation limits) judge the whole app:
 *   electron/main/**, electron/preload/** (the sources: the scanner reads
 *   `new BrowserWindow({...})` there; in the bundle it is
 *   `new electron.BrowserWindow(...)`, which its checks do not recognise),
 *   renderer/index.html, out/** (the built main with the whole core bundled
 *   in, the built preload, the built page) and package.json (Electron version).
 * `out/` is built first when stale (scripts/start.mjs --build-only).
 *
 * Why not the electronegativity CLI: it fetches translations from the network
 * at start-up; its CSV writer races the header against the rows (the first
 * row comes out truncated); its SARIF carries no severity. So a child process
 * (this file with --scan-child) calls the same runner the CLI calls, with the
 * network module stubbed out, lets it write test-results/electronegativity.sarif,
 * and dumps its findings with severity and confidence to
 * test-results/electronegativity.json. This process then READS that report —
 * electronegativity exits 0 whatever it finds — and fails (exit 1) on:
 *   - any HIGH finding;
 *   - a MEDIUM finding of a check in GATED_MEDIUM;
 *   - a file the scanner could not parse (a file it did not check);
 *   - an empty or missing report, or an allow-list entry without a written
 *     justification and an existing test that proves the property;
 * unless the finding is in scripts/security-allowlist.json (check + file).
 * AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK is not run: it downloads Electron's
 * release list, and nothing but the package registries is reachable here.
 *
 * Options: --input <dir> (scan that folder as it is instead of the app),
 * --allowlist <file>, --out-dir <dir> (default test-results), --no-build.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** MEDIUM findings of these checks fail the audit too (HIGH always does). */
const GATED_MEDIUM = [
  'CONTEXT_ISOLATION_JS_CHECK',
  'NODE_INTEGRATION_JS_CHECK',
  'NODE_INTEGRATION_HTML_CHECK',
  'NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK',
  'SANDBOX_JS_CHECK',
  'WEB_SECURITY_JS_CHECK',
  'WEB_SECURITY_HTML_CHECK',
  'CSP_GLOBAL_CHECK',
  'CSP_JS_CHECK',
  'CSP_HTML_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  'PERMISSION_REQUEST_HANDLER_JS_CHECK',
  'OPEN_EXTERNAL_JS_CHECK',
  'LIMIT_NAVIGATION_GLOBAL_CHECK',
  'LIMIT_NAVIGATION_JS_CHECK',
  'AUXCLICK_JS_CHECK',
  'AUXCLICK_HTML_CHECK',
  'ALLOWPOPUPS_HTML_CHECK',
  'INSECURE_CONTENT_JS_CHECK',
  'INSECURE_CONTENT_HTML_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'EXPERIMENTAL_FEATURES_HTML_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'BLINK_FEATURES_HTML_CHECK',
  'REMOTE_MODULE_JS_CHECK',
  'PRELOAD_JS_CHECK',
  'PROTOCOL_HANDLER_JS_CHECK',
  'CERTIFICATE_ERROR_EVENT_JS_CHECK',
  'CERTIFICATE_VERIFY_PROC_JS_CHECK',
  'SECURITY_WARNINGS_DISABLED_JS_CHECK',
  'SECURITY_WARNINGS_DISABLED_JSON_CHECK',
  'HTTP_RESOURCES_JS_CHECK',
  'HTTP_RESOURCES_HTML_CHECK',
  'HTTP_RESOURCES_WITH_NODE_INTEGRATION_GLOBAL_CHECK',
  'DANGEROUS_FUNCTIONS_JS_CHECK',
  'CUSTOM_ARGUMENTS_JS_CHECK',
  'CUSTOM_ARGUMENTS_JSON_CHECK',
];

/** Needs the network (Electron's release list); see the header. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** What the app scan copies, relative to the project root. */
const APP_SOURCES = ['electron/main', 'electron/preload', 'renderer/index.html', 'out', 'package.json'];

function parseArgs(argv) {
  const opts = { input: undefined, allowlist: path.join(root, 'scripts', 'security-allowlist.json'), outDir: path.join(root, 'test-results'), build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} 需要一个值`);
      return path.resolve(v);
    };
    if (a === '--input') opts.input = next();
    else if (a === '--allowlist') opts.allowlist = next();
    else if (a === '--out-dir') opts.outDir = next();
    else if (a === '--no-build') opts.build = false;
    else throw new Error(`未知参数：${a}`);
  }
  return opts;
}

const posix = (p) => p.split(path.sep).join('/');

function copyInto(stage, rel) {
  const from = path.join(root, rel);
  if (!fs.existsSync(from)) throw new Error(`缺少 ${rel}`);
  const to = path.join(stage, rel);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true, filter: (src) => !path.basename(src).startsWith('.') });
}

function electronVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const v = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  return typeof v === 'string' ? v.replace(/^[^\d]*/, '') : undefined;
}

// ---------------------------------------------------------------------------
// Child: run the scanner offline and dump its findings.

async function scanChild(optionsJson) {
  const o = JSON.parse(optionsJson);
  const Module = require('node:module');
  const load = Module._load;
  // No network: translations fall back to the bundled en-US strings.
  Module._load = function (request, ...rest) {
    if (request === 'got') return () => Promise.reject(new Error('offline: electronegativity 不联网运行'));
    return load.call(this, request, ...rest);
  };
  process.env.LANG = 'en-US';
  const run = require('@doyensec/electronegativity');
  const result = await run(
    {
      input: o.input,
      output: o.sarif,
      isSarif: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
      isVerbose: true,
      electronVersionOverride: o.electronVersion,
      parserPlugins: [],
    },
    false,
  );
  const report = {
    tool: `electronegativity ${require('@doyensec/electronegativity/package.json').version}`,
    input: o.input,
    checks: { global: result.globalChecks, atomic: result.atomicChecks },
    errors: result.errors.map((e) => ({ file: posix(path.relative(o.input, e.file)), message: e.message, tolerable: e.tolerable })),
    issues: result.issues.map((i) => ({
      id: i.id,
      severity: i.severity?.name ?? 'UNKNOWN',
      confidence: i.confidence?.name ?? 'UNKNOWN',
      file: i.file === 'N/A' ? 'N/A' : posix(i.file),
      line: i.location?.line ?? 0,
      column: i.location?.column ?? 0,
      sample: typeof i.sample === 'string' ? i.sample.slice(0, 300) : null,
      description: i.description,
      manualReview: Boolean(i.manualReview),
    })),
  };
  fs.writeFileSync(o.json, JSON.stringify(report, null, 2));
  // The SARIF is written asynchronously by the runner: exit naturally so it is flushed.
}

// ---------------------------------------------------------------------------
// Parent: stage, scan, read the report, decide.

function loadAllowlist(file) {
  const problems = [];
  let entries = [];
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    entries = Array.isArray(raw) ? raw : raw.entries;
    if (!Array.isArray(entries)) throw new Error('应为 {"entries": [...]}');
  } catch (e) {
    return { entries: [], problems: [`允许清单 ${file} 无法读取：${e.message}`] };
  }
  entries.forEach((e, i) => {
    const where = `允许清单第 ${i + 1} 条（${e?.check ?? '?'}）`;
    if (!e || typeof e.check !== 'string' || typeof e.file !== 'string') problems.push(`${where}：需要 check 和 file`);
    if (typeof e?.justification !== 'string' || e.justification.trim().length < 80) problems.push(`${where}：需要书面理由（justification，至少 80 个字符）`);
    const evidence = Array.isArray(e?.evidence) ? e.evidence : [];
    if (evidence.length === 0) problems.push(`${where}：需要证明该性质的测试（evidence）`);
    // "test/…/x.test.ts › test title": the file must exist and contain that title.
    for (const ev of evidence) {
      const [testFile = '', title] = String(ev).split(/\s+›\s+/);
      const abs = path.join(root, testFile.trim());
      if (!fs.existsSync(abs)) problems.push(`${where}：证据文件不存在：${testFile}`);
      else if (title && !fs.readFileSync(abs, 'utf8').includes(title.trim())) problems.push(`${where}：${testFile} 中没有测试「${title.trim()}」`);
    }
  });
  return { entries, problems };
}

function matches(entry, issue) {
  return entry.check === issue.id && entry.file === issue.file && (entry.sample === undefined || (issue.sample ?? '').includes(entry.sample));
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((v, c) => String(v).padEnd(widths[c])).join(' │ ');
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.slice(1).map(line)].join('\n');
}

function main(argv) {
  const opts = parseArgs(argv);
  fs.mkdirSync(opts.outDir, { recursive: true });
  const sarif = path.join(opts.outDir, 'electronegativity.sarif');
  const json = path.join(opts.outDir, 'electronegativity.json');
  fs.rmSync(sarif, { force: true });
  fs.rmSync(json, { force: true });

  let input = opts.input;
  if (!input) {
    if (opts.build) {
      const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--build-only'], { cwd: root, stdio: 'inherit' });
      if (b.status !== 0) {
        console.error('安全审计：构建失败，无法扫描 out/。');
        return 1;
      }
    }
    input = path.join(opts.outDir, 'electronegativity-input');
    fs.rmSync(input, { recursive: true, force: true });
    for (const rel of APP_SOURCES) copyInto(input, rel);
  }

  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--scan-child', JSON.stringify({ input, sarif, json, electronVersion: electronVersion() })],
    { cwd: root, encoding: 'utf8', timeout: 5 * 60_000 },
  );
  if (child.status !== 0 || !fs.existsSync(json)) {
    process.stderr.write(child.stdout ?? '');
    process.stderr.write(child.stderr ?? '');
    console.error(`安全审计：electronegativity 没有生成报告（退出码 ${child.status}）。`);
    return 1;
  }

  // READ the report: the scanner's exit code says nothing about its findings.
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  const failures = [];
  const { entries, problems } = loadAllowlist(opts.allowlist);
  failures.push(...problems);

  if (!fs.existsSync(sarif)) failures.push('SARIF 报告缺失');
  else {
    const results = JSON.parse(fs.readFileSync(sarif, 'utf8')).runs?.[0]?.results ?? [];
    if (results.length !== report.issues.length) failures.push(`SARIF 报告不完整：${results.length} 条，应为 ${report.issues.length} 条`);
  }
  if ((report.checks?.atomic ?? 0) + (report.checks?.global ?? 0) === 0) failures.push('没有加载任何检查');
  for (const e of report.errors) {
    if (e.tolerable) console.warn(`  注意：${e.file} 解析有警告：${e.message}`);
    else failures.push(`${e.file} 无法解析（未被检查）：${e.message}`);
  }

  const used = new Set();
  const rows = [['decision', 'check', 'severity', 'confidence', 'location']];
  const order = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };
  const issues = [...report.issues].sort((a, b) => (order[a.severity] ?? 9) - (order[b.severity] ?? 9) || a.id.localeCompare(b.id));
  for (const issue of issues) {
    const gated = issue.severity === 'HIGH' || (issue.severity === 'MEDIUM' && GATED_MEDIUM.includes(issue.id));
    const allowed = entries.findIndex((e) => matches(e, issue));
    let decision;
    if (!gated) decision = 'report';
    else if (allowed >= 0) {
      used.add(allowed);
      decision = 'ALLOWED';
    } else {
      decision = 'FAIL';
      failures.push(`${issue.severity} ${issue.id} ${issue.file}:${issue.line}:${issue.column} — ${issue.description}`);
    }
    rows.push([decision, issue.id, issue.severity, issue.confidence, `${issue.file}:${issue.line}:${issue.column}`]);
  }

  console.log(`\n${report.tool}：${report.checks.atomic} 项原子检查、${report.checks.global} 项全局检查，${report.issues.length} 条发现`);
  if (rows.length > 1) console.log(table(rows));
  for (const [i, e] of entries.entries()) {
    if (!used.has(i)) console.warn(`  注意：允许清单中的 ${e.check} ${e.file} 已无对应发现，可以删除。`);
  }
  console.log(`报告：${posix(path.relative(root, json))}、${posix(path.relative(root, sarif))}`);
  if (failures.length) {
    console.error(`\n安全审计未通过（${failures.length} 项）：`);
    for (const f of failures) console.error(`  ✗ ${f}`);
    return 1;
  }
  console.log('安全审计通过：没有未获准的 HIGH 或受控 MEDIUM 发现。');
  return 0;
}

if (process.argv[2] === '--scan-child') {
  scanChild(process.argv[3]).catch((e) => {
    console.error(e?.stack ?? String(e));
    process.exitCode = 1;
  });
} else {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`安全审计失败：${e?.message ?? String(e)}`);
    process.exitCode = 1;
  }
}
