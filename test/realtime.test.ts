/**
 * Live updates over Socket.IO, against a real server and the real
 * socket.io-client: the contract's `change` event after each committed change,
 * filtered per event by what the user may read (roles and row rules), handshake
 * authentication, logout and expiry, and reconnection after a server restart.
 *
 * Absence is proved by order, not by waiting: events reach a client in commit
 * order, so once a later "marker" event has arrived, anything that should not
 * have been sent before it would already be there.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../core/realtime/index.js';
import { buildAppModel } from '../core/app/index.js';
import { generateMigrations } from '../core/db/migrations/index.js';
import type { RunningPlatform } from '../core/server/startPlatform.js';
import { ADMIN, createUserAndLogin, login, ROOT, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { expectApiError, trpcApi, type Api } from './support/api.js';

const WAIT_MS = 8_000;
const sockets: Socket[] = [];

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

interface LiveOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** A real client; websocket only, so extra headers (cookie, origin) go on the one upgrade request. */
function liveClient(url: string, o: LiveOptions = {}): Socket {
  const socket = connectSocket(url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    auth: o.token ? { token: o.token } : {},
    extraHeaders: o.headers,
  });
  sockets.push(socket);
  return socket;
}

function within<T>(ms: number, what: string, executor: (resolve: (v: T) => void, reject: (e: Error) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    executor(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return within(WAIT_MS, 'connect', (resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => reject(new Error(`connect_error: ${e.message} ${JSON.stringify((e as { data?: unknown }).data)}`)));
  });
}

function refused(socket: Socket): Promise<Error & { data?: { code: string; message: string } }> {
  return within(WAIT_MS, 'connect_error', (resolve, reject) => {
    socket.once('connect_error', resolve);
    socket.once('connect', () => reject(new Error('connected, but the handshake should have been refused')));
  });
}

function disconnected(socket: Socket, ms = WAIT_MS): Promise<string> {
  return within(ms, 'disconnect', (resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** Every `change` a client receives, in order, with a bounded wait for a particular one. */
class Inbox {
  readonly events: ChangeEvent[] = [];
  private waiters: { match: (e: ChangeEvent) => boolean; resolve: (e: ChangeEvent) => void }[] = [];

  constructor(socket: Socket) {
    socket.on('change', (event: ChangeEvent) => {
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(event)) return true;
        w.resolve(event);
        return false;
      });
    });
  }

  waitFor(match: Partial<ChangeEvent>, ms = WAIT_MS): Promise<ChangeEvent> {
    const matches = (e: ChangeEvent) => Object.entries(match).every(([k, v]) => e[k as keyof ChangeEvent] === v);
    const seen = this.events.find(matches);
    if (seen) return Promise.resolve(seen);
    return within(ms, `change ${JSON.stringify(match)}`, (resolve) => this.waiters.push({ match: matches, resolve }));
  }

  /** Events after a checkpoint (an index into `events`). */
  since(checkpoint: number): ChangeEvent[] {
    return this.events.slice(checkpoint);
  }
}

async function liveInbox(url: string, token: string): Promise<{ socket: Socket; inbox: Inbox }> {
  const socket = liveClient(url, { token });
  const inbox = new Inbox(socket);
  await connected(socket);
  return { socket, inbox };
}

const brief = (e: ChangeEvent) => `${e.module}.${e.entity}#${e.id} ${e.op}`;

async function logout(url: string, token: string): Promise<void> {
  const res = await fetch(`${url}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
}

describe('live updates (sgp)', () => {
  let platform: TestPlatform;
  let admin: LoginResult;
  let adminApi: Api;

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await login(platform.url, ADMIN.email, ADMIN.password);
    adminApi = trpcApi(platform.url, admin.token);
  });

  afterAll(() => platform?.close());

  it('create, update and delete each emit exactly the contract payload, after commit; a failed create emits nothing', async () => {
    const { inbox } = await liveInbox(platform.url, admin.token);
    // Read through the API the moment the event arrives: the change must already be visible (committed).
    const readOnArrival = inbox.waitFor({ op: 'create' }).then((e) => adminApi.query('sgp.cliente.get', { id: e.id }));

    await expectApiError(adminApi.mutate('sgp.cliente.create', { data: {} }), 'BAD_REQUEST');
    const row = await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Cliente ao vivo' } });
    await inbox.waitFor({ id: row.id, op: 'create' });
    await adminApi.mutate('sgp.cliente.update', { id: row.id, version: 1, data: { cidade: 'Recife' } });
    await adminApi.mutate('sgp.cliente.delete', { id: row.id });
    await inbox.waitFor({ id: row.id, op: 'delete' });

    const expected = (op: string, version: number) => ({ module: 'sgp', entity: 'cliente', id: row.id, op, version, by: admin.user.id });
    expect(inbox.events).toStrictEqual([expected('create', 1), expected('update', 2), expected('delete', 2)]);
    expect(await readOnArrival).toMatchObject({ id: row.id, nome: 'Cliente ao vivo', version: 1 });
  });

  it('a user gets events only for the entities their roles may read, decided per event', async () => {
    const semPapel = await createUserAndLogin(platform.url, admin.token, 'sem_papel@test.local', []);
    const live = await liveInbox(platform.url, semPapel.token);
    const adminLive = await liveInbox(platform.url, admin.token);

    const cliente = await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Visível a todos' } });
    const pedido = await adminApi.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
    const user = await adminApi.mutate('platform.user.create', { data: { email: 'outro@test.local', name: 'Outro', password: 'outro-password-1', roles: [] } });
    const marker = await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Marcador' } });
    await live.inbox.waitFor({ entity: 'cliente', id: marker.id });
    await adminLive.inbox.waitFor({ entity: 'cliente', id: marker.id });

    // sgp.pedido is read by named roles only, platform.user by admin only; sgp.cliente by "*".
    expect(live.inbox.events.map(brief)).toEqual([`sgp.cliente#${cliente.id} create`, `sgp.cliente#${marker.id} create`]);
    expect(adminLive.inbox.events.map(brief)).toEqual([
      `sgp.cliente#${cliente.id} create`,
      `sgp.pedido#${pedido.id} create`,
      `platform.user#${user.id} create`,
      `sgp.cliente#${marker.id} create`,
    ]);
  });

  it('a role change applies to the next events of an open connection; deactivating the user disconnects it', async () => {
    const vendedor = await createUserAndLogin(platform.url, admin.token, 'vendedor@test.local', ['vendedor']);
    const { socket, inbox } = await liveInbox(platform.url, vendedor.token);
    const cliente = await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Cliente do vendedor' } });
    const before = await adminApi.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
    await inbox.waitFor({ entity: 'pedido', id: before.id });

    await adminApi.mutate('platform.user.update', { id: vendedor.user.id, data: { roles: [] } });
    const after = await adminApi.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
    const marker = await adminApi.mutate('sgp.cliente.update', { id: cliente.id, data: { cidade: 'Natal' } });
    await inbox.waitFor({ entity: 'cliente', id: cliente.id, op: 'update' });
    expect(inbox.events.map(brief)).toEqual([`sgp.cliente#${cliente.id} create`, `sgp.pedido#${before.id} create`, `sgp.cliente#${marker.id} update`]);
    expect(inbox.events.some((e) => e.id === after.id && e.entity === 'pedido')).toBe(false);

    const gone = disconnected(socket);
    await adminApi.mutate('platform.user.update', { id: vendedor.user.id, data: { active: false } });
    expect(await gone).toBe('io server disconnect');
  });

  it('internal and unknown entities are never emitted', async () => {
    const { inbox } = await liveInbox(platform.url, admin.token);
    const fake = { id: 1, op: 'create', version: 1, by: admin.user.id } as const;
    platform.services.changes.publish({ module: 'platform', entity: 'session', ...fake });
    platform.services.changes.publish({ module: 'platform', entity: 'audit', ...fake });
    platform.services.changes.publish({ module: 'nada', entity: 'disso', ...fake });
    const marker = await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Depois dos internos' } });
    await inbox.waitFor({ id: marker.id });
    expect(inbox.events.map(brief)).toEqual([`sgp.cliente#${marker.id} create`]);
  });

  describe('handshake', () => {
    it('no token → connect_error UNAUTHORIZED with a readable message', async () => {
      const error = await refused(liveClient(platform.url));
      expect(error.message).toBe('UNAUTHORIZED');
      expect(error.data).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/sign in/i) });
    });

    it('a forged, a malformed and a logged-out token → UNAUTHORIZED', async () => {
      const forged = jwt.sign({ sub: String(admin.user.id), jti: 'made-up' }, 'not-the-server-secret-at-all-not-at-all', { algorithm: 'HS256' });
      expect((await refused(liveClient(platform.url, { token: forged }))).message).toBe('UNAUTHORIZED');
      expect((await refused(liveClient(platform.url, { token: 'not.a.jwt' }))).message).toBe('UNAUTHORIZED');
      const ended = await login(platform.url, ADMIN.email, ADMIN.password);
      await logout(platform.url, ended.token);
      const error = await refused(liveClient(platform.url, { token: ended.token }));
      expect([error.message, error.data?.message]).toEqual(['UNAUTHORIZED', 'Session ended; sign in again']);
    });

    it('the session cookie works from the same origin and is refused from another site', async () => {
      const cookie = `forja_session=${encodeURIComponent(admin.token)}`;
      await connected(liveClient(platform.url, { headers: { cookie, origin: platform.url } }));
      await connected(liveClient(platform.url, { headers: { cookie } }));
      const error = await refused(liveClient(platform.url, { headers: { cookie, origin: 'https://evil.example' } }));
      expect([error.message, error.data?.code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      // A bearer token is not sent by the browser on its own, so any origin may use one.
      await connected(liveClient(platform.url, { token: admin.token, headers: { origin: 'https://other.example' } }));
    });
  });

  it("logout disconnects that session's sockets at once, and only those", async () => {
    const session = await login(platform.url, ADMIN.email, ADMIN.password);
    const ending = await liveInbox(platform.url, session.token);
    const staying = await liveInbox(platform.url, admin.token);
    const gone = disconnected(ending.socket);
    await logout(platform.url, session.token);
    expect(await gone).toBe('io server disconnect');

    const marker = await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Ainda conectado' } });
    await staying.inbox.waitFor({ id: marker.id });
    expect(staying.socket.connected).toBe(true);
  });
});

