/**
 * Sign-in, sessions and their edges against a real server: bearer tokens,
 * the HttpOnly cookie with its CSRF header, logout/revocation, forged tokens,
 * login throttling (LOGIN_MAX_FAILURES=3 here) and password storage.
 *
 * Every failed sign-in from this file counts against 127.0.0.1 (limit: 5 × 3 =
 * 15 failures), so failures are spent sparingly and the IP-lock test runs last.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, rawMutate, rawQuery, trpcApi } from './support/api.js';
import { fingerprint, openDatabase, type DbReader } from './support/database.js';
import { testDatabaseServer } from './support/testDatabase.js';

const USER_PASSWORD = 'user-password-123';

let platform: TestPlatform;
let admin: LoginResult;
let db: DbReader;

beforeAll(async () => {
  platform = await startTestPlatform({ LOGIN_MAX_FAILURES: '3' });
  admin = await login(platform.url, ADMIN.email, ADMIN.password);
  db = await openDatabase(platform.dataDir);
});

afterAll(async () => {
  await db?.close();
  await platform?.close();
});

interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

async function postLogin(email: string, password: string): Promise<HttpResult> {
  const res = await fetch(`${platform.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

async function getMe(headers: Record<string, string>): Promise<HttpResult> {
  const res = await fetch(`${platform.url}/auth/me`, { headers });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

async function postLogout(headers: Record<string, string>): Promise<HttpResult> {
  const res = await fetch(`${platform.url}/auth/logout`, { method: 'POST', headers });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The Set-Cookie line whose value is `value`, with its attributes. */
function cookieCarrying(headers: Headers, value: string): { name: string; attributes: string[] } | undefined {
  for (const line of headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const [name, ...rest] = pair!.split('=');
    if (decodeURIComponent(rest.join('=')) === value) return { name: name!, attributes };
  }
  return undefined;
}

let userCounter = 0;
async function newUser(roles: string[] = ['vendedor']): Promise<LoginResult> {
  return createUserAndLogin(platform.url, admin.token, `pessoa${++userCounter}@test.local`, roles);
}

describe('POST /auth/login', () => {
  it('answers {token, csrfToken, user} and sets an HttpOnly, SameSite session cookie', async () => {
    const res = await postLogin(ADMIN.email, ADMIN.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token: expect.any(String), csrfToken: expect.any(String), user: { email: ADMIN.email, roles: ['admin'] } });
    expect(res.body.user).not.toHaveProperty('password');
    const cookie = cookieCarrying(res.headers, res.body.token);
    expect(cookie, 'a Set-Cookie carrying the session token').toBeDefined();
    const attrs = cookie!.attributes.map((a) => a.toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs.some((a) => a === 'samesite=lax' || a === 'samesite=strict')).toBe(true);
    expect(attrs).toContain('path=/');
  });

  it('accepts the e-mail in any letter case and with surrounding spaces', async () => {
    const res = await postLogin(`  ${ADMIN.email.toUpperCase()} `, ADMIN.password);
    expect(res.status).toBe(200);
  });

  it('wrong password → 401 with a clear message; an unknown e-mail gets the very same answer', async () => {
    const user = await newUser();
    const wrong = await postLogin(user.user.email, 'not-the-password');
    const unknown = await postLogin('nobody@test.local', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHORIZED');
    expect(wrong.body.error.message).toMatch(/password/i);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('a body without e-mail or password → 400 naming the fields', async () => {
    const res = await fetch(`${platform.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x' }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('an e-mail with a NUL or another control character, or longer than an e-mail can be → 400 naming email, never a database error', async () => {
    for (const email of [
      `${ADMIN.email}\u0000`,
      `a\u0000'b@test.local`,
      `a\nb@test.local`,
      `x\u001b@test.local`,
      `x\u007f@test.local`,
      `${'a'.repeat(250)}@test.local`,
    ]) {
      const res = await postLogin(email, ADMIN.password);
      expect({ email, status: res.status }).toEqual({ email, status: 400 });
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['email']);
      expect(JSON.stringify(res.body)).not.toMatch(/sqlite|sql/i);
    }
  });

  it('a user created with a mixed-case e-mail signs in with it (e-mails are case-insensitive)', async () => {
    await trpcApi(platform.url, admin.token).mutate('platform.user.create', {
      data: { email: 'Maria.Silva@Test.Local', name: 'Maria', password: USER_PASSWORD, roles: ['vendedor'] },
    });
    expect((await postLogin('Maria.Silva@Test.Local', USER_PASSWORD)).status).toBe(200);
    expect((await postLogin('maria.silva@test.local', USER_PASSWORD)).status).toBe(200);
  });
});

