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
import { CandidateList } from './candidates';
import { IssueList } from './issue-list';

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

export type { Candidate } from './candidates';

export interface ParsedReturn {
  kind: 'template' | 'long';
  candidates: CandidateList;
  /** The first LISTED_ISSUES in reading order, and how many in all. */
  rejected: IssueList;
  warnings: IssueList;
  /** Template only: the region and period the whole file is for. */
  region?: string;
  period?: string;
}

export function emptyParsed(kind: ParsedReturn['kind']): ParsedReturn {
  return { kind, candidates: new CandidateList(), rejected: new IssueList(), warnings: new IssueList() };
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
      out.warnings.add(issueAt(at, r.warning));
      return;
    case 'rejected':
      out.rejected.add(issueAt(at, r.message));
      return;
    case 'value':
      if (r.warning) out.warnings.add(issueAt(at, r.warning));
      out.candidates.push(at.sheet, at.cell, at.code, at.region, at.period, r.value, at.note);
  }
}

function issueAt(at: { sheet: string; cell: string; code: string }, message: string): ReturnIssue {
  return { sheet: at.sheet, cell: at.cell, code: at.code, message };
}
