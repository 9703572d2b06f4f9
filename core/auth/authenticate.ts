import type { Request } from 'express';
import type { SessionUser } from '../plugin/types.js';
import { ForbiddenError, UnauthorizedError } from '../errors/index.js';
import type { SessionService } from './sessions.js';

export const SESSION_COOKIE = 'forja_session';
export const CSRF_COOKIE = 'forja_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface RequestAuth {
  user: SessionUser;
  jti: string;
  viaCookie: boolean;
}

/**
 * The caller of a request: bearer token first, then the session cookie.
 * Returns null without credentials; throws when credentials are given but bad,
 * or when a cookie-authenticated write lacks its CSRF token.
 */
export async function authenticateRequest(req: Request, sessions: SessionService): Promise<RequestAuth | null> {
  const header = req.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  const token = bearer || cookie;
  if (!token) {
    if (header) throw new UnauthorizedError('Authorization header must be "Bearer <token>"');
    return null;
  }
  const { jti, user } = await sessions.verify(token);
  const viaCookie = !bearer;
  if (viaCookie && !isSafeMethod(req.method) && !sessions.checkCsrf(jti, req.get(CSRF_HEADER))) {
    throw new ForbiddenError(`Missing or wrong ${CSRF_HEADER} header (required for cookie sessions)`);
  }
  return { user, jti, viaCookie };
}

function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}