describe('GET /auth/me and bearer tokens', () => {
  it('returns the signed-in user for a bearer token', async () => {
    const me = await getMe(bearer(admin.token));
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual(admin.user);
    expect(me.body.csrfToken).toBe(admin.csrfToken);
  });

  it('without credentials → 401', async () => {
    const me = await getMe({});
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHORIZED');
  });
});

describe("GET /auth/session (the UI's probe on every load)", () => {
  const getSession = async (headers: Record<string, string>): Promise<HttpResult> => {
    const res = await fetch(`${platform.url}/auth/session`, { headers });
    return { status: res.status, headers: res.headers, body: await res.json() };
  };

  it('answers 200 with no user when nobody is signed in, so the login page logs no failed request', async () => {
    expect(await getSession({})).toMatchObject({ status: 200, body: { user: null, csrfToken: null } });
  });

  it('answers the signed-in user and the CSRF token, like /auth/me', async () => {
    const answer = await getSession(bearer(admin.token));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ user: admin.user, csrfToken: admin.csrfToken });
  });

  it('treats a revoked or forged session as nobody signed in', async () => {
    const session = await login(platform.url, ADMIN.email, ADMIN.password);
    await postLogout(bearer(session.token));
    expect(await getSession(bearer(session.token))).toMatchObject({ status: 200, body: { user: null } });
    expect(await getSession({ cookie: 'forja_session=not-a-token' })).toMatchObject({ status: 200, body: { user: null } });
  });
});

describe('logout', () => {
  it('revokes the token: /auth/me and tRPC calls with it → UNAUTHORIZED; other sessions live on', async () => {
    const session = await login(platform.url, ADMIN.email, ADMIN.password);
    const other = await login(platform.url, ADMIN.email, ADMIN.password);
    expect((await getMe(bearer(session.token))).status).toBe(200);

    const out = await postLogout(bearer(session.token));
    expect(out.status).toBe(200);

    expect((await getMe(bearer(session.token))).status).toBe(401);
    const viaHttp = await rawQuery(platform.url, 'sgp.cliente.list', {}, bearer(session.token));
    expect(viaHttp.status).toBe(401);
    expect(viaHttp.body.error.data.code).toBe('UNAUTHORIZED');
    await expectApiError(trpcApi(platform.url, session.token).query('sgp.cliente.list', {}), 'UNAUTHORIZED');
    await expectApiError(trpcApi(platform.url, session.token).mutate('sgp.cliente.create', { data: { nome: 'Depois do logout' } }), 'UNAUTHORIZED');
    expect((await postLogout(bearer(session.token))).status).toBe(401);

    expect((await getMe(bearer(other.token))).status).toBe(200);
  });

  it('clears the session cookie', async () => {
    const session = await login(platform.url, ADMIN.email, ADMIN.password);
    const out = await postLogout(bearer(session.token));
    const cleared = out.headers.getSetCookie().filter((line) => /expires=thu, 01 jan 1970/i.test(line) || /max-age=0/i.test(line));
    expect(cleared.length).toBeGreaterThanOrEqual(1);
  });

  it('deactivating a user ends their sessions at once', async () => {
    const user = await newUser();
    await trpcApi(platform.url, user.token).query('sgp.cliente.list', {});
    await trpcApi(platform.url, admin.token).mutate('platform.user.update', { id: user.user.id, data: { active: false } });
    await expectApiError(trpcApi(platform.url, user.token).query('sgp.cliente.list', {}), 'UNAUTHORIZED');
    expect((await postLogin(user.user.email, USER_PASSWORD)).status).toBe(401);
  });

  it("an admin's password reset ends every session of that user at once; the new password signs in", async () => {
    const user = await newUser();
    const second = (await postLogin(user.user.email, USER_PASSWORD)).body as { token: string };
    await trpcApi(platform.url, user.token).query('sgp.cliente.list', {});
    await trpcApi(platform.url, admin.token).mutate('platform.user.update', { id: user.user.id, data: { password: 'a-brand-new-password' } });
    for (const token of [user.token, second.token]) await expectApiError(trpcApi(platform.url, token).query('sgp.cliente.list', {}), 'UNAUTHORIZED');
    expect((await postLogin(user.user.email, USER_PASSWORD)).status).toBe(401);
    const fresh = (await postLogin(user.user.email, 'a-brand-new-password')).body as { token: string };
    await trpcApi(platform.url, fresh.token).query('sgp.cliente.list', {});
    // Saving the user without a password ends nothing.
    await trpcApi(platform.url, admin.token).mutate('platform.user.update', { id: user.user.id, data: { name: 'Renomeado' } });
    await trpcApi(platform.url, fresh.token).query('sgp.cliente.list', {});
  });
});

