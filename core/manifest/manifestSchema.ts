/**
 * The manifest's one definition: its TypeScript types (types.ts, by `Static`)
 * and its JSON Schema (ajv at start-up; manifest.schema.json for editors,
 * written by `npm run manifest:schema`) both come from here. Field options come
 * from the field-type registry (core/fields/), one definition per type.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { dictOf, enumOf, FIELD_TYPE_NAMES, FIELD_TYPES, IDENTIFIER_PATTERN, type FieldDef } from '../fields/index.js';

const definitions: Record<string, TSchema> = {};

/** Names `schema` once under `definitions` and refers to it, as the committed JSON Schema always has. */
function define<T extends TSchema>(name: string, schema: T) {
  definitions[name] = schema;
  return Type.Unsafe<Static<T>>({ $ref: `#/definitions/${name}` });
}

/** A `oneOf` of two shapes (TypeBox's union is an `anyOf`, whose errors read differently). */
function oneOf<A extends TSchema, B extends TSchema>(a: A, b: B, options: { description?: string } = {}) {
  return Type.Unsafe<Static<A> | Static<B>>({ oneOf: [a, b], ...options });
}

/** Several JSON types at once (`type: [...]`), e.g. a literal in a row rule. */
function scalar<T>(types: string[], options: { description?: string } = {}) {
  return Type.Unsafe<T>({ type: types, ...options });
}

/** An object keyed by names matching `names`, each value a `value`. */
function namedMap<V extends TSchema>(names: TSchema, value: V, options: Record<string, unknown> = {}) {
  return Type.Unsafe<Record<string, Static<V>>>({ type: 'object', ...options, propertyNames: names, additionalProperties: value });
}

const CLOSED = { additionalProperties: false } as const;
const nonEmpty = (options: Record<string, unknown> = {}) => Type.String({ minLength: 1, ...options });
const uniqueList = <T extends TSchema>(items: T, options: Record<string, unknown> = {}) => Type.Array(items, { uniqueItems: true, ...options });
const optional = Type.Optional;

const identifier = define('identifier', Type.String({ pattern: IDENTIFIER_PATTERN }));
const fieldName = define('fieldName', Type.String({ pattern: IDENTIFIER_PATTERN }));

const rowRuleGrant = Type.Object(
  {
    role: nonEmpty(),
    where: dictOf(scalar<string | number | boolean>(['string', 'number', 'boolean']), {
      minProperties: 1,
      description: 'Field → value; "$user.id" and "$user.email" stand for the caller.',
    }),
  },
  CLOSED,
);
const grant = define('grant', oneOf(nonEmpty(), rowRuleGrant, { description: '"*" is any signed-in user; a role name; or a role limited to some rows.' }));
const grants = define('grants', Type.Array(grant));

