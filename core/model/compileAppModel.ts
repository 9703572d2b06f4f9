import type { EntityDef, FieldDef, ModuleManifest } from '../manifest/types.js';
import type { LoadedManifest } from '../manifest/index.js';
import { fieldType, hasColumn, IDENTIFIER } from '../fields/index.js';
import type { PluginDefinition } from '../plugin/types.js';
import type { AppModel, EntityModel, FieldModel, ModuleModel } from './types.js';
import { ManifestError, pointer, type ManifestIssue } from '../manifest/issues.js';
import { SYSTEM_COLUMNS } from '../manifest/crossCheck.js';
import { compileWorkflow } from './compileWorkflow.js';
import type { PluginCheck } from './featureChecks.js';
import { checkPluginRoutes } from '../plugin/routeChecks.js';

const DEFAULT_PAGE_SIZE = 25;
const RELATED_PAGE_SIZE = 10;

/**
 * Merges manifests and plugins into one frozen app model. A plugin without a
 * manifest and a manifest without a plugin are both valid.
 */
export function compileAppModel(
  manifests: LoadedManifest[],
  plugins: { file: string; plugin: PluginDefinition }[],
  featureChecks: readonly PluginCheck[] = [],
): AppModel {
  const issues = checkPluginsAgainstManifests(manifests, plugins, featureChecks);
  if (issues.length) throw new ManifestError(issues);
  const pluginOf = new Map(plugins.map((p) => [p.plugin.module, p.plugin]));
  const modules: Record<string, ModuleModel> = {};
  for (const { file, manifest } of manifests) {
    modules[manifest.module] = compileModule(manifest, pluginOf.get(manifest.module), file);
  }
  for (const { plugin, file } of plugins) {
    if (!modules[plugin.module]) modules[plugin.module] = compileModule({ module: plugin.module, label: plugin.module, version: '0.0.0' }, plugin, file);
  }
  linkChildren(modules);
  const roles = [...new Set(['admin', ...Object.values(modules).flatMap((m) => m.roles)])].sort();
  return deepFreeze(buildModel(modules, roles));
}

function buildModel(modules: Record<string, ModuleModel>, roles: string[]): AppModel {
  const byKey = new Map(Object.values(modules).flatMap((m) => Object.values(m.entities).map((e) => [e.key, e] as const)));
  return {
    modules,
    roles,
    entity(key) {
      const found = byKey.get(key);
      if (!found) throw new Error(`Unknown entity "${key}"`);
      return found;
    },
    entities: () => [...byKey.values()],
  };
}

function compileModule(manifest: ModuleManifest, plugin: PluginDefinition | undefined, source: string): ModuleModel {
  const datasource = manifest.datasource ?? 'default';
  const entities: Record<string, EntityModel> = {};
  for (const [name, def] of Object.entries(manifest.entities ?? {})) {
    const entity = compileEntity(manifest.module, name, def, datasource, plugin);
    const workflow = manifest.workflows?.[name];
    if (workflow) entity.workflow = compileWorkflow(workflow, entity.fields);
    entities[name] = entity;
  }
  return {
    name: manifest.module,
    label: manifest.label,
    version: manifest.version,
    ...(manifest.description ? { description: manifest.description } : {}),
    datasource,
    roles: manifest.roles ?? [],
    entities,
    menu: manifest.menu ?? Object.keys(entities).filter((e) => !entities[e]!.internal),
    workflows: manifest.workflows ?? {},
    schedules: manifest.schedules ?? {},
    procedures: plugin?.procedures ?? {},
    jobs: plugin?.jobs ?? {},
    ...(plugin ? { plugin } : {}),
    source,
  };
}

export function compileEntity(module: string, name: string, def: EntityDef, datasource: string, plugin?: PluginDefinition): EntityModel {
  const fields: Record<string, FieldModel> = {};
  for (const [fname, fdef] of Object.entries(def.fields)) fields[fname] = compileField(module, fname, fdef);
  const columns = Object.values(fields).filter((f) => f.stored);
  const firstText = columns.find((f) => fieldType(f.type).titleCandidate);
  const managed = def.managed ?? true;
  const primaryKey = def.primaryKey ?? 'id';
  const systemFields = managed ? SYSTEM_COLUMNS : (['id'] as const);
  return {
    module,
    name,
    key: `${module}.${name}`,
    table: def.table ?? `${module}_${name}`,
    managed,
    primaryKey,
    systemFields,
    columnNames: {
      ...Object.fromEntries(systemFields.map((f) => [f, f === 'id' ? primaryKey : f])),
      ...Object.fromEntries(columns.map((f) => [f.name, def.fields[f.name]!.column ?? f.name])),
    },
    datasource,
    label: def.label,
    labelPlural: def.labelPlural ?? def.label,
    display: def.display ?? firstText?.name ?? 'id',
    ...(def.icon ? { icon: def.icon } : {}),
    internal: def.internal ?? false,
    fields,
    columns,
    indexes: def.indexes ?? [],
    unique: def.unique ?? [],
    list: {
      columns:
        def.list?.columns ??
        columns
          .filter((f) => fieldType(f.type).listed !== false)
          .slice(0, 6)
          .map((f) => f.name),
      sort: def.list?.sort ?? '-id',
      search: def.list?.search ?? [],
      pageSize: def.list?.pageSize ?? DEFAULT_PAGE_SIZE,
    },
    form: def.form ?? [
      {
        section: def.label,
        fields: Object.values(fields)
          .filter((f) => fieldType(f.type).onForm !== false)
          .map((f) => f.name),
      },
    ],
    permissions: {
      read: def.permissions?.read ?? [],
      create: def.permissions?.create ?? [],
      update: def.permissions?.update ?? [],
      delete: def.permissions?.delete ?? [],
    },
    hooks: plugin?.hooks?.[name] ?? {},
    computed: plugin?.computed?.[name] ?? {},
    readOnly: def.readOnly ?? false,
    actions: def.actions ?? [],
    related: (def.related ?? []).map((r) => ({
      ...r,
      entity: r.entity.includes('.') ? r.entity : `${module}.${r.entity}`,
      pageSize: r.pageSize ?? RELATED_PAGE_SIZE,
    })),
    documents: Object.fromEntries(Object.entries(plugin?.documents ?? {}).filter(([, d]) => d.entity === name)),
  };
}

