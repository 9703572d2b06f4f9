/**
 * A workflow's state field, and the fields its effects write, change only
 * through transitions: otherwise a plain update could skip a transition's
 * roles, conditions and history (set "approved" without approving).
 */
import type { EntityModel } from '../model/types.js';
import type { Row } from '../plugin/types.js';
import { ValidationError, type Issue } from '../errors/index.js';

/** A new record starts in the initial state with the locked fields at their defaults. */
export function checkLockedOnCreate(entity: EntityModel, data: Row, prefix = ''): void {
  const workflow = entity.workflow;
  if (!workflow) return;
  const startValue = (name: string) => (name === workflow.field ? workflow.initial : defaultOf(entity, name));
  refuse(
    workflow.locked.filter((name) => data[name] !== undefined && !sameValue(data[name], startValue(name))),
    prefix,
  );
}

/** Sending a locked field unchanged is fine (forms send what they loaded); changing it is not. */
export function checkLockedOnUpdate(entity: EntityModel, data: Row, previous: Row, prefix = ''): void {
  const workflow = entity.workflow;
  if (!workflow) return;
  refuse(
    workflow.locked.filter((name) => data[name] !== undefined && !sameValue(data[name], previous[name])),
    prefix,
  );
}

/** `prefix` places an inline item in its parent's data (`itens.2.`). */
function refuse(fields: string[], prefix: string): void {
  if (fields.length === 0) return;
  const issues: Issue[] = fields.map((name) => ({ path: `data.${prefix}${name}`, message: 'changes only through workflow transitions' }));
  throw new ValidationError(issues.map((i) => `${i.path} ${i.message}`).join('; '), issues);
}

function defaultOf(entity: EntityModel, name: string): unknown {
  const field = entity.fields[name];
  return field && 'default' in field && field.default !== undefined ? field.default : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
