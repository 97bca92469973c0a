/**
 * The parts of exceljs 4.4's internals the streamed reader shares with
 * exceljs's own workbook loader, so both read workbook.xml, its relationships
 * and the styles identically. Only what is used is typed.
 */
declare module 'exceljs/lib/xlsx/xform/base-xform' {
  export default class BaseXform {
    model: unknown;
    parseOpen(node: { name: string; attributes: Record<string, string>; isSelfClosing?: boolean }): boolean;
    parseText(text: string): void;
    parseClose(name: string): boolean;
    reconcile(model: unknown, options?: unknown): void;
  }
}
declare module 'exceljs/lib/xlsx/xform/book/workbook-xform' {
  import BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
  export default class WorkbookXform extends BaseXform {}
}
declare module 'exceljs/lib/xlsx/xform/core/relationships-xform' {
  import BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
  export default class RelationshipsXform extends BaseXform {}
}
declare module 'exceljs/lib/xlsx/xform/style/styles-xform' {
  import BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
  export default class StylesXform extends BaseXform {
    getStyleModel(id: number): { numFmt?: string } | null;
  }
}
declare module 'exceljs/lib/utils/utils' {
  const utils: {
    xmlDecode(text: string): string;
    isDateFmt(fmt: string | undefined): boolean;
    excelToDate(v: number, date1904?: boolean): Date;
    parseBoolean(value: unknown): boolean;
  };
  export default utils;
}
declare module 'exceljs/lib/utils/shared-formula' {
  export function slideFormula(formula: string, fromCell: string, toCell: string): string;
}
