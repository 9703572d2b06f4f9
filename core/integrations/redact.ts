/**
 * What never reaches a log line: credentials in headers, in JSON bodies and
 * in query strings, found by the name of the key that holds them.
 */
const SECRET_KEY = /pass|senha|secret|token|api[-_]?key|authorization|credential/i;

export const REDACTED = '[redacted]';

/** A JSON value with every secret-named property's value replaced, at any depth. */
export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, SECRET_KEY.test(key) ? REDACTED : redactValue(v)]));
}

/** The path and query of `url`, secret-named query parameters redacted. */
export function redactedTarget(url: URL): string {
  const query = new URLSearchParams(url.search);
  for (const key of [...query.keys()]) if (SECRET_KEY.test(key)) query.set(key, REDACTED);
  const text = query.toString();
  return text ? `${url.pathname}?${text}` : url.pathname;
}

/** The string values of `value`'s secret-named properties, at any depth: what must not show up anywhere else either. */
export function secretValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretValues);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (SECRET_KEY.test(key) && typeof v === 'string' && v ? [v] : secretValues(v)));
}

/**
 * The start of a text answer, for a log line or an error: JSON with its
 * secret-named properties redacted, and every known secret (the token, the
 * request's passwords) cut out wherever it appears, JSON or not.
 */
export function redactedExcerpt(text: string, knownSecrets: readonly string[], max = 500): string {
  let shown = text;
  try {
    shown = JSON.stringify(redactValue(JSON.parse(text)));
  } catch {
    // Not JSON: plain text, where only the known secrets can be found.
  }
  for (const secret of knownSecrets) shown = shown.split(secret).join(REDACTED);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}
