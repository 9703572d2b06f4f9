/**
 * A secret kept as an Argon2 hash (the service hashes it): never read back,
 * never in history, CSV or filters. "Required" means a new user must get one,
 * which the service checks, so the column itself stays nullable.
 */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType } from './fieldType.js';

/** Argon2 encoded hashes are ~100 characters. */
const HASH_LENGTH = 255;
const DEFAULT_MIN_LENGTH = 8;
const MAX_LENGTH = 200;

export const password = defineFieldType({
  options: Type.Object(
    { type: Type.Literal('password'), ...COMMON_OPTIONS, minLength: Type.Optional(Type.Integer({ minimum: DEFAULT_MIN_LENGTH })) },
    CLOSED_OPTIONS,
  ),
  defaults: (def) => ({ minLength: def.minLength ?? DEFAULT_MIN_LENGTH }),
  column: () => ({ kind: 'string', length: HASH_LENGTH, alwaysNullable: true }),
  valueSchema: (field) => ({ type: 'string', minLength: field.minLength, maxLength: MAX_LENGTH }),
  filterOperators: [],
  tsType: () => 'string',
  secret: true,
  listed: false,
});
