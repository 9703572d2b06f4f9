/**
 * A length of time, exact to the microsecond: stored as a count of microseconds
 * (BIGINT), written `HH:MM:SS.ffffff` on the wire, in filters and in CSV, the
 * way the laser system prints total times. Hours may exceed 23.
 */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType, NUMERIC_ORDER, ORDERED_OPERATORS } from './fieldType.js';
import { DURATION_PATTERN, formatDuration, parseDuration } from '../values/duration.js';

export const duration = defineFieldType({
  options: Type.Object(
    { type: Type.Literal('duration'), ...COMMON_OPTIONS, default: Type.Optional(Type.String({ pattern: DURATION_PATTERN, description: 'HH:MM:SS or HH:MM:SS.ffffff' })) },
    CLOSED_OPTIONS,
  ),
  column: () => ({ kind: 'bigint' }),
  storedDefault: (field) => (field.default === undefined ? undefined : parseDuration(field.default)),
  toStored: (_field, value) => parseDuration(String(value)),
  reader: () => (stored: unknown) => formatDuration(stored as number | string),
  valueSchema: () => ({ type: 'string', pattern: DURATION_PATTERN }),
  valueIssues(_field, value) {
    try {
      parseDuration(String(value));
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  },
  filterOperators: ORDERED_OPERATORS,
  csv: {},
  tsType: () => 'string',
  fitsLiteral: (_field, literal) => typeof literal === 'string' && new RegExp(DURATION_PATTERN).test(literal),
  order: { ordered: true, compare: (value, literal) => NUMERIC_ORDER.compare(parseDuration(String(value)), parseDuration(String(literal))) },
});
