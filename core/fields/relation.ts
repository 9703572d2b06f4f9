/** A reference to a record of another entity: its id, with a foreign key and the target's display text on reads. */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType, enumOf, FILTER_OPERATORS, NUMERIC_ORDER, UNIQUE_OPTION } from './fieldType.js';

const USER_ENTITY = 'platform.user';
const ON_DELETE = { cascade: 'CASCADE', setNull: 'SET NULL', restrict: 'RESTRICT' } as const;

export const relation = defineFieldType({
  options: Type.Object(
    {
      type: Type.Literal('relation'),
      ...COMMON_OPTIONS,
      ...UNIQUE_OPTION,
      to: Type.String({ pattern: '^([a-z][a-z0-9_]*\\.)?[a-z][a-z0-9_]*$', description: 'Target entity: `name` in the same module or `module.name`.' }),
      onDelete: Type.Optional(enumOf(['restrict', 'cascade', 'setNull'])),
    },
    CLOSED_OPTIONS,
  ),
  defaults: (def, module) => ({ target: def.to.includes('.') ? def.to : `${module}.${def.to}` }),
  column: (field, tableOf) => ({ kind: 'integer', references: { table: tableOf(field.target!), onDelete: ON_DELETE[field.onDelete ?? 'restrict'] } }),
  valueSchema: () => ({ type: 'integer', minimum: 1 }),
  filterOperators: FILTER_OPERATORS,
  csv: { text: (field, value, row) => (row._display as Record<string, string | null> | undefined)?.[field.name] ?? String(value) },
  tsType: () => 'number',
  fitsLiteral: (_field, literal) => Number.isSafeInteger(literal) && (literal as number) > 0,
  order: { ordered: false, compare: NUMERIC_ORDER.compare },
  holdsUserId: (field) => field.to === USER_ENTITY || field.to === 'user',
  check(field, c) {
    if (!c.entityFields(field.to)) c.add(c.at('to'), `relation target "${field.to}" is not a known entity`);
    if (field.onDelete === 'setNull' && field.required) c.add(c.at('onDelete'), 'onDelete "setNull" needs a field that is not required');
  },
});
