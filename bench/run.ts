/**
 * npm run bench — the performance numbers and goals in one run (not part of
 * npm test). Every measurement runs in its own child process (bench/measure.ts
 * runTask: time and peak RSS), so no run warms the next one.
 *
 *  1. Import of the 20k-row long-format workbook, dry run and commit (a fresh
 *     copy of an empty store each time), beside the floor (exceljs's streaming
 *     reader only reading the file) and two peers (SheetJS + better-sqlite3,
 *     Python openpyxl read-only + sqlite3), in the same run, in rotating
 *     order, REPS times; medians, and each median as a ratio to ours.
 *  2. Peak RSS importing a ~50 MB long-format workbook, made two ways within
 *     the import limits (200,000 rows a sheet, 4,000,000 cells): 640,000 rows
 *     with short notes over four sheets, and 270,000 rows with long notes
 *     over two (without notes, 50 MB would be ~1.9M rows: refused outright).
 *  3. The dashboard matrix at 100k and 1M stored values and the indicator
 *     chart's read (each as the query, and as the whole request through the
 *     handler table), the report export at 100k, and the time to the first
 *     chart in the renderer (browser mode, headless Chromium) on the 100k
 *     store.
 * Every goal of the issue is a line PASS/FAIL at the end and an entry of
 * "goals" in the JSON.
 * Generated inputs are cached in bench/out/ under names carrying DATA_VERSION
 * (bump it when a generator changes). Prints a table, then one JSON line.
 *
 * Env: BENCH_REPS (default 7), BENCH_SKIP (comma list of: import, big,
 * dashboard, export, chart), BENCH_OURS_ROOT (another checkout whose import
 * to measure as "ours", e.g. the code before a change; it needs node_modules).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTask, type TaskResult } from './measure';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out');
const DATA_VERSION = 'v1';
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 7));
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const OURS_ROOT = path.resolve(process.env.BENCH_OURS_ROOT ?? ROOT);
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const BIG_ROWS = 640_000;
const BIG_ROWS_LONG_NOTES = 270_000;
const GOAL_RATIO = 1.3;
const GOAL_RSS_MB = 400;
const GOAL_DASHBOARD_MS = 50;
const GOAL_EXPORT_MS = 5000;
const GOAL_FIRST_CHART_MS = 1500;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A generated input, made once per DATA_VERSION (written under a temporary name, then renamed). */
function cached(name: string, make: (file: string) => TaskResult): string {
  const file = path.join(OUT, name);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(OUT, { recursive: true });
  const part = `${file}.part`;
  log(`generating ${name} …`);
  const r = make(part);
  for (const ext of ['-wal', '-shm']) fs.rmSync(part + ext, { force: true });
  fs.renameSync(part, file);
  log(`  done in ${(r.ms / 1000).toFixed(1)} s`);
  return file;
}

