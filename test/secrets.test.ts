/**
 * Secret fields: encrypted at rest (the stored text is not the value), never
 * carried by any read path (list, get, children, CSV export, audit history,
 * live change events, plugin list/get, the app model), written with set /
 * clear / keep, read only by plugin code that asks (a procedure, a job), a
 * wrong or badly written key refused clearly, and the rotation CLI moving
 * every value onto the new key. Runs on SQLite and, with TEST_DATABASE_URL, MariaDB.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config/index.js';
import { runSecretsRotate } from '../core/cli/secrets-rotate.js';
import { SECRETS_KEY_FILE, SecretBox, SecretKeyError, parseKey, secretBoxFrom, secretKey } from '../core/secrets/index.js';
import type { RunningPlatform } from '../core/server/startPlatform.js';
import { SYSTEM_USER } from '../core/service/systemUser.js';
import { expectApiError, trpcApi, type Api } from './support/api.js';
import { openDatabase } from './support/database.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';
import { ADMIN, ROOT, createUserAndLogin, login } from './support/testPlatform.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { scheduleCalls, waitFor } from './support/schedulerFixture.js';
import { releaseTestDatabase, testDatabaseEnv } from './support/testDatabase.js';

const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('hex');
const KID_A = parseKey(KEY_A, 'A').id;
const KID_B = parseKey(KEY_B, 'B').id;
const SENHA = 'Pl41n-S3nh4!';
const SENHA_NOVA = 'N0va-S3nh4?';
const CHAVE = 'Ch4ve-API-77';
/** Nothing a client receives may hold a plain value, nor the stored ciphertext. */
const NEVER = [SENHA, SENHA_NOVA, CHAVE, 'fs1:'];

