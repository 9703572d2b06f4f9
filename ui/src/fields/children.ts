/** Rows of a child entity edited inline with the parent; shown as their count in lists. */
import { defineFieldType } from './fieldType.js';

export const childrenField = defineFieldType({
  form: 'rows',
  text: (_field, value, _display, o) => (Array.isArray(value) ? String(value.length) : o.empty),
});
