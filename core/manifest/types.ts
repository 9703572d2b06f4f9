/**
 * The manifest as an admin writes it (manifests/<module>.json). These types
 * mirror manifest.schema.json; the schema is what validates at run time, the
 * types give plugins and tests compile-time checks.
 */

import type { FieldDef, FieldDefOf } from '../fields/index.js';

export type { FieldDef, FieldTypeName as FieldType } from '../fields/index.js';

/** Options every field has (each type's own options are in core/fields/<type>.ts). */
export interface FieldCommon {
  label?: string;
  help?: string;
  required?: boolean;
  unique?: boolean;
}

export type StringField = FieldDefOf<'string' | 'text' | 'email'>;
export type PasswordField = FieldDefOf<'password'>;
export type IntegerField = FieldDefOf<'integer'>;
/** Exact decimal: stored as an integer of 10^-scale units, sent as a string. */
export type DecimalField = FieldDefOf<'decimal'>;
export type BooleanField = FieldDefOf<'boolean'>;
export type DateField = FieldDefOf<'date' | 'datetime' | 'time'>;
export type EnumField = FieldDefOf<'enum'>;
export type JsonField = FieldDefOf<'json'>;
export type RelationField = FieldDefOf<'relation'>;
export type ChildrenField = FieldDefOf<'children'>;
/** An uploaded file (or image) kept by the platform's file store; the column holds its file id. */
export type FileField = FieldDefOf<'file' | 'image'>;
/** Read-only value provided by the module's plugin. */
export type ComputedField = FieldDefOf<'computed'>;
export type ComputedResult = ComputedField['returns'];
/** Exact length of time: microseconds stored, `HH:MM:SS.ffffff` on the wire. */
export type DurationField = FieldDefOf<'duration'>;

/** `"*"` is any signed-in user; a role name; or a role limited to some rows. */
export type PermissionGrant = string | RowRuleGrant;

export interface RowRuleGrant {
  role: string;
  /** Field → value; `"$user.id"` and `"$user.email"` stand for the caller. */
  where: Record<string, string | number | boolean>;
}

export type EntityAction = 'read' | 'create' | 'update' | 'delete';

export type PermissionsDef = Partial<Record<EntityAction, PermissionGrant[]>>;

export interface ListDef {
  columns?: string[];
  /** Field name, `-` prefix for descending. */
  sort?: string;
  search?: string[];
  pageSize?: number;
}

export interface FormSectionDef {
  section: string;
  fields: string[];
}

export interface EntityDef {
  label: string;
  labelPlural?: string;
  /** Field shown when a record is referenced elsewhere. */
  display?: string;
  icon?: string;
  /** Kept out of the generated API and UI; used by core and plugins only. */
  internal?: boolean;
  fields: Record<string, FieldDef>;
  indexes?: string[][];
  list?: ListDef;
  form?: FormSectionDef[];
  permissions?: PermissionsDef;
  /** Written by core or plugins only: the generated API and screens only read it, even for admins. */
  readOnly?: boolean;
  /** Buttons on the record's detail page, each calling a plugin procedure with `{ id }`. */
  actions?: EntityActionDef[];
  /** Read-only panels on the detail page: records of another entity that point to this one. */
  related?: RelatedDef[];
}

export interface EntityActionDef {
  name: string;
  label: string;
  /** A mutation procedure of the module's plugin; it receives `{ id }` and checks access itself. */
  procedure: string;
  /** Asked before the call. */
  confirm?: string;
  /** Who sees the button; default: everyone who can read the record. */
  roles?: string[];
}

export interface RelatedDef {
  /** `name` in the same module or `module.name`. */
  entity: string;
  /** Its relation field pointing to this entity. */
  field: string;
  label?: string;
  pageSize?: number;
}

/** A job of the module's plugin run on a cron schedule. */
export interface ScheduleDef {
  label?: string;
  /** 5 fields (minute first), or 6 with seconds first. */
  cron: string;
  /** IANA time zone; default America/Sao_Paulo. */
  timezone?: string;
  /** A job of the module's plugin (`jobs` in definePlugin). */
  job: string;
  params?: Record<string, unknown>;
  enabled?: boolean;
  timeoutSeconds?: number;
}

export interface ModuleManifest {
  $schema?: string;
  module: string;
  label: string;
  version: string;
  description?: string;
  datasource?: string;
  roles?: string[];
  entities?: Record<string, EntityDef>;
  /** State machines, one per entity: entity name → its workflow. */
  workflows?: Record<string, WorkflowDef>;
  schedules?: Record<string, ScheduleDef>;
  menu?: string[];
}

/** Colours a state badge may take; the UI maps each to its palette. */
export type WorkflowColor = 'gray' | 'blue' | 'amber' | 'green' | 'red' | 'purple' | 'teal';

export interface WorkflowStateDef {
  /** Defaults to the enum value's label. */
  label?: string;
  color?: WorkflowColor;
}

export type ConditionOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'set' | 'notSet';

/** A check on the record before a transition may run; `value` is required except for `set`/`notSet`. */
export interface WorkflowCondition {
  field: string;
  op: ConditionOp;
  value?: string | number | boolean;
  /** Shown instead of the generated explanation when the condition fails. */
  message?: string;
}

export interface WorkflowEffects {
  /** Field → literal value written by the transition. */
  set?: Record<string, string | number | boolean | null>;
  /** Date or datetime fields set to the current date/time. */
  now?: string[];
  /** Relations to `platform.user` (or integer fields) set to the acting user. */
  currentUser?: string[];
  /** Name of a function in the plugin's `workflowActions`, run last, inside the transaction. */
  action?: string;
}

export interface WorkflowTransitionDef {
  label?: string;
  /** One state, several, or `"*"` for every state but the target. */
  from: string | string[];
  to: string;
  /** Who may take it; absent means whoever may update the record. `admin` always may. */
  roles?: string[];
  conditions?: WorkflowCondition[];
  /** Record fields the user fills in when taking the transition; each is required. */
  input?: string[];
  comment?: 'required' | 'optional';
  effects?: WorkflowEffects;
}

/** A state machine over one enum field of an entity. */
export interface WorkflowDef {
  /** The enum field holding the state; it changes only through transitions. */
  field: string;
  initial: string;
  /** Exactly the enum's values. */
  states: Record<string, WorkflowStateDef>;
  transitions: Record<string, WorkflowTransitionDef>;
}