function expectNoSecret(path: string, payload: unknown): void {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  for (const secret of NEVER) expect(text, `${path} carries ${secret}`).not.toContain(secret);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the secret box', () => {
  it('encrypts with a random IV per value, binds the field, and decrypts with previous keys', () => {
    const a = secretKey(randomBytes(32));
    const b = secretKey(randomBytes(32));
    const old = new SecretBox(a);
    const stored = old.encrypt('segredo', 'm.e.f');
    expect(stored).toMatch(new RegExp(`^fs1:${a.id}:`));
    expect(stored).not.toContain('segredo');
    expect(old.encrypt('segredo', 'm.e.f')).not.toBe(stored);
    expect(() => old.decrypt(stored, 'm.e.outro')).toThrow(SecretKeyError);
    const rotated = new SecretBox(b, [a]);
    expect(rotated.decrypt(stored, 'm.e.f')).toBe('segredo');
    expect(rotated.isCurrent(stored)).toBe(false);
    expect(() => new SecretBox(b).decrypt(stored, 'm.e.f')).toThrow(`was encrypted with key ${a.id}, which is neither SECRETS_KEY (${b.id})`);
    const tampered = `${stored.slice(0, -2)}${stored.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => old.decrypt(tampered, 'm.e.f')).toThrow('the stored value was altered');
  });

  it('reads SECRETS_KEY as base64 or hex, and refuses anything else with how to make one', () => {
    expect(parseKey(KEY_A, 'SECRETS_KEY').bytes.length).toBe(32);
    expect(parseKey(KEY_B, 'SECRETS_KEY').bytes.length).toBe(32);
    for (const bad of ['curta', randomBytes(16).toString('base64'), `${KEY_B}00`]) {
      expect(() => parseKey(bad, 'SECRETS_KEY')).toThrow(
        'SECRETS_KEY must be 32 bytes written as base64 (44 characters) or hex (64 digits). Generate a key with: openssl rand -base64 32',
      );
    }
  });

  it('generates a development key into the data folder (mode 600) and keeps it, but never in production', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-secrets-'));
    try {
      const first = secretBoxFrom({ previous: [], dataDir, keyRequired: false });
      expect((await stat(path.join(dataDir, SECRETS_KEY_FILE))).mode & 0o777).toBe(0o600);
      expect(secretBoxFrom({ previous: [], dataDir, keyRequired: false }).current.id).toBe(first.current.id);
      expect(() => secretBoxFrom({ previous: [], dataDir, keyRequired: true })).toThrow('SECRETS_KEY must be set in production');
      expect(loadConfig({ NODE_ENV: 'production', SECRETS_KEY: KEY_A }, ROOT).secrets).toEqual({ key: KEY_A, previous: [], required: true });
      // Core's own variables are no module's settings.
      expect(loadConfig({ SECRETS_KEY: KEY_A, SECRETS_KEY_PREVIOUS: `${KEY_B}, ${KEY_A}` }, ROOT).moduleEnv).toEqual({});
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('secret fields through a running platform', () => {
  let fixture: FixtureModule;
  let dataDir: string;
  let platform: RunningPlatform | undefined;
  let admin: Api;
  let adminToken: string;
  let operator: Api;
  let clienteId: number;
  let acessoId: number;
  const events: unknown[] = [];
  let socket: Socket | undefined;

  const start = async (env: Record<string, string>) => {
    platform = await startPlatformOn(dataDir, env, fixture.options);
    adminToken = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
    admin = trpcApi(platform.url, adminToken);
    return platform;
  };
  const stop = async () => {
    socket?.close();
    await platform?.stop();
    platform = undefined;
  };
  const storedValues = async () => {
    const db = await openDatabase(dataDir);
    try {
      const cliente = platform!.model.entity('cofre.cliente').table;
      const acesso = platform!.model.entity('cofre.acesso').table;
      const [row] = await db.all<{ senha_portal: string | null }>(`SELECT "senha_portal" FROM "${cliente}" WHERE "id" = ?`, [clienteId]);
      const [item] = await db.all<{ chave: string }>(`SELECT "chave" FROM "${acesso}" WHERE "id" = ?`, [acessoId]);
      return { senha: row!.senha_portal, chave: item!.chave };
    } finally {
      await db.close();
    }
  };
  const history = async () =>
    (
      (await admin.query('platform.audit', { filter: { module: 'cofre', entity: 'cliente', record_id: clienteId }, sort: 'id', pageSize: 100 })).rows as {
        changes: string;
      }[]
    ).map((r) => r.changes);

  beforeAll(async () => {
    fixture = await prepareFixtureModule({
      manifestsDir: path.join(ROOT, 'test', 'fixtures', 'secrets', 'manifests'),
      pluginsDir: path.join(ROOT, 'test', 'fixtures', 'secrets', 'plugins'),
    });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-test-'));
    await start({ SECRETS_KEY: KEY_A });
    operator = trpcApi(platform!.url, (await createUserAndLogin(platform!.url, adminToken, 'operador@test.local', ['operador'])).token);
    socket = connectSocket(platform!.url, { path: '/socket.io', transports: ['websocket'], forceNew: true, auth: { token: adminToken } });
    socket.on('change', (event: unknown) => events.push(event));
    await new Promise<void>((resolve) => socket!.on('connect', () => resolve()));
  }, 120_000);

  afterAll(async () => {
    await stop();
    await releaseTestDatabase(dataDir);
    await rm(dataDir, { recursive: true, force: true });
    await fixture?.remove();
  });

  it('stores ciphertext under the current key, never the value', async () => {
    const created = await admin.mutate('cofre.cliente.create', {
      data: { nome: 'Acme', login_portal: 'acme', senha_portal: SENHA, acessos: [{ sistema: 'erp', chave: CHAVE }] },
    });
    expectNoSecret('create', created);
    expect(created.senha_portal).toBe(true);
    clienteId = created.id;
    acessoId = created.acessos[0].id;
    expect(created.acessos[0].chave).toBe(true);
    const stored = await storedValues();
    expect(stored.senha).toMatch(new RegExp(`^fs1:${KID_A}:`));
    expect(stored.chave).toMatch(new RegExp(`^fs1:${KID_A}:`));
    expect(stored.senha).not.toContain(SENHA);
    expect(stored.chave).not.toContain(CHAVE);
  });

  it('carries the value through no read path, only whether one is set', async () => {
    const updated = await admin.mutate('cofre.cliente.update', { id: clienteId, data: { senha_portal: SENHA_NOVA } });
    expectNoSecret('update', updated);
    const list = await admin.query('cofre.cliente.list', {});
    expectNoSecret('list', list);
    expect(list.rows[0].senha_portal).toBe(true);
    const got = await admin.query('cofre.cliente.get', { id: clienteId });
    expectNoSecret('get', got);
    expect(got.acessos).toEqual([expect.objectContaining({ sistema: 'erp', chave: true })]);
    expectNoSecret('children list', await admin.query('cofre.acesso.list', {}));
    expectNoSecret('children get', await admin.query('cofre.acesso.get', { id: acessoId }));
    const csv = await fetch(`${platform!.url}/export/cofre/cliente.csv`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(csv.status).toBe(200);
    const csvText = await csv.text();
    expect(csvText).toContain('Acme');
    expectNoSecret('CSV export', csvText);
    expectNoSecret(
      'CSV export of items',
      await (await fetch(`${platform!.url}/export/cofre/acesso.csv`, { headers: { authorization: `Bearer ${adminToken}` } })).text(),
    );
    const trail = await history();
    expectNoSecret('audit', trail);
    expectNoSecret('audit of items', await admin.query('platform.audit', { filter: { module: 'cofre', entity: 'acesso' } }));
    const plugin = await admin.query('cofre.ler_registros', { id: clienteId });
    expectNoSecret('plugin list/get', plugin);
    expect(plugin.registro.senha_portal).toBe(true);
    const model = await admin.query('platform.model');
    expectNoSecret('describeModel', model);
    await waitFor(async () => (events.length >= 2 ? true : undefined), 10_000, 'the change events');
    expectNoSecret('realtime', events);
  });

  it('records in the history that the secret was set, replaced and cleared, never what it is', async () => {
    await admin.mutate('cofre.cliente.update', { id: clienteId, data: { login_portal: 'acme2' } });
    await admin.mutate('cofre.cliente.update', { id: clienteId, data: { senha_portal: null } });
    await admin.mutate('cofre.cliente.update', { id: clienteId, data: { senha_portal: SENHA } });
    const trail = (await history()).map((c) => (typeof c === 'string' ? JSON.parse(c) : c));
    expect(trail.map((c) => c.senha_portal ?? 'untouched')).toEqual([[null, '***'], ['***', '***'], 'untouched', ['***', null], [null, '***']]);
    expectNoSecret('audit', trail);
  });

  it('keeps the value when a write leaves it out, clears it with null, checks maxLength on the plain value', async () => {
    expect((await admin.query('cofre.ler_senha', { id: clienteId })).valor).toBe(SENHA);
    await admin.mutate('cofre.cliente.update', { id: clienteId, data: { nome: 'Acme SA' } });
    expect((await admin.query('cofre.ler_senha', { id: clienteId })).valor).toBe(SENHA);
    await expectApiError(admin.mutate('cofre.cliente.update', { id: clienteId, data: { senha_portal: 'x'.repeat(21) } }), 'BAD_REQUEST');
    await expectApiError(admin.mutate('cofre.cliente.update', { id: clienteId, data: { senha_portal: '' } }), 'BAD_REQUEST');
    const limit = 'y'.repeat(20);
    await admin.mutate('cofre.cliente.update', { id: clienteId, data: { senha_portal: limit } });
    expect((await admin.query('cofre.ler_senha', { id: clienteId })).valor).toBe(limit);
    const cleared = await admin.mutate('cofre.cliente.update', { id: clienteId, data: { senha_portal: null } });
    expect(cleared.senha_portal).toBeNull();
    expect((await admin.query('cofre.ler_senha', { id: clienteId })).valor).toBeNull();
    await admin.mutate('cofre.cliente.update', { id: clienteId, data: { senha_portal: SENHA } });
    await expectApiError(admin.mutate('cofre.acesso.create', { data: { cliente: clienteId, sistema: 'sem chave' } }), 'BAD_REQUEST');
  });

  it('lets plugin code read a secret the caller may read, and no other', async () => {
    expect(await admin.query('cofre.ler_senha', { id: clienteId, entidade: 'acesso', campo: 'chave' })).toEqual({ valor: CHAVE });
    await expectApiError(operator.query('cofre.ler_senha', { id: clienteId }), 'FORBIDDEN');
    await expectApiError(admin.query('cofre.ler_senha', { id: clienteId, campo: 'login_portal' }), 'BAD_REQUEST');
    await expectApiError(admin.query('cofre.ler_senha', { id: 999_999 }), 'NOT_FOUND');
  });

  it('reads a secret from a job in its worker thread', async () => {
    const schedule = await scheduleCalls(admin).create('cofre.senha', 'ler_senha', { module: 'cofre', params: { id: clienteId } });
    await admin.mutate('platform.schedule_run_now', { id: schedule.id });
    const run = await waitFor(async () => (await scheduleCalls(admin).runsOf(schedule.id)).find((r) => r.status !== 'running'), 30_000, 'the run');
    expect(run.error ?? null).toBeNull();
    expect(run.output).toContain('row senha_portal=true');
    expect(run.output).toContain(`sha256 ${sha256(SENHA)}`);
  }, 60_000);

  it('refuses to decrypt with a key that did not encrypt, saying which keys are involved, and refuses a badly written key at start', async () => {
    await stop();
    await start({ SECRETS_KEY: KEY_B });
    await expect(platform!.services.service('cofre.cliente').readSecret(SYSTEM_USER, clienteId, 'senha_portal')).rejects.toThrow(
      `The secret in cofre.cliente.senha_portal was encrypted with key ${KID_A}, which is neither SECRETS_KEY (${KID_B}) nor one of SECRETS_KEY_PREVIOUS`,
    );
    const error = await expectApiError(admin.query('cofre.ler_senha', { id: clienteId }), 'INTERNAL_SERVER_ERROR');
    expectNoSecret('error', error.message);
    await stop();
    await expect(startPlatformOn(dataDir, { SECRETS_KEY: 'not-a-key' }, fixture.options)).rejects.toThrow('SECRETS_KEY must be 32 bytes');
  });

  it('rotates every secret onto the new key with npm run secrets:rotate', async () => {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(await testDatabaseEnv(dataDir)), SECRETS_KEY: KEY_B, SECRETS_KEY_PREVIOUS: KEY_A };
    const dirs = { manifestsDir: fixture.options.manifestsDir, pluginsDir: fixture.options.pluginsDir };
    expect(await runSecretsRotate([], ROOT, env, dirs)).toBe(0);
    await start({ SECRETS_KEY: KEY_B });
    const stored = await storedValues();
    expect(stored.senha).toMatch(new RegExp(`^fs1:${KID_B}:`));
    expect(stored.chave).toMatch(new RegExp(`^fs1:${KID_B}:`));
    expect(await admin.query('cofre.ler_senha', { id: clienteId })).toEqual({ valor: SENHA });
    expect(await admin.query('cofre.ler_senha', { id: acessoId, entidade: 'acesso', campo: 'chave' })).toEqual({ valor: CHAVE });
    // Rewritten in place: no new version, no history entry.
    expect((await admin.query('cofre.cliente.get', { id: clienteId })).version).toBe((await history()).length);
    // A second run finds nothing left under the old key.
    expect(await runSecretsRotate([], ROOT, env, dirs)).toBe(0);
  }, 60_000);
});
