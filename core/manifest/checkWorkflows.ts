/**
 * Checks of a module's `workflows` section that a JSON Schema cannot make:
 * the state field and the states against the entity's enum, transitions
 * against the states, roles against the module's roles, and every field a
 * condition, input or effect names against the entity's fields and types.
 */
import type { EntityDef, FieldDef, ModuleManifest, WorkflowCondition, WorkflowDef, WorkflowEffects, WorkflowTransitionDef } from './types.js';
import { pointer } from './issues.js';
import { choicesOf, fieldType, valueTypeNameOf, valueTypeOf } from '../fields/index.js';

type Add = (path: string, message: string) => void;

/** `from: "*"`: every state but the transition's target. */
export const ANY_STATE = '*';

const USER_ENTITY = 'platform.user';
const ORDERED_OPS = new Set(['gt', 'gte', 'lt', 'lte']);

export function checkWorkflows(manifest: ModuleManifest, roles: Set<string>, add: Add): void {
  for (const [entityName, workflow] of Object.entries(manifest.workflows ?? {})) {
    const at = (...rest: Array<string | number>) => pointer('workflows', entityName, ...rest);
    const entity = manifest.entities?.[entityName];
    if (!entity) {
      add(at(), `workflow for unknown entity "${entityName}"`);
      continue;
    }
    const parent = Object.entries(manifest.entities ?? {}).find(([, e]) =>
      Object.values(e.fields).some((f) => f.type === 'children' && f.entity === entityName),
    );
    if (parent) {
      add(at(), `"${entityName}" is edited inline as children of "${parent[0]}", which bypasses transitions; a workflow needs an entity saved on its own`);
      continue;
    }
    const states = checkStateField(entityName, entity, workflow, at, add);
    if (!states) continue;
    for (const [name, transition] of Object.entries(workflow.transitions)) {
      checkTransition(entityName, entity, workflow, transition, { states, roles, add, at: (...rest) => at('transitions', name, ...rest) });
    }
    checkReachable(workflow, states, at, add);
  }
}

/** The enum behind the workflow; returns its values when the states match them. */
function checkStateField(
  entityName: string,
  entity: EntityDef,
  workflow: WorkflowDef,
  at: (...rest: Array<string | number>) => string,
  add: Add,
): Set<string> | undefined {
  const field = entity.fields[workflow.field];
  if (!field) {
    add(at('field'), `"${workflow.field}" is not a field of "${entityName}"`);
    return undefined;
  }
  const choices = choicesOf(field);
  if (!choices) {
    add(at('field'), `"${workflow.field}" must be an enum field (it is ${field.type})`);
    return undefined;
  }
  const values = new Set(choices.values);
  for (const state of Object.keys(workflow.states)) {
    if (!values.has(state)) add(at('states', state), `state "${state}" is not a value of the enum "${workflow.field}" (${choices.values.join(', ')})`);
  }
  for (const value of choices.values) {
    if (!(value in workflow.states)) add(at('states'), `enum value "${value}" of "${workflow.field}" has no state`);
  }
  if (!values.has(workflow.initial) || !(workflow.initial in workflow.states)) add(at('initial'), `initial state "${workflow.initial}" is not a state`);
  else if ('default' in field && field.default !== undefined && field.default !== workflow.initial) {
    add(
      at('initial'),
      `initial state "${workflow.initial}" differs from the default "${field.default}" of "${workflow.field}"; drop the default or make them equal`,
    );
  }
  return new Set(Object.keys(workflow.states).filter((s) => values.has(s)));
}

interface TransitionCheck {
  states: Set<string>;
  roles: Set<string>;
  add: Add;
  at(...rest: Array<string | number>): string;
}

function checkTransition(entityName: string, entity: EntityDef, workflow: WorkflowDef, t: WorkflowTransitionDef, c: TransitionCheck): void {
  const from = typeof t.from === 'string' ? [t.from] : t.from;
  from.forEach((state, i) => {
    const path = typeof t.from === 'string' ? c.at('from') : c.at('from', i);
    if (state === ANY_STATE && typeof t.from !== 'string') c.add(path, `"${ANY_STATE}" stands alone: write "from": "${ANY_STATE}"`);
    else if (state !== ANY_STATE && !c.states.has(state)) c.add(path, `unknown state "${state}"`);
  });
  if (!c.states.has(t.to)) c.add(c.at('to'), `unknown state "${t.to}"`);
  (t.roles ?? []).forEach((role, i) => {
    if (!c.roles.has(role)) c.add(c.at('roles', i), `role "${role}" is not declared in "roles"`);
  });
  const fieldOf = (name: string, path: string, use: string): FieldDef | undefined => {
    const field = entity.fields[name];
    if (!field) c.add(path, `${use} "${name}" is not a field of "${entityName}"`);
    else if (name === workflow.field) c.add(path, `${use} "${name}" is the workflow's state field; it changes through "to"`);
    return name === workflow.field ? undefined : field;
  };
  (t.conditions ?? []).forEach((cond, i) => {
    const field = entity.fields[cond.field];
    if (!field) c.add(c.at('conditions', i, 'field'), `condition field "${cond.field}" is not a field of "${entityName}"`);
    else checkCondition(cond, field, c.at('conditions', i), c.add);
  });
  (t.input ?? []).forEach((name, i) => {
    const field = fieldOf(name, c.at('input', i), 'input field');
    if (field && fieldType(field.type).writable === false)
      c.add(c.at('input', i), `input field "${name}" must be a field the user can fill in (it is ${field.type})`);
  });
  if (t.effects) checkEffects(t.effects, fieldOf, c.at, c.add);
}

