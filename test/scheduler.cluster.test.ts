/**
 * Two Forja processes' schedulers on one SQLite file, ticking through many
 * slots on a clock the test steps: every due slot runs exactly once, a slot
 * that comes due while the previous run holds the lease is recorded once as
 * skipped, and runs a dead process left "running" are closed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../core/server/startPlatform.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { ADMIN, apiClient, login } from './support/testPlatform.js';
import { ManualClock, prepareSchedulerFixture, scheduleCalls, type SchedulerFixture } from './support/schedulerFixture.js';

const MINUTE = 60_000;

describe('scheduler cluster: two instances, one database', () => {
  let fixture: SchedulerFixture;
  let dataDir: string;
  let a: RunningPlatform;
  let b: RunningPlatform;
  const clock = new ManualClock();
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    fixture = await prepareSchedulerFixture();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-cluster-'));
    // Manual ticks only; a lease outlives the clock steps, as it would with renewals in real time.
    const scheduler = { clock, tickMs: 0, leaseMs: 30 * MINUTE };
    a = await startPlatformOn(dataDir, {}, { ...fixture.options, scheduler: { ...scheduler, instanceId: 'instance-a' } });
    b = await startPlatformOn(dataDir, {}, { ...fixture.options, scheduler: { ...scheduler, instanceId: 'instance-b' } });
    api = apiClient(a.url, (await login(a.url, ADMIN.email, ADMIN.password)).token);
  }, 120_000);

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await fixture?.remove();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const tickBoth = async () => {
    await Promise.all([a.scheduler!.tick(), b.scheduler!.tick(), a.scheduler!.tick(), b.scheduler!.tick()]);
    await Promise.all([a.scheduler!.idle(), b.scheduler!.idle()]);
  };
  const scheduleNamed = async (name: string) => (await api.query('platform.schedule.list', { filter: { name } })).rows[0];
  const runsOf = (scheduleId: number) => scheduleCalls(api).runsOf(scheduleId);

  it('runs each due slot exactly once, whichever instance ticks first', async () => {
    const schedule = await scheduleNamed('rotinas.minuto');
    const enabled = await api.mutate('platform.schedule.update', { id: schedule.id, data: { enabled: true }, version: schedule.version });
    clock.set(Date.parse(enabled.next_run_at));
    const slots = 8;
    for (let i = 0; i < slots; i++) {
      await tickBoth();
      clock.advance(MINUTE);
    }
    const runs = await runsOf(schedule.id);
    expect(runs).toHaveLength(slots);
    expect(new Set(runs.map((r) => r.slot_key)).size).toBe(slots);
    expect(runs.map((r) => r.status)).toEqual(Array(slots).fill('succeeded'));
    // One slot per minute, no gap and no repeat.
    const slotTimes = runs.map((r) => Date.parse(r.slot_at)).sort((x, y) => x - y);
    slotTimes.slice(1).forEach((t, i) => {
      expect(t - slotTimes[i]!).toBe(MINUTE);
    });
    // The job's own side effect happened once per slot.
    const marks = (await api.query('rotinas.marca.list', { pageSize: 200 })).rows as any[];
    expect(marks).toHaveLength(slots);
    expect(new Set(marks.map((m) => m.slot)).size).toBe(slots);
    expect(marks.map((m) => m.slot).sort()).toEqual(runs.map((r) => r.slot_at).sort());
    await api.mutate('platform.schedule.update', { id: schedule.id, data: { enabled: false }, version: (await scheduleNamed('rotinas.minuto')).version });
  }, 180_000);

  it('records a slot that comes due while the previous run still runs as skipped, once', async () => {
    const created = await api.mutate('platform.schedule.create', {
      data: {
        name: 'rotinas.lento',
        module: 'rotinas',
        job: 'devagar',
        cron: '* * * * *',
        timezone: 'UTC',
        params: { steps: 40, ms: 100 },
        timeout_seconds: 120,
      },
    });
    clock.advance(MINUTE);
    await Promise.all([a.scheduler!.tick(), b.scheduler!.tick()]);
    clock.advance(MINUTE);
    await Promise.all([a.scheduler!.tick(), b.scheduler!.tick(), a.scheduler!.tick(), b.scheduler!.tick()]);
    await Promise.all([a.scheduler!.idle(), b.scheduler!.idle()]);
    const runs = await runsOf(created.id);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'skipped']);
    expect(runs[1].error).toMatch(/still running/);
    expect(runs[0].output).toContain('step 40 of 40');
    expect(runs[0].progress).toBe(100);
    await api.mutate('platform.schedule.update', { id: created.id, data: { enabled: false }, version: (await scheduleNamed('rotinas.lento')).version });
  }, 120_000);

  it('closes a run left running by a process that died, and frees its schedule', async () => {
    const created = await api.mutate('platform.schedule.create', {
      data: { name: 'rotinas.orfao', module: 'rotinas', job: 'marcar', cron: '0 0 1 1 *', timezone: 'UTC', enabled: false },
    });
    // What a process killed mid-run leaves behind: a running row and its lease, no longer renewed.
    const now = clock.now();
    const gone = new Date(now.getTime() - 40 * MINUTE);
    const stored = { version: 1, created_at: gone, updated_at: gone };
    const runId = await a.repos.datasourceOf('platform.schedule_run').writeTransaction(async (tx) => {
      const id = await a.repos.repo('platform.schedule_run').insert(
        {
          schedule: created.id,
          slot_key: `${created.id}@dead`,
          trigger: 'cron',
          slot_at: gone,
          started_at: gone,
          status: 'running',
          instance: 'dead-host',
          ...stored,
        },
        tx,
      );
      await a.repos
        .repo('platform.schedule_lease')
        .insert({ schedule: created.id, holder: 'dead-host', expires_at: new Date(gone.getTime() + MINUTE), run: id, ...stored }, tx);
      return id;
    });
    await b.scheduler!.tick();
    const run = await api.query('platform.schedule_run.get', { id: runId });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Interrupted/);
    expect(run.finished_at).not.toBeNull();
    // The expired lease no longer blocks the schedule.
    await api.mutate('platform.schedule_run_now', { id: created.id });
    await tickBoth();
    const runs = await runsOf(created.id);
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([
      ['cron', 'failed'],
      ['manual', 'succeeded'],
    ]);
  }, 60_000);

  it('after downtime runs the latest missed slot within the catch-up window, and records an older one once as missed', async () => {
    const created = await api.mutate('platform.schedule.create', {
      data: { name: 'rotinas.diario', module: 'rotinas', job: 'marcar', cron: '0 2 * * *', timezone: 'UTC' },
    });
    // Nobody ticked for two days; the scheduler comes back 30 minutes after a slot: that slot runs, none is replayed.
    const slot = new Date(clock.now().getTime() + 3 * 24 * 60 * MINUTE);
    slot.setUTCHours(2, 0, 0, 0);
    clock.set(slot.getTime() + 30 * MINUTE);
    await tickBoth();
    await tickBoth();
    let runs = await runsOf(created.id);
    expect(runs.map((r) => [r.slot_at, r.status])).toEqual([[slot.toISOString(), 'succeeded']]);
    // Next time it comes back three hours after the slot: beyond the one-hour window, recorded as missed.
    clock.set(slot.getTime() + 24 * 60 * MINUTE + 3 * 60 * MINUTE);
    await tickBoth();
    runs = await runsOf(created.id);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'skipped']);
    expect(runs[1].error).toMatch(/Missed/);
    expect((await api.query('rotinas.marca.list', { filter: { run_id: runs[0].id } })).rows).toHaveLength(1);
    await api.mutate('platform.schedule.update', { id: created.id, data: { enabled: false }, version: (await scheduleNamed('rotinas.diario')).version });
  }, 60_000);
});
