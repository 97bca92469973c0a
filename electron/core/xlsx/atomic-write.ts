import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { describeIoError } from '../errors';

/**
 * Writes a workbook to a temporary name beside the target and renames it:
 * a crash, a full disk or a file open in Excel never leaves a half-written
 * workbook under the real name. Returns the absolute path written.
 */
export async function writeWorkbookAtomic(wb: ExcelJS.Workbook, out: string): Promise<string> {
  const target = path.resolve(out);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.partial`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    await wb.xlsx.writeFile(tmp);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw describeIoError(e, target);
  }
  return target;
}
