import { createHmac, createSecretKey, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { SessionUser } from '../plugin/types.js';
import type { Repositories } from '../db/repository/repositories.js';
import { findSessionUser, revokeSession } from '../db/stores/sessionStore.js';
import { UnauthorizedError } from '../errors/index.js';

const SESSION = 'platform.session';

export interface IssuedToken {
  token: string;
  jti: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface VerifiedSession {
  jti: string;
  user: SessionUser;
}

/**
 * Signed bearer tokens (JWT, HS256) backed by a session row: the signature
 * makes forgery impossible, the row makes revocation immediate.
 */
export class SessionService {
  /** A KeyObject made once: verifying with a string secret re-derives the key on every call (~50× slower). */
  private readonly key: KeyObject;

  constructor(
    private readonly repos: Repositories,
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  async issue(user: SessionUser, meta: { ip?: string; userAgent?: string }): Promise<IssuedToken> {
    const jti = randomUUID();
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const now = new Date();
    await this.repos.datasourceOf(SESSION).writeTransaction((tx) =>
      this.repos.repo(SESSION).insert(
        {
          jti,
          user: user.id,
          expires_at: expiresAt,
          ip: meta.ip?.slice(0, 64) ?? null,
          user_agent: meta.userAgent?.slice(0, 255) ?? null,
          version: 1,
          created_at: now,
          updated_at: now,
          created_by: user.id,
          updated_by: user.id,
        },
        tx,
      ),
    );
    const token = jwt.sign({ sub: String(user.id), jti }, this.key, { algorithm: 'HS256', expiresIn: this.ttlSeconds });
    return { token, jti, csrfToken: this.csrfFor(jti), expiresAt };
  }

  /** Verifies signature, expiry and that the session was not revoked; returns the current user. */
  async verify(token: string): Promise<VerifiedSession> {
    let payload: jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.key, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    } catch (e) {
      throw new UnauthorizedError((e as Error).name === 'TokenExpiredError' ? 'Session expired; sign in again' : 'Invalid token');
    }
    const row = await findSessionUser(this.repos, String(payload.jti));
    if (!row || row.revoked_at != null) throw new UnauthorizedError('Session ended; sign in again');
    if (!isTrue(row.active)) throw new UnauthorizedError('User is inactive');
    return { jti: String(payload.jti), user: { id: Number(row.id), email: String(row.email), name: String(row.name), roles: parseRoles(row.roles) } };
  }

  revoke(jti: string): Promise<void> {
    return revokeSession(this.repos, jti);
  }

  /** CSRF token tied to the session, for cookie-authenticated mutations (double submit). */
  csrfFor(jti: string): string {
    return createHmac('sha256', this.secret).update(`csrf:${jti}`).digest('base64url');
  }

  checkCsrf(jti: string, given: string | undefined): boolean {
    const expected = Buffer.from(this.csrfFor(jti));
    const actual = Buffer.from(given ?? '');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

export function parseRoles(value: unknown): string[] {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

function isTrue(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'Y';
}
