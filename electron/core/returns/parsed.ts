/**
 * What the parsers of both formats produce, and the catalogue view they check
 * cells against. A parsed return holds candidate values only; comparing them
 * with the database (new / changed / locked / far from last quarter) happens
 * in evaluate.ts.
 */
import type { Database } from 'better-sqlite3';
import type { ReturnIssue } from '../../../shared/channels/returns';
import * as values from '../../../shared/values';
import type { CellInput, IndicatorUnit } from '../../../shared/values';
import { catalogueFingerprint, regionResolver } from '../catalogue/read';

// Bound once (an imported binding is a getter call per use under tsx): this runs for every value.
const readValue = values.readValue;

export interface CatalogueIndicator extends IndicatorUnit {
  code: string;
  name: string;
  retired: boolean;
}

export interface ImportCatalogue {
  indicators: Map<string, CatalogueIndicator>;
  /** Of the non-retired indicators, as written into a template's _meta. */
  fingerprint: string;
  regionName: (code: string) => string;
  resolveRegion: (text: string) => { code: string; name: string } | null;
}

export function loadImportCatalogue(db: Database): ImportCatalogue {
  const rows = db.prepare('SELECT code, name, unit, direction, retired FROM indicators').all() as Array<{
    code: string; name: string; unit: string; direction: IndicatorUnit['direction']; retired: number;
  }>;
  const indicators = new Map(rows.map((r) => [r.code, { ...r, retired: r.retired === 1 }]));
  const names = new Map((db.prepare('SELECT code, name FROM regions').all() as Array<{ code: string; name: string }>).map((r) => [r.code, r.name]));
  return {
    indicators,
    fingerprint: catalogueFingerprint([...indicators.values()].filter((i) => !i.retired)),
    regionName: (code) => names.get(code) ?? code,
    resolveRegion: regionResolver(db),
  };
}

/** A cell that holds a readable value for a known indicator, region and period. */
export interface Candidate {
  sheet: string;
  cell: string;
  code: string;
  region: string;
  period: string;
  value: number;
  /** undefined keeps the note already stored. */
  note?: string;
}

export interface ParsedReturn {
  kind: 'template' | 'long';
  candidates: Candidate[];
  rejected: ReturnIssue[];
  warnings: ReturnIssue[];
  /** Template only: the region and period the whole file is for. */
  region?: string;
  period?: string;
}

export function emptyParsed(kind: ParsedReturn['kind']): ParsedReturn {
  return { kind, candidates: [], rejected: [], warnings: [] };
}

/** Reads one value cell into the parsed return: a candidate, a warning, a rejection, or nothing for a blank. */
export function takeCell(
  out: ParsedReturn,
  at: { sheet: string; cell: string; code: string; region: string; period: string; note?: string },
  input: CellInput,
  indicator: IndicatorUnit,
): void {
  const r = readValue(input, indicator);
  switch (r.kind) {
    case 'empty':
      return;
    case 'placeholder':
      out.warnings.push(issueAt(at, r.warning));
      return;
    case 'rejected':
      out.rejected.push(issueAt(at, r.message));
      return;
    case 'value':
      if (r.warning) out.warnings.push(issueAt(at, r.warning));
      out.candidates.push({ sheet: at.sheet, cell: at.cell, code: at.code, region: at.region, period: at.period, note: at.note, value: r.value });
  }
}

function issueAt(at: { sheet: string; cell: string; code: string }, message: string): ReturnIssue {
  return { sheet: at.sheet, cell: at.cell, code: at.code, message };
}
