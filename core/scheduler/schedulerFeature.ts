/**
 * The scheduler as a core feature: at install it brings `platform.schedule`
 * in line with the manifests' schedules, after start it runs them (unless
 * SCHEDULER=off). One instance per running platform: it keeps that
 * platform's scheduler for shutdown and for tests that drive its clock.
 */
import type { CoreFeature } from '../service/coreFeature.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';
import { syncManifestSchedules } from './syncSchedules.js';
import { systemClock } from './clock.js';

export type SchedulerSettings = Omit<SchedulerOptions, 'services' | 'logger'>;

export interface SchedulerFeature extends CoreFeature {
  /** The running scheduler, once started; absent when the scheduler is off. */
  readonly scheduler: Scheduler | undefined;
}

export function schedulerFeature(settings: SchedulerSettings & { enabled: boolean }): SchedulerFeature {
  const { enabled, ...options } = settings;
  let scheduler: Scheduler | undefined;
  return {
    name: 'scheduler',
    get scheduler() {
      return scheduler;
    },
    install: ({ services }) => syncManifestSchedules(services.repos, (options.clock ?? systemClock).now()),
    afterStart({ services, logger }) {
      if (!enabled) return undefined;
      scheduler = new Scheduler({ services, logger, ...options });
      scheduler.start();
      return scheduler;
    },
  };
}
