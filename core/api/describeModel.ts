/**
 * The app model as one user may see it: what `platform.model` returns and the
 * UI renders. Entities the user cannot read, internal entities and plugin
 * internals (hooks, functions) never leave the server.
 */
import type { AppModel, EntityModel, WorkflowModel } from '../model/types.js';
import type { SessionUser } from '../plugin/types.js';
import { decideAccess, isAdmin } from '../auth/permissions.js';
import { createInputSchema, listInputSchema, updateInputSchema } from './entitySchemas.js';

/** The model as this user may see it, with the business calendar's zone so screens agree with the server on "today". */
export function describeModelFor(model: AppModel, user: SessionUser, timeZone: string) {
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

function describeEntity(entity: EntityModel, model: AppModel, user: SessionUser) {
  const can = Object.fromEntries((['read', 'create', 'update', 'delete'] as const).map((a) => [a, decideAccess(entity, a, user).allowed]));
  return {
    key: entity.key,
    label: entity.label,
    labelPlural: entity.labelPlural,
    display: entity.display,
    icon: entity.icon ?? null,
    parent: entity.parent ?? null,
    fields: Object.values(entity.fields).map(({ name, type, label, stored, target, child, ...rest }) => ({ name, type, label, stored, target, child, ...rest })),
    list: entity.list,
    form: entity.form,
    can,
    documents: Object.entries(entity.documents).map(([name, d]) => ({ name, label: d.label })),
    schemas: schemasOf(entity, model),
    actions: actionsFor(entity, user),
    related: relatedFor(entity, model, user),
    workflow: entity.workflow ? describeWorkflow(entity.workflow) : null,
  };
}

/** States and transitions as the UI shows them; conditions, effects and actions stay on the server. */
function describeWorkflow(w: WorkflowModel) {
  return {
    field: w.field,
    initial: w.initial,
    states: w.states,
    transitions: Object.values(w.transitions).map(({ name, label, from, to, roles, input, comment }) => ({ name, label, from, to, roles: roles ?? null, input, comment })),
    locked: w.locked,
  };
}

/** Record actions the user is shown; each procedure still checks access when called. */
function actionsFor(entity: EntityModel, user: SessionUser) {
  const mayUse = (roles?: string[]) => !roles || isAdmin(user) || roles.some((r) => r === '*' || user.roles.includes(r));
  return entity.actions
    .filter((a) => mayUse(a.roles))
    .map((a) => ({ name: a.name, label: a.label, procedure: `${entity.module}.${a.procedure}`, confirm: a.confirm ?? null }));
}

/** Related-record panels of entities the user may read. */
function relatedFor(entity: EntityModel, model: AppModel, user: SessionUser) {
  return entity.related
    .map((r) => ({ r, target: model.entity(r.entity) }))
    .filter(({ target }) => !target.internal && decideAccess(target, 'read', user).allowed)
    .map(({ r, target }) => ({ entity: r.entity, field: r.field, label: r.label ?? target.labelPlural, pageSize: r.pageSize }));
}

const schemaCache = new WeakMap<EntityModel, object>();

/** Input schemas depend only on the (immutable) entity, so each is built once. */
function schemasOf(entity: EntityModel, model: AppModel): object {
  let schemas = schemaCache.get(entity);
  if (!schemas) {
    schemas = { list: listInputSchema(entity), create: createInputSchema(entity, model), update: updateInputSchema(entity, model) };
    schemaCache.set(entity, schemas);
  }
  return schemas;
}
