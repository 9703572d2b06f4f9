/**
 * Datetimes as the dialects return them: a Date, or SQLite's text
 * `YYYY-MM-DD HH:MM:SS.sss +00:00`.
 */

/** ISO-8601 of a stored datetime; SQLite's text form is rewritten by position, without a Date. */
export function toIso(value: unknown): string {
  if (typeof value === 'string' && isSqliteUtcText(value)) return `${value.slice(0, 10)}T${value.slice(11, 23)}Z`;
  return parseStoredDate(value).toISOString();
}

function isSqliteUtcText(text: string): boolean {
  return text.length === 29 && text.endsWith(' +00:00');
}

/** A datetime as the dialect returns it. */
export function parseStoredDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  if (isSqliteUtcText(text)) return new Date(`${text.slice(0, 10)}T${text.slice(11, 23)}Z`);
  return new Date(text);
}
