/** Any JSON value, serialised to text by the service, so the same on every dialect. */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType } from './fieldType.js';

export const json = defineFieldType({
  options: Type.Object({ type: Type.Literal('json'), ...COMMON_OPTIONS, default: Type.Optional(Type.Unknown()) }, CLOSED_OPTIONS),
  column: () => ({ kind: 'json' }),
  toStored: (_field, value) => JSON.stringify(value),
  reader: () => (stored: unknown) => (typeof stored === 'string' ? JSON.parse(stored) : stored),
  valueSchema: () => ({}),
  filterOperators: [],
  tsType: () => 'unknown',
  listed: false,
  fitsLiteral: (_field, literal) => typeof literal === 'string',
});
