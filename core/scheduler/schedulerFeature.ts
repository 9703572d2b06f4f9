/**
 * The scheduler as a core feature: at install it brings `platform.schedule`
 * in line with the manifests' schedules; after start it runs them and the
 * record runs `ctx.jobs.start` queues (unless SCHEDULER=off: such a process
 * still queues runs, for the others to run). One instance per running
 * platform: it keeps that platform's scheduler and run queue for shutdown and
 * for tests that drive them.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { CoreFeature } from '../service/coreFeature.js';
import { Scheduler, type SchedulerOptions, type SharedRunParts } from './scheduler.js';
import { syncManifestSchedules } from './syncSchedules.js';
import { systemClock } from './clock.js';
import { JobHost } from './jobHost.js';
import { JobRunner } from './jobRunner.js';
import { pluginJobs, type LocalRuns } from './pluginJobs.js';
import { RunLogFeed } from '../realtime/index.js';
import { RunQueue } from './runQueue.js';
import { RunStore } from './runStore.js';

export interface RunQueueSettings {
  /** JOBS_CONCURRENCY (default 4). */
  concurrency?: number;
  /** How often waiting runs are read (default 1 s; 0 = only on `tick()` and runs queued here). */
  tickMs?: number;
  /** A record run's lease (default 60 s): not renewed for this long, any process recovers the run. */
  leaseMs?: number;
  /** The backoff's jitter (tests). */
  random?: () => number;
}

export type SchedulerSettings = Omit<SchedulerOptions, 'services' | 'logger'> & { jobs?: RunQueueSettings };

export interface SchedulerFeature extends CoreFeature {
  /** The running scheduler, once started; absent when the scheduler is off. */
  readonly scheduler: Scheduler | undefined;
  /** The record-run queue, once started; absent when the scheduler is off. */
  readonly runQueue: RunQueue | undefined;
  /** Log lines of the runs this process executes, for live viewers. */
  readonly runLogs: RunLogFeed;
}

export function schedulerFeature(settings: SchedulerSettings & { enabled: boolean }): SchedulerFeature {
  const { enabled, jobs = {}, ...options } = settings;
  const feed = new RunLogFeed();
  const local: LocalRuns = new Map();
  const instanceId = options.instanceId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let scheduler: Scheduler | undefined;
  let runQueue: RunQueue | undefined;
  return {
    name: 'scheduler',
    get scheduler() {
      return scheduler;
    },
    get runQueue() {
      return runQueue;
    },
    runLogs: feed,
    entityExtension: (services) => {
      const store = new RunStore(services.repos, services.changes);
      return { jobs: (module, user, tx) => pluginJobs(services, store, local, module, user, tx) };
    },
    install: ({ services }) => syncManifestSchedules(services.repos, (options.clock ?? systemClock).now()),
    afterStart({ services, logger }) {
      if (!enabled) return undefined;
      const store = new RunStore(services.repos, services.changes);
      const runner = new JobRunner(options.worker, new JobHost(services, options.worker.dataDir), logger);
      const shared: SharedRunParts = { runner, store, feed, local, instanceId };
      scheduler = new Scheduler({ services, logger, ...options }, shared);
      runQueue = new RunQueue({
        services,
        logger,
        store,
        runner,
        feed,
        local,
        instanceId,
        clock: options.clock ?? systemClock,
        concurrency: jobs.concurrency ?? 4,
        tickMs: jobs.tickMs ?? 1_000,
        leaseMs: jobs.leaseMs ?? 60_000,
        flushMs: options.flushMs ?? 500,
        random: jobs.random,
      });
      scheduler.start();
      runQueue.start();
      const [both, queue] = [scheduler, runQueue];
      return { stop: () => Promise.all([both.stop(), queue.stop()]).then(() => undefined) };
    },
  };
}
