/**
 * Starts a real Forja server for a test file: a fresh temp folder, a random
 * port, the real manifests, plugins and migrations, and a fresh database: the
 * folder's SQLite file, or with TEST_DATABASE_URL a database of its own on that server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { RunningPlatform, StartOptions } from '../../core/server/startPlatform.js';
import { startPlatformOn } from './platformOnDir.js';
import { releaseTestDatabase } from './testDatabase.js';

export { ADMIN, ROOT } from './platformOnDir.js';

export interface TestPlatform extends RunningPlatform {
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestPlatform(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestPlatform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-test-'));
  const platform = await startPlatformOn(dataDir, env, options);
  return {
    ...platform,
    dataDir,
    async close() {
      await platform.stop();
      await releaseTestDatabase(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: { id: number; email: string; name: string; roles: string[] };
}

export async function login(url: string, email: string, password: string): Promise<LoginResult> {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginResult;
}

/** A real @trpc/client for the running server; the router is generated, so calls are untyped paths. */
export function apiClient(url: string, token?: string) {
  const client = createTRPCClient<any>({
    links: [httpLink({ url: `${url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
  return {
    query: (path: string, input?: unknown) => pathOf(client, path).query(input),
    mutate: (path: string, input?: unknown) => pathOf(client, path).mutate(input),
  };
}

function pathOf(client: unknown, path: string): { query(i: unknown): Promise<any>; mutate(i: unknown): Promise<any> } {
  return path.split('.').reduce((node: any, key) => node[key], client);
}

/** Creates a user through the generated API and signs them in. */
export async function createUserAndLogin(url: string, adminToken: string, email: string, roles: string[]): Promise<LoginResult> {
  const password = 'user-password-123';
  await apiClient(url, adminToken).mutate('platform.user.create', { data: { email, name: email.split('@')[0], password, roles, active: true } });
  return login(url, email, password);
}
