/**
 * The app model as one user may see it: what `platform.model` returns and the
 * UI renders. Entities the user cannot read, internal entities and plugin
 * internals (hooks, functions) never leave the server.
 */
import type { EntityAction } from '../manifest/types.js';
import type { AppModel, EntityModel, FieldModel, ListModel, WorkflowModel, WorkflowStateModel } from '../model/types.js';
import type { SessionUser } from '../plugin/types.js';
import { decideAccess, isAdmin } from '../auth/permissions.js';
import { createInputSchema, listInputSchema, updateInputSchema, type JsonSchema } from './entitySchemas.js';

// The description's types are the UI's contract: ui/src/model/modelTypes.ts imports them.

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type OptionOf<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
type FieldBasics = 'name' | 'type' | 'label' | 'stored';

/** One field as screens read it: name, type and label, and every field type's options, each optional. */
export type FieldDescription = Pick<FieldModel, FieldBasics> & { [K in Exclude<KeysOfUnion<FieldModel>, FieldBasics>]?: OptionOf<FieldModel, K> };

export interface RecordActionDescription {
  name: string;
  label: string;
  /** Full procedure path, `<module>.<procedure>`. */
  procedure: string;
  /** Asked before the call when set. */
  confirm: string | null;
}

export interface RelatedDescription {
  /** `module.entity` of the related records. */
  entity: string;
  /** Their relation field pointing to this record. */
  field: string;
  label: string;
  pageSize: number;
}

export interface WorkflowTransitionDescription {
  name: string;
  label: string;
  from: readonly string[];
  to: string;
  /** null: whoever may update the record. */
  roles: readonly string[] | null;
  /** Record fields the user fills in when taking it. */
  input: readonly string[];
  comment: 'required' | 'optional' | 'none';
}

export interface WorkflowDescription {
  /** The enum field holding the state. */
  field: string;
  initial: string;
  states: readonly WorkflowStateModel[];
  transitions: WorkflowTransitionDescription[];
  /** Fields only transitions change: read-only in forms. */
  locked: readonly string[];
}

export interface EntitySchemas {
  list: JsonSchema;
  create: JsonSchema;
  update: JsonSchema;
}

export interface EntityDescription {
  /** `module.entity` */
  key: string;
  label: string;
  labelPlural: string;
  display: string;
  icon: string | null;
  parent: { entity: string; foreignKey: string; field: string } | null;
  fields: FieldDescription[];
  list: ListModel;
  form: EntityModel['form'];
  can: Record<EntityAction, boolean>;
  /** Plugin documents generated per record (GET /documents/<module>/<name>/<id>). */
  documents: { name: string; label: string }[];
  /** The JSON Schemas the generated procedures validate their input with. */
  schemas: EntitySchemas;
  /** Buttons on the detail page; each calls its mutation procedure with `{ id }`. */
  actions: RecordActionDescription[];
  /** Read-only panels on the detail page: records of another entity pointing to this one. */
  related: RelatedDescription[];
  /** The state machine over one enum field, when the entity has one. */
  workflow: WorkflowDescription | null;
  /** Plugin jobs that run for one record of this entity (`ctx.jobs.start`): the detail page shows their runs. */
  recordJobs: { name: string; label: string }[];
}

export interface ProcedureDescription {
  name: string;
  kind: 'query' | 'mutation';
  input?: JsonSchema;
}

export interface ModuleDescription {
  name: string;
  label: string;
  version: string;
  description: string | null;
  menu: string[];
  entities: Record<string, EntityDescription>;
  procedures: ProcedureDescription[];
}

export interface AppModelDescription {
  user: SessionUser;
  roles: readonly string[];
  /** IANA zone of the business calendar (the server's TIME_ZONE): what "today" is. */
  timeZone: string;
  modules: ModuleDescription[];
}

