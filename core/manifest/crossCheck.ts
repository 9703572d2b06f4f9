/**
 * Checks a JSON Schema cannot express: references between fields, entities,
 * roles and modules. Runs on the whole set of manifests at once.
 */
import type { EntityDef, FieldDef, ModuleManifest, PermissionGrant } from './types.js';
import { pointer, type ManifestIssue } from './issues.js';
import { fieldType, hasColumn } from '../fields/index.js';
import { checkWorkflows } from './checkWorkflows.js';

/** Columns every table gets; a manifest may not declare them. */
export const SYSTEM_COLUMNS = ['id', 'version', 'created_at', 'updated_at', 'created_by', 'updated_by'] as const;

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
  checkWorkflows(manifest, roles, add);
  (manifest.menu ?? []).forEach((item, i) => {
    if (!entities[item]) add(pointer('menu', i), `menu entry "${item}" is not an entity of this module`);
  });
  for (const check of featureChecks) check(manifest, add);
  return issues;
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
  const isColumn = (f: string) => SYSTEM_COLUMNS.includes(f as never) || (fieldNames.has(f) && hasColumn(fields[f]!));
  const isField = (f: string) => SYSTEM_COLUMNS.includes(f as never) || fieldNames.has(f);

  for (const [fname, field] of Object.entries(fields)) {
    const at = (...rest: string[]) => pointer(...base, 'fields', fname, ...rest);
    if (SYSTEM_COLUMNS.includes(fname as never)) c.add(at(), `"${fname}" is a reserved column name (${SYSTEM_COLUMNS.join(', ')})`);
    checkField(name, field, at, c);
  }
  if (entity.display && !isColumn(entity.display)) {
    c.add(pointer(...base, 'display'), `display field "${entity.display}" is not a stored field of "${name}"`);
  }
  (entity.indexes ?? []).forEach((index, i) => {
    index.forEach((f, j) => {
      if (!isColumn(f)) c.add(pointer(...base, 'indexes', i, j), `index field "${f}" is not a stored field of "${name}"`);
    });
  });
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
      checkGrant(g, pointer(...base, 'permissions', action, i), fieldNames, c);
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

function checkGrant(grant: PermissionGrant, path: string, fields: Set<string>, c: EntityCheck): void {
  const role = typeof grant === 'string' ? grant : grant.role;
  if (!c.roles.has(role)) c.add(typeof grant === 'string' ? path : `${path}/role`, `role "${role}" is not declared in "roles"`);
  if (typeof grant === 'string') return;
  for (const f of Object.keys(grant.where)) {
    if (!fields.has(f) && !SYSTEM_COLUMNS.includes(f as never)) c.add(`${path}/where/${f}`, `row rule field "${f}" is not a field`);
  }
}

function resolveEntity(target: string, ownModule: string, modules: Map<string, Loaded>): EntityDef | undefined {
  const [mod, ent] = target.includes('.') ? (target.split('.') as [string, string]) : [ownModule, target];
  return modules.get(mod)?.manifest.entities?.[ent];
}
