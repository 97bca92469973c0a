/**
 * Runs LibreOffice headless for round-trip tests: a throwaway profile per call
 * (so parallel test files never share or corrupt one), a timeout that kills
 * only the process group we started, and several files per call because each
 * start costs seconds.
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let found: boolean | undefined;

/**
 * Whether LibreOffice is here. In CI it must be (.ci/run installs it), so
 * there this says yes regardless and a missing install fails the tests
 * instead of silently skipping them.
 */
export function hasSoffice(): boolean {
  if (process.env.CI) return true;
  if (found === undefined) found = spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60_000 }).status === 0;
  return found;
}

/**
 * LibreOffice's CSV export writes in the system charset unless told (a C
 * locale turns every Chinese character into '?'): 44 = comma, 34 = quote,
 * 76 = UTF-8.
 */
export const CSV_UTF8 = 'csv:Text - txt - csv (StarCalc):44,34,76';

export interface SofficeResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runSoffice(args: string[], timeoutMs = 120_000): Promise<SofficeResult> {
  const profile = path.join(os.tmpdir(), `lo-${crypto.randomBytes(6).toString('hex')}`);
  const child = spawn('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const timer = setTimeout(() => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, timeoutMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Converts files with one LibreOffice start; returns the output paths in the
 * input order. `to` is e.g. 'xlsx', 'pdf', 'csv'; `infilter` e.g.
 * 'CSV:44,34,76,1' for UTF-8 comma-separated text.
 */
export async function convert(files: string[], to: string, outDir: string, options: { infilter?: string } = {}): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const args = [...(options.infilter ? [`--infilter=${options.infilter}`] : []), '--convert-to', to, '--outdir', outDir, ...files];
  const r = await runSoffice(args);
  const ext = to.split(':')[0]!;
  const outputs = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${ext}`));
  const missing = outputs.filter((o) => !fs.existsSync(o));
  if (r.code !== 0 || missing.length) {
    throw new Error(`LibreOffice conversion failed (exit ${r.code}); missing ${missing.join(', ')}\n${r.stdout}\n${r.stderr}`);
  }
  return outputs;
}

/** One file converted; returns the output path. */
export async function convertOne(file: string, to: string, outDir: string, options: { infilter?: string } = {}): Promise<string> {
  return (await convert([file], to, outDir, options))[0]!;
}
