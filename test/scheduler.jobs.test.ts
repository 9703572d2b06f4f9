/**
 * Jobs through the real server: run now, a hanging job timed out while the
 * server keeps answering, a throwing job recorded, live progress, admin-only
 * schedules with validation, read-only runs, and the platform cleanup job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_USER } from '../core/service/systemUser.js';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, issuePaths, trpcApi, type Api } from './support/api.js';
import { prepareSchedulerFixture, scheduleCalls, waitFor, type SchedulerFixture } from './support/schedulerFixture.js';

const DAY = 86_400_000;

describe('scheduled jobs on a running server', () => {
  let fixture: SchedulerFixture;
  let platform: TestPlatform;
  let admin: Api;
  let operator: Api;

  beforeAll(async () => {
    fixture = await prepareSchedulerFixture();
    platform = await startTestPlatform({}, fixture.options);
    const { token } = await login(platform.url, ADMIN.email, ADMIN.password);
    admin = trpcApi(platform.url, token);
    operator = trpcApi(platform.url, (await createUserAndLogin(platform.url, token, 'operador@test.local', ['operador'])).token);
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await fixture?.remove();
  });

  const createSchedule = (name: string, job: string, extra?: Record<string, unknown>) => scheduleCalls(admin).create(name, job, extra);
  const runsOf = (scheduleId: number) => scheduleCalls(admin).runsOf(scheduleId);
  const finishedRun = (scheduleId: number) => waitFor(async () => (await runsOf(scheduleId)).find((r) => r.status !== 'running'), 30_000, 'a finished run');

  it('times out a job stuck in a synchronous infinite loop while the server keeps answering', async () => {
    const schedule = await createSchedule('rotinas.trava', 'pendurar', { timeout_seconds: 1 });
    await admin.mutate('platform.schedule_run_now', { id: schedule.id });
    const running = await waitFor(async () => (await runsOf(schedule.id)).find((r) => r.status === 'running'), 10_000, 'the run to start');
    expect(running.trigger).toBe('manual');
    let answered = 0;
    const run = await waitFor(
      async () => {
        const health = await fetch(`${platform.url}/health`);
        expect(health.status).toBe(200);
        answered++;
        return (await runsOf(schedule.id)).find((r) => r.status !== 'running');
      },
      30_000,
      'the timeout',
    );
    expect(answered).toBeGreaterThan(0);
    expect(run.status).toBe('timed_out');
    expect(run.error).toMatch(/Timed out after 1 s/);
    expect(run.finished_at).not.toBeNull();
    const after = await admin.query('platform.schedule.get', { id: schedule.id });
    expect(after.last_status).toBe('timed_out');
    // The lease was released: the schedule can run again.
    await admin.mutate('platform.schedule_run_now', { id: schedule.id });
  }, 60_000);

  it('records a job that throws as failed, with its error', async () => {
    const schedule = await createSchedule('rotinas.erro', 'falhar');
    await admin.mutate('platform.schedule_run_now', { id: schedule.id });
    const run = await finishedRun(schedule.id);
    expect(run.status).toBe('failed');
    expect(run.error).toContain('falha proposital: sem conexão com o servidor de arquivos');
    expect(run.triggered_by).toBe((await admin.query('platform.schedule.get', { id: schedule.id })).updated_by);
  }, 60_000);

  it('writes progress and output while the job runs, refuses a second run now meanwhile, and ends succeeded', async () => {
    const schedule = await createSchedule('rotinas.progresso', 'devagar', { params: { steps: 30, ms: 100 } });
    await admin.mutate('platform.schedule_run_now', { id: schedule.id });
    const midway = await waitFor(
      async () => (await runsOf(schedule.id)).find((r) => r.status === 'running' && r.progress > 0 && r.progress < 100),
      20_000,
      'progress',
    );
    expect(midway.output).toMatch(/step \d+ of 30/);
    expect(midway.progress_message).toMatch(/^step \d+$/);
    await expectApiError(admin.mutate('platform.schedule_run_now', { id: schedule.id }), 'CONFLICT');
    const run = await finishedRun(schedule.id);
    expect(run.status).toBe('succeeded');
    expect(run.progress).toBe(100);
    expect(run.output).toContain('step 30 of 30');
    expect(run.output).toContain('all steps done');
    expect(await runsOf(schedule.id)).toHaveLength(1);
  }, 60_000);

  it("passes the records a job writes in its worker on to the server's live updates", async () => {
    const events: { module: string; entity: string; op: string }[] = [];
    const unsubscribe = platform.services.changes.subscribe((e) => events.push(e));
    try {
      const schedule = await createSchedule('rotinas.marcador', 'marcar');
      await admin.mutate('platform.schedule_run_now', { id: schedule.id });
      const run = await finishedRun(schedule.id);
      expect(run.status).toBe('succeeded');
      const [mark] = (await admin.query('rotinas.marca.list', { filter: { run_id: run.id } })).rows;
      expect(events).toContainEqual(expect.objectContaining({ module: 'rotinas', entity: 'marca', id: mark.id, op: 'create' }));
    } finally {
      unsubscribe();
    }
  }, 60_000);

  it('lets only admins create, edit and run schedules; runs are read-only even for admins', async () => {
    const schedule = await createSchedule('rotinas.restrito', 'marcar');
    await expectApiError(operator.query('platform.schedule.list', {}), 'FORBIDDEN');
    await expectApiError(
      operator.mutate('platform.schedule.create', { data: { name: 'rotinas.meu', module: 'rotinas', job: 'marcar', cron: '* * * * *' } }),
      'FORBIDDEN',
    );
    await expectApiError(operator.mutate('platform.schedule.update', { id: schedule.id, data: { enabled: false } }), 'FORBIDDEN');
    await expectApiError(operator.mutate('platform.schedule_run_now', { id: schedule.id }), 'FORBIDDEN');
    await expectApiError(operator.query('platform.schedule_run.list', {}), 'FORBIDDEN');
    await expectApiError(
      admin.mutate('platform.schedule_run.create', {
        data: {
          schedule: schedule.id,
          slot_key: 'x',
          trigger: 'manual',
          slot_at: new Date().toISOString(),
          started_at: new Date().toISOString(),
          status: 'succeeded',
        },
      }),
      'FORBIDDEN',
    );
    const [anyRun] = (await admin.query('platform.schedule_run.list', { pageSize: 1 })).rows;
    await expectApiError(admin.mutate('platform.schedule_run.update', { id: anyRun.id, data: { status: 'succeeded' } }), 'FORBIDDEN');
    await expectApiError(admin.mutate('platform.schedule_run.delete', { id: anyRun.id }), 'FORBIDDEN');
    // Bookkeeping fields are not the admin's to set.
    await expectApiError(admin.mutate('platform.schedule.update', { id: schedule.id, data: { next_run_at: new Date().toISOString() } }), 'BAD_REQUEST');
  });

  it('checks cron, time zone, job and params on save, naming the field', async () => {
    const bad = async (data: Record<string, unknown>) =>
      issuePaths(
        await expectApiError(
          admin.mutate('platform.schedule.create', { data: { name: 'rotinas.invalido', module: 'rotinas', job: 'marcar', cron: '* * * * *', ...data } }),
          'BAD_REQUEST',
        ),
      );
    expect(await bad({ cron: '61 * * * *' })).toEqual(['data.cron']);
    expect(await bad({ timezone: 'America/Sao_Pablo' })).toEqual(['data.timezone']);
    expect(await bad({ job: 'inexistente' })).toEqual(['data.job']);
    expect(await bad({ module: 'nenhum' })).toEqual(['data.module']);
    expect(await bad({ job: 'devagar', params: { steps: 0, ms: 10 } })).toEqual(['data.params.steps']);
    expect(await bad({ job: 'devagar', params: { ms: 10 } })).toEqual(['data.params.steps']);
    const ok = await createSchedule('rotinas.valido', 'devagar', { cron: '0 2 * * *', timezone: 'America/Sao_Paulo', params: { steps: 1, ms: 1 } });
    // 02:00 in São Paulo is 05:00 UTC (no daylight saving time since 2019).
    expect(new Date(ok.next_run_at).getUTCHours()).toBe(5);
    const edited = await expectApiError(
      admin.mutate('platform.schedule.update', { id: ok.id, data: { params: { steps: 'muitos', ms: 1 } }, version: ok.version }),
      'BAD_REQUEST',
    );
    expect(issuePaths(edited)).toEqual(['data.params.steps']);
    const disabled = await admin.mutate('platform.schedule.update', { id: ok.id, data: { enabled: false }, version: ok.version });
    expect(disabled.next_run_at).toBeNull();
  });

  it('cleanup job deletes old runs, ended sessions, stale login attempts and expired idempotency keys, and keeps the rest', async () => {
    const { repos, services } = platform;
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo);
    const [userId] = await repos.repo('platform.user').idsWhere({ email: ADMIN.email }, 1);
    const cleanup = (await admin.query('platform.schedule.list', { filter: { name: 'platform.cleanup' } })).rows[0];
    const keepSession = 'keep-session-jti';
    await repos.datasourceOf('platform.session').writeTransaction(async (tx) => {
      const base = (t: Date) => ({ version: 1, created_at: t, updated_at: t });
      const run = (key: string, finished: Date, status: string) =>
        repos
          .repo('platform.schedule_run')
          .insert(
            { schedule: cleanup.id, slot_key: key, trigger: 'cron', slot_at: finished, started_at: finished, finished_at: finished, status, ...base(finished) },
            tx,
          );
      await run('old-1', at(40 * DAY), 'succeeded');
      await run('old-2', at(31 * DAY), 'failed');
      await run('recent', at(2 * DAY), 'succeeded');
      const session = (jti: string, expires: Date, revoked: Date | null) =>
        repos.repo('platform.session').insert({ jti, user: userId, expires_at: expires, revoked_at: revoked, ...base(at(DAY)) }, tx);
      await session('expired-jti', at(DAY), null);
      await session('revoked-jti', new Date(now + DAY), at(3_600_000));
      await session(keepSession, new Date(now + DAY), null);
      const attempt = (key: string, windowStart: Date, lockedUntil: Date | null) =>
        repos.repo('platform.login_attempt').insert({ key, failures: 3, window_start: windowStart, locked_until: lockedUntil, ...base(windowStart) }, tx);
      await attempt('account:stale@test.local', at(3 * DAY), null);
      await attempt('account:locked@test.local', at(3 * DAY), new Date(now + 3_600_000));
      await attempt('account:fresh@test.local', at(60_000), null);
      const idempotencyKey = (key: string, expires: Date) =>
        repos
          .repo('platform.idempotency_key')
          .insert({ key, user: userId, procedure: 'sgp.cliente.create', input_hash: 'h', record_id: 1, expires_at: expires, ...base(at(DAY)) }, tx);
      await idempotencyKey(`${userId}:vencida`, at(60_000));
      await idempotencyKey(`${userId}:valida`, new Date(now + 3_600_000));
    });
    await admin.mutate('platform.schedule_run_now', { id: cleanup.id });
    const run = await waitFor(async () => (await runsOf(cleanup.id)).find((r) => r.trigger === 'manual' && r.status !== 'running'), 30_000, 'cleanup');
    expect(run.status).toBe('succeeded');
    expect(run.output).toContain('2 schedule run(s)');
    const keys = (await admin.query('platform.schedule_run.list', { filter: { schedule: cleanup.id }, sort: 'id' })).rows.map((r: any) => r.slot_key);
    expect(keys).toEqual(['recent', expect.stringMatching(/@manual@/)]);
    const jtis = await services.service('platform.session').list(SYSTEM_USER, { pageSize: 100 });
    expect(jtis.rows.map((r) => r.jti)).not.toContain('expired-jti');
    expect(jtis.rows.map((r) => r.jti)).not.toContain('revoked-jti');
    expect(jtis.rows.map((r) => r.jti)).toContain(keepSession);
    // Only the rows made above: the test's own sign-ins leave a fresh counter for their address.
    const attempts = (await services.service('platform.login_attempt').list(SYSTEM_USER, { pageSize: 100 })).rows
      .map((r) => String(r.key))
      .filter((k) => k.startsWith('account:'));
    expect(attempts.sort()).toEqual(['account:fresh@test.local', 'account:locked@test.local']);
    const idempotencyKeys = (await services.service('platform.idempotency_key').list(SYSTEM_USER, { pageSize: 100 })).rows.map((r) => r.key);
    expect(idempotencyKeys).toEqual([`${userId}:valida`]);
    // The admin's own session still works.
    expect((await admin.query('platform.schedule.get', { id: cleanup.id })).id).toBe(cleanup.id);
  }, 60_000);
});