/** The model as this user may see it, with the business calendar's zone so screens agree with the server on "today". */
export function describeModelFor(model: AppModel, user: SessionUser, timeZone: string): AppModelDescription {
  const modules = Object.values(model.modules)
    .map((mod) => {
      const entities = Object.values(mod.entities).filter((e) => !e.internal && decideAccess(e, 'read', user).allowed);
      return {
        name: mod.name,
        label: mod.label,
        version: mod.version,
        description: mod.description ?? null,
        menu: mod.menu.filter((name) => entities.some((e) => e.name === name)),
        entities: Object.fromEntries(entities.map((e) => [e.name, describeEntity(e, model, user)])),
        procedures: Object.entries(mod.procedures).map(([name, p]) => ({ name, kind: p.kind, input: p.input })),
      };
    })
    .filter((m) => Object.keys(m.entities).length > 0);
  return { user, roles: model.roles, timeZone, modules };
}

function describeEntity(entity: EntityModel, model: AppModel, user: SessionUser): EntityDescription {
  const can = Object.fromEntries((['read', 'create', 'update', 'delete'] as const).map((a) => [a, decideAccess(entity, a, user).allowed])) as Record<
    EntityAction,
    boolean
  >;
  return {
    key: entity.key,
    label: entity.label,
    labelPlural: entity.labelPlural,
    display: entity.display,
    icon: entity.icon ?? null,
    parent: entity.parent ?? null,
    fields: Object.values(entity.fields).map(({ name, type, label, stored, target, child, ...rest }) => ({
      name,
      type,
      label,
      stored,
      target,
      child,
      ...rest,
    })),
    list: entity.list,
    form: entity.form,
    can,
    documents: Object.entries(entity.documents).map(([name, d]) => ({ name, label: d.label })),
    schemas: schemasOf(entity, model),
    actions: actionsFor(entity, user),
    related: relatedFor(entity, model, user),
    workflow: entity.workflow ? describeWorkflow(entity.workflow) : null,
    recordJobs: Object.entries(model.modules[entity.module]?.jobs ?? {})
      .filter(([, job]) => job.record === entity.name)
      .map(([name, job]) => ({ name, label: job.label ?? name })),
  };
}

/** States and transitions as the UI shows them; conditions, effects and actions stay on the server. */
function describeWorkflow(w: WorkflowModel): WorkflowDescription {
  return {
    field: w.field,
    initial: w.initial,
    states: w.states,
    transitions: Object.values(w.transitions).map(({ name, label, from, to, roles, input, comment }) => ({
      name,
      label,
      from,
      to,
      roles: roles ?? null,
      input,
      comment,
    })),
    locked: w.locked,
  };
}

/** Record actions the user is shown; each procedure still checks access when called. */
function actionsFor(entity: EntityModel, user: SessionUser): RecordActionDescription[] {
  const mayUse = (roles?: string[]) => !roles || isAdmin(user) || roles.some((r) => r === '*' || user.roles.includes(r));
  return entity.actions
    .filter((a) => mayUse(a.roles))
    .map((a) => ({ name: a.name, label: a.label, procedure: `${entity.module}.${a.procedure}`, confirm: a.confirm ?? null }));
}

/** Related-record panels of entities the user may read. */
function relatedFor(entity: EntityModel, model: AppModel, user: SessionUser): RelatedDescription[] {
  return entity.related
    .map((r) => ({ r, target: model.entity(r.entity) }))
    .filter(({ target }) => !target.internal && decideAccess(target, 'read', user).allowed)
    .map(({ r, target }) => ({ entity: r.entity, field: r.field, label: r.label ?? target.labelPlural, pageSize: r.pageSize }));
}

const schemaCache = new WeakMap<EntityModel, EntitySchemas>();

/** Input schemas depend only on the (immutable) entity, so each is built once. */
function schemasOf(entity: EntityModel, model: AppModel): EntitySchemas {
  let schemas = schemaCache.get(entity);
  if (!schemas) {
    schemas = { list: listInputSchema(entity), create: createInputSchema(entity, model), update: updateInputSchema(entity, model) };
    schemaCache.set(entity, schemas);
  }
  return schemas;
}
