/**
 * Sign-ins under concurrency, against a real server: many sign-ins at once
 * must each get exactly the identity of their own credentials (a shared
 * passport strategy once handed one request's user to another), and the
 * login throttle must count attempts atomically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';

const USER_PASSWORD = 'user-password-123';
/** A request that never answers fails the test instead of hanging it. */
const ANSWER_WITHIN_MS = 30_000;

interface Attempt {
  email: string;
  password: string;
  /** The account id a right password must yield; undefined when the credentials are wrong. */
  expectedId?: number;
  address: string;
}

interface Outcome {
  status: number;
  body: any;
  retryAfter: string | null;
}

/** Status 0: no answer in time. */
async function postLogin(url: string, attempt: Pick<Attempt, 'email' | 'password' | 'address'>): Promise<Outcome> {
  try {
    const res = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': attempt.address },
      body: JSON.stringify({ email: attempt.email, password: attempt.password }),
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
  } catch (e) {
    if ((e as Error).name !== 'TimeoutError') throw e;
    return { status: 0, body: {}, retryAfter: null };
  }
}

async function whoAmI(url: string, token: string): Promise<{ status: number; id?: number }> {
  const res = await fetch(`${url}/auth/me`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  const body = (await res.json()) as { user?: { id: number } };
  return { status: res.status, id: body.user?.id };
}

describe('50 sign-ins at once, 10 users, right and wrong credentials mixed, several addresses', () => {
  let platform: TestPlatform;
  let users: LoginResult['user'][];

  beforeAll(async () => {
    // Throttling is another test's subject: here it must never be the reason for an answer.
    platform = await startTestPlatform({ LOGIN_MAX_FAILURES: '1000', TRUST_PROXY: 'true' });
    const admin = await login(platform.url, ADMIN.email, ADMIN.password);
    users = [{ ...admin.user }];
    for (let i = 1; i < 10; i++)
      users.push((await createUserAndLogin(platform.url, admin.token, `concorrente${i}@test.local`, i % 2 ? ['vendedor'] : ['financeiro'])).user);
  });

  afterAll(async () => {
    await platform?.close();
  });

  /** Round `round`: every user signs in right twice, with a wrong password twice and once under an unknown e-mail. */
  function attemptsOf(round: number): Attempt[] {
    const attempts: Attempt[] = [];
    users.forEach((user, i) => {
      const password = user.email === ADMIN.email ? ADMIN.password : USER_PASSWORD;
      const address = (n: number) => `10.0.${i % 3}.${n}`;
      attempts.push(
        { email: user.email, password, expectedId: user.id, address: address(1) },
        { email: user.email, password: `${password}-wrong`, address: address(2) },
        { email: `desconhecido${round}-${i}@test.local`, password, address: address(3) },
        { email: user.email, password, expectedId: user.id, address: address(4) },
        { email: user.email, password: 'wrong-password', address: address(5) },
      );
    });
    // Interleaved, so right and wrong ones for different users arrive side by side.
    return attempts.sort((a, b) => (a.address + a.email).localeCompare(b.address + b.email));
  }

  it.each([1, 2, 3])(
    'round %i: every request answers with its own identity or a 401, and wrong credentials never get a token',
    { timeout: 120_000 },
    async (round) => {
      const attempts = attemptsOf(round);
      expect(attempts).toHaveLength(50);
      const outcomes = await Promise.all(attempts.map((a) => postLogin(platform.url, a)));

      const seen = await Promise.all(
        outcomes.map(async (outcome, i) => {
          const attempt = attempts[i]!;
          const identity = outcome.status === 200 ? await whoAmI(platform.url, outcome.body.token) : undefined;
          return {
            email: attempt.email,
            right: attempt.expectedId !== undefined,
            status: outcome.status,
            token: typeof outcome.body.token === 'string',
            user: outcome.body.user?.id,
            me: identity?.id,
          };
        }),
      );
      const expected = attempts.map((a) =>
        a.expectedId !== undefined
          ? { email: a.email, right: true, status: 200, token: true, user: a.expectedId, me: a.expectedId }
          : { email: a.email, right: false, status: 401, token: false, user: undefined, me: undefined },
      );
      expect(seen).toEqual(expected);
    },
  );
});

describe('the login throttle under concurrency (LOGIN_MAX_FAILURES=5)', () => {
  let platform: TestPlatform;
  let user: LoginResult['user'];

  beforeAll(async () => {
    platform = await startTestPlatform({ LOGIN_MAX_FAILURES: '5' });
    const admin = await login(platform.url, ADMIN.email, ADMIN.password);
    user = (await createUserAndLogin(platform.url, admin.token, 'alvo@test.local', ['vendedor'])).user;
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('30 wrong passwords at once for one account: exactly 5 are checked (401), the rest 429 with Retry-After; then the right one is locked out too', {
    timeout: 120_000,
  }, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => postLogin(platform.url, { email: user.email, password: `wrong-${i}`, address: '127.0.0.1' })),
    );
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    for (const locked of outcomes.filter((o) => o.status === 429)) {
      expect(locked.body.error.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    }
    const right = await postLogin(platform.url, { email: user.email, password: USER_PASSWORD, address: '127.0.0.1' });
    expect(right.status).toBe(429);
    expect(Number(right.retryAfter)).toBeGreaterThan(0);
  });
});
