/**
 * The CSRF token cookie sessions need on every write: the server sets it as
 * the readable cookie `forja_csrf` at sign-in; /auth/me also returns it.
 */
const CSRF_COOKIE = 'forja_csrf';
export const CSRF_HEADER = 'x-csrf-token';

let remembered: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  remembered = token;
}

export function csrfToken(): string | null {
  const fromCookie = document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return fromCookie ? decodeURIComponent(fromCookie.slice(CSRF_COOKIE.length + 1)) : remembered;
}

export function csrfHeaders(): Record<string, string> {
  const token = csrfToken();
  return token ? { [CSRF_HEADER]: token } : {};
}
