import type { S3StoreSettings } from '../config/index.js';
import type { FileStore } from '../plugin/fileStore.js';
import { dataDirFileStore } from './localFileStore.js';
import { S3FileStore } from './s3FileStore.js';

/** The platform's file store, the same for the server and its job workers: the S3 bucket when configured, else `<dataDir>/files`. */
export function chooseFileStore(settings: { dataDir: string; filesS3?: S3StoreSettings }): FileStore {
  return settings.filesS3 ? new S3FileStore(settings.filesS3) : dataDirFileStore(settings.dataDir);
}
