/** A field's value as text for people: enum labels, relation names, pt-BR numbers and dates. Pure. */
import { valueTypeOf, type ValueTextOptions } from '../fields/index.js';
import type { FieldDescription } from '../model/modelTypes.js';

export type { ValueTextOptions };

export function valueText(field: FieldDescription, value: unknown, display: string | null | undefined, o: ValueTextOptions): string {
  if (value === null || value === undefined || value === '') return o.empty;
  return valueTypeOf(field).text(field, value, display, o);
}
