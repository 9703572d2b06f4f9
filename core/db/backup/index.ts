/**
 * Backup and restore of a Forja database: online copies of the embedded
 * SQLite file, consistent dumps of a MariaDB/MySQL database with its own
 * client programs, both with a retention count; restores that refuse a
 * database in use and keep what they replace; and the safe resolution of a
 * backup folder named by configuration or job parameters.
 */
export { backupDatabase, type BackupOptions } from './backupDatabase.js';
export type { BackupResult } from './backupFolder.js';
export { dumpDatabase, type DumpOptions } from './dumpDatabase.js';
export { restoreDatabase, type RestoreOptions, type RestoreResult } from './restoreDatabase.js';
export { restoreServerDatabase, type ServerRestoreOptions, type ServerRestoreResult } from './restoreServerDatabase.js';
export { serverDatabaseFromUrl, serverDatabaseOf, type ServerDatabase } from './serverDatabase.js';
export { resolveBackupDir } from './resolveBackupDir.js';
export { listBackups, type BackupFileInfo, type BackupKind } from './backupFiles.js';
