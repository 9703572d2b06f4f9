/**
 * What cnpj and cpf fields share: digits in a VARCHAR column, accepted with or
 * without punctuation, refused when a check digit is wrong, searchable and
 * filterable by their digits. Each type only names its kind (core/values/taxId.ts).
 */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, textOrder, UNIQUE_OPTION, type FilterOperator } from './fieldType.js';
import { formatTaxId, isValidTaxId, taxIdDigits, taxIdPattern, type TaxIdKind } from '../values/taxId.js';

const OPERATORS: readonly FilterOperator[] = ['eq', 'ne', 'in', 'contains', 'isNull'];

export function taxIdFieldType<N extends string>(type: N, kind: TaxIdKind, name: string) {
  return {
    options: Type.Object({ type: Type.Literal(type), ...COMMON_OPTIONS, ...UNIQUE_OPTION }, CLOSED_OPTIONS),
    column: () => ({ kind: 'string' as const, length: kind.length }),
    // Filters reach here too: a `contains` of "11.222" looks for the digits 11222.
    toStored: (_field: unknown, value: unknown) => taxIdDigits(String(value)),
    valueSchema: () => ({ type: 'string', pattern: taxIdPattern(kind) }),
    valueIssues: (_field: unknown, value: unknown) => (isValidTaxId(kind, taxIdDigits(String(value))) ? [] : [`is not a valid ${name} (check digits)`]),
    filterOperators: OPERATORS,
    csv: { text: (_field: unknown, value: unknown) => formatTaxId(kind, String(value)) },
    tsType: () => 'string',
    searchable: true,
    fitsLiteral: (_field: unknown, literal: string | number | boolean) => typeof literal === 'string',
    order: textOrder(false),
  };
}
