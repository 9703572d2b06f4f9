/** What the scheduler checks of a manifest's `schedules` when the app model is built. */
import type { ManifestCheck } from '../manifest/index.js';
import { pointer, type ManifestIssue } from '../manifest/issues.js';
import type { FeatureChecks, PluginCheck } from '../model/featureChecks.js';
import { AppError } from '../errors/index.js';
import { isTimeZone } from '../time/index.js';
import { cronProblem } from './cron.js';
import { checkJobParams } from './jobParams.js';

/** Each schedule's cron expression and time zone. */
const checkScheduleTimes: ManifestCheck = (manifest, add) => {
  for (const [name, schedule] of Object.entries(manifest.schedules ?? {})) {
    const problem = cronProblem(schedule.cron);
    if (problem) add(pointer('schedules', name, 'cron'), problem);
    if (schedule.timezone !== undefined && !isTimeZone(schedule.timezone)) {
      add(pointer('schedules', name, 'timezone'), `"${schedule.timezone}" is not an IANA time zone (e.g. America/Sao_Paulo, UTC)`);
    }
  }
};

/** Each schedule names a job of its module's plugin, with params that job accepts. */
const checkSchedulesAgainstJobs: PluginCheck = (file, manifest, plugin) => {
  const issues: ManifestIssue[] = [];
  for (const [name, schedule] of Object.entries(manifest.schedules ?? {})) {
    const job = plugin?.jobs?.[schedule.job];
    if (!job) {
      const known = Object.keys(plugin?.jobs ?? {});
      issues.push({
        file,
        path: pointer('schedules', name, 'job'),
        message: `job "${schedule.job}" is not defined by the ${manifest.module} plugin (jobs: ${known.join(', ') || 'none'})`,
      });
      continue;
    }
    try {
      checkJobParams(job, schedule.params);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      for (const issue of e.issues)
        issues.push({ file, path: pointer('schedules', name, 'params', ...issue.path.split('.').filter(Boolean)), message: issue.message });
    }
  }
  return issues;
};

export const scheduleChecks: FeatureChecks = { manifest: [checkScheduleTimes], plugin: [checkSchedulesAgainstJobs] };
