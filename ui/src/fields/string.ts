/** One line of text: trimmed on the way out, filtered by "contains". */
import { defineFieldType, trimmedText } from './fieldType.js';

export const stringField = defineFieldType({
  toData: (_field, input) => trimmedText(input),
  filter: () => ({ kind: 'text' }),
  childColumnClass: 'col-wide',
});
