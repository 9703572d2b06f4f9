export type { FileStore, StoredContent } from '../plugin/fileStore.js';
export type { FilesContext } from './filesContext.js';
export { LocalFileStore, dataDirFileStore } from './localFileStore.js';
export { S3FileStore } from './s3FileStore.js';
export { chooseFileStore } from './chooseFileStore.js';
export {
  pluginFiles,
  serverFileHost,
  answerFileHostCall,
  forwardingFileHost,
  type FileHost,
  type FileHostCall,
  type FieldRef,
  type LocatedFile,
} from './pluginFiles.js';
export type { CheckedContent } from './fileContent.js';
export { RECORD_ID, sendFile, signedInRoute } from './fileRoutes.js';
export { recordFileReader, readableRecord, type FileFacts, type OpenedFile } from './recordFiles.js';
export { filesFeature } from './filesFeature.js';
export { resolveFileInside, unsafeNameProblem, type FileInside } from './fileInside.js';
