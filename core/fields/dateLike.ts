/** Options date, datetime and time share. */
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

/** `"now"` is written by the service at creation; any other default is a literal the database holds. */
export function literalDefault(field: { default?: string }): string | undefined {
  return field.default === 'now' ? undefined : field.default;
}
