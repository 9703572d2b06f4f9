/**
 * Socket.IO handshake authentication: the same tokens as the HTTP API
 * (bearer first, then the session cookie), checked once per connection.
 */
import jwt from 'jsonwebtoken';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { originAllowed } from '../auth/origin.js';
import type { SessionService, VerifiedSession } from '../auth/sessions.js';
import type { SessionUser } from '../plugin/types.js';
import type { RealtimeSocket } from './types.js';

type Handshake = RealtimeSocket['handshake'];

export interface HandshakeSession {
  token: string;
  jti: string;
  user: SessionUser;
  /** Epoch milliseconds at which the token stops being valid. */
  expiresAt: number;
}

/** A refused handshake; `code` becomes the client's `connect_error` message, `message` its `data.message`. */
export class HandshakeError extends Error {
  constructor(
    readonly code: 'UNAUTHORIZED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'HandshakeError';
  }
}

export async function authenticateHandshake(handshake: Handshake, sessions: SessionService, corsOrigins: readonly string[]): Promise<HandshakeSession> {
  const { token, viaCookie } = credentialsOf(handshake);
  // A browser attaches the cookie to a WebSocket from any site and CSRF tokens do not cover it: the Origin must be ours.
  if (viaCookie && !originAllowed(handshake.headers.origin, handshake.headers.host, corsOrigins)) {
    throw new HandshakeError(
      'FORBIDDEN',
      `Origin ${String(handshake.headers.origin)} may not use the session cookie; add it to CORS_ORIGINS or send a bearer token`,
    );
  }
  let verified: VerifiedSession;
  try {
    verified = await sessions.verify(token);
  } catch (e) {
    throw new HandshakeError('UNAUTHORIZED', (e as Error).message);
  }
  return { token, ...verified, expiresAt: expiryOf(token) };
}

function credentialsOf(handshake: Handshake): { token: string; viaCookie: boolean } {
  const given: unknown = (handshake.auth as Record<string, unknown> | undefined)?.token;
  if (given !== undefined && (typeof given !== 'string' || given === ''))
    throw new HandshakeError('UNAUTHORIZED', 'auth.token must be the token from POST /auth/login');
  const header = handshake.headers.authorization;
  const bearer = (given as string | undefined) ?? (header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
  if (bearer) return { token: bearer, viaCookie: false };
  const cookie = readCookie(handshake.headers.cookie, SESSION_COOKIE);
  if (cookie) return { token: cookie, viaCookie: true };
  throw new HandshakeError('UNAUTHORIZED', `Sign in first: send { auth: { token } } or the ${SESSION_COOKIE} cookie`);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The signature was checked by `sessions.verify`, so the claim can be read as is. */
function expiryOf(token: string): number {
  const payload = jwt.decode(token, { json: true });
  return typeof payload?.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
}
