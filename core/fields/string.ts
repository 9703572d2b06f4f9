/** A single line of text, at most `maxLength` (255) characters, in a VARCHAR column. */
import { defineFieldType, FILTER_OPERATORS, textOrder, withDefined } from './fieldType.js';
import { DEFAULT_MAX_LENGTH, TEXT_LIKE, textLikeOptions } from './textLike.js';

export const string = defineFieldType({
  ...TEXT_LIKE,
  options: textLikeOptions('string'),
  defaults: (def) => ({ maxLength: def.maxLength ?? DEFAULT_MAX_LENGTH }),
  column: (field) => ({ kind: 'string', length: field.maxLength }),
  valueSchema: (field) => withDefined({ type: 'string', minLength: field.minLength, maxLength: field.maxLength, pattern: field.pattern }),
  filterOperators: FILTER_OPERATORS,
  titleCandidate: true,
  order: textOrder(true),
});