function compileField(module: string, name: string, def: FieldDef): FieldModel {
  const field: FieldModel = { ...def, name, label: def.label ?? humanize(name), stored: hasColumn(def) };
  return Object.assign(field, fieldType(def.type).defaults?.(def, module));
}

/** Resolves children fields to their foreign keys and marks the child entities. */
function linkChildren(modules: Record<string, ModuleModel>): void {
  for (const mod of Object.values(modules)) {
    for (const entity of Object.values(mod.entities)) {
      for (const field of Object.values(entity.fields)) {
        if (field.type !== 'children') continue;
        const child = mod.entities[field.entity]!;
        const foreignKey = field.foreignKey ?? Object.values(child.fields).find((f) => f.target === entity.key)!.name;
        field.child = { entity: child.key, foreignKey };
        child.parent = { entity: entity.key, foreignKey, field: field.name };
      }
    }
  }
}

export function checkPluginsAgainstManifests(
  manifests: LoadedManifest[],
  plugins: { file: string; plugin: PluginDefinition }[],
  featureChecks: readonly PluginCheck[] = [],
): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  for (const { file, plugin } of plugins) {
    const manifest = manifests.find((m) => m.manifest.module === plugin.module)?.manifest;
    const entities = manifest?.entities ?? {};
    for (const section of ['hooks', 'computed'] as const) {
      for (const entity of Object.keys(plugin[section] ?? {})) {
        if (!entities[entity]) issues.push({ file, path: `/${section}/${entity}`, message: `plugin ${section} for unknown entity "${entity}"` });
      }
    }
    for (const [name, doc] of Object.entries(plugin.documents ?? {})) {
      if (!IDENTIFIER.test(name)) issues.push({ file, path: `/documents/${name}`, message: 'document name must be a lower-case identifier' });
      if (!entities[doc.entity]) issues.push({ file, path: `/documents/${name}/entity`, message: `document for unknown entity "${doc.entity}"` });
    }
    for (const [entity, fns] of Object.entries(plugin.computed ?? {})) {
      for (const field of Object.keys(fns ?? {})) {
        if (entities[entity]?.fields[field] && entities[entity]!.fields[field]!.type !== 'computed') {
          issues.push({ file, path: `/computed/${entity}/${field}`, message: `"${entity}.${field}" is not a computed field` });
        }
      }
    }
    for (const [entity, def] of Object.entries(entities)) {
      for (const [field, f] of Object.entries(def.fields)) {
        if (f.type === 'computed' && !plugin.computed?.[entity]?.[field]) {
          issues.push({ file, path: `/computed/${entity}/${field}`, message: `computed field "${entity}.${field}" has no function in the plugin` });
        }
      }
    }
  }
  issues.push(...checkPluginRoutes(plugins, new Set([...manifests.map((m) => m.manifest.module), ...plugins.map((p) => p.plugin.module)])));
  for (const { file, manifest } of manifests)
    issues.push(...missingWorkflowActions(file, manifest, plugins.find((p) => p.plugin.module === manifest.module)?.plugin));
  for (const { file, manifest } of manifests) {
    const plugin = plugins.find((p) => p.plugin.module === manifest.module)?.plugin;
    issues.push(...featureChecks.flatMap((check) => check(file, manifest, plugin)), ...checkActionsAgainstProcedures(file, manifest, plugin));
    if (plugin) continue;
    for (const [entity, def] of Object.entries(manifest.entities ?? {})) {
      for (const [field, f] of Object.entries(def.fields)) {
        if (f.type === 'computed')
          issues.push({ file, path: `/entities/${entity}/fields/${field}`, message: 'computed field needs a plugin that provides it' });
      }
    }
  }
  return issues;
}

function checkActionsAgainstProcedures(file: string, manifest: ModuleManifest, plugin: PluginDefinition | undefined): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  for (const [entity, def] of Object.entries(manifest.entities ?? {})) {
    def.actions?.forEach((action, i) => {
      if (plugin?.procedures?.[action.procedure]?.kind !== 'mutation') {
        issues.push({
          file,
          path: pointer('entities', entity, 'actions', i, 'procedure'),
          message: `"${action.procedure}" is not a mutation procedure of the ${manifest.module} plugin`,
        });
      }
    });
  }
  return issues;
}

/** `effects.action` names a function of the module's plugin. */
function missingWorkflowActions(file: string, manifest: ModuleManifest, plugin: PluginDefinition | undefined): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  for (const [entity, workflow] of Object.entries(manifest.workflows ?? {})) {
    for (const [name, t] of Object.entries(workflow.transitions)) {
      const action = t.effects?.action;
      if (action && typeof plugin?.workflowActions?.[action] !== 'function') {
        const where = plugin ? `the plugin's workflowActions` : 'a plugin (this module has none)';
        issues.push({
          file,
          path: pointer('workflows', entity, 'transitions', name, 'effects', 'action'),
          message: `action "${action}" is not defined in ${where}`,
        });
      }
    }
  }
  return issues;
}

function humanize(name: string): string {
  const text = name.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) if (typeof v === 'object') deepFreeze(v);
  }
  return value;
}