let seq = 0;
/** A private copy of a store: every task that opens one may write to it (the WAL, migrations). */
function freshCopy(store: string): string {
  const f = path.join(tmp, `run${++seq}.db`);
  fs.copyFileSync(store, f);
  return f;
}
function cleanDb(f: string): void {
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(f + ext, { force: true });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Our import, from OURS_ROOT. */
function ours(file: string, store: string, mode: 'dry-run' | 'commit'): TaskResult {
  const db = freshCopy(store);
  try {
    const script = path.join(OURS_ROOT, 'bench', 'tasks', 'import.ts');
    return runTask('import', [], [process.execPath, '--require', 'tsx/cjs', script, file, db, mode]);
  } finally {
    cleanDb(db);
  }
}

function peer(task: 'peer-sheetjs' | 'peer_openpyxl', file: string): TaskResult {
  const db = path.join(tmp, `peer${++seq}.db`);
  try {
    if (task === 'peer_openpyxl') return runTask(task, [], [PYTHON, path.join(ROOT, 'bench', 'tasks', 'peer_openpyxl.py'), file, db]);
    return runTask(task, [file, db]);
  } finally {
    cleanDb(db);
  }
}

interface Series {
  ms: number[];
  /** CPU time of the measured part (the task's process.cpuUsage, all threads), where the task reports it. */
  cpu: number[];
  rss: number[];
}

const result: Record<string, unknown> = { version: DATA_VERSION, reps: REPS, oursRoot: OURS_ROOT === ROOT ? '.' : OURS_ROOT, node: process.version, cpus: os.cpus().length };
const table: Array<[string, string, string, string]> = [];
const goals: Record<string, { value: number | null; limit: string; pass: boolean | null }> = {};

// ---------------------------------------------------------------------------
// Inputs

const long20k = cached(`long-20k-${DATA_VERSION}.xlsx`, (f) => runTask('make-long', [f, '20000', '2016']));
const base = cached(`store-base-${DATA_VERSION}.db`, (f) => runTask('base-store', [f]));

// ---------------------------------------------------------------------------
// 1. The 20k import beside the floor and the peers

if (!SKIP.has('import')) {
  const tasks: Record<string, () => TaskResult> = {
    floor: () => runTask('floor-exceljs-stream', [long20k]),
    oursDryRun: () => ours(long20k, base, 'dry-run'),
    oursCommit: () => ours(long20k, base, 'commit'),
    sheetjs: () => peer('peer-sheetjs', long20k),
    openpyxl: () => peer('peer_openpyxl', long20k),
  };
  const names = Object.keys(tasks);
  const series: Record<string, Series> = Object.fromEntries(names.map((n) => [n, { ms: [], cpu: [], rss: [] }]));
  log(`import of ${path.basename(long20k)}: one warm-up round, then ${REPS} rounds in rotating order`);
  for (const n of names) tasks[n]!();
  for (let rep = 0; rep < REPS; rep++) {
    const order = names.map((_, i) => names[(i + rep) % names.length]!);
    for (const n of order) {
      const r = tasks[n]!();
      series[n]!.ms.push(r1(r.ms));
      series[n]!.cpu.push(r1(Number(r.cpuMs ?? Number.NaN)));
      series[n]!.rss.push(r.peakRssMb);
    }
    log(`  round ${rep + 1}: ${names.map((n) => `${n} ${series[n]!.ms.at(-1)} ms (cpu ${series[n]!.cpu.at(-1)})`).join(', ')}`);
  }
  const med = Object.fromEntries(names.map((n) => [n, median(series[n]!.ms)]));
  const cpu = Object.fromEntries(names.map((n) => [n, median(series[n]!.cpu)]));
  /** a/b round by round (the two ran moments apart, under the same load), then the median. */
  const paired = (a: string, b: string, what: 'ms' | 'cpu' = 'ms') => r2(median(series[a]![what].map((x, i) => x / series[b]![what][i]!)));
  const imp: Record<string, unknown> = { file: path.basename(long20k), rows: 20_000 };
  for (const n of names) {
    imp[n] = { medianMs: r1(med[n]!), medianCpuMs: r1(cpu[n]!), runsMs: series[n]!.ms, runsCpuMs: series[n]!.cpu, peakRssMb: median(series[n]!.rss) };
  }
  imp.ratios = {
    dryRunToFloor: paired('oursDryRun', 'floor'),
    commitToFloor: paired('oursCommit', 'floor'),
    dryRunToFloorCpu: paired('oursDryRun', 'floor', 'cpu'),
    commitToFloorCpu: paired('oursCommit', 'floor', 'cpu'),
    sheetjsToDryRun: paired('sheetjs', 'oursDryRun'),
    sheetjsToCommit: paired('sheetjs', 'oursCommit'),
    openpyxlToDryRun: paired('openpyxl', 'oursDryRun'),
    openpyxlToCommit: paired('openpyxl', 'oursCommit'),
    ofMedians: { dryRunToFloor: r2(med.oursDryRun! / med.floor!), commitToFloor: r2(med.oursCommit! / med.floor!) },
  };
  result.import20k = imp;
  const label: Record<string, string> = {
    floor: 'floor: exceljs streaming reader, read only',
    oursDryRun: 'ours: import dry run',
    oursCommit: 'ours: import commit',
    sheetjs: 'peer: SheetJS read + better-sqlite3 insert',
    openpyxl: 'peer: openpyxl read-only + sqlite3 insert',
  };
  for (const n of names) {
    table.push([
      `20k import — ${label[n]}`,
      `${r1(med[n]!)} ms (cpu ${Number.isNaN(cpu[n]!) ? '—' : r1(cpu[n]!)})`,
      `${paired(n, 'oursDryRun')}× dry / ${paired(n, 'oursCommit')}× commit`,
      `${median(series[n]!.rss)} MB`,
    ]);
  }
  const dryVsFloor = paired('oursDryRun', 'floor');
  const commitVsFloor = paired('oursCommit', 'floor');
  goals.dryRunWithin1_3xFloor = { value: dryVsFloor, limit: `≤ ${GOAL_RATIO} (median of per-round ratios)`, pass: dryVsFloor <= GOAL_RATIO };
  goals.commitWithin1_3xFloor = { value: commitVsFloor, limit: `≤ ${GOAL_RATIO} (median of per-round ratios)`, pass: commitVsFloor <= GOAL_RATIO };
  const peers = (a: string) => Math.min(paired('sheetjs', a), paired('openpyxl', a));
  goals.dryRunFasterThanPeers = { value: peers('oursDryRun'), limit: '> 1 (slowest-ratio peer / ours, per round)', pass: peers('oursDryRun') > 1 };
  goals.commitFasterThanPeers = { value: peers('oursCommit'), limit: '> 1 (slowest-ratio peer / ours, per round)', pass: peers('oursCommit') > 1 };
}

// ---------------------------------------------------------------------------
// 2. Peak RSS importing a ~50 MB workbook

if (!SKIP.has('big')) {
  // Two ways to make ~50 MB within the limits: many rows with short notes, fewer rows with long ones.
  const variants = [
    { key: 'manyRows', name: `long-50mb-${DATA_VERSION}.xlsx`, rows: BIG_ROWS, sheets: 4, notes: '1', what: 'short notes' },
    { key: 'longNotes', name: `long-50mb-notes-${DATA_VERSION}.xlsx`, rows: BIG_ROWS_LONG_NOTES, sheets: 2, notes: '2', what: 'long notes' },
  ];
  const big: Record<string, unknown> = {};
  for (const v of variants) {
    const file = cached(v.name, (f) => runTask('make-long', [f, String(v.rows), '2016', String(v.sheets), v.notes]));
    const mb = fs.statSync(file).size / (1024 * 1024);
    log(`import of ${v.name} (${r1(mb)} MB, ${v.rows} rows, ${v.what})`);
    const dry = ours(file, base, 'dry-run');
    const commit = ours(file, base, 'commit');
    const floor = runTask('floor-exceljs-stream', [file]);
    big[v.key] = {
      file: v.name, megabytes: r1(mb), rows: v.rows, notes: v.what,
      dryRun: { ms: r1(dry.ms), peakRssMb: dry.peakRssMb },
      commit: { ms: r1(commit.ms), peakRssMb: commit.peakRssMb },
      floor: { ms: r1(floor.ms), peakRssMb: floor.peakRssMb },
    };
    const label = `${r1(mb)} MB import, ${v.rows / 1000}k rows with ${v.what}`;
    table.push([`${label} — dry run`, `${r1(dry.ms)} ms`, `${r2(dry.ms / floor.ms)}× floor`, `${dry.peakRssMb} MB`]);
    table.push([`${label} — commit`, `${r1(commit.ms)} ms`, `${r2(commit.ms / floor.ms)}× floor`, `${commit.peakRssMb} MB`]);
    table.push([`${label} — floor (exceljs streaming read)`, `${r1(floor.ms)} ms`, '', `${floor.peakRssMb} MB`]);
    const peak = Math.max(dry.peakRssMb, commit.peakRssMb);
    goals[`bigImportPeakRssUnder400Mb_${v.key}`] = { value: peak, limit: `< ${GOAL_RSS_MB} MB`, pass: peak < GOAL_RSS_MB };
  }
  result.big = big;
}

// ---------------------------------------------------------------------------
// 3. Dashboard, export, first chart

const needStores = !SKIP.has('dashboard') || !SKIP.has('export') || !SKIP.has('chart');
const store100k = needStores ? cached(`store-100000-${DATA_VERSION}.db`, (f) => runTask('make-store', [f, '100000'])) : '';

/** The last quarter with every value of the store (the dashboard and report quarter). */
function fullQuarter(store: string, values: number): string {
  const r = spawnSync(process.execPath, ['-e', `
    const D = require('better-sqlite3'); const db = new D(${JSON.stringify(store)}, { readonly: true });
    const row = db.prepare("SELECT period FROM observations WHERE period LIKE '%Q%' GROUP BY period ORDER BY count(*) DESC, period DESC LIMIT 1").get();
    process.stdout.write(row.period);`], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`no quarter in ${store} (${values}): ${r.stderr}`);
  return r.stdout.trim();
}

if (!SKIP.has('dashboard')) {
  const store1m = cached(`store-1000000-${DATA_VERSION}.db`, (f) => runTask('make-store', [f, '1000000']));
  const dash: Record<string, unknown> = {};
  for (const [label, store, values] of [['100k', store100k, 100_000], ['1M', store1m, 1_000_000]] as const) {
    const period = fullQuarter(store, values);
    const db = freshCopy(store);
    const r = runTask('dashboard', [db, period]);
    cleanDb(db);
    dash[label] = {
      period, matrixMs: r2(r.ms), chartQueryMs: r2(r.chartMs as number),
      matrixRequestMs: r2(r.matrixRequestMs as number), chartRequestMs: r2(r.chartRequestMs as number), cells: r.cells, peakRssMb: r.peakRssMb,
    };
    table.push([`dashboard matrix, ${label} values (${period}, median of 15 warm)`, `${r2(r.ms)} ms`, `whole request ${r2(r.matrixRequestMs as number)} ms`, `${r.peakRssMb} MB`]);
    table.push([`indicator chart read, ${label} values`, `${r2(r.chartMs as number)} ms`, `whole request ${r2(r.chartRequestMs as number)} ms`, '']);
    goals[`dashboardUnder50ms_${label}`] = { value: r2(r.ms), limit: `< ${GOAL_DASHBOARD_MS} ms (the query; median of 15 warm)`, pass: r.ms < GOAL_DASHBOARD_MS };
  }
  result.dashboard = dash;
}

if (!SKIP.has('export')) {
  const period = fullQuarter(store100k, 100_000);
  const out = path.join(tmp, 'report.xlsx');
  const db = freshCopy(store100k);
  const r = runTask('export', [db, period, out]);
  cleanDb(db);
  result.export = { values: 100_000, period, ms: r1(r.ms), sheets: r.sheets, rows: r.rows, bytes: r.bytes, peakRssMb: r.peakRssMb };
  table.push([`report export, 100k values (${period})`, `${r1(r.ms)} ms`, `${r.sheets} sheets, ${r.rows} rows`, `${r.peakRssMb} MB`]);
  goals.exportUnder5s_100k = { value: r1(r.ms), limit: `< ${GOAL_EXPORT_MS} ms`, pass: r.ms < GOAL_EXPORT_MS };
}

if (!SKIP.has('chart')) {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--build-only'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    result.firstChart = { error: `build failed: ${build.stderr.slice(-500)}` };
    goals.firstChartUnder1_5s = { value: null, limit: `< ${GOAL_FIRST_CHART_MS} ms`, pass: false };
  } else {
    try {
      const r = runTask('first-chart', [store100k, '5']);
      result.firstChart = { values: 100_000, medianMs: r1(r.ms), runsMs: (r.runs as number[]).map(r1), indicator: r.indicator, period: r.period, pageErrors: r.pageErrors };
      table.push([`first chart in the renderer, 100k values (${r.indicator} ${r.period})`, `${r1(r.ms)} ms`, 'navigation start → first drawn path', '']);
      goals.firstChartUnder1_5s = { value: r1(r.ms), limit: `< ${GOAL_FIRST_CHART_MS} ms (median of 5)`, pass: r.ms < GOAL_FIRST_CHART_MS };
    } catch (e) {
      result.firstChart = { error: String(e).slice(0, 500) };
      goals.firstChartUnder1_5s = { value: null, limit: `< ${GOAL_FIRST_CHART_MS} ms`, pass: false };
    }
  }
}

// ---------------------------------------------------------------------------
// Report

result.goals = goals;
result.allGoalsPass = Object.values(goals).every((g) => g.pass === true);
const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((row) => row[i]!.length), ['measurement', 'median', 'compared (per-round ratio to ours)', 'peak RSS'][i]!.length));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(line(['measurement', 'median', 'compared (per-round ratio to ours)', 'peak RSS']));
for (const row of table) console.log(line(row));
console.log('');
for (const [name, g] of Object.entries(goals)) console.log(`${g.pass ? 'PASS' : 'FAIL'}  ${name}: ${g.value} (goal ${g.limit})`);
console.log(JSON.stringify(result));
