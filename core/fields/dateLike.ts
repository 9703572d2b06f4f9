/** Options date, datetime and time share, and what date and datetime do with a `"now"` default. */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, UNIQUE_OPTION } from './fieldType.js';

export function dateLikeOptions<N extends string>(type: N) {
  return Type.Object(
    {
      type: Type.Literal(type),
      ...COMMON_OPTIONS,
      ...UNIQUE_OPTION,
      default: Type.Optional(Type.String({ description: 'A literal value, or "now" for the current date/time at creation.' })),
    },
    CLOSED_OPTIONS,
  );
}

/**
 * The field type members of a `"now"` default: the service writes `nowValue` at creation
 * (workflow `now` effects write it too); any other default is a literal the database holds.
 */
export function nowDefault(nowValue: (at: { now: Date; timeZone: string }) => string) {
  return {
    nowValue,
    storedDefault: (field: { default?: string }) => (field.default === 'now' ? undefined : field.default),
    initialValue: (field: { default?: string }, at: { now: Date; timeZone: string }) => (field.default === 'now' ? nowValue(at) : field.default),
  };
}
