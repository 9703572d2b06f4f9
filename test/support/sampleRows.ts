/**
 * Valid rows for any entity, made from the app model alone: what a test needs
 * when it walks every entity of every manifest instead of naming them.
 */
import type { EntityModel, FieldModel } from '../../core/model/types.js';

const USER_ENTITY = 'platform.user';

export interface SampleRefs {
  /** The id a relation to `target` gets (a row made beforehand, or a user). */
  relation(field: FieldModel & { type: 'relation' }): Promise<number>;
}

let counter = 0;

/** Values for the required fields without a default (and none for `except`, the foreign key an inline item gets from its parent). */
export async function sampleValues(entity: EntityModel, refs: SampleRefs, except?: string): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const field of Object.values(entity.fields)) {
    if (field.name === except || !('required' in field) || !field.required) continue;
    if ('default' in field && field.default !== undefined) continue;
    values[field.name] = field.type === 'relation' ? await refs.relation(field) : scalarSample(field);
  }
  return values;
}

function scalarSample(field: FieldModel): unknown {
  const n = ++counter;
  switch (field.type) {
    case 'string':
    case 'text':
      return `${field.label} ${n}`;
    case 'email':
      return `sample${n}@test.local`;
    case 'password':
      return `sample-password-${n}`;
    case 'integer':
      return field.min ?? 1;
    case 'decimal':
      return String(field.min ?? 1);
    case 'boolean':
      return false;
    case 'date':
      return '2024-03-05';
    case 'datetime':
      return '2024-03-05T12:00:00.000Z';
    case 'time':
      return '08:00';
    case 'enum':
      return field.values[0];
    case 'json':
      return {};
    default:
      throw new Error(`no sample for a required ${field.type} field (${field.name})`);
  }
}

/** A field an existing row can change to a fresh value: free text, not unique, not the foreign key, not workflow-driven. */
export function changeableField(entity: EntityModel, except: string): string {
  const field = Object.values(entity.fields).find(
    (f) => (f.type === 'string' || f.type === 'text') && f.name !== except && !('unique' in f && f.unique) && !entity.workflow?.locked.includes(f.name),
  );
  if (!field) throw new Error(`${entity.key} has no text field to change`);
  return field.name;
}

export function isUserRelation(field: FieldModel): boolean {
  return field.target === USER_ENTITY;
}
