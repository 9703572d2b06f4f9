/** A read-only value the module's plugin computes: shown, filtered and aligned like what it returns. */
import { defineFieldType } from './fieldType.js';

export const computedField = defineFieldType({
  form: 'computed',
  behavesAs: (field) => field.returns ?? 'string',
});
