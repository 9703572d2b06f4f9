/**
 * Checks a JSON Schema cannot express: references between fields, entities,
 * roles and modules. Runs on the whole set of manifests at once.
 */
import type { EntityDef, FieldDef, ModuleManifest, PermissionGrant } from './types.js';
import { pointer, type ManifestIssue } from './issues.js';
import { fieldType, hasColumn } from '../fields/index.js';
import { checkWorkflows } from './checkWorkflows.js';
import { checkUniqueKeys } from './checkUniqueKeys.js';

/** Columns every table gets; a manifest may not declare them. */
export const SYSTEM_COLUMNS = ['id', 'version', 'created_at', 'updated_at', 'created_by', 'updated_by'] as const;

/** What an entity with `"managed": false` may not name a field: its key, and the wire's fingerprint `version`. */
const UNMANAGED_RESERVED = ['id', 'version'] as const;

/** The strictest limit of the supported databases on table and column names (MySQL/MariaDB: 64; Oracle 12.2+: 128). */
export const MAX_SQL_NAME = 64;

/** Roles that exist without being declared. */
export const BUILT_IN_GRANTS = ['*', 'admin'] as const;

/**
 * A check a feature contributes for the manifest parts it reads (the
 * scheduler: `schedules`), run on each manifest after the core's own checks.
 */
export type ManifestCheck = (manifest: ModuleManifest, add: (path: string, message: string) => void) => void;

interface Loaded {
  file: string;
  manifest: ModuleManifest;
}

export function crossCheckManifests(all: Loaded[], featureChecks: readonly ManifestCheck[] = []): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const byModule = new Map<string, Loaded>();
  for (const item of all) {
    const other = byModule.get(item.manifest.module);
    if (other) issues.push({ file: item.file, path: '/module', message: `module "${item.manifest.module}" is already defined in ${other.file}` });
    else byModule.set(item.manifest.module, item);
  }
  for (const item of byModule.values()) issues.push(...checkModule(item, byModule, featureChecks));
  issues.push(...sharedTables([...byModule.values()]));
  return issues;
}

/** Two entities on one datasource may not map the same table (names compared as MySQL and SQLite do, ignoring case). */
function sharedTables(all: Loaded[]): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const seen = new Map<string, string>();
  for (const { file, manifest } of all) {
    for (const [name, entity] of Object.entries(manifest.entities ?? {})) {
      const table = entity.table ?? `${manifest.module}_${name}`;
      const key = `${manifest.datasource ?? 'default'}:${table.toLowerCase()}`;
      const other = seen.get(key);
      if (other) issues.push({ file, path: pointer('entities', name, 'table'), message: `table "${table}" is already the table of ${other}` });
      else seen.set(key, `${manifest.module}.${name}`);
    }
  }
  return issues;
}

function checkModule({ file, manifest }: Loaded, modules: Map<string, Loaded>, featureChecks: readonly ManifestCheck[]): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const add = (path: string, message: string) => issues.push({ file, path, message });
  const entities = manifest.entities ?? {};
  const roles = new Set<string>([...(manifest.roles ?? []), ...BUILT_IN_GRANTS]);
  const resolve = (target: string) => resolveEntity(target, manifest.module, modules);

  for (const [name, entity] of Object.entries(entities)) {
    checkEntity(name, entity, { add, roles, resolve, entities, module: manifest.module });
  }
  checkUnenforcedDeletes(manifest, modules, add);
  checkWorkflows(manifest, roles, add);
  (manifest.menu ?? []).forEach((item, i) => {
    if (!entities[item]) add(pointer('menu', i), `menu entry "${item}" is not an entity of this module`);
  });
  for (const check of featureChecks) check(manifest, add);
  return issues;
}

/**
 * `onDelete` cascade/setNull is the foreign key's work, and Forja creates one
 * only between managed tables on the same datasource: elsewhere the option
 * would silently do nothing.
 */
