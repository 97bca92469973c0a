import type ExcelJS from 'exceljs';
import { writeFileAtomic } from './write-atomic';

/**
 * Writes a whole (non-streamed) workbook to a temporary name beside the
 * target and renames it: a crash, a full disk or a file open in Excel never
 * leaves a half-written workbook under the real name. Returns the absolute
 * path written. Streamed writers use writeFileAtomic directly.
 */
export async function writeWorkbookAtomic(wb: ExcelJS.Workbook, out: string): Promise<string> {
  return writeFileAtomic(out, async ({ stream }) => {
    await wb.xlsx.write(stream);
    stream.end();
  });
}
