/**
 * Backup and restore of an SQLite database: online backups with a retention
 * count, a restore that refuses a database in use, and the safe resolution of
 * a backup folder named by configuration or job parameters.
 */
export { backupDatabase, type BackupOptions, type BackupResult } from './backupDatabase.js';
export { restoreDatabase, type RestoreOptions, type RestoreResult } from './restoreDatabase.js';
export { resolveBackupDir } from './resolveBackupDir.js';
export { listBackups, type BackupFileInfo } from './backupFiles.js';
