/**
 * Brazilian tax ids: the CNPJ of a company (14 digits) and the CPF of a person
 * (11 digits), each ending in two check digits (modulo 11). Stored and sent as
 * digits only; people read and type them punctuated (12.345.678/0001-95,
 * 123.456.789-09). Pure arithmetic, shared by the server's and the UI's field types.
 */

export interface TaxIdKind {
  /** How many digits the id has. */
  length: number;
  /** The punctuated form people write, as a pattern over the digits' positions. */
  mask: string;
  /** Weights of the first check digit; the second uses one more, leading. */
  weights: readonly number[];
}

export const CNPJ: TaxIdKind = { length: 14, mask: '##.###.###/####-##', weights: [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] };
export const CPF: TaxIdKind = { length: 11, mask: '###.###.###-##', weights: [10, 9, 8, 7, 6, 5, 4, 3, 2] };

/** The id's text without its punctuation (dots, slash, hyphen, blanks). */
export function taxIdDigits(text: string): string {
  return text.replace(/[.\-/\s]/g, '');
}

/** JSON-schema pattern of a value: the digits alone, or punctuated as the mask. */
export function taxIdPattern(kind: TaxIdKind): string {
  const punctuated = kind.mask.replace(/\./g, '\\.').replace(/#+/g, (run) => `\\d{${run.length}}`);
  return `^(\\d{${kind.length}}|${punctuated})$`;
}

function checkDigit(digits: string, weights: readonly number[]): number {
  const sum = weights.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** Whether `digits` (no punctuation) is a well-formed id: its length, not all one digit, both check digits right. */
export function isValidTaxId(kind: TaxIdKind, digits: string): boolean {
  if (!new RegExp(`^\\d{${kind.length}}$`).test(digits) || /^(\d)\1*$/.test(digits)) return false;
  const first = checkDigit(digits, kind.weights);
  const second = checkDigit(digits, [kind.weights[0]! + 1, ...kind.weights]);
  return digits.endsWith(`${first}${second}`);
}

/** The digits written as people read them; text that is not exactly the id's digits comes back unchanged. */
export function formatTaxId(kind: TaxIdKind, text: string): string {
  const digits = taxIdDigits(text);
  if (!new RegExp(`^\\d{${kind.length}}$`).test(digits)) return text;
  let next = 0;
  return kind.mask.replace(/#/g, () => digits[next++]!);
}

/** The check digits completing `base` (the id without its last two digits): for test data and demo seeds. */
export function withCheckDigits(kind: TaxIdKind, base: string): string {
  const first = checkDigit(base, kind.weights);
  return `${base}${first}${checkDigit(`${base}${first}`, [kind.weights[0]! + 1, ...kind.weights])}`;
}
