import { Router, type Request, type Response, type NextFunction } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { SessionUser } from '../plugin/types.js';
import type { Repositories } from '../db/repository/repositories.js';
import { AppError, UnauthorizedError, ValidationError, TooManyRequestsError } from '../errors/index.js';
import { verifyPassword } from './passwords.js';
import { parseRoles, type SessionService } from './sessions.js';
import { LoginThrottle } from './loginThrottle.js';
import { authenticateRequest, CSRF_COOKIE, SESSION_COOKIE } from './authenticate.js';
import { httpStatusOf } from '../errors/httpStatus.js';

const USER = 'platform.user';
const WRONG_CREDENTIALS = 'Wrong e-mail or password';
const LOCAL = 'local';
/** The longest e-mail address there is (RFC 5321), and the user entity's limit. */
const EMAIL_MAX_LENGTH = 254;
// biome-ignore lint/suspicious/noControlCharactersInRegex: input validation that must find control characters in an e-mail.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export interface AuthRoutesOptions {
  repos: Repositories;
  sessions: SessionService;
  throttle: LoginThrottle;
  secureCookies: boolean;
  /** Called after logout revokes a session, so live connections of that session end at once. */
  onSessionRevoked?: (jti: string) => void;
}

/** POST /auth/login, POST /auth/logout, GET /auth/me, GET /auth/session — the contract's auth endpoints. */
export function buildAuthRoutes(options: AuthRoutesOptions): Router {
  const router = Router();
  const authenticator = signInMethods(options.repos);
  router.post('/login', (req, res, next) => login(req, res, next, options, authenticator));
  router.post('/logout', (req, res, next) => logout(req, res, options).catch(next));
  router.get('/me', (req, res, next) => me(req, res, options).catch(next));
  router.get('/session', (req, res, next) => session(req, res, options).catch(next));
  // Sign-in methods besides the password, for the login page; Google is wired by a later change.
  router.get('/providers', (_req, res) => res.json({ google: false }));
  router.use(sendAuthError);
  return router;
}

/**
 * Passport keeps a request's outcome (success/fail/error) on the strategy it
 * runs: only a strategy registered by name gets a fresh copy per request, so
 * strategies live here by name, on an instance of our own, never passed as objects.
 */
function signInMethods(repos: Repositories): passport.Authenticator {
  const authenticator = new passport.Passport();
  authenticator.use(LOCAL, localStrategy(repos));
  return authenticator;
}

function localStrategy(repos: Repositories): passport.Strategy {
  return new LocalStrategy({ usernameField: 'email', passwordField: 'password', session: false }, (email, password, done) => {
    findUserByEmail(repos, email)
      .then(async (row) => {
        const ok = await verifyPassword(row?.password as string | undefined, password);
        if (!row || !ok) {
          done(null, false);
          return;
        }
        if (!row.active) {
          done(null, false, { message: 'User is inactive' });
          return;
        }
        return done(null, toSessionUser(row));
      })
      .catch(done);
  });
}

async function login(req: Request, res: Response, next: NextFunction, o: AuthRoutesOptions, authenticator: passport.Authenticator): Promise<void> {
  try {
    const { email } = checkLoginBody(req.body);
    const keys = LoginThrottle.keys(email, req.ip ?? 'unknown');
    await o.throttle.reserve(keys);
    const user = await runStrategy(authenticator, LOCAL, req);
    if (!user) throw new UnauthorizedError(WRONG_CREDENTIALS);
    await o.throttle.recordSuccess(keys);
    const issued = await o.sessions.issue(user, { ip: req.ip, userAgent: req.get('user-agent') });
    const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: o.secureCookies, path: '/', expires: issued.expiresAt };
    res.cookie(SESSION_COOKIE, issued.token, cookie);
    res.cookie(CSRF_COOKIE, issued.csrfToken, { ...cookie, httpOnly: false, sameSite: 'strict' });
    res.json({ token: issued.token, csrfToken: issued.csrfToken, expiresAt: issued.expiresAt.toISOString(), user });
  } catch (e) {
    next(e);
  }
}

function runStrategy(authenticator: passport.Authenticator, name: string, req: Request): Promise<SessionUser | false> {
  return new Promise((resolve, reject) => {
    authenticator.authenticate(name, { session: false }, (err: unknown, user: SessionUser | false) => (err ? reject(err) : resolve(user)))(
      req,
      {} as Response,
      reject,
    );
  });
}

async function logout(req: Request, res: Response, o: AuthRoutesOptions): Promise<void> {
  const auth = await authenticateRequest(req, o.sessions);
  if (!auth) throw new UnauthorizedError();
  await o.sessions.revoke(auth.jti);
  o.onSessionRevoked?.(auth.jti);
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.clearCookie(CSRF_COOKIE, { path: '/' });
  res.json({ ok: true });
}

async function me(req: Request, res: Response, o: AuthRoutesOptions): Promise<void> {
  const auth = await authenticateRequest(req, o.sessions);
  if (!auth) throw new UnauthorizedError();
  res.json({ user: auth.user, csrfToken: o.sessions.csrfFor(auth.jti) });
}

/**
 * Like /auth/me, but "nobody is signed in" is an answer (200, `user: null`),
 * not an error: the UI asks it on every load, and a login page that has not
 * been used yet must not log a failed request in the browser's console.
 */
async function session(req: Request, res: Response, o: AuthRoutesOptions): Promise<void> {
  const auth = await authenticateRequest(req, o.sessions).catch((e: unknown) => {
    if (e instanceof UnauthorizedError) return null;
    throw e;
  });
  res.json(auth ? { user: auth.user, csrfToken: o.sessions.csrfFor(auth.jti) } : { user: null, csrfToken: null });
}

function checkLoginBody(body: unknown): { email: string; password: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const issues = [];
  const email = typeof b.email === 'string' ? b.email.trim() : undefined;
  if (email === undefined || !email.includes('@')) issues.push({ path: 'email', message: 'must be an e-mail address' });
  else if (CONTROL_CHARACTER.test(email)) issues.push({ path: 'email', message: 'must not contain control characters' });
  else if (email.length > EMAIL_MAX_LENGTH) issues.push({ path: 'email', message: `must have at most ${EMAIL_MAX_LENGTH} characters` });
  if (typeof b.password !== 'string' || b.password === '') issues.push({ path: 'password', message: 'is required' });
  if (issues.length) throw new ValidationError('Sign-in needs a valid "email" and a "password"', issues);
  return { email: b.email as string, password: b.password as string };
}

async function findUserByEmail(repos: Repositories, email: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await repos.repo(USER).rowsWhere({ email: email.trim().toLowerCase() }, 1);
  return row ? { ...row, active: row.active === true || row.active === 1 || row.active === '1' } : undefined;
}

function toSessionUser(row: Record<string, unknown>): SessionUser {
  return { id: Number(row.id), email: String(row.email), name: String(row.name), roles: parseRoles(row.roles) };
}

function sendAuthError(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!(err instanceof AppError)) {
    next(err);
    return;
  }
  if (err instanceof TooManyRequestsError) res.set('Retry-After', String(err.retryAfterSeconds));
  res.status(httpStatusOf(err)).json({ error: { code: err.code, message: err.message, issues: err.issues } });
}
