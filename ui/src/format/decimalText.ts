/**
 * Exact decimals as text, never through floating point: the API sends and
 * accepts decimals as strings ("1234.56"); people read and type them with the
 * locale's separators ("1.234,56" in pt-BR). Pure string functions; the
 * arithmetic (comparing, counting digits) is core's, shared with the server.
 */
import type { NumberSeparators } from '../i18n/locale.js';

const API_DECIMAL = /^([-+])?(\d+)(?:\.(\d*))?$/;

/** "1234.5" → "1.234,5"; with `minScale` 2 → "1.234,50". Text that is not a decimal is returned as is. */
export function formatDecimal(value: string | number | null | undefined, sep: NumberSeparators, minScale = 0): string {
  if (value === null || value === undefined || value === '') return '';
  const text = typeof value === 'number' ? plainNumberText(value) : value.trim();
  const match = API_DECIMAL.exec(text);
  if (!match) return text;
  const [, sign = '', intDigits = '0', frac = ''] = match;
  const int = stripLeadingZeros(intDigits);
  const fraction = frac.padEnd(minScale, '0');
  const negative = sign === '-' && !isZero(int + fraction);
  return `${negative ? '-' : ''}${groupThousands(int, sep.group)}${fraction ? sep.decimal + fraction : ''}`;
}

/** A whole number with thousands separators: 12345 → "12.345". */
export function formatInteger(value: number | string | null | undefined, sep: NumberSeparators): string {
  if (value === null || value === undefined || value === '') return '';
  return formatDecimal(typeof value === 'number' ? Math.trunc(value) : value, sep);
}

export type DecimalParse = { ok: true; value: string | null } | { ok: false };

/**
 * What someone typed → the API's decimal string ("1.234,56" → "1234.56"),
 * `null` for an empty box, `{ ok: false }` for text that is not a number.
 * With the decimal separator present, group separators are thousands marks.
 * Without it, a group separator followed by groups of exactly three digits is
 * a thousands mark ("1.234" → "1234" in pt-BR), otherwise a single one is taken
 * as a decimal point typed by habit ("1.5" → "1.5").
 */
export function parseDecimalText(text: string, sep: NumberSeparators): DecimalParse {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return { ok: true, value: null };
  const sign = compact[0] === '-' ? '-' : '';
  const body = compact[0] === '-' || compact[0] === '+' ? compact.slice(1) : compact;
  const split = splitNumber(body, sep);
  if (!split) return { ok: false };
  const int = stripLeadingZeros(split.int || '0');
  const frac = split.frac;
  const negative = sign === '-' && !isZero(int + frac);
  return { ok: true, value: `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}` };
}

function splitNumber(body: string, sep: NumberSeparators): { int: string; frac: string } | null {
  const parts = body.split(sep.decimal);
  if (parts.length > 2) return null;
  if (parts.length === 2) {
    const [intPart = '', frac = ''] = parts;
    const int = intPart.includes(sep.group) ? ungroup(intPart, sep.group) : intPart;
    if (int === null || !/^\d*$/.test(int) || !/^\d*$/.test(frac) || int + frac === '') return null;
    return { int, frac };
  }
  if (!body.includes(sep.group)) return /^\d+$/.test(body) ? { int: body, frac: '' } : null;
  const grouped = ungroup(body, sep.group);
  if (grouped !== null) return { int: grouped, frac: '' };
  const pieces = body.split(sep.group);
  if (pieces.length !== 2) return null;
  const [int = '', frac = ''] = pieces;
  return /^\d*$/.test(int) && /^\d+$/.test(frac) ? { int, frac } : null;
}

/** "1.234.567" → "1234567" when the marks sit every three digits; otherwise null. */
function ungroup(text: string, group: string): string | null {
  const groups = text.split(group);
  const [first = '', ...rest] = groups;
  const wellPlaced = /^[1-9]\d{0,2}$/.test(first) && rest.length > 0 && rest.every((g) => /^\d{3}$/.test(g));
  return wellPlaced ? groups.join('') : null;
}

function groupThousands(int: string, group: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

function isZero(digits: string): boolean {
  return /^0*$/.test(digits);
}

/** A JS number as plain digits (no exponent) for display only. */
function plainNumberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}