describe('session expiry', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ TOKEN_TTL: '2' });
  });
  afterAll(() => platform?.close());

  it('a socket is disconnected when its token expires', async () => {
    const session = await login(platform.url, ADMIN.email, ADMIN.password);
    const socket = liveClient(platform.url, { token: session.token });
    await connected(socket);
    expect(await disconnected(socket, 10_000)).toBe('io server disconnect');
  });
});

describe('row rules (fixture module "tarefas")', () => {
  const FIXTURE_MANIFESTS = path.join(ROOT, 'test', 'fixtures', 'api', 'manifests');
  let tmp: string;
  let platform: TestPlatform;
  let admin: Api;
  const users = {} as Record<'ana' | 'bruno' | 'chefe', LoginResult>;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'forja-realtime-rows-'));
    const migrationsDir = path.join(tmp, 'migrations');
    const pluginsDir = path.join(tmp, 'plugins');
    await cp(path.join(ROOT, 'migrations', 'platform'), path.join(migrationsDir, 'platform'), { recursive: true });
    const model = await buildAppModel({ root: ROOT, manifestsDir: FIXTURE_MANIFESTS, pluginsDir });
    expect((await generateMigrations({ model, migrationsDir })).refusals).toEqual([]);
    platform = await startTestPlatform({}, { manifestsDir: FIXTURE_MANIFESTS, pluginsDir, migrationsDir });
    const adminSession = await login(platform.url, ADMIN.email, ADMIN.password);
    admin = trpcApi(platform.url, adminSession.token);
    users.ana = await createUserAndLogin(platform.url, adminSession.token, 'ana@test.local', ['operador']);
    users.bruno = await createUserAndLogin(platform.url, adminSession.token, 'bruno@test.local', ['operador']);
    users.chefe = await createUserAndLogin(platform.url, adminSession.token, 'chefe@test.local', ['supervisor']);
  });

  afterAll(async () => {
    await platform?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('an operador gets creates, updates and deletes of their own rows only; a supervisor gets all', async () => {
    const ana = await liveInbox(platform.url, users.ana.token);
    const bruno = await liveInbox(platform.url, users.bruno.token);
    const chefe = await liveInbox(platform.url, users.chefe.token);
    const create = (titulo: string, who: 'ana' | 'bruno') => admin.mutate('tarefas.tarefa.create', { data: { titulo, responsavel: users[who].user.id } });
    const asChefe = trpcApi(platform.url, users.chefe.token);

    const ofBruno = await create('Imprimir painel', 'bruno');
    const ofAna = await trpcApi(platform.url, users.ana.token).mutate('tarefas.tarefa.create', {
      data: { titulo: 'Cortar lona', responsavel: users.ana.user.id },
    });
    await admin.mutate('tarefas.tarefa.update', { id: ofBruno.id, data: { concluida: true } });
    await admin.mutate('tarefas.tarefa.update', { id: ofAna.id, data: { concluida: true } });
    await asChefe.mutate('tarefas.tarefa.delete', { id: ofBruno.id });
    await asChefe.mutate('tarefas.tarefa.delete', { id: ofAna.id });
    const markerAna = await create('Marcador da Ana', 'ana');
    const markerBruno = await create('Marcador do Bruno', 'bruno');
    await ana.inbox.waitFor({ id: markerAna.id });
    await bruno.inbox.waitFor({ id: markerBruno.id });
    await chefe.inbox.waitFor({ id: markerBruno.id });

    const story = (id: number) => [`tarefas.tarefa#${id} create`, `tarefas.tarefa#${id} update`, `tarefas.tarefa#${id} delete`];
    expect(ana.inbox.events.map(brief)).toEqual([...story(ofAna.id), `tarefas.tarefa#${markerAna.id} create`]);
    expect(bruno.inbox.events.map(brief)).toEqual([...story(ofBruno.id), `tarefas.tarefa#${markerBruno.id} create`]);
    expect(chefe.inbox.events.map(brief)).toEqual([
      `tarefas.tarefa#${ofBruno.id} create`,
      `tarefas.tarefa#${ofAna.id} create`,
      `tarefas.tarefa#${ofBruno.id} update`,
      `tarefas.tarefa#${ofAna.id} update`,
      `tarefas.tarefa#${ofBruno.id} delete`,
      `tarefas.tarefa#${ofAna.id} delete`,
      `tarefas.tarefa#${markerAna.id} create`,
      `tarefas.tarefa#${markerBruno.id} create`,
    ]);
    expect(ana.inbox.events[0]).toStrictEqual({ module: 'tarefas', entity: 'tarefa', id: ofAna.id, op: 'create', version: 1, by: users.ana.user.id });
  });

  it('a row handed to someone else: the new owner is told, the old one is not, nor of its later deletion', async () => {
    const ana = await liveInbox(platform.url, users.ana.token);
    const bruno = await liveInbox(platform.url, users.bruno.token);
    const row = await admin.mutate('tarefas.tarefa.create', { data: { titulo: 'Passa adiante', responsavel: users.ana.user.id } });
    await ana.inbox.waitFor({ id: row.id, op: 'create' });
    await admin.mutate('tarefas.tarefa.update', { id: row.id, data: { responsavel: users.bruno.user.id } });
    await admin.mutate('tarefas.tarefa.delete', { id: row.id });
    const marker = await admin.mutate('tarefas.tarefa.create', { data: { titulo: 'Marcador', responsavel: users.ana.user.id } });
    await ana.inbox.waitFor({ id: marker.id });
    await bruno.inbox.waitFor({ id: row.id, op: 'delete' });

    expect(ana.inbox.events.map(brief)).toEqual([`tarefas.tarefa#${row.id} create`, `tarefas.tarefa#${marker.id} create`]);
    expect(bruno.inbox.events.map(brief)).toEqual([`tarefas.tarefa#${row.id} update`, `tarefas.tarefa#${row.id} delete`]);
  });
});

describe('server restart', () => {
  let dataDir: string;
  let running: RunningPlatform | undefined;

  afterAll(async () => {
    await running?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a client reconnects by itself to the restarted server (same data, same port) and receives new events', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-realtime-restart-'));
    const env = { PORT: String(await freePort()) };
    running = await startPlatformOn(dataDir, env);
    const session = await login(running.url, ADMIN.email, ADMIN.password);
    const { socket, inbox } = await liveInbox(running.url, session.token);

    const lost = disconnected(socket);
    await running.stop();
    running = undefined;
    // A lost transport, not a server-side disconnect: the client keeps trying.
    expect(await lost).toBe('transport close');

    running = await startPlatformOn(dataDir, env);
    await within(20_000, 'reconnection', (resolve) => socket.io.once('reconnect', () => resolve(undefined)));
    const row = await trpcApi(running.url, session.token).mutate('sgp.cliente.create', { data: { nome: 'Depois do reinício' } });
    expect(await inbox.waitFor({ id: row.id })).toStrictEqual({ module: 'sgp', entity: 'cliente', id: row.id, op: 'create', version: 1, by: session.user.id });
  }, 40_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
