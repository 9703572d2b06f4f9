/**
 * The `rotinas` fixture module (test/fixtures/scheduler) with its migrations
 * generated into a temp folder, and a clock tests step by hand.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildAppModel } from '../../core/model/index.js';
import { generateMigrations } from '../../core/db/migrations/index.js';
import type { StartOptions } from '../../core/server/startPlatform.js';
import type { Clock } from '../../core/scheduler/index.js';
import { ROOT } from './testPlatform.js';

export const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'scheduler');

export interface SchedulerFixture {
  dir: string;
  options: Pick<StartOptions, 'manifestsDir' | 'pluginsDir' | 'migrationsDir'>;
  remove(): Promise<void>;
}

export async function prepareSchedulerFixture(manifestsDir = path.join(FIXTURE, 'manifests')): Promise<SchedulerFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-scheduler-'));
  const migrationsDir = path.join(dir, 'migrations');
  const pluginsDir = path.join(FIXTURE, 'plugins');
  await cp(path.join(ROOT, 'migrations', 'platform'), path.join(migrationsDir, 'platform'), { recursive: true });
  await generateMigrations({ model: await buildAppModel({ root: ROOT, manifestsDir, pluginsDir }), migrationsDir });
  return { dir, options: { manifestsDir, pluginsDir, migrationsDir }, remove: () => rm(dir, { recursive: true, force: true }) };
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
