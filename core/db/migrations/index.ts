/**
 * Schema migrations, not sync(): generated from app-model changes as reviewable
 * JSON files under migrations/<module>/, hand-written ones beside them, applied
 * at start-up. Nothing drops a column or a table without an explicit, separate step.
 */
export { diffSnapshots, type DiffOptions, type SnapshotDiff } from './diffSnapshots.js';
export { generateMigrations, type GenerateOptions, type GenerateResult } from './generateMigrations.js';
export { applyMigrations, MIGRATIONS_TABLE, type ApplyOptions } from './applyMigrations.js';
export { checkSchemaDrift } from './checkSchemaDrift.js';
export type { GeneratedMigration, HandWrittenMigration, MigrationContext, MigrationOp } from './types.js';
export { checkMappedTables, compareTable, formatDifference, mappingDifferences, type MappedTablesOptions, type MappingDifference } from './mappedTables.js';
