/**
 * The manifest as an admin writes it (manifests/<module>.json). These types are
 * derived from the one definition in manifestSchema.ts, which also gives the
 * JSON Schema ajv validates with; they give plugins and tests compile-time checks.
 */
import type { Static } from '@sinclair/typebox';
import type {
  ActionSchema,
  ConditionSchema,
  EffectsSchema,
  EntitySchema,
  GrantSchema,
  ManifestSchema,
  RelatedSchema,
  ScheduleSchema,
  TransitionSchema,
  WorkflowSchema,
  WorkflowStateSchema,
} from './manifestSchema.js';
import type { FIELD_COMMON, FieldDefOf } from '../fields/index.js';

export type { FieldDef, FieldTypeName as FieldType } from '../fields/index.js';

/** Options most fields have (each type's own options are in core/fields/<type>.ts). */
export type FieldCommon = Static<typeof FIELD_COMMON>;

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
export type PermissionGrant = Static<GrantSchema>;

export type RowRuleGrant = Exclude<PermissionGrant, string>;

export type EntityAction = 'read' | 'create' | 'update' | 'delete';

export type EntityDef = Static<EntitySchema>;

export type PermissionsDef = NonNullable<EntityDef['permissions']>;

export type ListDef = NonNullable<EntityDef['list']>;

export type FormSectionDef = NonNullable<EntityDef['form']>[number];

/** A button on the record's detail page, calling a mutation procedure of the module's plugin with `{ id }`. */
export type EntityActionDef = Static<ActionSchema>;

/** A read-only panel on the detail page: records of another entity that point to this one. */
export type RelatedDef = Static<RelatedSchema>;

/** A job of the module's plugin run on a cron schedule. */
export type ScheduleDef = Static<ScheduleSchema>;

export type ModuleManifest = Static<ManifestSchema>;

export type WorkflowStateDef = Static<WorkflowStateSchema>;

/** Colours a state badge may take; the UI maps each to its palette. */
export type WorkflowColor = NonNullable<WorkflowStateDef['color']>;

/** A check on the record before a transition may run; `value` is required except for `set`/`notSet`. */
export type WorkflowCondition = Static<ConditionSchema>;

export type ConditionOp = WorkflowCondition['op'];

export type WorkflowEffects = Static<EffectsSchema>;

export type WorkflowTransitionDef = Static<TransitionSchema>;

/** A state machine over one enum field of an entity. */
export type WorkflowDef = Static<WorkflowSchema>;
