/** The xlsx guard: see guard.ts for what it checks and in which order. */
export { guardXlsx, guardXlsxBytes, type GuardEntry, type GuardKeep, type GuardResult, type GuardedZip } from './guard';
export { DEFAULT_LIMITS, type GuardLimits } from './limits';
export { describeChecks, guardMessage, type GuardCheck, type GuardRejectionDetails } from './messages';
export { classifyPart, WorkbookTally, type GuardSheetStats, type PartKind } from './parts';
export { DtdTokenScanner } from './dtd';
export { XmlPartScanner } from './xml-scanner';
export { parseCellRef, rangeArea } from './refs';
export { readCfbDirectoryNames } from './cfb';
export { bufferSource, fileSource, type ByteSource } from './source';
export { readZipDirectory, ZipFault, type ZipEntry, type ZipDirectory, type ZipFaultReason } from './zip-directory';
export { READ_CHUNK, streamZipEntry, type EntrySink, type StreamedEntry } from './zip-entry';
