/** Long text without a length limit of its own: never sorted, filtered or listed by default. */
import { defineFieldType, textOrder, withDefined } from './fieldType.js';
import { TEXT_LIKE, textLikeOptions } from './textLike.js';

export const text = defineFieldType({
  ...TEXT_LIKE,
  options: textLikeOptions('text'),
  column: () => ({ kind: 'text' }),
  valueSchema: (field) => withDefined({ type: 'string', minLength: field.minLength, maxLength: field.maxLength, pattern: field.pattern }),
  filterOperators: [],
  listed: false,
  order: textOrder(false),
});
