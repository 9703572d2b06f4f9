/**
 * Cell text → wire value for the types that need more than the text itself,
 * as people type it in spreadsheets: pt-BR (`1.234,56`, `31/12/2026`, sim/não)
 * or English (`1,234.56`), ISO dates always. Each throws RangeError saying what
 * was expected; the CSV import (core/import) reports it on the cell's row.
 */
import { parseLocalDateTime } from '../time/index.js';

export interface CsvReadFormat {
  /** pt-BR: `1.234,56`; otherwise `1,234.56`. */
  decimalComma: boolean;
  /** Zone of date-times written without one (the business calendar's). */
  timeZone: string;
}

/** `1.234,56` / `1,234.56` / `-12` → `1234.56` (text, exact); grouping separators only every three digits. */
export function decimalText(text: string, format: CsvReadFormat): string {
  const [group, point] = format.decimalComma ? ['.', ','] : [',', '.'];
  const grouped = new RegExp(`^[-+]?(\\d{1,3}(\\${group}\\d{3})+|\\d+)(\\${point}\\d+)?$`);
  const compact = text.replace(/\s/g, '');
  if (!grouped.test(compact)) throw new RangeError(`"${text}" is not a number (e.g. ${format.decimalComma ? '1.234,56' : '1,234.56'})`);
  return compact.replaceAll(group, '').replace(point, '.').replace(/^\+/, '');
}

export function integerText(text: string, format: CsvReadFormat): number {
  const decimal = decimalText(text, format);
  if (decimal.includes('.')) throw new RangeError(`"${text}" is not a whole number`);
  const n = Number(decimal);
  if (!Number.isSafeInteger(n)) throw new RangeError(`"${text}" is too large`);
  return n;
}

const TRUE_TEXTS = ['sim', 's', 'true', 'verdadeiro', 'v', 'yes', 'y', '1', 'x'];
const FALSE_TEXTS = ['não', 'nao', 'n', 'false', 'falso', 'f', 'no', '0'];

export function booleanText(text: string): boolean {
  const t = text.toLowerCase();
  if (TRUE_TEXTS.includes(t)) return true;
  if (FALSE_TEXTS.includes(t)) return false;
  throw new RangeError(`"${text}" is not sim/não, true/false or 1/0`);
}

/** `31/12/2026` (day first, as in Brazil) or `2026-12-31` → `2026-12-31`. */
export function dateText(text: string): string {
  const br = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = br ? `${br[3]}-${br[2]!.padStart(2, '0')}-${br[1]!.padStart(2, '0')}` : text;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!day || day.toISOString().slice(0, 10) !== iso) throw new RangeError(`"${text}" is not a date (dd/mm/aaaa or aaaa-mm-dd)`);
  return iso;
}

/** `31/12/2026 08:30[:15]` or `2026-12-31 08:30` on the business clock, or ISO-8601 with a zone → ISO-8601 UTC. */
export function dateTimeText(text: string, format: CsvReadFormat): string {
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
  const m = /^(\S+)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const wrong = () => new RangeError(`"${text}" is not a date and time (dd/mm/aaaa hh:mm)`);
  if (!m) throw wrong();
  let day: string;
  try {
    day = dateText(m[1]!);
  } catch {
    throw wrong();
  }
  const at = parseLocalDateTime(`${day} ${m[2]!.padStart(2, '0')}:${m[3]}:${m[4] ?? '00'}`, format.timeZone);
  if (!(at instanceof Date)) throw wrong();
  return at.toISOString();
}
