export type { FileStore, StoredContent } from './fileStore.js';
export { LocalFileStore, dataDirFileStore } from './localFileStore.js';
export { buildFileRoutes, sendFile, sendError } from './fileRoutes.js';
export { checkFileValues, withFileFacts, recordFileReader, readableRecord, type FileFacts, type OpenedFile } from './recordFiles.js';
