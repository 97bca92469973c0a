import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** True when LibreOffice is installed: the files we write must open in it, not only in exceljs. */
export const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

/**
 * LibreOffice's CSV export writes in the system charset unless told (a C
 * locale turns every Chinese character into '?'): 44 = comma, 34 = quote,
 * 76 = UTF-8.
 */
export const CSV_UTF8 = 'csv:Text - txt - csv (StarCalc):44,34,76';

/**
 * Converts `file` with LibreOffice headless into `outDir` (format 'csv',
 * 'xlsx', ...) and returns the converted file. A fresh profile per call, so
 * parallel test files never fight over one profile lock.
 */
export function sofficeConvert(file: string, format: string, outDir: string): string {
  const profile = path.join(os.tmpdir(), `lo-${crypto.randomBytes(6).toString('hex')}`);
  fs.mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', format, '--outdir', outDir, file],
      { stdio: 'pipe', timeout: 120_000 },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const ext = format.split(':')[0]!;
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.${ext}`);
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return out;
}
