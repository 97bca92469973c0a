/**
 * The hostile-file corpus: every file the xlsx guard
 * (electron/core/returns/xlsx-guard.ts) must refuse, with the check expected
 * to refuse it, and the few it must accept.
 */
import fs from 'node:fs';
import { Buffer } from 'node:buffer';
import type { GuardCheck } from '../../electron/core/returns/xlsx-guard';
import { deflatedZeros, sparseDeflated, writeExceljsRows } from './large-parts';
import { minimalXlsx, minimalXlsxItems, NS_MAIN, TABLE, withSheetItem, XML_HEAD } from './minimal-xlsx';
import { legacyXls, passwordProtectedXlsx } from './ole-files';
import { buildZip, type DeflatedData } from './zip-writer';

export interface CorpusFile {
  file: string;
  /** The check expected to refuse it, or 'pass'. */
  expect: GuardCheck | 'pass';
  /** Small enough to commit (< 200 KB, byte-deterministic). */
  committed: boolean;
  about: string;
  make: (outFile: string) => Promise<void> | void;
}

const ROWS_LIMIT_FOR_REAL_FILE = 250_000;

function write(buf: Buffer): (f: string) => void {
  return (f) => fs.writeFileSync(f, buf);
}

let bombData: Promise<DeflatedData> | null = null;
/** The 1.1 GB bomb entry, deflated once and shared by the files that carry it. */
function bomb(): Promise<DeflatedData> {
  bombData ??= deflatedZeros(1100 * 1024 * 1024);
  return bombData;
}


const billionLaughs =
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n` +
  Array.from({ length: 9 }, (_, k) => ` <!ENTITY lol${k + 1} "${`&lol${k === 0 ? '' : k};`.repeat(10)}">\n`).join('') +
  `]>\n<sst xmlns="${NS_MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>`;

