/**
 * Domain types shared by core, shells and renderer. Pure data, no runtime deps.
 * The seed files in seeds/ follow exactly these shapes (see seeds/README.md).
 */

/** lower: smaller is better; higher: bigger is better; range: inside [value, valueMax]; milestone: done (1) / not done (0). */
export type Direction = 'lower' | 'higher' | 'range' | 'milestone';
export type Comparator = '<=' | '>=' | '=' | 'between';

export interface SourceRef {
  /** Document id from seeds/catalogue.json `documents[].id`. */
  doc: string;
  /** Clause inside the document, e.g. "二、(三)1" or "序号12 年度任务 2023年". */
  clause: string;
  /** Exact text from the source file that holds the figure (whitespace may differ). Seeds only. */
  quote?: string;
}

export interface SourceDocument {
  id: string;
  title: string;
  issuer: string;
  /** ISO date of issue. */
  date: string;
  /** Document number, e.g. 琼营商〔2021〕2号; empty when the document has none. */
  docNo: string;
  /** File name in ../shared/sources/. */
  file: string;
}

export interface Area {
  code: string;
  name: string;
  nameEn: string;
  /** Which plan introduced the area: '2021', '2022-2025', 'haikou-2026-2028', '2025-yijianshi'. */
  plan: string;
  sort: number;
}

export interface TargetDef {
  year: number;
  /** Region code; null for a province-wide target. */
  region: string | null;
  comparator: Comparator;
  value: number;
  valueMax: number | null;
  /** Milestones: the ISO date by which the milestone is due (e.g. "2026-12-31"); else null. */
  deadline?: string | null;
  source: SourceRef;
}

export interface IndicatorDef {
  code: string;
  name: string;
  nameEn: string;
  /** Area code from `areas`. */
  area: string;
  unit: string;
  direction: Direction;
  /** Decimal places shown. */
  precision: number;
  frequency: 'quarter' | 'year';
  leadUnits: string[];
  partnerUnits: string[];
  source: SourceRef;
  targets: TargetDef[];
  retired?: boolean;
}

export interface RegionDef {
  code: string;
  name: string;
  nameEn: string;
  kind: 'province' | 'city' | 'county' | 'park';
  /** Short names and other spellings accepted on input (海口, 白沙, ...). */
  aliases: string[];
  sort: number;
}

export interface SeedObservation {
  indicator: string;
  region: string;
  /** "2025" for a year, "2025Q4" for a quarter. */
  period: string;
  value: number;
  note: string;
  source: SourceRef;
}

export interface CatalogueSeed {
  /** Bumped whenever the seed content changes; an older database is upgraded on open. */
  version: string;
  documents: SourceDocument[];
  areas: Area[];
  indicators: IndicatorDef[];
}

export type ObservationSourceKind = 'manual' | 'import' | 'seed' | 'undo' | 'restore';
