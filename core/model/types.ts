/**
 * The compiled app model: manifests and plugins merged, defaults applied,
 * references resolved. Immutable; the single source of truth for every other part.
 */
import type { EntityAction, EntityActionDef, PermissionGrant, ScheduleDef, WorkflowColor, WorkflowCondition, WorkflowDef } from '../manifest/types.js';
import type { AnyJob, AnyProcedure, ComputedFns, DocumentDef, EntityHooks, PluginDefinition } from '../plugin/types.js';
import type { FieldModel } from '../fields/index.js';

export type { FieldModel };

export interface ListModel {
  columns: string[];
  sort: string;
  search: string[];
  pageSize: number;
}

export interface EntityModel {
  module: string;
  name: string;
  /** `module.name` */
  key: string;
  /** The table's name in its database. */
  table: string;
  /** false: an existing table migrations never touch, without Forja's version/created/updated columns. */
  managed: boolean;
  /** The column behind `id`. */
  primaryKey: string;
  /** The system fields this entity's rows have columns for: all of SYSTEM_COLUMNS when managed, only `id` when not. */
  systemFields: readonly string[];
  /** Field (declared with a column, or system) → its column name. */
  columnNames: Readonly<Record<string, string>>;
  datasource: string;
  label: string;
  labelPlural: string;
  display: string;
  icon?: string;
  internal: boolean;
  fields: Readonly<Record<string, FieldModel>>;
  /** Declared fields that have a column, in declaration order. */
  columns: readonly FieldModel[];
  indexes: readonly (readonly string[])[];
  /** Composite unique keys (field names), each enforced by a unique index; single-field ones are `unique` on the field. */
  unique: readonly (readonly string[])[];
  list: ListModel;
  form: readonly { section: string; fields: readonly string[] }[];
  /** Missing actions are granted to `admin` only. */
  permissions: Readonly<Record<EntityAction, readonly PermissionGrant[]>>;
  /** Set when this entity is edited inline as children of another. */
  parent?: { entity: string; foreignKey: string; field: string };
  hooks: EntityHooks;
  computed: Readonly<ComputedFns>;
  /** Written by core or plugins only; the generated API refuses writes even from admins. */
  readOnly: boolean;
  actions: readonly EntityActionDef[];
  /** Records of other entities pointing here, shown read-only on the detail page. */
  related: readonly RelatedModel[];
  /** Plugin documents generated from this entity's records, by name. */
  documents: Readonly<Record<string, DocumentDef>>;
  /** Set when a workflow drives one of this entity's enum fields. */
  workflow?: WorkflowModel;
}

export interface WorkflowStateModel {
  name: string;
  label: string;
  color: WorkflowColor;
}

export interface WorkflowTransitionModel {
  name: string;
  label: string;
  /** States it starts from, `"*"` already expanded. */
  from: readonly string[];
  to: string;
  /** Roles that may take it; undefined: whoever may update the record. */
  roles?: readonly string[];
  conditions: readonly WorkflowCondition[];
  input: readonly string[];
  comment: 'required' | 'optional' | 'none';
  effects: {
    set: Readonly<Record<string, string | number | boolean | null>>;
    now: readonly string[];
    currentUser: readonly string[];
    action?: string;
  };
}

export interface WorkflowModel {
  field: string;
  initial: string;
  /** In the enum's order. */
  states: readonly WorkflowStateModel[];
  transitions: Readonly<Record<string, WorkflowTransitionModel>>;
  /** The state field and every field an effect writes: plain create/update may not change them. */
  locked: readonly string[];
}

export interface RelatedModel {
  /** `module.entity` key. */
  entity: string;
  field: string;
  label?: string;
  pageSize: number;
}

export interface ModuleModel {
  name: string;
  label: string;
  version: string;
  description?: string;
  datasource: string;
  roles: readonly string[];
  entities: Readonly<Record<string, EntityModel>>;
  menu: readonly string[];
  workflows: Readonly<Record<string, WorkflowDef>>;
  schedules: Readonly<Record<string, ScheduleDef>>;
  procedures: Readonly<Record<string, AnyProcedure>>;
  jobs: Readonly<Record<string, AnyJob>>;
  plugin?: PluginDefinition;
  /** Where the manifest came from, for messages. */
  source?: string;
}

export interface AppModel {
  modules: Readonly<Record<string, ModuleModel>>;
  /** Every role declared by any module, plus `admin`. */
  roles: readonly string[];
  /** Looks up `module.entity`; throws when unknown. */
  entity(key: string): EntityModel;
  /** Every entity of every module. */
  entities(): EntityModel[];
}
