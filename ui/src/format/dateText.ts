/**
 * Dates as people read and type them (dd/mm/aaaa) ↔ the API's ISO strings
 * (dates `YYYY-MM-DD`, datetimes ISO-8601). Dates are calendar days and never
 * pass through a time zone; datetimes are shown in the browser's local time.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const TYPED_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TYPED_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** "2024-03-05" (or an ISO datetime's date part) → "05/03/2024". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = ISO_DATE.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** An ISO datetime → "05/03/2024 14:30" in local time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type DateParse = { ok: true; value: string | null } | { ok: false };

/** "5/3/2024" or "05/03/2024" (or a pasted "2024-03-05") → "2024-03-05"; empty → null. */
export function parseDateText(text: string): DateParse {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const typed = TYPED_DATE.exec(t);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : typed ? [typed[3], typed[2], typed[1]] : [];
  if (!y || !mo || !d) return { ok: false };
  const value = `${y}-${pad(Number(mo))}-${pad(Number(d))}`;
  return isRealDate(value) ? { ok: true, value } : { ok: false };
}

/** "05/03/2024 14:30" (local time) → ISO-8601; a date alone means midnight. */
export function parseDateTimeText(text: string): DateParse {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const m = TYPED_DATE_TIME.exec(t);
  if (!m) return { ok: false };
  const [, d, mo, y, h = '0', mi = '0', s = '0'] = m;
  const day = `${y}-${pad(Number(mo))}-${pad(Number(d))}`;
  if (!isRealDate(day) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return { ok: false };
  const local = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return { ok: true, value: local.toISOString() };
}

/** Local midnight of a day, or the last millisecond of it, as ISO (datetime range filters). */
export function dayBoundary(day: string, end: boolean): string {
  const m = ISO_DATE.exec(day);
  if (!m) return day;
  const d = end ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999) : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toISOString();
}

/** `YYYY-MM-DD` of today on the calendar of `timeZone` (the platform's), or of this browser when not given. */
export function todayIso(now = new Date(), timeZone?: string): string {
  if (timeZone) return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Adds slashes while someone types digits: "0503" → "05/03", "05032024" → "05/03/2024". */
export function maskDateTyping(text: string): string {
  if (/[^\d]/.test(text)) return text;
  if (text.length <= 2) return text;
  if (text.length <= 4) return `${text.slice(0, 2)}/${text.slice(2)}`;
  return `${text.slice(0, 2)}/${text.slice(2, 4)}/${text.slice(4, 8)}`;
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
