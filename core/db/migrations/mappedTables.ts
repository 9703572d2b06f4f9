/**
 * Entities mapped onto existing tables (`"managed": false`) are never created,
 * altered or dropped by migrations; at start their declaration is compared
 * with the real table instead, and start-up stops on any difference that
 * would make reads or writes fail. On a datasource that is not configured
 * (it fell back to the default database, as a demo does) a missing table is
 * created from the declaration, as a stand-in for the real one.
 */
import type { Transaction } from 'sequelize';
import type { AppModel, EntityModel } from '../../model/types.js';
import type { Datasource } from '../connect.js';
import { entityTableSpec } from '../schema/tableSpec.js';
import type { ColumnSpec } from '../schema/types.js';
import { applyOperations } from './applyOperations.js';
import { inTransactionWithoutForeignKeys } from './sqliteRebuild.js';
import { holdsKind, readTableColumns, sameColumnName, type FoundColumn } from './readTableColumns.js';

export interface MappedTablesOptions {
  model: AppModel;
  datasources: Map<string, Datasource>;
  /** Named datasources without a URL of their own: their missing tables get stand-ins. */
  fallbacks: readonly string[];
  log?: (message: string) => void;
}

/** One difference between a declaration and its table. */
export interface MappingDifference {
  entity: string;
  table: string;
  column?: string;
  /** JSON pointer of what the difference is about, in the module's manifest. */
  path: string;
  /** The manifest file. */
  source: string;
  problem: string;
}

/** Start-up: creates stand-ins where allowed, then throws listing every difference left. */
export async function checkMappedTables(options: MappedTablesOptions): Promise<void> {
  const differences = await mappingDifferences(options);
  if (differences.length === 0) return;
  throw new Error(
    'Tables mapped with "managed": false do not match their declaration (Forja never changes them; fix the manifest or the table):\n' +
      differences.map((d) => `  - ${formatDifference(d)}\n`).join(''),
  );
}

/** Every difference between the unmanaged entities and their tables; stand-ins are created first for the `fallbacks` given. */
export async function mappingDifferences(options: MappedTablesOptions): Promise<MappingDifference[]> {
  const differences: MappingDifference[] = [];
  for (const entity of options.model.entities().filter((e) => !e.managed)) {
    const ds = options.datasources.get(entity.datasource)!;
    let found = await readTableColumns(ds, entity.table);
    if (!found && options.fallbacks.includes(entity.datasource)) {
      await createStandIn(entity, options.model, ds);
      options.log?.(
        `datasource "${entity.datasource}" is not configured: created table ${entity.table} (${entity.key}) from its declaration, as a stand-in for the existing one`,
      );
      found = await readTableColumns(ds, entity.table);
    }
    differences.push(...compareTable(entity, options.model, ds, found));
  }
  return differences;
}

export function formatDifference(d: MappingDifference): string {
  const where = d.column ? `column ${d.table}.${d.column}` : `table ${d.table}`;
  return `${d.entity}: ${where}: ${d.problem} (${d.source} ${d.path})`;
}

/** The declaration compared with what the database reports. */
export function compareTable(entity: EntityModel, model: AppModel, ds: Datasource, found: FoundColumn[] | undefined): MappingDifference[] {
  const source = model.modules[entity.module]?.source ?? entity.module;
  const base = `/entities/${entity.name}`;
  const at = (path: string, problem: string, column?: string): MappingDifference => ({
    entity: entity.key,
    table: entity.table,
    ...(column ? { column } : {}),
    path,
    source,
    problem,
  });
  if (!found) return [at(`${base}/table`, `does not exist in datasource "${entity.datasource}"`)];
  const spec = entityTableSpec(entity, (key) => model.entity(key));
  const fieldOfColumn = new Map(Object.entries(entity.columnNames).map(([field, column]) => [column, field]));
  const differences: MappingDifference[] = [];
  const declared = new Set<FoundColumn>();
  for (const [column, expected] of Object.entries(spec.columns)) {
    const field = fieldOfColumn.get(column)!;
    const path = field === 'id' ? `${base}/primaryKey` : `${base}/fields/${field}`;
    const actual = found.find((c) => sameColumnName(ds.dialect, c.name, column));
    if (!actual) {
      differences.push(at(path, 'is missing', column));
      continue;
    }
    declared.add(actual);
    differences.push(...columnProblems(ds, expected, actual).map((problem) => at(path, problem, column)));
  }
  for (const extra of found.filter((c) => !declared.has(c) && !c.nullable && !c.hasDefault && !c.generated)) {
    if (entity.readOnly) continue;
    differences.push(at(`${base}/fields`, 'is NOT NULL without a default and not declared: every insert would fail', extra.name));
  }
  return differences;
}

function columnProblems(ds: Datasource, expected: ColumnSpec, found: FoundColumn): string[] {
  if (expected.primaryKey) {
    if (!found.primaryKey) return [`is not the table's primary key (found ${found.type})`];
    if (!holdsKind(ds.dialect, found, 'integer')) return [`primary key must be an integer generated by the database (found ${found.type})`];
    return found.generated ? [] : ['primary key is not generated by the database (AUTO_INCREMENT, identity or SQLite INTEGER PRIMARY KEY)'];
  }
  const problems: string[] = [];
  if (!holdsKind(ds.dialect, found, expected.kind)) problems.push(`expected ${describeKind(expected)} column, found ${found.type}`);
  else if (expected.kind === 'string' && expected.length && found.length && found.length < expected.length) {
    problems.push(`expected room for ${expected.length} characters, found ${found.type}`);
  }
  // A required field on a nullable column is fine; an optional one on NOT NULL fails the inserts that leave it out.
  if (expected.nullable && !found.nullable && !found.hasDefault)
    problems.push('is NOT NULL without a default, but the field is optional (add "required": true)');
  return problems;
}

/** `a string(80)`, `an integer`: the kind of column the field needs, with its article. */
function describeKind(spec: ColumnSpec): string {
  const kind = spec.kind === 'string' && spec.length ? `string(${spec.length})` : spec.kind;
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** The declared table, made the way a migration would make it. */
async function createStandIn(entity: EntityModel, model: AppModel, ds: Datasource): Promise<void> {
  const spec = entityTableSpec(entity, (key) => model.entity(key));
  const work = (transaction: Transaction) =>
    applyOperations([{ op: 'createTable', ...spec }], {
      dialect: ds.dialect,
      sequelize: ds.sequelize,
      queryInterface: ds.sequelize.getQueryInterface(),
      transaction,
      before: { tables: {} },
      after: { tables: { [spec.table]: spec } },
    });
  if (ds.dialect === 'sqlite') await inTransactionWithoutForeignKeys(ds.sequelize, work);
  else await ds.sequelize.transaction(work);
}