function checkUnenforcedDeletes(manifest: ModuleManifest, modules: Map<string, Loaded>, add: (path: string, message: string) => void): void {
  const datasource = manifest.datasource ?? 'default';
  for (const [name, entity] of Object.entries(manifest.entities ?? {})) {
    for (const [fname, field] of Object.entries(entity.fields)) {
      if (field.type !== 'relation' || !field.onDelete || field.onDelete === 'restrict') continue;
      const [mod, ent] = field.to.includes('.') ? (field.to.split('.') as [string, string]) : [manifest.module, field.to];
      const target = modules.get(mod)?.manifest;
      const targetEntity = target?.entities?.[ent];
      if (!targetEntity) continue;
      const sameDatasource = (target!.datasource ?? 'default') === datasource;
      if (sameDatasource && entity.managed !== false && targetEntity.managed !== false) continue;
      add(
        pointer('entities', name, 'fields', fname, 'onDelete'),
        `"${field.onDelete}" needs a foreign key, which Forja only creates between managed tables of one datasource (${
          sameDatasource ? 'one of the two tables is unmanaged' : `${field.to} is on datasource "${target!.datasource ?? 'default'}"`
        })`,
      );
    }
  }
}

interface EntityCheck {
  module: string;
  add(path: string, message: string): void;
  roles: Set<string>;
  resolve(target: string): EntityDef | undefined;
  entities: Record<string, EntityDef>;
}

function checkEntity(name: string, entity: EntityDef, c: EntityCheck): void {
  const base = ['entities', name];
  const fields = entity.fields;
  const fieldNames = new Set(Object.keys(fields));
  const managed = entity.managed !== false;
  const system: readonly string[] = managed ? SYSTEM_COLUMNS : ['id'];
  const reserved: readonly string[] = managed ? SYSTEM_COLUMNS : UNMANAGED_RESERVED;
  const isColumn = (f: string) => system.includes(f) || (fieldNames.has(f) && hasColumn(fields[f]!));
  const isField = (f: string) => system.includes(f) || fieldNames.has(f);

  for (const [fname, field] of Object.entries(fields)) {
    const at = (...rest: string[]) => pointer(...base, 'fields', fname, ...rest);
    if (reserved.includes(fname)) c.add(at(), `"${fname}" is a reserved column name (${reserved.join(', ')})`);
    if (field.column !== undefined && !hasColumn(field)) c.add(at('column'), `a ${field.type} field has no column of its own to name`);
    checkField(name, field, at, c);
  }
  checkSqlNames(name, entity, c);
  if (entity.display && !isColumn(entity.display)) {
    c.add(pointer(...base, 'display'), `display field "${entity.display}" is not a stored field of "${name}"`);
  }
  (entity.indexes ?? []).forEach((index, i) => {
    index.forEach((f, j) => {
      if (!isColumn(f)) c.add(pointer(...base, 'indexes', i, j), `index field "${f}" is not a stored field of "${name}"`);
    });
  });
  checkUniqueKeys(name, entity, c.add);
  entity.list?.columns?.forEach((f, i) => {
    if (!isField(f)) c.add(pointer(...base, 'list', 'columns', i), `list column "${f}" is not a field of "${name}"`);
  });
  entity.list?.search?.forEach((f, i) => {
    const t = fields[f]?.type;
    if (!t || !fieldType(t).searchable) {
      c.add(pointer(...base, 'list', 'search', i), `search field "${f}" must be a string, text or email field of "${name}"`);
    }
  });
  const sortField = entity.list?.sort?.replace(/^-/, '');
  if (sortField && !isColumn(sortField)) c.add(pointer(...base, 'list', 'sort'), `sort field "${sortField}" is not a stored field of "${name}"`);
  entity.form?.forEach((section, i) => {
    section.fields.forEach((f, j) => {
      if (!fieldNames.has(f)) c.add(pointer(...base, 'form', i, 'fields', j), `form field "${f}" is not a field of "${name}"`);
    });
  });
  for (const [action, grants] of Object.entries(entity.permissions ?? {})) {
    (grants as PermissionGrant[]).forEach((g, i) => {
      checkGrant(g, pointer(...base, 'permissions', action, i), fieldNames, system, c);
    });
  }
  entity.actions?.forEach((action, i) => {
    action.roles?.forEach((role, j) => {
      if (!c.roles.has(role)) c.add(pointer(...base, 'actions', i, 'roles', j), `role "${role}" is not declared in "roles"`);
    });
  });
  entity.related?.forEach((related, i) => {
    checkRelated(name, related.entity, related.field, (...rest) => pointer(...base, 'related', i, ...rest), c);
  });
}

