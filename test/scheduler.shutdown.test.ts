/**
 * Shutdown while a job runs: the job is stopped, its run closed as failed and
 * its lease freed before the databases close, so nothing stays "running" —
 * also when the job is in the middle of database calls and ignores the stop.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startPlatformOn } from './support/platformOnDir.js';
import { pluginContext } from '../core/service/pluginContext.js';
import { SYSTEM_USER } from '../core/service/systemUser.js';
import { ADMIN, apiClient, login } from './support/testPlatform.js';
import { prepareSchedulerFixture, waitFor } from './support/schedulerFixture.js';

/** Creates a schedule, runs it now and waits until its run reports progress. */
async function runUntilProgress(api: ReturnType<typeof apiClient>, data: Record<string, unknown>, what: string) {
  const schedule = await api.mutate('platform.schedule.create', { data });
  await api.mutate('platform.schedule_run_now', { id: schedule.id });
  const running = await waitFor(
    async () => {
      const [run] = (await api.query('platform.schedule_run.list', { filter: { schedule: schedule.id } })).rows;
      return run?.status === 'running' && run.progress > 0 ? run : undefined;
    },
    20_000,
    what,
  );
  return { schedule, running };
}

it('stops a running job on shutdown and records its run as interrupted', async () => {
  const fixture = await prepareSchedulerFixture();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-scheduler-stop-'));
  try {
    const first = await startPlatformOn(dataDir, {}, fixture.options);
    let api = apiClient(first.url, (await login(first.url, ADMIN.email, ADMIN.password)).token);
    const { schedule, running } = await runUntilProgress(
      api,
      { name: 'rotinas.longo', module: 'rotinas', job: 'devagar', cron: '0 0 1 1 *', params: { steps: 600, ms: 100 } },
      'the job to make progress',
    );
    await first.stop();

    const second = await startPlatformOn(dataDir, { SCHEDULER: 'off' }, fixture.options);
    api = apiClient(second.url, (await login(second.url, ADMIN.email, ADMIN.password)).token);
    const run = await api.query('platform.schedule_run.get', { id: running.id });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/shut down/);
    expect(run.output).toMatch(/step \d+ of 600/);
    // Its lease was released: run now is accepted at once.
    await api.mutate('platform.schedule_run_now', { id: schedule.id });
    await second.stop();
  } finally {
    await fixture.remove();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 90_000);

it('shuts down cleanly while a job is in the middle of database calls, leaving every write whole', async () => {
  const fixture = await prepareSchedulerFixture();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-scheduler-stop-'));
  try {
    const first = await startPlatformOn(dataDir, {}, fixture.options);
    let api = apiClient(first.url, (await login(first.url, ADMIN.email, ADMIN.password)).token);
    const { running } = await runUntilProgress(
      api,
      { name: 'rotinas.martelo', module: 'rotinas', job: 'martelar', cron: '0 0 1 1 *' },
      'the job to be writing',
    );
    await first.stop();

    const second = await startPlatformOn(dataDir, { SCHEDULER: 'off' }, fixture.options);
    try {
      api = apiClient(second.url, (await login(second.url, ADMIN.email, ADMIN.password)).token);
      const run = await api.query('platform.schedule_run.get', { id: running.id });
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/shut down/);
      const d = pluginContext(second.services, 'rotinas', SYSTEM_USER).data;
      const marks = await d.query<{ id: number }>(`SELECT id FROM ${d.table('marca')} WHERE ${d.column('marca', 'run_id')} = ?`, [running.id]);
      const audited = await d.query<{ record_id: number }>(`SELECT record_id FROM ${d.table('platform.audit')} WHERE module = 'rotinas' AND entity = 'marca'`);
      expect(marks.length).toBeGreaterThan(0);
      expect(audited.map((a) => Number(a.record_id)).sort((a, b) => a - b)).toEqual(marks.map((m) => Number(m.id)).sort((a, b) => a - b));
    } finally {
      await second.stop();
    }
  } finally {
    await fixture.remove();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 90_000);
