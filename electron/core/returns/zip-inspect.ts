/** The distrustful ZIP reader now lives in ./guard/ (zip-records, zip-directory, zip-entry); this keeps the old import path. */
export { readZipDirectory, ZipFault, type ZipEntry, type ZipDirectory, type ZipFaultReason } from './guard/zip-directory';
export { READ_CHUNK, streamZipEntry, type EntrySink, type StreamedEntry } from './guard/zip-entry';
export { readAt, type ByteSource } from './guard/source';
