/**
 * `npm run migrations:generate`: diffs each module's schema in the app model
 * against its latest generated migration and writes the difference as a new,
 * reviewable JSON migration. Writes nothing at all while anything is refused.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppModel, ModuleModel } from '../../model/types.js';
import { moduleSnapshot } from '../schema/tableSpec.js';
import type { SchemaSnapshot } from '../schema/types.js';
import { compareSnapshots, describeOperation, formatRefusal } from './diffSnapshots.js';
import { dateOfTimestamp, latestSnapshot, listModuleMigrations, PLATFORM_MODULE, timestampOf, type MigrationFile } from './migrationFiles.js';
import type { GeneratedMigration, MigrationOp } from './types.js';

export interface GenerateOptions {
  model: AppModel;
  migrationsDir: string;
  /** `<table>.<column>` or `<table>`: drops the developer asked for explicitly. */
  allowDrop?: readonly string[];
  /** Only these modules (a new module's first migration must not carry other modules' pending changes); default all. */
  modules?: readonly string[];
  now?: Date;
}

export interface GenerateResult {
  /** Paths of the files written. */
  written: string[];
  refusals: string[];
}

interface ModuleChange {
  module: string;
  files: MigrationFile[];
  prev: SchemaSnapshot;
  next: SchemaSnapshot;
  operations: MigrationOp[];
}

export async function generateMigrations(options: GenerateOptions): Promise<GenerateResult> {
  const allowDrop = new Set(options.allowDrop ?? []);
  const changes: ModuleChange[] = [];
  const refusals: string[] = [];
  for (const module of modulesInDependencyOrder(options.model)) {
    if (options.modules && !options.modules.includes(module.name)) continue;
    const files = await listModuleMigrations(options.migrationsDir, module.name);
    if (Object.keys(module.entities).length === 0 && files.length === 0) continue;
    const prev = previousSnapshot(await latestSnapshot(files), module);
    const next = currentSnapshot(options.model, module);
    const diff = compareSnapshots(prev, next, allowDrop);
    refusals.push(...diff.refusals.map((r) => formatRefusal(r, module.name)));
    if (diff.operations.length > 0) changes.push({ module: module.name, files, prev, next, operations: diff.operations });
  }
  refusals.push(...unmatchedAllowDrops(allowDrop, changes));
  if (refusals.length > 0) return { written: [], refusals };
  return { written: await writeMigrations(options, changes), refusals: [] };
}

/**
 * The module's schema as its migrations left it, without the tables of entities
 * now mapped with `managed: false`: such a table is the database's from then
 * on, never a table to drop.
 */
export function previousSnapshot(latest: SchemaSnapshot, module: ModuleModel): SchemaSnapshot {
  const unmanaged = new Set(
    Object.values(module.entities)
      .filter((e) => !e.managed)
      .map((e) => e.table),
  );
  return { tables: Object.fromEntries(Object.entries(latest.tables).filter(([table]) => !unmanaged.has(table))) };
}

/** The schema the app model wants for one module. */
export function currentSnapshot(model: AppModel, module: ModuleModel): SchemaSnapshot {
  return moduleSnapshot(module, (key) => model.entity(key));
}

/**
 * Each file gets a later second than the one before, in module dependency order,
 * so tables a module references always exist before its own (MySQL and Oracle
 * check that when the foreign key is added).
 */
async function writeMigrations(options: GenerateOptions, changes: ModuleChange[]): Promise<string[]> {
  const written: string[] = [];
  let next = wholeSeconds(options.now ?? new Date());
  for (const change of changes) {
    for (const migration of splitOffDrops(change)) {
      const at = laterOf(next, secondAfter(change.files.at(-1)));
      const file = path.join(options.migrationsDir, change.module, `${timestampOf(at)}_${slugOf(change, migration.operations)}.json`);
      const content: GeneratedMigration = { module: change.module, createdAt: at.toISOString(), ...migration };
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx' });
      written.push(file);
      next = new Date(at.getTime() + 1000);
    }
  }
  return written;
}

/**
 * Allowed drops go into a migration of their own, after the other changes, so a
 * drop is always a separate, visible step. Indexes on dropped columns go with
 * the drop: MySQL keeps them until the column's foreign key is gone.
 */
function splitOffDrops(change: ModuleChange): Omit<GeneratedMigration, 'module' | 'createdAt'>[] {
  const drops = change.operations.filter((op) => op.op === 'dropColumn' || op.op === 'dropTable');
  if (drops.length === 0) return [migrationOf(change.operations, change.next)];
  const beforeDrops = withDroppedStillThere(change.prev, change.next, drops);
  const rest = compareSnapshots(change.prev, beforeDrops, new Set()).operations;
  const dropping = compareSnapshots(beforeDrops, change.next, new Set(drops.map(dropTarget))).operations;
  return [...(rest.length > 0 ? [migrationOf(rest, beforeDrops)] : []), migrationOf(dropping, change.next)];
}