export const CORPUS: CorpusFile[] = [
  {
    file: 'valid-minimal.xlsx',
    expect: 'pass',
    committed: true,
    about: 'A small, well-formed workbook (stored entries) — the guard must accept it and exceljs read it.',
    make: write(minimalXlsx()),
  },
  {
    file: 'empty.xlsx',
    expect: 'empty',
    committed: true,
    about: '0 bytes.',
    make: write(Buffer.alloc(0)),
  },
  {
    file: 'renamed-csv.xlsx',
    expect: 'not-xlsx',
    committed: true,
    about: 'A UTF-8 CSV renamed to .xlsx.',
    make: write(Buffer.from(`\ufeff地区,指标,数值\n${TABLE.map((r) => r.join(',')).join('\n')}\n`, 'utf8')),
  },
  {
    file: 'renamed-exe.xlsx',
    expect: 'not-xlsx',
    committed: true,
    about: 'A DOS/PE stub ("MZ" header) renamed to .xlsx.',
    make: (f) => {
      const exe = Buffer.alloc(512);
      exe.write('MZ', 0, 'latin1');
      exe.writeUInt32LE(0x80, 0x3c);
      exe.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1');
      exe.write('PE\0\0', 0x80, 'latin1');
      fs.writeFileSync(f, exe);
    },
  },
  {
    file: 'password-protected.xlsx',
    expect: 'encrypted',
    committed: true,
    about: 'What Excel writes for a workbook with an open password: an OLE compound file with EncryptionInfo + EncryptedPackage streams (hand-built, 10 KB).',
    make: write(passwordProtectedXlsx()),
  },
  {
    file: 'legacy.xls',
    expect: 'legacy-xls',
    committed: true,
    about: 'A minimal OLE compound file with a BIFF8 "Workbook" stream (an old .xls).',
    make: write(legacyXls()),
  },
  {
    file: 'truncated.xlsx',
    expect: 'truncated',
    committed: true,
    about: 'valid-minimal.xlsx cut in half (no end-of-central-directory record).',
    make: (f) => {
      const whole = minimalXlsx();
      fs.writeFileSync(f, whole.subarray(0, Math.floor(whole.length / 2)));
    },
  },
  {
    file: 'lying-directory.xlsx',
    expect: 'corrupt',
    committed: true,
    about: 'The central directory says the 60 KB worksheet entry is 64 bytes (compressed and uncompressed); the local header tells the truth.',
    make: (f) => {
      const rows = Array.from({ length: 1500 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
      const sheet = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
      fs.writeFileSync(f, buildZip(withSheetItem({ name: '', data: sheet, lie: { central: { compressedSize: 64, uncompressedSize: 64 } } })));
    },
  },
  {
    file: 'overlapping-entries.xlsx',
    expect: 'corrupt',
    committed: true,
    about: 'The central directory lists the worksheet twice (as sheet1.xml and sheet2.xml) pointing at the same local data — the overlapping-entry trick.',
    make: write(
      buildZip(
        minimalXlsxItems().map((it) => (it.name === 'xl/worksheets/sheet1.xml' ? { ...it, aliasInDirectory: 'xl/worksheets/sheet2.xml' } : it)),
      ),
    ),
  },
  {
    file: 'hidden-entry.xlsx',
    expect: 'corrupt',
    committed: true,
    about: 'A second worksheet is present as a local entry but left out of the central directory (a streaming reader would see it, a directory reader would not).',
    make: write(
      buildZip([
        ...minimalXlsxItems(),
        { name: 'xl/worksheets/sheet2.xml', data: `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><dimension ref="A1:C1048576"/></worksheet>`, unlisted: true },
      ]),
    ),
  },
  {
    file: 'no-workbook-part.xlsx',
    expect: 'not-xlsx',
    committed: true,
    about: 'A ZIP (like a renamed .docx/.zip) with [Content_Types].xml but no xl/workbook.xml.',
    make: write(buildZip(minimalXlsxItems().filter((it) => !it.name.startsWith('xl/')))),
  },
  {
    file: 'dtd-entity.xlsx',
    expect: 'dtd',
    committed: true,
    about: 'Billion-laughs: sharedStrings.xml declares nested entities in a DOCTYPE.',
    make: write(minimalXlsx({ sharedStrings: billionLaughs, sheet: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' })),
  },
  {
    file: 'huge-rows.xlsx',
    expect: 'too-many-rows',
    committed: true,
    about: 'Three rows, the last one numbered 1,048,576, and `<dimension ref="A1:C1048576"/>`.',
    make: write(
      minimalXlsx({
        sheet:
          '<dimension ref="A1:C1048576"/><sheetData>' +
          '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>' +
          '<row r="1048576"><c r="C1048576"><v>3</v></c></row></sheetData>',
        sharedStrings: null,
      }),
    ),
  },
  {
    file: 'wide-columns.xlsx',
    expect: 'too-many-columns',
    committed: true,
    about: 'One row with a cell in column XFD (16,384) and `<dimension ref="A1:XFD1"/>`.',
    make: write(
      minimalXlsx({ sheet: '<dimension ref="A1:XFD1"/><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row></sheetData>', sharedStrings: null }),
    ),
  },
  {
    file: 'long-string.xlsx',
    expect: 'string-too-long',
    committed: true,
    about: 'A shared string of 40,000 characters (Excel’s cell limit is 32,767).',
    make: write(
      minimalXlsx({
        sharedStrings: `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="1" uniqueCount="1"><si><t>${'营商环境'.repeat(10_000)}</t></si></sst>`,
        sheet: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>',
      }),
    ),
  },
  {
    file: 'whole-sheet-validation.xlsx',
    expect: 'range-too-large',
    committed: true,
    about: 'A data validation over `A1:XFD1048576` (exceljs 4.4 would create 17 billion map entries: a hang from a 3 KB file).',
    make: write(
      minimalXlsx({
        sheet:
          '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' +
          '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>',
        sharedStrings: null,
      }),
    ),
  },
  {
    file: 'defined-name-range.xlsx',
    expect: 'range-too-large',
    committed: true,
    about: 'A defined name covering `填报!$A$1:$XFD$1048576` (exceljs expands defined-name ranges cell by cell).',
    make: write(minimalXlsx({ workbookExtra: '<definedNames><definedName name="全部">填报!$A$1:$XFD$1048576</definedName></definedNames>' })),
  },
  {
    file: 'zip-bomb.xlsx',
    expect: 'bomb',
    committed: false,
    about: 'A valid workbook whose worksheet entry is 1.1 GB of zeros deflated to ~1 MB; local header and directory both claim 4 KB. Made by streaming deflate.',
    make: async (f) => {
      const raw = await bomb();
      fs.writeFileSync(f, buildZip(withSheetItem({ name: '', raw, lie: { central: { uncompressedSize: 4096 }, local: { uncompressedSize: 4096 } } })));
    },
  },
  {
    file: 'zip-bomb-declared.xlsx',
    expect: 'bomb',
    committed: false,
    about: 'The same 1.1 GB worksheet entry with honest headers (refused from the directory before inflating).',
    make: async (f) => fs.writeFileSync(f, buildZip(withSheetItem({ name: '', raw: await bomb() }))),
  },
  {
    file: 'zip-bomb-spread.xlsx',
    expect: 'bomb',
    committed: false,
    about:
      'A media entry of 1.1 GB that deflates only ~110:1 (10 MB on disk), so the ratio check never fires, and whose headers claim 1 MB. Only the running total, counted while inflating, stops it (after 1 GB).',
    make: async (f) => {
      const raw = await sparseDeflated(1100);
      const lie = { central: { uncompressedSize: 1024 * 1024 }, local: { uncompressedSize: 1024 * 1024 } };
      fs.writeFileSync(f, buildZip([...minimalXlsxItems(), { name: 'xl/media/fill.bin', raw, lie }]));
    },
  },
  {
    file: 'too-many-entries.xlsx',
    expect: 'corrupt',
    committed: false,
    about: 'A valid workbook plus 10,000 empty entries (10,007 in all; the limit is 10,000).',
    make: write(
      buildZip([...minimalXlsxItems(), ...Array.from({ length: 10_000 }, (_, i) => ({ name: `xl/custom/pad${i}.bin`, data: '' }))]),
    ),
  },
  {
    file: 'huge-rows-real.xlsx',
    expect: 'too-many-rows',
    committed: false,
    about: `${ROWS_LIMIT_FOR_REAL_FILE.toLocaleString('en')} real tiny rows written by exceljs's streaming WorkbookWriter (not byte-deterministic: exceljs stamps ZIP times).`,
    make: (f) => writeExceljsRows(f, ROWS_LIMIT_FOR_REAL_FILE),
  },
];
