/**
 * Compares two schema snapshots of one module. Changes that lose no data become
 * operations; anything that could (a column or table that disappears, a
 * narrower or different column) becomes a refusal that says what to do instead.
 */
import type { ColumnSpec, IndexSpec, SchemaSnapshot, TableSpec } from '../schema/types.js';
import type { MigrationOp } from './types.js';

export interface SnapshotDiff {
  operations: MigrationOp[];
  refusals: string[];
}

export interface DiffOptions {
  /** Named in refusal messages. */
  module?: string;
  /** `<table>.<column>` or `<table>`: drops the developer asked for explicitly. */
  allowDrop?: readonly string[];
}

/** A change that is not generated, with where it is and what to do about it. */
export interface Refusal {
  table: string;
  column?: string;
  problem: string;
  advice: (module: string) => string;
}

export function diffSnapshots(prev: SchemaSnapshot, next: SchemaSnapshot, options: DiffOptions = {}): SnapshotDiff {
  const { operations, refusals } = compareSnapshots(prev, next, new Set(options.allowDrop ?? []));
  return { operations, refusals: refusals.map((r) => formatRefusal(r, options.module)) };
}

export function formatRefusal(refusal: Refusal, module?: string): string {
  const where = refusal.column ? `column "${refusal.column}" of table "${refusal.table}"` : `table "${refusal.table}"`;
  return `${module ? `${module}: ` : ''}${where} ${refusal.problem}. ${refusal.advice(module ?? '<module>')}`;
}

/**
 * Operations come in an order every dialect can run: new tables before new
 * columns that may reference them, new indexes before removed ones (MySQL will
 * not drop the only index a foreign key uses), dropped columns before dropped
 * tables (a column may reference the table).
 */
type Steps = Record<'createTable' | 'addColumn' | 'widenColumn' | 'addIndex' | 'removeIndex' | 'dropColumn' | 'dropTable', MigrationOp[]>;

export function compareSnapshots(
  prev: SchemaSnapshot,
  next: SchemaSnapshot,
  allowDrop: ReadonlySet<string>,
): { operations: MigrationOp[]; refusals: Refusal[] } {
  const steps: Steps = { createTable: [], addColumn: [], widenColumn: [], addIndex: [], removeIndex: [], dropColumn: [], dropTable: [] };
  const refusals: Refusal[] = [];
  for (const [table, spec] of Object.entries(next.tables)) {
    if (!prev.tables[table]) steps.createTable.push({ op: 'createTable', ...spec });
  }
  for (const [table, before] of Object.entries(prev.tables)) {
    const after = next.tables[table];
    if (!after) {
      if (allowDrop.has(table)) steps.dropTable.push({ op: 'dropTable', table });
      else refusals.push(droppedTable(table));
      continue;
    }
    compareColumns(before, after, allowDrop, steps, refusals);
    compareIndexes(before, after, steps);
  }
  return { operations: Object.values(steps).flat(), refusals };
}

function compareColumns(before: TableSpec, after: TableSpec, allowDrop: ReadonlySet<string>, steps: Steps, refusals: Refusal[]): void {
  const table = after.table;
  for (const [column, spec] of Object.entries(after.columns)) {
    const old = before.columns[column];
    if (!old) {
      if (!spec.nullable && spec.default === undefined) refusals.push(requiredWithoutDefault(table, column));
      else steps.addColumn.push({ op: 'addColumn', table, column, spec });
      continue;
    }
    if (sameColumn(old, spec)) continue;
    const problems = narrowings(old, spec);
    if (problems.length === 0) steps.widenColumn.push({ op: 'widenColumn', table, column, from: old, to: spec });
    else refusals.push(narrowed(table, column, problems.join(', and it ')));
  }
  for (const column of Object.keys(before.columns)) {
    if (after.columns[column]) continue;
    if (allowDrop.has(`${table}.${column}`)) steps.dropColumn.push({ op: 'dropColumn', table, column });
    else refusals.push(droppedColumn(table, column));
  }
}

function compareIndexes(before: TableSpec, after: TableSpec, steps: Steps): void {
  const table = after.table;
  const old = new Map(before.indexes.map((ix) => [ix.name, ix]));
  const kept = new Set(after.indexes.map((ix) => ix.name));
  for (const index of after.indexes) {
    const previous = old.get(index.name);
    if (previous && sameIndex(previous, index)) continue;
    // Same name, new definition: the old one has to go first.
    if (previous) steps.addIndex.push({ op: 'removeIndex', table, index: index.name });
    steps.addIndex.push({ op: 'addIndex', table, index });
  }
  for (const index of before.indexes) {
    if (!kept.has(index.name)) steps.removeIndex.push({ op: 'removeIndex', table, index: index.name });
  }
}

