/**
 * Record jobs (`ctx.jobs.start`) end to end on a real server: a run row per
 * start, a worker per attempt, retries with backoff, per-attempt timeouts that
 * never block the other runs, cancellation, the concurrency bound, onOutcome
 * after each attempt, recovery of runs a dead process left, validation.
 * Tiny delays only; nothing here measures wall-clock time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { waitFor } from './support/schedulerFixture.js';
import { prepareJobsFixture } from './support/jobsFixture.js';
import type { FixtureModule } from './support/fixtureModule.js';
import { expectApiError, issuePaths, trpcApi, type Api } from './support/api.js';
import { backoffDelayMs } from '../core/scheduler/backoff.js';

const CONCURRENCY = 2;
const FINISHED = ['succeeded', 'failed', 'timed_out', 'cancelled'];

describe('record jobs: ctx.jobs.start and the run queue', () => {
  let fixture: FixtureModule;
  let platform: TestPlatform;
  let admin: Api;
  let operador: Api;
  let operadorId: number;
  let leitor: Api;

  beforeAll(async () => {
    fixture = await prepareJobsFixture();
    platform = await startTestPlatform(
      {},
      // Jitter fixed at its maximum: each backoff is the full exponential delay.
      { ...fixture.options, scheduler: { tickMs: 0, jobs: { concurrency: CONCURRENCY, tickMs: 50, leaseMs: 3_000, random: () => 1 } } },
    );
    const adminLogin = await login(platform.url, ADMIN.email, ADMIN.password);
    admin = trpcApi(platform.url, adminLogin.token);
    const op = await createUserAndLogin(platform.url, adminLogin.token, 'operador@example.com', ['operador']);
    operador = trpcApi(platform.url, op.token);
    operadorId = op.user.id;
    leitor = trpcApi(platform.url, (await createUserAndLogin(platform.url, adminLogin.token, 'leitor@example.com', ['leitor'])).token);
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await fixture?.remove();
  });

  const newPedido = async (nome: string) => (await admin.mutate('tarefas.pedido.create', { data: { nome } })).id as number;
  const start = (id: number, job: string, params?: unknown, limits?: object) =>
    operador.mutate('tarefas.iniciar', { id, job, params, limits }) as Promise<{ runId: number }>;
  const run = (id: number) => admin.query('platform.run_get', { id });
  const finished = (id: number) => waitFor(async () => ((r) => (FINISHED.includes(r.status) ? r : undefined))(await run(id)), 90_000, `run ${id} to finish`);
  const outcomeRows = async (runId: number) =>
    (await admin.query('tarefas.resultado.list', { filter: { run_id: runId }, sort: 'id', pageSize: 50 })).rows as any[];
  /** onOutcome runs right after the row is written: wait for the calls a finished run is owed. */
  const outcomes = async (runId: number, expected: number) => {
    const rows = await waitFor(
      async () => ((r) => (r.length >= expected ? r : undefined))(await outcomeRows(runId)),
      30_000,
      `${expected} outcome(s) of run ${runId}`,
    );
    return rows.map((r) => r.status);
  };

  it('starts a run from a procedure: a row, a worker, the outcome, as the user who started it', async () => {
    const pedido = await newPedido('primeiro');
    const { runId } = await start(pedido, 'processar', { falhas: 0 });
    const done = await finished(runId);
    expect(done).toMatchObject({ status: 'succeeded', module: 'tarefas', job: 'processar', record: { entity: 'tarefas.pedido', id: pedido } });
    expect(done).toMatchObject({ trigger: 'code', attempt: 1, maxAttempts: 3, triggeredBy: operadorId, schedule: null, progress: 100 });
    expect(done.output).toContain(`attempt 1 for pedido ${pedido}`);
    expect(done.output).toContain('processed');
    expect((await admin.query('tarefas.pedido.get', { id: pedido })).situacao).toBe('processado');
    expect(await outcomes(runId, 1)).toEqual(['succeeded']);
    // The generic run list shows it with the schedule runs.
    const listed = (await admin.query('platform.schedule_run.list', { filter: { record_id: pedido, record_entity: 'tarefas.pedido' } })).rows;
    expect(listed.map((r: any) => r.id)).toEqual([runId]);
  }, 180_000);

  it('retries a failing job with exponential backoff, then succeeds; onOutcome after each attempt', async () => {
    const pedido = await newPedido('instavel');
    const { runId } = await start(pedido, 'processar', { falhas: 2 });
    const done = await finished(runId);
    expect(done).toMatchObject({ status: 'succeeded', attempt: 3 });
    expect(done.output).toContain('[attempt 2 of 3]');
    expect(done.output).toContain('[attempt 3 of 3]');
    await outcomes(runId, 3);
    const results = await outcomeRows(runId);
    expect(results.map((r) => [r.attempt, r.status])).toEqual([
      [1, 'retrying'],
      [2, 'retrying'],
      [3, 'succeeded'],
    ]);
    expect(results[0].error).toMatch(/failing on purpose \(attempt 1\)/);
    expect(results[0].next_attempt_at).toEqual(expect.any(String));
  }, 180_000);

  it('ends failed once the attempts are spent', async () => {
    const { runId } = await start(await newPedido('sempre falha'), 'processar', { falhas: 9 });
    const done = await finished(runId);
    expect(done).toMatchObject({ status: 'failed', attempt: 3 });
    expect(done.error).toMatch(/failing on purpose \(attempt 3\)/);
    expect(await outcomes(runId, 3)).toEqual(['retrying', 'retrying', 'failed']);
  }, 180_000);

  it("takes a start's own attempts and backoff over the job's", async () => {
    const twice = await start(await newPedido('duas vezes'), 'processar', { falhas: 1 }, { maxAttempts: 2, backoff: { delayMs: 5 } });
    expect(await finished(twice.runId)).toMatchObject({ status: 'succeeded', attempt: 2, maxAttempts: 2 });
    const once = await start(await newPedido('uma vez'), 'processar', { falhas: 1 }, { maxAttempts: 1 });
    expect(await finished(once.runId)).toMatchObject({ status: 'failed', attempt: 1, maxAttempts: 1 });
    expect(await outcomes(once.runId, 1)).toEqual(['failed']);
  }, 180_000);

  it('computes the backoff exponentially, capped, with jitter in the upper half', () => {
    const backoff = { delayMs: 100, factor: 3, maxDelayMs: 500 };
    expect([1, 2, 3].map((n) => backoffDelayMs(backoff, n, () => 1))).toEqual([100, 300, 500]);
    expect([1, 2, 3].map((n) => backoffDelayMs(backoff, n, () => 0))).toEqual([50, 150, 250]);
    expect(backoffDelayMs(undefined, 1, () => 1)).toBe(10_000);
  });

  it('times out a hanging attempt while the other runs complete', async () => {
    const hanging = await start(await newPedido('trava'), 'travar');
    const others = await Promise.all(['a', 'b', 'c'].map(async (n) => (await start(await newPedido(n), 'processar', { falhas: 0 })).runId));
    for (const id of others) expect((await finished(id)).status).toBe('succeeded');
    const hung = await finished(hanging.runId);
    expect(hung.status).toBe('timed_out');
    expect(hung.error).toMatch(/Timed out after 1 s/);
    expect(await outcomes(hanging.runId, 1)).toEqual(['timed_out']);
  }, 180_000);

  it('never runs more than JOBS_CONCURRENCY record runs at once; the rest wait queued', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map(async (n) => (await start(await newPedido(`lote ${n}`), 'devagar', { steps: 8, ms: 25 })).runId));
    let sawQueued = false;
    await waitFor(
      async () => {
        const statuses = await Promise.all(ids.map(async (id) => (await run(id)).status));
        expect(statuses.filter((s) => s === 'running').length).toBeLessThanOrEqual(CONCURRENCY);
        if (statuses.includes('queued')) sawQueued = true;
        return statuses.every((s) => s === 'succeeded') || undefined;
      },
      30_000,
      'every run of the batch',
    );
    expect(sawQueued).toBe(true);
  }, 120_000);

  it('cancels a running run (its worker stopped) and a queued one (never started)', async () => {
    const [a, b, c] = await Promise.all(['x', 'y', 'z'].map(async (n) => (await start(await newPedido(n), 'devagar', { steps: 100_000, ms: 20 })).runId));
    const logging = async (id: number) => (await run(id)).output.includes('line 1');
    await waitFor(async () => ((await logging(a!)) && (await logging(b!))) || undefined, 90_000, 'two runs logging');
    expect((await run(c!)).status).toBe('queued');
    await operador.mutate('tarefas.cancelar', { runId: c });
    const waiting = await run(c!);
    expect(waiting).toMatchObject({ status: 'cancelled', attempt: 0 });
    const viaScreen = await operador.mutate('platform.run_cancel', { id: a });
    expect(['running', 'cancelled']).toContain(viaScreen.status);
    await operador.mutate('tarefas.cancelar', { runId: b });
    for (const id of [a!, b!]) {
      const done = await finished(id);
      expect(done.status).toBe('cancelled');
      expect(done.output).toContain('line 1');
      expect(await outcomes(id, 1)).toEqual(['cancelled']);
    }
  }, 180_000);

  it('starts a record job from inside a job (ctx.jobs through the worker)', async () => {
    const pedido = await newPedido('encadeado');
    const { runId } = await start(pedido, 'encadear');
    const done = await finished(runId);
    expect(done.status).toBe('succeeded');
    const started = Number(/started run (\d+)/.exec(done.output)![1]);
    expect(await finished(started)).toMatchObject({ status: 'succeeded', job: 'processar', triggeredBy: null, record: { id: pedido } });
  }, 180_000);

  it('recovers runs a dead process left running: another attempt when attempts remain, else failed', async () => {
    const pedido = await newPedido('orfao');
    const gone = new Date(Date.now() - 60_000);
    const dead = (attempt: number) =>
      platform.repos.datasourceOf('platform.schedule_run').writeTransaction((tx) =>
        platform.repos.repo('platform.schedule_run').insert(
          {
            module: 'tarefas',
            job: 'processar',
            record_entity: 'tarefas.pedido',
            record_id: pedido,
            params: JSON.stringify({ falhas: 0 }),
            slot_key: `dead@${attempt}@${Date.now()}`,
            trigger: 'code',
            slot_at: gone,
            started_at: gone,
            status: 'running',
            attempt,
            max_attempts: 3,
            instance: 'dead-host:1',
            lease_until: gone,
            output: 'half way',
            version: 1,
            created_at: gone,
            updated_at: gone,
          },
          tx,
        ),
      );
    const retried = await dead(1);
    const spent = await dead(3);
    await platform.runQueue!.tick();
    const again = await finished(retried);
    expect(again).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(again.output).toMatch(/half way\nInterrupted: the process running it stopped/);
    expect(await outcomes(retried, 2)).toEqual(['retrying', 'succeeded']);
    const failed = await finished(spent);
    expect(failed).toMatchObject({ status: 'failed', attempt: 3 });
    expect(await outcomes(spent, 1)).toEqual(['failed']);
  }, 180_000);

  describe('refuses a bad start, naming the field', () => {
    it.each([
      ['an unknown job', 'nao_existe', { falhas: 0 }, 'BAD_REQUEST', 'job'],
      ['a job without `record`', 'so_agenda', undefined, 'BAD_REQUEST', 'job'],
      ['params against the schema', 'processar', { falhas: 'duas' }, 'BAD_REQUEST', 'params.falhas'],
      ['an unknown param', 'processar', { falhas: 0, extra: 1 }, 'BAD_REQUEST', 'params'],
      ['zero attempts', 'processar', { falhas: 0 }, 'BAD_REQUEST', 'maxAttempts', { maxAttempts: 0 }],
      ['a timeout that is not a number', 'processar', { falhas: 0 }, 'BAD_REQUEST', 'timeoutSeconds', { timeoutSeconds: 'x' }],
      ['a negative backoff', 'processar', { falhas: 0 }, 'BAD_REQUEST', 'backoff.delayMs', { backoff: { delayMs: -1 } }],
    ])('%s', async (_case, job, params, code, path, limits?: object) => {
      const error = await expectApiError(start(await newPedido('invalido'), job, params, limits), code);
      expect(
        issuePaths(error).some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(path)),
        JSON.stringify(error.issues),
      ).toBe(true);
    });

    it('a record that does not exist', async () => {
      const error = await expectApiError(start(999_999, 'processar', { falhas: 0 }), 'NOT_FOUND');
      expect(error.message).toMatch(/record/);
    });

    it('runs of a record only for who may read it, and Cancel only for who may update it', async () => {
      const pedido = await newPedido('leitura');
      const { runId } = await start(pedido, 'processar', { falhas: 0 });
      await finished(runId);
      expect((await leitor.query('platform.record_runs', { entity: 'tarefas.pedido', id: pedido })).map((r: any) => r.id)).toEqual([runId]);
      expect((await leitor.query('platform.run_get', { id: runId })).canCancel).toBe(false);
      await expectApiError(leitor.mutate('platform.run_cancel', { id: runId }), 'FORBIDDEN');
    });
  });
});
