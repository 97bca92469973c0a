/**
 * The workbook-level parts of guarded bytes, read the way exceljs's own loader
 * reads them (its xforms, driven by the same SAX parser): the sheet list with
 * names and states, the styles (number formats) and the 1904 date flag. The
 * shared strings (sst.ts) and worksheets (sheet-reader.ts) are streamed.
 *
 * Anything exceljs would resolve differently from the plain reading here (a
 * sheet name it would rename or refuse, a worksheet part listed twice or not
 * at all, a part it could not parse) is reported as NeedsModel: the caller
 * then reads the file with exceljs's whole-workbook model instead, which is
 * the reference behaviour.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import type BaseXform from 'exceljs/lib/xlsx/xform/base-xform';
import WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform';
import RelationshipsXform from 'exceljs/lib/xlsx/xform/core/relationships-xform';
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform';
import { bufferSource, streamZipEntry, type ByteSource, type ZipEntry } from '../guard';
import type { LoadedBytes } from '../read-workbook';
import { SharedStringsReader } from './sst';

/** The streamed reader cannot promise exceljs's reading of this file: use the whole-workbook model. */
export class NeedsModel extends Error {
  constructor(reason: string) {
    super(`needs the exceljs model: ${reason}`);
    this.name = 'NeedsModel';
  }
}

export interface BookSheet {
  name: string;
  /** 'visible' unless the workbook says otherwise (exceljs's default). */
  state: string;
  entry: ZipEntry;
}

/**
 * Hands an entry's inflated bytes to `sink`: the guard's own chunks when it
 * kept them (the very bytes it checked), else inflated again from the bytes.
 */
export async function entryChunks(book: Pick<Book, 'src' | 'kept'>, entry: ZipEntry, sink: (chunk: Buffer) => void): Promise<void> {
  const kept = book.kept.get(entry.name);
  if (kept) {
    for (const chunk of kept) sink(chunk);
    return;
  }
  await streamZipEntry(book.src, entry, sink);
}

export interface Book {
  /** In the order exceljs lists them (workbook.xml order). */
  sheets: BookSheet[];
  /** Shared strings as exceljs holds them: text, or { richText } for formatted runs. Null when the part is missing. */
  sharedStrings: unknown[] | null;
  styles: StylesXform | null;
  date1904: boolean;
  src: ByteSource;
  /** Entries the guard kept inflated. */
  kept: Map<string, Buffer[]>;
}

/** Feeds an exceljs xform from text pushed in pieces, the way exceljs's loader drives one (BaseXform.parse). */
class XformFeed {
  private readonly parser = new SaxesParser();
  private readonly decoder = new StringDecoder('utf8');
  private error: unknown = null;
  private done = false;

  constructor(private readonly xform: BaseXform) {
    this.parser.on('error', (e) => {
      this.error ??= e;
    });
    this.parser.on('opentag', (node) => {
      if (!this.done) xform.parseOpen(node as never);
    });
    this.parser.on('text', (text) => {
      if (!this.done) xform.parseText(text);
    });
    this.parser.on('closetag', (node) => {
      if (!this.done && !xform.parseClose(node.name)) this.done = true;
    });
  }

  write(chunk: Buffer): void {
    if (this.done) return;
    this.parser.write(this.decoder.write(chunk));
    if (this.error) throw new NeedsModel(`XML error: ${String(this.error)}`);
  }

  end(): unknown {
    const rest = this.decoder.end();
    if (rest && !this.done) this.parser.write(rest);
    if (this.error) throw new NeedsModel(`XML error: ${String(this.error)}`);
    return this.xform.model;
  }
}

async function readPart(book: Pick<Book, 'src' | 'kept'>, entry: ZipEntry, xform: BaseXform): Promise<unknown> {
  const feed = new XformFeed(xform);
  try {
    await entryChunks(book, entry, (chunk) => feed.write(chunk));
    return feed.end();
  } catch (e) {
    if (e instanceof NeedsModel) throw e;
    throw new NeedsModel(`cannot read ${entry.name}: ${String(e)}`);
  }
}