describe('calls without a valid token', () => {
  /** Every procedure of the router, from the app model as the admin sees it. */
  async function everyProcedure(): Promise<{ path: string; kind: 'query' | 'mutation'; input: unknown }[]> {
    const model = await trpcApi(platform.url, admin.token).query('platform.model');
    const out: { path: string; kind: 'query' | 'mutation'; input: unknown }[] = [
      { path: 'platform.model', kind: 'query', input: undefined },
      { path: 'platform.audit', kind: 'query', input: {} },
    ];
    for (const mod of model.modules) {
      for (const entity of Object.keys(mod.entities)) {
        const base = `${mod.name}.${entity}`;
        out.push(
          { path: `${base}.list`, kind: 'query', input: {} },
          { path: `${base}.get`, kind: 'query', input: { id: 1 } },
          { path: `${base}.create`, kind: 'mutation', input: { data: {} } },
          { path: `${base}.update`, kind: 'mutation', input: { id: 1, data: {} } },
          { path: `${base}.delete`, kind: 'mutation', input: { id: 1 } },
        );
      }
      for (const proc of mod.procedures) out.push({ path: `${mod.name}.${proc.name}`, kind: proc.kind, input: {} });
    }
    return out;
  }

  const call = (p: { path: string; kind: string; input: unknown }, headers: Record<string, string>) =>
    p.kind === 'query' ? rawQuery(platform.url, p.path, p.input, headers) : rawMutate(platform.url, p.path, p.input, headers);

  async function expectEveryProcedureUnauthorized(headers: Record<string, string>): Promise<void> {
    const procedures = await everyProcedure();
    expect(procedures.length).toBeGreaterThan(50);
    const before = await fingerprint(db);
    for (const p of procedures) {
      const res = await call(p, headers);
      expect({ path: p.path, status: res.status, code: res.body.error?.data?.code }).toEqual({ path: p.path, status: 401, code: 'UNAUTHORIZED' });
    }
    expect(await fingerprint(db)).toEqual(before);
  }

  it('no token → UNAUTHORIZED on every procedure, and nothing is written', async () => {
    await expectEveryProcedureUnauthorized({});
  });

  it('a garbage bearer token → UNAUTHORIZED on every procedure', async () => {
    await expectEveryProcedureUnauthorized(bearer('garbage.token.value'));
  });

  it('through @trpc/client too', async () => {
    await expectApiError(trpcApi(platform.url).query('sgp.pedido.list', {}), 'UNAUTHORIZED');
    await expectApiError(trpcApi(platform.url).mutate('sgp.cliente.create', { data: { nome: 'Anônimo' } }), 'UNAUTHORIZED');
    await expectApiError(trpcApi(platform.url, 'garbage').query('platform.model'), 'UNAUTHORIZED');
  });

  it('forged tokens are refused: wrong key, alg "none", an unknown session, an expired one, a non-Bearer scheme', async () => {
    const { jti, sub } = jwt.decode(admin.token) as { jti: string; sub: string };
    const secret = (await readFile(path.join(platform.dataDir, 'auth-secret'), 'utf8')).trim();
    const forged = {
      'signed with another key': jwt.sign({ sub, jti }, 'x'.repeat(48), { algorithm: 'HS256' }),
      'alg none': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub, jti })).toString('base64url')}.`,
      'right key, no such session': jwt.sign({ sub, jti: '00000000-0000-4000-8000-000000000000' }, secret, { algorithm: 'HS256' }),
      'right key, expired': jwt.sign({ sub, jti, exp: Math.floor(Date.now() / 1000) - 60 }, secret, { algorithm: 'HS256' }),
      'payload altered after signing': alterPayload(admin.token, { sub: '999' }),
    };
    for (const [name, token] of Object.entries(forged)) {
      const res = await rawQuery(platform.url, 'sgp.cliente.list', {}, bearer(token));
      expect({ name, status: res.status, code: res.body.error?.data?.code }).toEqual({ name, status: 401, code: 'UNAUTHORIZED' });
      expect({ name, me: (await getMe(bearer(token))).status }).toEqual({ name, me: 401 });
    }
    const basic = await rawQuery(
      platform.url,
      'sgp.cliente.list',
      {},
      { authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.password}`).toString('base64')}` },
    );
    expect(basic.status).toBe(401);
  });
});

function alterPayload(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const altered = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), ...changes };
  return `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`;
}

describe('cookie sessions and CSRF', () => {
  let session: { cookie: string; csrfToken: string; token: string };

  beforeAll(async () => {
    const res = await postLogin(ADMIN.email, ADMIN.password);
    const cookie = cookieCarrying(res.headers, res.body.token)!;
    session = { cookie: `${cookie.name}=${res.body.token}`, csrfToken: res.body.csrfToken, token: res.body.token };
  });

  it('a query works with only the cookie', async () => {
    const res = await rawQuery(platform.url, 'sgp.cliente.list', {}, { cookie: session.cookie });
    expect(res.status).toBe(200);
    expect(res.body.result.data).toMatchObject({ page: 1 });
    expect((await getMe({ cookie: session.cookie })).body.user.email).toBe(ADMIN.email);
  });

  it('a mutation with only the cookie and no x-csrf-token → FORBIDDEN, nothing written', async () => {
    const before = await fingerprint(db);
    const res = await rawMutate(platform.url, 'sgp.cliente.create', { data: { nome: 'CSRF' } }, { cookie: session.cookie });
    expect(res.status).toBe(403);
    expect(res.body.error.data.code).toBe('FORBIDDEN');
    expect(res.body.error.message).toMatch(/csrf/i);
    expect(await fingerprint(db)).toEqual(before);
  });

  it("a wrong x-csrf-token, or another session's, → FORBIDDEN", async () => {
    const other = await login(platform.url, ADMIN.email, ADMIN.password);
    const before = await fingerprint(db);
    for (const token of ['wrong', other.csrfToken, `${session.csrfToken}x`]) {
      const res = await rawMutate(platform.url, 'sgp.cliente.create', { data: { nome: 'CSRF' } }, { cookie: session.cookie, 'x-csrf-token': token });
      expect(res.status).toBe(403);
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  it('a mutation with the cookie and the right x-csrf-token succeeds', async () => {
    const res = await rawMutate(
      platform.url,
      'sgp.cliente.create',
      { data: { nome: 'Com CSRF' } },
      { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    );
    expect(res.status).toBe(200);
    expect(res.body.result.data).toMatchObject({ nome: 'Com CSRF', created_by: admin.user.id });
  });

  it('a bearer token needs no CSRF header (not sent by browsers on their own)', async () => {
    const res = await rawMutate(platform.url, 'sgp.cliente.create', { data: { nome: 'Bearer sem CSRF' } }, bearer(admin.token));
    expect(res.status).toBe(200);
  });

  it('a cookie write from a foreign page is refused even with the right CSRF token; own origin and no Origin pass', async () => {
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const before = await fingerprint(db);
    for (const origin of ['https://evil.example', 'null', `${platform.url}.evil.example`]) {
      const res = await rawMutate(platform.url, 'sgp.cliente.create', { data: { nome: 'De fora' } }, { ...headers, origin });
      expect(res.status, origin).toBe(403);
      expect(res.body.error.message).toMatch(/may not use the session cookie/);
    }
    expect(await fingerprint(db)).toEqual(before);
    expect((await rawMutate(platform.url, 'sgp.cliente.create', { data: { nome: 'Daqui' } }, { ...headers, origin: platform.url })).status).toBe(200);
    expect((await rawMutate(platform.url, 'sgp.cliente.create', { data: { nome: 'Sem origem' } }, headers)).status).toBe(200);
    // A bearer token is no ambient credential: a foreign page cannot have it.
    expect(
      (await rawMutate(platform.url, 'sgp.cliente.create', { data: { nome: 'Bearer' } }, { ...bearer(admin.token), origin: 'https://evil.example' })).status,
    ).toBe(200);
  });

  it('a sign-in from a foreign page is refused (login CSRF); from our own page it works', async () => {
    const signIn = (origin: string) =>
      fetch(`${platform.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(ADMIN) });
    const foreign = await signIn('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.getSetCookie()).toEqual([]);
    expect((await signIn(platform.url)).status).toBe(200);
  });

  it('logout through the cookie also needs the CSRF header', async () => {
    expect((await postLogout({ cookie: session.cookie })).status).toBe(403);
    expect((await getMe({ cookie: session.cookie })).status).toBe(200);
    expect((await postLogout({ cookie: session.cookie, 'x-csrf-token': session.csrfToken })).status).toBe(200);
    expect((await getMe({ cookie: session.cookie })).status).toBe(401);
  });
});

