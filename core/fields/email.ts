/** An e-mail address (JSON Schema `format: email`), at most `maxLength` (255) characters. */
import { defineFieldType, FILTER_OPERATORS, textOrder, withDefined } from './fieldType.js';
import { DEFAULT_MAX_LENGTH, TEXT_LIKE, textLikeOptions } from './textLike.js';

export const email = defineFieldType({
  ...TEXT_LIKE,
  options: textLikeOptions('email'),
  defaults: (def) => ({ maxLength: def.maxLength ?? DEFAULT_MAX_LENGTH }),
  column: (field) => ({ kind: 'string', length: field.maxLength }),
  valueSchema: (field) => withDefined({ type: 'string', format: 'email', maxLength: field.maxLength }),
  filterOperators: FILTER_OPERATORS,
  order: textOrder(false),
});