function migrationOf(operations: MigrationOp[], snapshot: SchemaSnapshot): Omit<GeneratedMigration, 'module' | 'createdAt'> {
  return { description: operations.map(describeOperation).join('; '), operations, snapshot };
}

function withDroppedStillThere(prev: SchemaSnapshot, next: SchemaSnapshot, drops: MigrationOp[]): SchemaSnapshot {
  const tables = structuredClone(next.tables);
  for (const drop of drops) {
    const old = prev.tables[drop.table]!;
    if (drop.op === 'dropTable') tables[drop.table] = structuredClone(old);
    if (drop.op !== 'dropColumn') continue;
    const table = tables[drop.table]!;
    table.columns[drop.column] = structuredClone(old.columns[drop.column]!);
    const gone = old.indexes.filter((ix) => ix.fields.includes(drop.column) && !table.indexes.some((kept) => kept.name === ix.name));
    table.indexes.push(...structuredClone(gone));
  }
  return { tables };
}

function dropTarget(op: MigrationOp): string {
  return op.op === 'dropColumn' ? `${op.table}.${op.column}` : op.table;
}

/** A misspelt `--allow-drop` must not pass unnoticed: the drop it meant would still be refused. */
function unmatchedAllowDrops(allowDrop: ReadonlySet<string>, changes: ModuleChange[]): string[] {
  const dropped = new Set(changes.flatMap((c) => c.operations.filter((op) => op.op === 'dropColumn' || op.op === 'dropTable').map(dropTarget)));
  return [...allowDrop]
    .filter((target) => !dropped.has(target) && !dropped.has(target.split('.')[0]!))
    .map(
      (target) => `--allow-drop ${target}: nothing by that name is being dropped (give <table>.<column> of a removed field, or <table> of a removed entity)`,
    );
}

/** Which operation names a migration: the one a reviewer most needs to see. */
const SLUG_PRIORITY: MigrationOp['op'][] = ['createTable', 'addColumn', 'dropTable', 'dropColumn', 'widenColumn', 'addIndex', 'removeIndex'];

function slugOf(change: ModuleChange, operations: MigrationOp[]): string {
  if (Object.keys(change.prev.tables).length === 0 && operations.every((op) => op.op === 'createTable')) return 'initial';
  const main = SLUG_PRIORITY.map((kind) => operations.find((op) => op.op === kind)).find((op) => op !== undefined)!;
  const more = operations.length > 1 ? `_and_${operations.length - 1}_more` : '';
  return `${slugOfOperation(main, change.module)
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 60)}${more}`;
}

/** `<module>_<entity>` reads as `<entity>` inside migrations/<module>/. */
function slugOfOperation(op: MigrationOp, module: string): string {
  const table = op.table.startsWith(`${module}_`) ? op.table.slice(module.length + 1) : op.table;
  switch (op.op) {
    case 'createTable':
      return `create_${table}`;
    case 'addColumn':
      return `add_${table}_${op.column}`;
    case 'widenColumn':
      return `change_${table}_${op.column}`;
    case 'addIndex':
      return `index_${table}_${op.index.fields.join('_')}`;
    case 'removeIndex':
      return `remove_${op.index}`;
    case 'dropColumn':
      return `drop_${table}_${op.column}`;
    case 'dropTable':
      return `drop_${table}`;
  }
}

/** Platform first, then every module after the modules whose tables it references. */
function modulesInDependencyOrder(model: AppModel): ModuleModel[] {
  const ordered: ModuleModel[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || !model.modules[name]) return;
    seen.add(name);
    for (const dependency of referencedModules(model.modules[name]!)) visit(dependency);
    ordered.push(model.modules[name]!);
  };
  const names = Object.keys(model.modules).sort();
  for (const name of [PLATFORM_MODULE, ...names]) visit(name);
  return ordered;
}

function referencedModules(module: ModuleModel): string[] {
  const targets = Object.values(module.entities).flatMap((e) => e.columns.map((f) => f.target).filter((t): t is string => Boolean(t)));
  return [...new Set(targets.map((t) => t.split('.')[0]!))].filter((m) => m !== module.name).sort();
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function secondAfter(file: MigrationFile | undefined): Date {
  return file ? new Date(dateOfTimestamp(file.timestamp).getTime() + 1000) : new Date(0);
}

function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
