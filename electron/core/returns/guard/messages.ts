/** Why a file was refused, and the one-line Chinese sentence shown for it. */
import { AppError } from '../../errors';
import { DEFAULT_LIMITS, type GuardLimits } from './limits';

export type GuardCheck =
  | 'empty'
  | 'not-xlsx'
  | 'encrypted'
  | 'legacy-xls'
  | 'too-large'
  | 'truncated'
  | 'corrupt'
  | 'bomb'
  | 'dtd'
  | 'xml-encoding'
  | 'too-many-rows'
  | 'too-many-columns'
  | 'too-many-cells'
  | 'string-too-long'
  | 'too-many-strings'
  | 'range-too-large'
  | 'too-many-merges';

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** The one-line sentence shown for each refusal, given the limits in force. */
export function guardMessage(check: GuardCheck, limits: Readonly<GuardLimits> = DEFAULT_LIMITS): string {
  switch (check) {
    case 'empty':
      return '文件是空的（0 字节），请确认选对了文件';
    case 'not-xlsx':
      return '这个文件不是 Excel 工作簿（.xlsx），可能只是改了扩展名';
    case 'encrypted':
      return '这个工作簿设置了打开密码，请去掉密码后重新保存再导入';
    case 'legacy-xls':
      return '这是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再导入';
    case 'too-large':
      return `文件过大（超过 ${mb(limits.maxFileBytes)}），请只保留填报内容后再导入`;
    case 'truncated':
      return '文件不完整（可能没有下载或复制完），请重新获取文件后再导入';
    case 'corrupt':
      return '文件结构已损坏或被篡改';
    case 'bomb':
      return '文件解压后过大，疑似压缩炸弹，已拒绝';
    case 'dtd':
      return '文件包含不允许的 XML 声明（DTD/实体），已拒绝';
    case 'xml-encoding':
      return '文件中的 XML 使用了不支持的编码（UTF-16），请在 Excel/WPS 中另存为 .xlsx 后再导入';
    case 'too-many-rows':
      return `工作表行数过多（超过 ${limits.maxRows} 行），请只保留填报内容`;
    case 'too-many-columns':
      return `工作表列数过多（超过 ${limits.maxColumns} 列），请只保留填报内容`;
    case 'too-many-cells':
      return `工作表单元格过多（超过 ${limits.maxCells} 个），请只保留填报内容`;
    case 'string-too-long':
      return `单元格文字过长（超过 ${limits.maxStringLength} 个字符），已拒绝`;
    case 'too-many-strings':
      return `工作簿中的文字条目过多（超过 ${limits.maxSharedStrings} 条），请只保留填报内容`;
    case 'range-too-large':
      return `合并单元格、数据验证或名称引用的范围过大（合计超过 ${limits.maxRangeCells} 个单元格，例如给整列设置了下拉列表），请缩小到填报区域后再导入`;
    case 'too-many-merges':
      return `合并单元格过多（超过 ${limits.maxMergedRanges} 处），请取消不必要的合并后再导入`;
  }
}

/** A short description of every check, in the order they run, with its message. */
export function describeChecks(limits: Readonly<GuardLimits> = DEFAULT_LIMITS): Array<{ check: GuardCheck; what: string; message: string }> {
  const d = (check: GuardCheck, what: string) => ({ check, what, message: guardMessage(check, limits) });
  return [
    d('empty', 'the file has 0 bytes'),
    d('encrypted', 'OLE compound file whose directory holds EncryptionInfo/EncryptedPackage (password-protected .xlsx)'),
    d('legacy-xls', 'any other OLE compound file (D0 CF 11 E0): a BIFF .xls'),
    d('not-xlsx', 'first bytes are not a ZIP local header (renamed .csv/.txt/.exe/.pdf…), or the ZIP lacks [Content_Types].xml or xl/workbook.xml, or is a Word/PowerPoint OLE file'),
    d('too-large', `file larger than ${limits.maxFileBytes} bytes`),
    d('truncated', 'starts like a ZIP but has no end-of-central-directory record'),
    d('corrupt', `central directory disagrees with local headers (names, sizes, CRC, method, flags), entries overlap or leave unlisted bytes, duplicate names, Unicode-Path name overrides, encrypted or non-deflate entries, more than ${limits.maxEntries} entries, damaged deflate data, real size/CRC differ from the directory, <col> beyond XFD, oversize tags`),
    d('bomb', `declared or real decompressed total above ${limits.maxUncompressedBytes} bytes, or an entry past ${limits.ratioMinBytes} bytes inflating more than ${limits.maxRatio}:1 — measured while inflating, aborted at once`),
    d('dtd', 'any <!DOCTYPE or <!ENTITY (any case, across chunk boundaries) in any non-media part; any <!… declaration in worksheets, shared strings and the workbook part'),
    d('xml-encoding', "an .xml/.rels/.vml part starting with a UTF-16/32 byte-order mark or a '<' encoded as UTF-16/32"),
    d('too-many-rows', `<dimension ref>, <row r>, <c r> beyond row ${limits.maxRows}, or more <row> elements than that`),
    d('too-many-columns', `<dimension ref> or <c r> beyond column ${limits.maxColumns}, or more cells than that in one row`),
    d('too-many-cells', `more than ${limits.maxCells} <c> elements in all worksheets`),
    d('string-too-long', `text of one <c> (values, inline strings, formulas), one <si> or one <definedName> longer than ${limits.maxStringLength} UTF-16 units`),
    d('too-many-strings', `more than ${limits.maxSharedStrings} <si> in the shared strings`),
    d('range-too-large', `cells covered by <mergeCell ref>, <dataValidation sqref> and <definedName> ranges above ${limits.maxRangeCells} (exceljs expands them cell by cell)`),
    d('too-many-merges', `more than ${limits.maxMergedRanges} <mergeCell> in one worksheet`),
  ];
}

/** Details attached to every refusal (AppError.details), for logs and tests. */
export interface GuardRejectionDetails {
  check: GuardCheck;
  /** English, for logs only. */
  note?: string;
  entry?: string;
}

export function reject(check: GuardCheck, limits: Readonly<GuardLimits>, note?: string, entry?: string): AppError {
  const details: GuardRejectionDetails = { check, ...(note ? { note } : {}), ...(entry ? { entry } : {}) };
  return new AppError('usage', guardMessage(check, limits), details);
}