/** What makes `to` unable to hold every value `from` could; empty when it only widens. */
export function narrowings(from: ColumnSpec, to: ColumnSpec): string[] {
  if (from.kind !== to.kind) return [`changes type from ${from.kind} to ${to.kind}`];
  if (Boolean(from.primaryKey) !== Boolean(to.primaryKey)) return ['changes whether it is the primary key'];
  const problems: string[] = [];
  const reference = referenceChange(from, to);
  if (reference) problems.push(reference);
  if (to.kind === 'string' && (to.length ?? 255) < (from.length ?? 255)) {
    problems.push(`gets shorter (${from.length} → ${to.length} characters), and existing values may not fit`);
  }
  if (to.values && !from.values) problems.push(`becomes limited to ${quoteList(to.values)}, and existing rows may hold other values`);
  const removed = from.values && to.values ? from.values.filter((v) => !to.values!.includes(v)) : [];
  if (removed.length > 0) problems.push(`loses the allowed value(s) ${quoteList(removed)}, which existing rows may hold`);
  if (from.nullable && !to.nullable) problems.push('becomes required (NOT NULL), and existing rows may have no value');
  return problems;
}

function referenceChange(from: ColumnSpec, to: ColumnSpec): string | undefined {
  const a = from.references;
  const b = to.references;
  if (!a && !b) return undefined;
  if (!a) return `becomes a relation to "${b!.table}"`;
  if (!b) return `stops being a relation to "${a.table}"`;
  if (a.table !== b.table) return `changes its relation target from "${a.table}" to "${b.table}"`;
  if (a.onDelete !== b.onDelete) return `changes its onDelete from ${a.onDelete} to ${b.onDelete}`;
  return undefined;
}

export function sameColumn(a: ColumnSpec, b: ColumnSpec): boolean {
  return canonical(a) === canonical(b);
}

/** Key order and enum value order carry no meaning. */
function canonical(spec: ColumnSpec): string {
  const normal: Record<string, unknown> = { ...spec, values: spec.values ? [...spec.values].sort() : undefined };
  return JSON.stringify(
    Object.keys(normal)
      .sort()
      .map((k) => [k, normal[k]]),
  );
}

function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  return a.unique === b.unique && a.fields.join(',') === b.fields.join(',');
}

function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

const DROP_ADVICE =
  'A rename looks exactly like a drop plus an add. To keep the data: put the old field back next to the new one, run `npm run migrations:generate`, ' +
  'and write a hand-written migration in migrations/MODULE/ that copies the data; then remove the old field and run ' +
  '`npm run migrations:generate -- --allow-drop TARGET` to record the drop as its own separate migration. If the data is not needed, run that last command now.';

function droppedColumn(table: string, column: string): Refusal {
  return {
    table,
    column,
    problem: 'is no longer in the model (field removed or renamed)',
    advice: (module) =>
      `Dropping it would lose its data, so it is not generated silently. ${DROP_ADVICE.replace('MODULE', module).replace('TARGET', `${table}.${column}`)}`,
  };
}

function droppedTable(table: string): Refusal {
  return {
    table,
    problem: 'is no longer in the model (entity removed or renamed)',
    advice: (module) =>
      'Dropping it would lose its rows, so it is not generated silently. ' +
      DROP_ADVICE.replace('MODULE', module).replace('TARGET', table).replace(/field/g, 'entity'),
  };
}

function narrowed(table: string, column: string, problem: string): Refusal {
  return {
    table,
    column,
    problem,
    advice: (module) =>
      'This could fail on or lose existing data, so it is not generated. Add a new field with the new definition, ' +
      `copy and convert the data in a hand-written migration in migrations/${module}/, then remove the old field ` +
      `and record its drop with \`npm run migrations:generate -- --allow-drop ${table}.${column}\`.`,
  };
}

function requiredWithoutDefault(table: string, column: string): Refusal {
  return {
    table,
    column,
    problem: 'is new and required (NOT NULL) without a default, so the existing rows would have no value',
    advice: () => 'Give it a default or add it as optional first.',
  };
}

/** One line for a migration's description and for the drift message. */
export function describeOperation(op: MigrationOp): string {
  switch (op.op) {
    case 'createTable':
      return `create table ${op.table}`;
    case 'addColumn':
      return `add column ${op.table}.${op.column}`;
    case 'addIndex':
      return `add ${op.index.unique ? 'unique ' : ''}index ${op.index.name} on ${op.table} (${op.index.fields.join(', ')})`;
    case 'removeIndex':
      return `remove index ${op.index} from ${op.table}`;
    case 'widenColumn':
      return `widen column ${op.table}.${op.column}`;
    case 'dropColumn':
      return `drop column ${op.table}.${op.column}`;
    case 'dropTable':
      return `drop table ${op.table}`;
  }
}