const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

/** What exceljs's Worksheet name setter accepts unchanged (it throws for the rest, and truncates past 31). */
function plainSheetName(name: unknown): name is string {
  return (
    typeof name === 'string' && name !== '' && name !== 'History' && !/[*?:/\\[\]]/.test(name) && !/(^')|('$)/.test(name) && name.length <= 31
  );
}

interface SheetDef {
  name?: string;
  id?: number;
  state?: string;
  rId?: string;
}
interface Rel {
  Id: string;
  Target: string;
}

export async function readBook(loaded: LoadedBytes): Promise<Book> {
  const src = bufferSource(loaded.bytes);
  const io = { src, kept: loaded.zip.kept };
  const byName = new Map<string, ZipEntry>();
  for (const e of loaded.zip.entries) {
    if (e.name.endsWith('/')) continue;
    byName.set(e.name.replace(/^\//, ''), e);
  }
  const part = (name: string) => byName.get(name);

  const workbookEntry = part('xl/workbook.xml');
  if (!workbookEntry) throw new NeedsModel('no xl/workbook.xml');
  const workbook = (await readPart(io, workbookEntry, new WorkbookXform())) as { sheets?: SheetDef[]; properties?: { date1904?: boolean } } | undefined;
  const relsEntry = part('xl/_rels/workbook.xml.rels');
  const rels = relsEntry ? ((await readPart(io, relsEntry, new RelationshipsXform())) as Rel[] | undefined) : undefined;

  // Every worksheet part exceljs would parse must be one listed sheet, exactly once.
  const worksheetParts = [...byName.keys()].filter((n) => WORKSHEET_PART.test(n));
  const relById = new Map<string, Rel>();
  for (const rel of rels ?? []) relById.set(rel.Id, rel);
  const sheets: BookSheet[] = [];
  const used = new Set<string>();
  const names = new Set<string>();
  const ids = new Set<number>();
  for (const def of workbook?.sheets ?? []) {
    const rel = def.rId === undefined ? undefined : relById.get(def.rId);
    if (!rel) continue;
    const key = `xl/${String(rel.Target).replace(/^(\s|\/xl\/)+/, '')}`;
    if (!WORKSHEET_PART.test(key) || !byName.has(key)) continue; // a chartsheet or a missing part: exceljs skips it too
    if (used.has(key)) throw new NeedsModel(`worksheet part ${key} listed twice`);
    if (!plainSheetName(def.name)) throw new NeedsModel('sheet name exceljs would change or refuse');
    const lower = def.name.toLowerCase();
    if (names.has(lower)) throw new NeedsModel('duplicate sheet name');
    if (typeof def.id !== 'number' || !Number.isInteger(def.id) || def.id < 1 || ids.has(def.id)) throw new NeedsModel('sheet id exceljs would not keep');
    used.add(key);
    names.add(lower);
    ids.add(def.id);
    sheets.push({ name: def.name, state: def.state || 'visible', entry: byName.get(key)! });
  }
  if (worksheetParts.some((n) => !used.has(n))) throw new NeedsModel('a worksheet part no sheet points to');

  const stylesEntry = part('xl/styles.xml');
  let styles: StylesXform | null = null;
  if (stylesEntry) {
    styles = new StylesXform();
    await readPart(io, stylesEntry, styles);
  }
  const sstEntry = part('xl/sharedStrings.xml');
  let sharedStrings: unknown[] | null = null;
  if (sstEntry) {
    const reader = new SharedStringsReader();
    await entryChunks(io, sstEntry, (chunk) => reader.feed(chunk));
    sharedStrings = reader.end();
  }

  return {
    sheets,
    sharedStrings,
    styles,
    date1904: Boolean(workbook?.properties?.date1904),
    src,
    kept: loaded.zip.kept,
  };
}
