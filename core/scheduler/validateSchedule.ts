import type { JobDef, Row } from '../plugin/types.js';
import { AppError, ValidationError, type Issue } from '../errors/index.js';
import { cronProblem } from './cron.js';
import { isTimeZone } from '../time/index.js';
import { checkJobParams } from './jobParams.js';

export type JobsOf = (module: string) => Readonly<Record<string, JobDef>> | undefined;

/** A schedule record an admin saves: cron, time zone, module, job and params, each problem named by its field. */
export function checkScheduleRecord(record: Row, jobsOf: JobsOf): void {
  const issues: Issue[] = [];
  const add = (field: string, message: string) => issues.push({ path: `data.${field}`, message });
  const cron = String(record.cron ?? '');
  const problem = cronProblem(cron);
  if (problem) add('cron', problem);
  const timezone = String(record.timezone ?? '');
  if (!isTimeZone(timezone)) add('timezone', `"${timezone}" is not an IANA time zone (e.g. America/Sao_Paulo, UTC)`);
  const module = String(record.module ?? '');
  const jobs = jobsOf(module);
  const job = jobs?.[String(record.job ?? '')];
  if (!jobs || Object.keys(jobs).length === 0) add('module', `module "${module}" has no plugin jobs`);
  else if (!job) add('job', `"${String(record.job)}" is not a job of the ${module} plugin (jobs: ${Object.keys(jobs).join(', ')})`);
  else issues.push(...paramIssues(job, record.params));
  if (issues.length) throw new ValidationError(`Invalid schedule: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
}

function paramIssues(job: JobDef, params: unknown): Issue[] {
  try {
    checkJobParams(job, params);
    return [];
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e.issues.map((i) => ({ path: ['data', 'params', i.path].filter(Boolean).join('.'), message: i.message }));
  }
}
