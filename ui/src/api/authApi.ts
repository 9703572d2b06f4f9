/** The auth routes of the contract: POST /auth/login, GET /auth/session, POST /auth/logout. */
import type { SessionUser } from '../model/modelTypes.js';
import { ApiError, type ApiErrorCode } from './apiError.js';
import { csrfHeaders, rememberCsrfToken } from './csrfToken.js';

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: { path: string; message: string }[] };
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'POST' ? csrfHeaders() : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError('NETWORK', e instanceof Error ? e.message : String(e));
  }
  const json = (await response.json().catch(() => ({}))) as T & ErrorBody;
  if (!response.ok) {
    const code = (json.error?.code as ApiErrorCode | undefined) ?? (response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
    throw new ApiError(code, json.error?.message ?? response.statusText, json.error?.issues ?? [], response.status);
  }
  return json;
}

export async function signIn(email: string, password: string): Promise<SessionUser> {
  const result = await request<{ user: SessionUser; csrfToken: string }>('POST', '/auth/login', { email, password });
  rememberCsrfToken(result.csrfToken);
  return result.user;
}

/** The signed-in user, or null without a valid session (an answer, not an error: nothing is logged before sign-in). */
export async function currentUser(): Promise<SessionUser | null> {
  const result = await request<{ user: SessionUser | null; csrfToken: string | null }>('GET', '/auth/session');
  rememberCsrfToken(result.csrfToken);
  return result.user;
}

export async function signOut(): Promise<void> {
  try {
    await request('POST', '/auth/logout');
  } finally {
    rememberCsrfToken(null);
  }
}

/**
 * Sign-in methods besides e-mail and password. The server does not publish
 * them yet (Google sign-in is not configured), so only a successful
 * `GET /auth/providers` answer could turn the Google button on.
 */
export async function signInProviders(): Promise<{ google: boolean }> {
  try {
    const response = await fetch('/auth/providers', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) return { google: false };
    const body = (await response.json()) as { google?: unknown };
    return { google: body.google === true };
  } catch {
    return { google: false };
  }
}