/** One definition per field type, chosen by `type` (if/then, so errors name the type's own options). */
function fieldSchema() {
  const allOf = FIELD_TYPE_NAMES.map((name) => ({
    if: { properties: { type: { const: name } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited
    then: define(`${name}Field`, FIELD_TYPES[name].options),
  }));
  return Type.Unsafe<FieldDef>({ type: 'object', required: ['type'], properties: { type: { enum: FIELD_TYPE_NAMES } }, allOf });
}
const field = define('field', fieldSchema());

const action = define(
  'action',
  Type.Object(
    {
      name: identifier,
      label: nonEmpty(),
      procedure: Type.String({ pattern: '^[a-z][a-z0-9_]{0,79}$', description: "Procedure of the module's plugin." }),
      confirm: optional(nonEmpty({ description: 'Asked before the call.' })),
      roles: optional(
        uniqueList(nonEmpty(), { description: 'Who sees the button; the procedure checks access itself. Default: everyone who can read the record.' }),
      ),
    },
    CLOSED,
  ),
);

const related = define(
  'related',
  Type.Object(
    {
      entity: nonEmpty({ description: 'name in this module or module.name' }),
      field: Type.Unsafe<string>({ $ref: '#/definitions/fieldName', description: 'Its relation field pointing to this entity.' }),
      label: optional(nonEmpty()),
      pageSize: optional(Type.Integer({ minimum: 1, maximum: 100 })),
    },
    CLOSED,
  ),
);

const entity = define(
  'entity',
  Type.Object(
    {
      label: nonEmpty(),
      labelPlural: optional(nonEmpty()),
      display: optional(Type.String({ description: 'Field shown when a record is referenced elsewhere.' })),
      icon: optional(Type.String()),
      internal: optional(Type.Boolean({ description: 'Kept out of the generated API and UI; used by core and plugins only.' })),
      fields: namedMap(fieldName, field, { minProperties: 1 }),
      indexes: optional(Type.Array(uniqueList(Type.String(), { minItems: 1 }))),
      list: optional(
        Type.Object(
          {
            columns: optional(uniqueList(Type.String())),
            sort: optional(Type.String({ pattern: '^-?[a-z][a-z0-9_]*$', description: 'Field name, "-" prefix for descending.' })),
            search: optional(uniqueList(Type.String())),
            pageSize: optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          CLOSED,
        ),
      ),
      form: optional(Type.Array(Type.Object({ section: Type.String(), fields: uniqueList(Type.String()) }, CLOSED))),
      permissions: optional(Type.Object({ read: optional(grants), create: optional(grants), update: optional(grants), delete: optional(grants) }, CLOSED)),
      readOnly: optional(Type.Boolean({ description: 'Written by core or plugins only: the generated API and screens only read it, even for admins.' })),
      actions: optional(
        Type.Array(action, { description: "Buttons on the record's detail page; each calls a mutation procedure of the module's plugin with { id }." }),
      ),
      related: optional(Type.Array(related, { description: 'Read-only panels on the detail page listing records of another entity that point to this one.' })),
    },
    CLOSED,
  ),
);

const schedule = define(
  'schedule',
  Type.Object(
    {
      label: optional(nonEmpty()),
      cron: nonEmpty({ description: 'Cron expression: 5 fields, or 6 with seconds first.' }),
      timezone: optional(nonEmpty({ default: 'America/Sao_Paulo', description: 'IANA time zone the cron expression is read in.' })),
      job: Type.String({ pattern: '^[a-z][a-z0-9_]{0,79}$', description: "Job of the module's plugin." }),
      params: optional(Type.Unsafe<Record<string, unknown>>({ type: 'object' })),
      enabled: optional(Type.Boolean({ default: true })),
      timeoutSeconds: optional(Type.Integer({ minimum: 1, maximum: 86400, default: 600 })),
    },
    CLOSED,
  ),
);

const WORKFLOW_COLORS = ['gray', 'blue', 'amber', 'green', 'red', 'purple', 'teal'] as const;
const CONDITION_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'set', 'notSet'] as const;

const condition = define(
  'condition',
  Type.Object(
    {
      field: fieldName,
      op: enumOf(CONDITION_OPS),
      value: optional(
        scalar<string | number | boolean>(['string', 'number', 'boolean'], {
          description: 'Required except for the set/notSet operators (checked with the other references).',
        }),
      ),
      message: optional(nonEmpty({ description: 'Shown instead of the generated explanation when the condition fails.' })),
    },
    CLOSED,
  ),
);

const effects = Type.Object(
  {
    set: optional(
      namedMap(fieldName, scalar<string | number | boolean | null>(['string', 'number', 'boolean', 'null']), {
        minProperties: 1,
        description: 'Field → literal value written by the transition.',
      }),
    ),
    now: optional(uniqueList(fieldName, { description: 'Date or datetime fields set to the current date/time.' })),
    currentUser: optional(uniqueList(fieldName, { description: 'Relations to platform.user (or integer fields) set to the acting user.' })),
    action: optional(
      Type.String({
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        description: "Name of a function in the plugin's workflowActions, run last, inside the transaction.",
      }),
    ),
  },
  CLOSED,
);

const transition = define(
  'transition',
  Type.Object(
    {
      label: optional(nonEmpty()),
      from: oneOf(nonEmpty(), uniqueList(nonEmpty(), { minItems: 1 }), { description: 'One state, several, or "*" for every state but the target.' }),
      to: nonEmpty(),
      roles: optional(uniqueList(nonEmpty(), { description: 'Who may take it; absent means whoever may update the record. admin always may.' })),
      conditions: optional(Type.Array(condition)),
      input: optional(uniqueList(fieldName, { description: 'Record fields the user fills in when taking the transition; each is required.' })),
      comment: optional(enumOf(['required', 'optional'])),
      effects: optional(effects),
    },
    CLOSED,
  ),
);

const workflowState = Type.Object(
  { label: optional(nonEmpty({ description: "Defaults to the enum value's label." })), color: optional(enumOf(WORKFLOW_COLORS)) },
  CLOSED,
);

const workflow = define(
  'workflow',
  Type.Object(
    {
      field: Type.Unsafe<string>({ $ref: '#/definitions/fieldName', description: 'The enum field holding the state.' }),
      initial: nonEmpty(),
      states: dictOf(workflowState, { minProperties: 1, description: "Exactly the enum's values." }),
      transitions: namedMap(identifier, transition, { minProperties: 1 }),
    },
    CLOSED,
  ),
);

const manifest = Type.Object(
  {
    $schema: optional(Type.String()),
    module: Type.Unsafe<string>({ $ref: '#/definitions/identifier', description: 'Module name: lower-case identifier, also the API namespace.' }),
    label: nonEmpty(),
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+' }),
    description: optional(Type.String()),
    datasource: optional(Type.Unsafe<string>({ $ref: '#/definitions/identifier', default: 'default' })),
    roles: optional(uniqueList(identifier)),
    entities: optional(namedMap(identifier, entity)),
    workflows: optional(namedMap(identifier, workflow, { description: 'State machines: entity name → its workflow over one enum field.' })),
    schedules: optional(namedMap(identifier, schedule, { description: "Scheduled jobs: a cron expression and a job of the module's plugin." })),
    menu: optional(uniqueList(Type.String())),
  },
  CLOSED,
);

/** The whole JSON Schema, as ajv compiles it and manifest.schema.json holds it. */
export const MANIFEST_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://forja.dev/schemas/manifest.schema.json',
  title: 'Forja module manifest',
  ...manifest,
  definitions,
};

/** Where the JSON Schema is committed, relative to the project root (manifests point their `$schema` there). */
export const MANIFEST_SCHEMA_FILE = 'core/manifest/manifest.schema.json';

/** manifest.schema.json's exact text. */
export function manifestSchemaJson(): string {
  return `${JSON.stringify(MANIFEST_SCHEMA, null, 2)}\n`;
}

export type ManifestSchema = typeof manifest;
export type EntitySchema = typeof entity;
export type ScheduleSchema = typeof schedule;
export type WorkflowSchema = typeof workflow;
export type TransitionSchema = typeof transition;
export type ConditionSchema = typeof condition;
export type ActionSchema = typeof action;
export type RelatedSchema = typeof related;
export type GrantSchema = typeof grant;
export type WorkflowStateSchema = typeof workflowState;
export type EffectsSchema = typeof effects;