describe('passwords', () => {
  it('are stored as argon2id hashes, never as the plain text', async () => {
    const user = await newUser();
    const rows = await db.all<{ email: string; password: string }>('SELECT email, password FROM platform_user');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.password, row.email).toMatch(/^\$argon2id\$/);
      expect(row.password).not.toBe(USER_PASSWORD);
      expect(row.password).not.toBe(ADMIN.password);
    }
    const own = rows.find((r) => r.email === user.user.email)!;
    expect(own.password).not.toContain(USER_PASSWORD);
  });

  // The files are SQLite's; on a server the tables are read above and the audit trail by the platform.audit tests.
  it.skipIf(testDatabaseServer())('no plain password appears anywhere in the database files (tables, audit trail, WAL)', async () => {
    const secret = 'plain-text-needle-4711';
    const user = await trpcApi(platform.url, admin.token).mutate('platform.user.create', {
      data: { email: 'needle@test.local', name: 'Needle', password: secret, roles: [] },
    });
    await trpcApi(platform.url, admin.token).mutate('platform.user.update', { id: user.id, data: { password: `${secret}-2` } });
    for (const file of ['forja.db', 'forja.db-wal']) {
      const bytes = await readFile(path.join(platform.dataDir, file)).catch(() => Buffer.alloc(0));
      expect(bytes.includes(secret), file).toBe(false);
    }
  });

  it('platform.user.get and list never return the password field', async () => {
    const api = trpcApi(platform.url, admin.token);
    const list = await api.query('platform.user.list', { pageSize: 200 });
    expect(list.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of list.rows) expect(row).not.toHaveProperty('password');
    expect(await api.query('platform.user.get', { id: admin.user.id })).not.toHaveProperty('password');
  });

  it('a password change takes effect; null keeps the current one', async () => {
    const user = await newUser();
    const api = trpcApi(platform.url, admin.token);
    await api.mutate('platform.user.update', { id: user.user.id, data: { password: null, name: 'Renomeada' } });
    expect((await postLogin(user.user.email, USER_PASSWORD)).status).toBe(200);
    await api.mutate('platform.user.update', { id: user.user.id, data: { password: 'a-brand-new-password' } });
    expect((await postLogin(user.user.email, 'a-brand-new-password')).status).toBe(200);
  });
});

