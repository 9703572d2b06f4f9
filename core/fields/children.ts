/**
 * Records of a child entity edited inline with their parent: no column here,
 * the child holds a relation back (`foreignKey`).
 */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType, IDENTIFIER_PATTERN, type FieldCheck } from './fieldType.js';

export const children = defineFieldType({
  options: Type.Object(
    {
      type: Type.Literal('children'),
      ...COMMON_OPTIONS,
      entity: Type.String({ pattern: IDENTIFIER_PATTERN, description: 'Child entity in the same module; it holds a relation back to this one.' }),
      foreignKey: Type.Optional(
        Type.String({ pattern: IDENTIFIER_PATTERN, description: "The child's relation field pointing here; defaults to the only one." }),
      ),
    },
    CLOSED_OPTIONS,
  ),
  stored: () => false,
  valueSchema: () => ({}),
  filterOperators: [],
  tsType: (field, ts) => `${ts.rowType(field.entity)}[]`,
  writable: false,
  check: (field, c) => checkChildren(field.entity, field.foreignKey, c),
});

function checkChildren(child: string, foreignKey: string | undefined, c: FieldCheck): void {
  const childFields = c.ownEntityFields(child);
  if (!childFields) {
    c.add(c.at('entity'), `children entity "${child}" is not an entity of this module`);
    return;
  }
  const parent = c.entity;
  const backRefs = Object.entries(childFields).filter(([, f]) => f.type === 'relation' && (f.to === parent || f.to === `${c.module}.${parent}`));
  if (foreignKey) {
    if (!backRefs.some(([n]) => n === foreignKey)) c.add(c.at('foreignKey'), `"${child}.${foreignKey}" must be a relation to "${parent}"`);
  } else if (backRefs.length !== 1) {
    c.add(c.at('entity'), `"${child}" needs exactly one relation field to "${parent}" (found ${backRefs.length}); name it with "foreignKey"`);
  }
}
