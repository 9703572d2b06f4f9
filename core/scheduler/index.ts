export { Scheduler, type SchedulerOptions } from './scheduler.js';
export { RunQueue } from './runQueue.js';
export { schedulerFeature, type SchedulerFeature, type SchedulerSettings, type RunQueueSettings } from './schedulerFeature.js';
export { syncManifestSchedules } from './syncSchedules.js';
export { checkScheduleRecord, type JobsOf } from './validateSchedule.js';
export { cronProblem, nextSlot, latestSlot } from './cron.js';
export { systemClock, type Clock } from './clock.js';
export type { WorkerSettings } from './workerMessages.js';