describe('login throttling (LOGIN_MAX_FAILURES=3)', () => {
  it('locks an account after 3 failures: 429 with Retry-After, even for the right password', async () => {
    const user = await newUser();
    for (let i = 0; i < 3; i++) expect((await postLogin(user.user.email, `wrong-${i}`)).status).toBe(401);

    const locked = await postLogin(user.user.email, USER_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.body.error.message).toMatch(/too many/i);
    expect(locked.body.error.message).toMatch(/try again/i);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Still locked on the next try, and the session the user had before keeps working.
    expect((await postLogin(user.user.email, USER_PASSWORD)).status).toBe(429);
    await trpcApi(platform.url, user.token).query('sgp.cliente.list', {});
  });

  it('another account from the same IP still signs in (below the IP limit)', async () => {
    const other = await newUser();
    const res = await postLogin(other.user.email, USER_PASSWORD);
    expect(res.status).toBe(200);
  });

  it('a success clears the account counter: failures do not add up across a good sign-in', async () => {
    const user = await newUser();
    expect((await postLogin(user.user.email, 'wrong-1')).status).toBe(401);
    expect((await postLogin(user.user.email, 'wrong-2')).status).toBe(401);
    expect((await postLogin(user.user.email, USER_PASSWORD)).status).toBe(200);
    expect((await postLogin(user.user.email, 'wrong-3')).status).toBe(401);
    expect((await postLogin(user.user.email, USER_PASSWORD)).status).toBe(200);
  });

  // Last in this file: once the address is locked, nobody signs in from 127.0.0.1.
  it('locks the whole address after 5 × LOGIN_MAX_FAILURES failures spread over many accounts', async () => {
    const valid = await newUser();
    let failures = 0;
    let lockedResponse: HttpResult | undefined;
    for (let i = 0; i < 20 && !lockedResponse; i++) {
      const res = await postLogin(`spray${i}@test.local`, 'guess');
      if (res.status === 429) lockedResponse = res;
      else {
        expect(res.status).toBe(401);
        failures++;
      }
    }
    expect(lockedResponse, 'the address gets locked').toBeDefined();
    expect(failures).toBeLessThanOrEqual(15);
    expect(Number(lockedResponse!.headers.get('retry-after'))).toBeGreaterThan(0);
    const blocked = await postLogin(valid.user.email, USER_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/address/i);
  });
});