/** Table and column names fit every supported database, and no two fields share a column. */
function checkSqlNames(name: string, entity: EntityDef, c: EntityCheck): void {
  const base = ['entities', name];
  const tooLong = (sqlName: string) => `"${sqlName}" is ${sqlName.length} characters long; MySQL/MariaDB allow at most ${MAX_SQL_NAME}`;
  const table = entity.table ?? `${c.module}_${name}`;
  if (table.length > MAX_SQL_NAME) c.add(entity.table ? pointer(...base, 'table') : pointer(...base), tooLong(table));
  const managed = entity.managed !== false;
  const columns = new Map<string, string>();
  const claim = (column: string, path: string, owner: string) => {
    if (column.length > MAX_SQL_NAME) c.add(path, tooLong(column));
    const other = columns.get(column.toLowerCase());
    if (other) c.add(path, `column "${column}" is already the column of ${other}`);
    else columns.set(column.toLowerCase(), owner);
  };
  claim(entity.primaryKey ?? 'id', pointer(...base, 'primaryKey'), 'the primary key');
  if (managed) for (const system of SYSTEM_COLUMNS.filter((s) => s !== 'id')) columns.set(system, `the system column "${system}"`);
  for (const [fname, field] of Object.entries(entity.fields)) {
    // A field named like a system column is reported as such already.
    if (field.column === undefined && (SYSTEM_COLUMNS as readonly string[]).includes(fname)) continue;
    if (hasColumn(field)) claim(field.column ?? fname, pointer(...base, 'fields', fname, ...(field.column ? ['column'] : [])), `field "${fname}"`);
  }
}

function checkRelated(owner: string, target: string, field: string, at: (...rest: string[]) => string, c: EntityCheck): void {
  const other = c.resolve(target);
  if (!other) {
    c.add(at('entity'), `related entity "${target}" is not a known entity`);
    return;
  }
  const f = other.fields[field];
  if (f?.type !== 'relation' || !(f.to === owner || f.to === `${c.module}.${owner}`)) {
    c.add(at('field'), `"${target}.${field}" must be a relation to "${owner}"`);
  }
}

function checkField(entity: string, field: FieldDef, at: (...rest: string[]) => string, c: EntityCheck): void {
  const fieldsOf = (def: EntityDef | undefined) => def?.fields;
  fieldType(field.type).check?.(field, {
    module: c.module,
    entity,
    at,
    add: c.add,
    entityFields: (target) => fieldsOf(c.resolve(target)),
    ownEntityFields: (name) => fieldsOf(c.entities[name]),
  });
}

function checkGrant(grant: PermissionGrant, path: string, fields: Set<string>, system: readonly string[], c: EntityCheck): void {
  const role = typeof grant === 'string' ? grant : grant.role;
  if (!c.roles.has(role)) c.add(typeof grant === 'string' ? path : `${path}/role`, `role "${role}" is not declared in "roles"`);
  if (typeof grant === 'string') return;
  for (const f of Object.keys(grant.where)) {
    if (!fields.has(f) && !system.includes(f)) c.add(`${path}/where/${f}`, `row rule field "${f}" is not a field`);
  }
}

function resolveEntity(target: string, ownModule: string, modules: Map<string, Loaded>): EntityDef | undefined {
  const [mod, ent] = target.includes('.') ? (target.split('.') as [string, string]) : [ownModule, target];
  return modules.get(mod)?.manifest.entities?.[ent];
}
