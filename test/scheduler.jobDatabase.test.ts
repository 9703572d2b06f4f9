/**
 * A job's database work runs on the server, not in the job's thread: a job
 * terminated in the middle of its calls, again and again, never takes the
 * server down nor leaves a write half done; typed errors reach the job as the
 * same classes; the thread never loads a database driver; and SQL names are
 * built in the thread exactly as the server builds them.
 */
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginContext } from '../core/service/pluginContext.js';
import { SYSTEM_USER } from '../core/service/systemUser.js';
import { JobHost } from '../core/scheduler/jobHost.js';
import { forwardingDataAccess, HostCalls } from '../core/scheduler/worker/hostCalls.js';
import { ADMIN, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { ApiCallError, trpcApi, type Api } from './support/api.js';
import { prepareSchedulerFixture, scheduleCalls, waitFor, type SchedulerFixture } from './support/schedulerFixture.js';

describe("a job's database calls", () => {
  let fixture: SchedulerFixture;
  let platform: TestPlatform;
  let admin: Api;

  beforeAll(async () => {
    fixture = await prepareSchedulerFixture();
    platform = await startTestPlatform({}, fixture.options);
    admin = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    await fixture?.remove();
  });

  const createSchedule = (name: string, job: string, extra?: Record<string, unknown>) => scheduleCalls(admin).create(name, job, extra);
  const runsOf = (scheduleId: number) => scheduleCalls(admin).runsOf(scheduleId);
  /** Runs the schedule now and waits for that run (the `index`-th) to end; the previous run's lease may still be on its way out. */
  const runToEnd = async (scheduleId: number, index = 0) => {
    await waitFor(
      () =>
        admin.mutate('platform.schedule_run_now', { id: scheduleId }).then(
          () => true,
          (e: unknown) => {
            if (e instanceof ApiCallError && e.code === 'CONFLICT') return undefined;
            throw e;
          },
        ),
      10_000,
      'run now to be accepted',
    );
    return waitFor(
      async () => {
        const run = (await runsOf(scheduleId))[index];
        return run && run.status !== 'running' ? run : undefined;
      },
      30_000,
      `run ${index} to end`,
    );
  };
  const data = () => pluginContext(platform.services, 'rotinas', SYSTEM_USER).data;

  it('a job terminated by its timeout in the middle of database calls, ten times over, never takes the server down nor leaves a write half done', async () => {
    // Long enough for the worker to boot and write on a loaded machine; the job never ends by itself, so each run times out.
    const schedule = await createSchedule('rotinas.martelo', 'martelar', { timeout_seconds: 4 });
    const runs = [];
    for (let i = 0; i < 10; i++) {
      const run = await runToEnd(schedule.id, i);
      expect(run.status).toBe('timed_out');
      expect(run.error).toMatch(/Timed out after 4 s/);
      expect((await fetch(`${platform.url}/health`)).status).toBe(200);
      runs.push(run);
    }
    const d = data();
    const marks = await d.query<{ id: number; slot: string; run_id: number }>(`SELECT id, slot, run_id FROM ${d.table('marca')} WHERE slot LIKE 'martelo-%'`);
    // The job really was writing when it was stopped, and each write is whole: the row and its audit entry, or neither.
    expect(marks.length).toBeGreaterThan(0);
    expect(runs.map((r) => r.id)).toEqual(expect.arrayContaining([...new Set(marks.map((m) => m.run_id))]));
    expect(marks.every((m) => /^martelo-\d+$/.test(m.slot))).toBe(true);
    const audited = await d.query<{ record_id: number }>(
      `SELECT record_id FROM ${d.table('platform.audit')} WHERE module = 'rotinas' AND entity = 'marca' AND op = 'create'`,
    );
    const ids = (rows: { id?: number; record_id?: number }[]) => rows.map((r) => Number(r.id ?? r.record_id)).sort((a, b) => a - b);
    expect(ids(audited)).toEqual(ids(marks));
    // The server still serves records and runs jobs.
    expect((await admin.query('rotinas.marca.list', { pageSize: 1 })).total).toBe(marks.length);
    const after = await runToEnd((await createSchedule('rotinas.depois', 'marcar')).id);
    expect(after.status).toBe('succeeded');
  }, 240_000);

  it('gives the job the same typed errors its calls meet on the server, issues included', async () => {
    const run = await runToEnd((await createSchedule('rotinas.validar', 'validar')).id);
    expect(run.status, run.error).toBe('succeeded');
    const lines = (run.output as string).split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^create with too many decimals: ValidationError \[data\.valor\] - /));
    expect(lines).toContainEqual(expect.stringMatching(/^create without a required field: ValidationError \[data\.slot\] - data\.slot is required/));
    expect(lines).toContainEqual(expect.stringMatching(/^get a missing id: NotFoundError - /));
    expect(lines).toContainEqual(expect.stringMatching(/^bad sql: Error - .*lugar_nenhum/));
    expect(lines).toContain('undeclared column: Error - "nada" is not a field of rotinas.marca');
    expect(lines).toContain('stored 1234, read back 12.34');
  }, 60_000);

  it('runs the job in a thread that never loads a database driver', async () => {
    const run = await runToEnd((await createSchedule('rotinas.sonda', 'sondar')).id);
    expect(run.status, run.error).toBe('succeeded');
    const packages = (run.output as string)
      .replace(/^packages: /, '')
      .trim()
      .split(' ');
    // The probe sees the packages the thread did load (the scheduler's cron parser, for the model)...
    expect(packages).toContain('cron-parser');
    // ...and neither the ORM nor the native SQLite binding.
    expect(packages).not.toContain('sequelize');
    expect(packages).not.toContain('sqlite3');
  }, 60_000);

  it("builds SQL names and decimals in the job's thread exactly as the server does", () => {
    const local = data();
    const { port1 } = new MessageChannel();
    const naming = new JobHost(platform.services, platform.dataDir).datasourceNaming();
    const forwarded = forwardingDataAccess(platform.model, 'rotinas', naming, new HostCalls(port1));
    port1.close();
    const sameOutcome = (use: (d: typeof local) => unknown) => {
      const outcome = (d: typeof local) => {
        try {
          return { value: use(d) };
        } catch (e) {
          return { error: (e as Error).message };
        }
      };
      expect(outcome(forwarded)).toEqual(outcome(local));
    };
    expect(forwarded.dialect).toBe(local.dialect);
    sameOutcome((d) => d.table('marca'));
    sameOutcome((d) => d.table('platform.user'));
    sameOutcome((d) => d.table('nada'));
    sameOutcome((d) => d.column('marca', 'slot'));
    sameOutcome((d) => d.column('marca', 'created_at'));
    sameOutcome((d) => d.column('platform.user', 'email'));
    sameOutcome((d) => d.column('marca', 'nada'));
    sameOutcome((d) => d.decimal('marca', 'valor', 1234));
    sameOutcome((d) => d.decimal('marca', 'slot', 1));
    sameOutcome((d) => d.sql.monthOf('x') + d.sql.dayOf('y'));
    expect(forwarded.table('marca')).toBe('`rotinas_marca`');
  });
});
