/**
 * A length of time, exact to the microsecond: stored as a count of microseconds
 * (BIGINT), written `HH:MM:SS.ffffff` on the wire, in filters and in CSV, the
 * way time-tracking systems print total times. Hours may exceed 23.
 */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType, NUMERIC_ORDER, ORDERED_OPERATORS } from './fieldType.js';
import { DURATION_PATTERN, formatDuration, parseDuration } from '../values/duration.js';

const durationText = (description: string) =>
  Type.Optional(Type.String({ pattern: DURATION_PATTERN, description: `${description}: HH:MM:SS or HH:MM:SS.ffffff` }));

export const duration = defineFieldType({
  options: Type.Object(
    {
      type: Type.Literal('duration'),
      ...COMMON_OPTIONS,
      min: durationText('Shortest accepted'),
      max: durationText('Longest accepted'),
      default: durationText('Value of a new record'),
    },
    CLOSED_OPTIONS,
  ),
  column: () => ({ kind: 'bigint' }),
  storedDefault: (field) => (field.default === undefined ? undefined : parseDuration(field.default)),
  toStored: (_field, value) => parseDuration(String(value)),
  reader: () => (stored: unknown) => formatDuration(stored as number | string),
  valueSchema: () => ({ type: 'string', pattern: DURATION_PATTERN }),
  valueIssues(field, value) {
    let micros: number;
    try {
      micros = parseDuration(String(value));
    } catch (e) {
      return [(e as Error).message];
    }
    if (field.min !== undefined && micros < parseDuration(field.min)) return [`must be at least ${field.min}`];
    if (field.max !== undefined && micros > parseDuration(field.max)) return [`must be at most ${field.max}`];
    return [];
  },
  filterOperators: ORDERED_OPERATORS,
  csv: {},
  tsType: () => 'string',
  fitsLiteral: (_field, literal) => typeof literal === 'string' && new RegExp(DURATION_PATTERN).test(literal),
  order: { ordered: true, compare: (value, literal) => NUMERIC_ORDER.compare(parseDuration(String(value)), parseDuration(String(literal))) },
  check(field, c) {
    if (field.min !== undefined && field.max !== undefined && parseDuration(field.min) > parseDuration(field.max))
      c.add(c.at('min'), 'min must not be greater than max');
  },
});
