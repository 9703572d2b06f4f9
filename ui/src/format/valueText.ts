/** A field's value as text for people: enum labels, relation names, pt-BR numbers and dates. Pure. */
import type { NumberSeparators } from '../i18n/locale.js';
import { valueTypeOf } from '../model/entityLookup.js';
import type { FieldDescription } from '../model/modelTypes.js';
import { formatDecimal, formatInteger } from './decimalText.js';
import { formatDate, formatDateTime } from './dateText.js';

export interface ValueTextOptions {
  sep: NumberSeparators;
  yes: string;
  no: string;
  /** Text for an empty value. */
  empty: string;
}

export function valueText(field: FieldDescription, value: unknown, display: string | null | undefined, o: ValueTextOptions): string {
  if (value === null || value === undefined || value === '') return o.empty;
  switch (valueTypeOf(field)) {
    case 'boolean':
      return value === true || value === 1 ? o.yes : o.no;
    case 'enum':
      return field.labels?.[String(value)] ?? String(value);
    case 'relation':
      return display ?? `#${String(value)}`;
    case 'decimal':
      return formatDecimal(String(value), o.sep, field.scale ?? 0);
    case 'integer':
      return formatInteger(value as number, o.sep);
    case 'date':
      return formatDate(String(value));
    case 'datetime':
      return formatDateTime(String(value));
    case 'password':
      return '••••••';
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'children':
      return Array.isArray(value) ? String(value.length) : o.empty;
    case 'file':
    case 'image':
      return display ?? `#${String(value)}`;
    default:
      // A computed string may name its values like an enum does.
      return field.labels?.[String(value)] ?? String(value);
  }
}

/** Numbers line up on the right. */
export function isNumeric(field: FieldDescription): boolean {
  const type = valueTypeOf(field);
  return type === 'decimal' || type === 'integer';
}
