/**
 * A minimal workbook, as ZIP parts: the smallest set of parts Excel and
 * exceljs accept, with a small filled-in table. Each part can be swapped so a
 * hostile file differs from a good one in exactly one way.
 */
import { buildZip, type ZipItem } from './zip-writer';

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface MinimalWorkbook {
  /** Inner XML of <worksheet> (defaults to a small filled-in table). */
  sheet?: string;
  /** Whole sharedStrings.xml; null for none. */
  sharedStrings?: string | null;
  /** Inner XML placed in <workbook> after <sheets>, e.g. <definedNames>. */
  workbookExtra?: string;
  method?: 0 | 8;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const TABLE: Array<[string, string, number]> = [
  ['海口', '开办企业时间（天）', 1.5],
  ['三亚', '开办企业时间（天）', 2],
  ['儋州', '获得电力时间（天）', 3.5],
];

export function defaultSharedStrings(extra: string[] = []): { xml: string; index: Map<string, number> } {
  const strings = ['地区', '指标', '数值', ...new Set(TABLE.flatMap(([a, b]) => [a, b])), ...extra];
  const index = new Map(strings.map((s, i) => [s, i]));
  const xml = `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings
    .map((s) => `<si><t>${esc(s)}</t></si>`)
    .join('')}</sst>`;
  return { xml, index };
}

export function defaultSheet(index: Map<string, number>): string {
  const s = (text: string) => index.get(text)!;
  const rows = [
    `<row r="1"><c r="A1" t="s"><v>${s('地区')}</v></c><c r="B1" t="s"><v>${s('指标')}</v></c><c r="C1" t="s"><v>${s('数值')}</v></c></row>`,
    ...TABLE.map(
      ([region, indicator, value], i) =>
        `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${s(region)}</v></c><c r="B${i + 2}" t="s"><v>${s(indicator)}</v></c><c r="C${i + 2}"><v>${value}</v></c></row>`,
    ),
  ];
  return `<dimension ref="A1:C${TABLE.length + 1}"/><sheetData>${rows.join('')}</sheetData>`;
}

export function minimalXlsxItems(wb: MinimalWorkbook = {}): ZipItem[] {
  const sst = wb.sharedStrings === undefined ? defaultSharedStrings() : null;
  const sharedStrings = wb.sharedStrings === undefined ? sst!.xml : wb.sharedStrings;
  const sheet = wb.sheet ?? defaultSheet(sst ? sst.index : defaultSharedStrings().index);
  const method = wb.method ?? 0;
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    (sharedStrings !== null
      ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      : '') +
    '</Types>';
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets><sheet name="填报" sheetId="1" r:id="rId1"/></sheets>` +
    `${wb.workbookExtra ?? ''}</workbook>`;
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    (sharedStrings !== null ? `<Relationship Id="rId3" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
    '</Relationships>';
  const styles =
    `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  const worksheet = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${sheet}</worksheet>`;
  const items: ZipItem[] = [
    { name: '[Content_Types].xml', data: contentTypes, method },
    { name: '_rels/.rels', data: rootRels, method },
    { name: 'xl/workbook.xml', data: workbook, method },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRels, method },
    { name: 'xl/styles.xml', data: styles, method },
    { name: 'xl/worksheets/sheet1.xml', data: worksheet, method },
  ];
  if (sharedStrings !== null) items.push({ name: 'xl/sharedStrings.xml', data: sharedStrings, method });
  return items;
}

export function minimalXlsx(wb: MinimalWorkbook = {}): Buffer {
  return buildZip(minimalXlsxItems(wb));
}

/** Replaces the worksheet entry of a minimal workbook. */
export function withSheetItem(item: ZipItem): ZipItem[] {
  return minimalXlsxItems().map((it) => (it.name === 'xl/worksheets/sheet1.xml' ? { ...item, name: it.name } : it));
}
