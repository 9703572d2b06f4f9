/**
 * A secret a plugin needs in clear text (a portal password a robot types in):
 * encrypted at rest by the service with the platform's key (core/secrets).
 * Rows carry `true` where a value is set and `null` where none is, never the
 * value; plugin code reads it with `ctx.data.entity(e).readSecret(id, field)`.
 * Writes: a string sets it, null clears it, leaving it out keeps it.
 */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType } from './fieldType.js';
import { DEFAULT_MAX_LENGTH } from './textLike.js';

export const secret = defineFieldType({
  options: Type.Object(
    {
      type: Type.Literal('secret'),
      ...COMMON_OPTIONS,
      maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 4096, description: 'Longest value, in characters of the plain text (default 255).' })),
    },
    CLOSED_OPTIONS,
  ),
  defaults: (def) => ({ maxLength: def.maxLength ?? DEFAULT_MAX_LENGTH }),
  // Ciphertext is longer than the plain text and its length is no business of the schema.
  column: () => ({ kind: 'text' }),
  reader: () => () => true,
  valueSchema: (field) => ({ type: 'string', minLength: 1, maxLength: field.maxLength }),
  filterOperators: [],
  tsType: (_field, ts) => (ts.mode === 'row' ? 'true' : 'string'),
  encrypted: true,
  listed: false,
});
