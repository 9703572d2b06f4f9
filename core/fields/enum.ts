/** One of a fixed list of values, enforced by a CHECK constraint; `labels` are what screens show. */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType, dictOf, FILTER_OPERATORS, textOrder, tsLiteral } from './fieldType.js';

export const enumType = defineFieldType({
  options: Type.Object(
    {
      type: Type.Literal('enum'),
      ...COMMON_OPTIONS,
      values: Type.Array(Type.String({ pattern: '^[A-Za-z0-9_\\-]{1,40}$' }), { minItems: 1, uniqueItems: true }),
      labels: Type.Optional(dictOf(Type.String(), { description: 'Display labels per value.' })),
      default: Type.Optional(Type.String()),
    },
    CLOSED_OPTIONS,
  ),
  column: (field) => ({ kind: 'string', length: Math.max(...field.values.map((v) => v.length)), values: [...field.values] }),
  storedDefault: (field) => field.default,
  valueSchema: (field) => ({ type: 'string', enum: field.values }),
  filterOperators: FILTER_OPERATORS,
  csv: {},
  tsType: (field) => field.values.map(tsLiteral).join(' | '),
  fitsLiteral: (field, literal) => field.values.includes(literal as string),
  order: textOrder(false),
  choices: (field) => ({ values: field.values, labels: field.labels ?? {} }),
  check(field, c) {
    if (field.default !== undefined && !field.values.includes(field.default))
      c.add(c.at('default'), `default "${field.default}" is not one of ${JSON.stringify(field.values)}`);
    for (const key of Object.keys(field.labels ?? {})) {
      if (!field.values.includes(key)) c.add(c.at('labels', key), `label for unknown value "${key}"`);
    }
  },
});
