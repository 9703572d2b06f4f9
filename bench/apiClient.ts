/** Plain-HTTP calls of the API contract (and of the hand-written twins), for set-up and checks. */

export interface Reply {
  status: number;
  body: unknown;
}

export function queryPath(route: string, input: unknown): string {
  return `${route}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

export async function getJson(url: string, token: string): Promise<Reply> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

export async function postJson(url: string, body: unknown, token?: string): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** `{ result: { data } }` of a 200 reply; throws with the reply otherwise. */
export function dataOf<T = Record<string, unknown>>(reply: Reply, what: string): T {
  const data = (reply.body as { result?: { data?: T } } | null)?.result?.data;
  if (reply.status !== 200 || data === undefined) throw new Error(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
  return data;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const reply = await postJson(`${baseUrl}/auth/login`, { email, password });
  const token = (reply.body as { token?: string }).token;
  if (reply.status !== 200 || !token) throw new Error(`login of ${email} failed: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  return token;
}

/** Creates the user through the generated API unless it exists (reused data folder), then signs in. */
export async function ensureUserAndLogin(baseUrl: string, adminToken: string, email: string, password: string, roles: string[]): Promise<string> {
  const reply = await postJson(
    `${baseUrl}/trpc/platform.user.create`,
    { data: { email, name: email.split('@')[0], password, roles, active: true } },
    adminToken,
  );
  const alreadyThere = reply.status === 400 && JSON.stringify(reply.body).includes('already exists');
  if (reply.status !== 200 && !alreadyThere) throw new Error(`creating ${email} failed: HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 500)}`);
  return login(baseUrl, email, password);
}
