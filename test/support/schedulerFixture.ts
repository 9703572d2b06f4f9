/**
 * The `rotinas` fixture module (test/fixtures/scheduler) with its migrations
 * generated into a temp folder, and a clock tests step by hand.
 */
import path from 'node:path';
import type { Clock } from '../../core/scheduler/index.js';
import { ROOT } from './testPlatform.js';
import { prepareFixtureModule, type FixtureModule } from './fixtureModule.js';
import type { Api } from './api.js';

export const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'scheduler');

export type SchedulerFixture = FixtureModule;

export function prepareSchedulerFixture(manifestsDir = path.join(FIXTURE, 'manifests')): Promise<SchedulerFixture> {
  return prepareFixtureModule({ manifestsDir, pluginsDir: path.join(FIXTURE, 'plugins') });
}

/** A clock that moves only when told; starts at the real time so hooks' next-run times agree with it. */
export class ManualClock implements Clock {
  private t = Date.now();
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(at: Date | number): void {
    this.t = new Date(at).getTime();
  }
}

/** Polls until `check` returns a value (not undefined); fails after `ms`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, ms = 20_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The schedule calls the scheduler tests make through the API, as an admin. */
export function scheduleCalls(admin: Pick<Api, 'query' | 'mutate'>) {
  return {
    /** A schedule of the fixture module that never comes due by itself (1 January, UTC): it runs when asked. */
    create: (name: string, job: string, extra: Record<string, unknown> = {}) =>
      admin.mutate('platform.schedule.create', { data: { name, module: 'rotinas', job, cron: '0 0 1 1 *', timezone: 'UTC', ...extra } }),
    runsOf: async (scheduleId: number) =>
      (await admin.query('platform.schedule_run.list', { filter: { schedule: scheduleId }, sort: 'id', pageSize: 200 })).rows as any[],
  };
}