function checkCondition(cond: WorkflowCondition, field: FieldDef, path: string, add: Add): void {
  const order = valueTypeOf(field).order;
  if (!order) {
    add(`${path}/field`, `condition field "${cond.field}" cannot be compared (it is ${field.type})`);
    return;
  }
  const unary = cond.op === 'set' || cond.op === 'notSet';
  if (unary && cond.value !== undefined) add(`${path}/value`, `operator "${cond.op}" takes no value`);
  if (!unary && cond.value === undefined) add(path, `operator "${cond.op}" needs a "value"`);
  if (ORDERED_OPS.has(cond.op) && !order.ordered) add(`${path}/op`, `operator "${cond.op}" does not apply to a ${valueTypeNameOf(field)} field`);
  if (!unary && cond.value !== undefined && !literalFits(field, cond.value))
    add(`${path}/value`, `${JSON.stringify(cond.value)} is not a valid value of "${cond.field}" (${describeType(field)})`);
}

function checkEffects(
  effects: WorkflowEffects,
  fieldOf: (name: string, path: string, use: string) => FieldDef | undefined,
  at: (...rest: Array<string | number>) => string,
  add: Add,
): void {
  for (const [name, value] of Object.entries(effects.set ?? {})) {
    const path = at('effects', 'set', name);
    const field = fieldOf(name, path, 'effect field');
    if (!field) continue;
    if (fieldType(field.type).writable === false || !fieldType(field.type).fitsLiteral) add(path, `effect field "${name}" cannot be set (it is ${field.type})`);
    else if (value === null ? 'required' in field && field.required : !literalFits(field, value)) {
      add(path, `${JSON.stringify(value)} is not a valid value of "${name}" (${describeType(field)})`);
    }
  }
  (effects.now ?? []).forEach((name, i) => {
    const field = fieldOf(name, at('effects', 'now', i), 'effect field');
    if (field && !fieldType(field.type).nowValue) add(at('effects', 'now', i), `"now" needs a date or datetime field ("${name}" is ${field.type})`);
  });
  (effects.currentUser ?? []).forEach((name, i) => {
    const field = fieldOf(name, at('effects', 'currentUser', i), 'effect field');
    if (field && !fieldType(field.type).holdsUserId?.(field))
      add(at('effects', 'currentUser', i), `"currentUser" needs a relation to ${USER_ENTITY} or an integer field ("${name}" is ${field.type})`);
  });
}

/** States no chain of transitions reaches from the initial state. */
function checkReachable(workflow: WorkflowDef, states: Set<string>, at: (...rest: Array<string | number>) => string, add: Add): void {
  if (!states.has(workflow.initial)) return;
  const reached = new Set([workflow.initial]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of Object.values(workflow.transitions)) {
      const from = typeof t.from === 'string' ? [t.from] : t.from;
      const starts = from.includes(ANY_STATE) ? reached.size > 0 && [...reached].some((s) => s !== t.to) : from.some((s) => reached.has(s));
      if (starts && states.has(t.to) && !reached.has(t.to)) {
        reached.add(t.to);
        grew = true;
      }
    }
  }
  for (const state of states) {
    if (!reached.has(state))
      add(at('states', state), `state "${state}" is unreachable: no chain of transitions leads to it from the initial state "${workflow.initial}"`);
  }
}

function describeType(field: FieldDef): string {
  const choices = choicesOf(field);
  return choices ? `one of ${choices.values.join(', ')}` : `a ${valueTypeNameOf(field)}`;
}

/** Whether a literal from the manifest is a value the field can hold. */
function literalFits(field: FieldDef, value: string | number | boolean): boolean {
  return valueTypeOf(field).fitsLiteral?.(field, value) ?? false;
}
