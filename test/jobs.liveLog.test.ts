/**
 * Live logs of record runs over Socket.IO: each line a job logs reaches, as a
 * `runLog` event, the sockets whose user may read the run's record — checked
 * per line like `change` events — and no other; the lines stay in the run row.
 */
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunLogEvent } from '../core/realtime/index.js';
import { trpcApi, type Api } from './support/api.js';
import type { FixtureModule } from './support/fixtureModule.js';
import { prepareJobsFixture } from './support/jobsFixture.js';
import { waitFor } from './support/schedulerFixture.js';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';

const STEPS = 12;

describe('live run logs', () => {
  let fixture: FixtureModule;
  let platform: TestPlatform;
  let admin: Api;
  let operador: Api;
  const sockets: Socket[] = [];
  const received = new Map<string, RunLogEvent[]>();

  const listen = async (name: string, token: string) => {
    const socket = connectSocket(platform.url, { path: '/socket.io', transports: ['websocket'], forceNew: true, auth: { token } });
    sockets.push(socket);
    received.set(name, []);
    socket.on('runLog', (event: RunLogEvent) => received.get(name)!.push(event));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  };

  beforeAll(async () => {
    fixture = await prepareJobsFixture();
    platform = await startTestPlatform({}, { ...fixture.options, scheduler: { tickMs: 0, jobs: { tickMs: 50 } } });
    const adminToken = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
    admin = trpcApi(platform.url, adminToken);
    const op = await createUserAndLogin(platform.url, adminToken, 'operador@example.com', ['operador']);
    operador = trpcApi(platform.url, op.token);
    const outsider = await createUserAndLogin(platform.url, adminToken, 'outsider@example.com', []);
    await listen('operador', op.token);
    await listen('outsider', outsider.token);
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await platform?.close();
    await fixture?.remove();
  });

  it("sends a run's lines to who may read its record, nobody else, and keeps them in the run", async () => {
    const pedido = (await admin.mutate('tarefas.pedido.create', { data: { nome: 'ao vivo' } })).id;
    const { runId } = await operador.mutate('tarefas.iniciar', { id: pedido, job: 'devagar', params: { steps: STEPS, ms: 20 } });
    const lines = await waitFor(
      async () => ((l) => (l.length >= STEPS ? l : undefined))(received.get('operador')!.filter((e) => e.runId === runId)),
      30_000,
      'the live lines',
    );
    expect(lines.map((e) => e.line)).toEqual(Array.from({ length: STEPS }, (_, i) => `line ${i + 1}`));
    expect(lines.every((e) => e.attempt === 1)).toBe(true);
    // Lines go out in order on one queue: had the outsider been sent any, they would be here by now.
    expect(received.get('outsider')).toEqual([]);
    const run = await waitFor(
      async () => ((r) => (r.status === 'succeeded' ? r : undefined))(await admin.query('platform.run_get', { id: runId })),
      30_000,
      'the run',
    );
    expect(run.output.split('\n')).toEqual(lines.map((e) => e.line));
  }, 90_000);
});
