/**
 * Which page a browser request comes from: this server's own origin, or one
 * listed in CORS_ORIGINS. Browsers attach the session cookie to requests from
 * any site, so cookie-authenticated writes, sign-ins and WebSockets check it
 * as a second line behind the CSRF token. No Origin header means a
 * non-browser client or a same-origin navigation; both are safe.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, corsOrigins: readonly string[]): boolean {
  if (!origin) return true;
  if (corsOrigins.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
