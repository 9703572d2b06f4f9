/** What string, text and email fields share: the same options, a text value and search. */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, UNIQUE_OPTION, type FieldCheck } from './fieldType.js';

/** The longest value a string or email column holds when the manifest names no maxLength. */
export const DEFAULT_MAX_LENGTH = 255;

export function textLikeOptions<N extends string>(type: N) {
  return Type.Object(
    {
      type: Type.Literal(type),
      ...COMMON_OPTIONS,
      ...UNIQUE_OPTION,
      minLength: Type.Optional(Type.Integer({ minimum: 0 })),
      maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
      pattern: Type.Optional(Type.String({ format: 'regex' })),
      default: Type.Optional(Type.String()),
    },
    CLOSED_OPTIONS,
  );
}

/** The parts every text-like type has alike. */
export const TEXT_LIKE = {
  searchable: true,
  csv: {},
  tsType: () => 'string',
  storedDefault: (field: { default?: string }) => field.default,
  fitsLiteral: (_field: unknown, literal: string | number | boolean) => typeof literal === 'string',
  check(field: { minLength?: number; maxLength?: number }, c: FieldCheck): void {
    if ((field.minLength ?? 0) > (field.maxLength ?? Infinity)) c.add(c.at('minLength'), 'minLength must not be greater than maxLength');
  },
} as const;
