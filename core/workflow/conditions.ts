/** Evaluates a transition's conditions against a record (wire values), one issue per failed condition. */
import type { WorkflowCondition } from '../manifest/types.js';
import type { EntityModel, FieldModel } from '../model/types.js';
import type { Row } from '../plugin/types.js';
import type { Issue } from '../errors/index.js';
import { choicesOf, valueTypeOf } from '../fields/index.js';

const OP_TEXT: Record<WorkflowCondition['op'], string> = {
  eq: 'must be',
  ne: 'must not be',
  gt: 'must be greater than',
  gte: 'must be at least',
  lt: 'must be less than',
  lte: 'must be at most',
  set: 'must be filled in',
  notSet: 'must be empty',
};

export function failedConditions(entity: EntityModel, conditions: readonly WorkflowCondition[], record: Row): Issue[] {
  return conditions
    .filter((c) => !holds(entity.fields[c.field]!, c, record[c.field]))
    .map((c) => ({ path: c.field, message: c.message ?? explain(entity.fields[c.field]!, c) }));
}

function holds(field: FieldModel, c: WorkflowCondition, value: unknown): boolean {
  const empty = value === null || value === undefined || value === '';
  if (c.op === 'set') return !empty;
  if (c.op === 'notSet') return empty;
  if (c.op === 'eq') return !empty && compare(field, value, c.value!) === 0;
  if (c.op === 'ne') return empty || compare(field, value, c.value!) !== 0;
  if (empty) return false;
  const order = compare(field, value, c.value!);
  return c.op === 'gt' ? order > 0 : c.op === 'gte' ? order >= 0 : c.op === 'lt' ? order < 0 : order <= 0;
}

/** As the field's type orders its values (the manifest check made sure it has an order). */
function compare(field: FieldModel, value: unknown, literal: string | number | boolean): number {
  return valueTypeOf(field).order!.compare(value, literal);
}

function explain(field: FieldModel, c: WorkflowCondition): string {
  if (c.value === undefined) return OP_TEXT[c.op];
  const shown = choicesOf(field)?.labels[String(c.value)] ?? String(c.value);
  return `${OP_TEXT[c.op]} ${shown}`;
}
