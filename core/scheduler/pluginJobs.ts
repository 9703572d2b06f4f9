/**
 * `ctx.jobs`: a run of a record job is a `platform.schedule_run` row queued
 * here, in the caller's transaction when the run table shares its database
 * (a procedure that fails starts nothing). Whichever process's RunQueue
 * claims it runs it; this process is told at once through the change feed.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors/index.js';
import { decideAccess } from '../auth/permissions.js';
import type { AnyJob, JobBackoff, JobRunView, JobStartOptions, PluginJobs, SessionUser } from '../plugin/types.js';
import type { EntityServices } from '../service/entityServices.js';
import { checkJobParams } from './jobParams.js';
import { FINISHED, RUN, type RunRow, type RunStore } from './runStore.js';

/** Runs this process executes, by id: a cancel here stops them at once instead of at their next write. */
export type LocalRuns = Map<number, { cancel(): void }>;

const CANCEL_TRIES = 5;
const RECORD_RUNS_SHOWN = 50;
const SCHEDULE = 'platform.schedule';

export function pluginJobs(services: EntityServices, store: RunStore, local: LocalRuns, module: string, user: SessionUser, tx?: Transaction): PluginJobs {
  return {
    start: (job, options) => startRun(services, store, { module, user, job, options: options ?? ({} as JobStartOptions) }, tx),
    cancel: (runId) => cancelRun(services, store, local, user, runId),
    get: async (runId) => {
      const run = await store.read(runId);
      if (!run) throw new NotFoundError(`runId: no run ${runId}`);
      await requireAccess(services, user, run, 'read');
      return viewOf(run, await mayCancel(services, user, run));
    },
    list: async ({ entity, id }) => {
      const key = entity.includes('.') ? entity : `${module}.${entity}`;
      if (!services.model.modules[key.split('.')[0]!]?.entities[key.split('.')[1]!]) throw ValidationError.field('entity', `no entity "${key}"`);
      if ((await services.service(key).readability(user, id)) !== 'readable') throw new NotFoundError(`id: no ${key} record ${id} you may read`);
      const runs = await store.ofRecord(key, id, RECORD_RUNS_SHOWN);
      const cancels = runs.length ? await mayCancel(services, user, runs[0]!) : false;
      return runs.map((run) => viewOf(run, cancels));
    },
  };
}

interface StartRequest {
  module: string;
  user: SessionUser;
  job: string;
  options: JobStartOptions;
}

async function startRun(services: EntityServices, store: RunStore, r: StartRequest, tx?: Transaction): Promise<{ runId: number }> {
  const def = recordJob(services, r.module, r.job);
  const entityKey = `${r.module}.${def.record}`;
  const id: unknown = r.options.record;
  if (!isPositiveInteger(id)) throw ValidationError.field('record', `must be the id of a ${entityKey} record`);
  const readable = await services.service(entityKey).readability(r.user, id, tx);
  if (readable === 'missing') throw new NotFoundError(`record: no ${entityKey} record ${id}`);
  if (readable === 'forbidden') throw new ForbiddenError(`record: no permission to read ${entityKey} record ${id}`);
  const params = paramsFor(def, r.options.params);
  const limits = limitsOf(def, r.options);
  const now = new Date();
  const values = {
    module: r.module,
    job: r.job,
    record_entity: entityKey,
    record_id: id,
    params: JSON.stringify(params),
    slot_key: `run@${randomUUID()}`,
    trigger: 'code',
    slot_at: now,
    status: 'queued',
    attempt: 0,
    ...limits,
    progress: 0,
    output: '',
    triggered_by: r.user.id > 0 ? r.user.id : null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  // The caller's transaction is on its module's database: joined when the run table lives there too, else the run commits on its own.
  if (tx && services.repos.datasourceOf(RUN) === services.repos.datasourceOf(entityKey)) {
    const runId = await store.insert(values, tx);
    tx.afterCommit(() => store.publish(runId, 1, 'create'));
    return { runId };
  }
  const runId = await store.write((own) => store.insert(values, own));
  store.publish(runId, 1, 'create');
  return { runId };
}

function recordJob(services: EntityServices, module: string, name: string): AnyJob & { record: string } {
  const jobs = services.model.modules[module]?.jobs ?? {};
  const def = jobs[name];
  if (!def) throw ValidationError.field('job', `"${name}" is not a job of the ${module} plugin (jobs: ${Object.keys(jobs).join(', ') || 'none'})`);
  if (!def.record) throw ValidationError.field('job', `"${name}" names no \`record\` entity: it runs from schedules only`);
  return def as AnyJob & { record: string };
}

/** The run's attempts, per-attempt timeout and backoff: the start's overrides, else the job's own. */
function limitsOf(def: AnyJob, o: JobStartOptions): { max_attempts: number; timeout_seconds: number | null; backoff: string | null } {
  const maxAttempts = o.maxAttempts ?? def.maxAttempts ?? 1;
  if (!isPositiveInteger(maxAttempts)) throw ValidationError.field('maxAttempts', 'must be a whole number of attempts, at least 1');
  const timeout = o.timeoutSeconds ?? def.timeoutSeconds;
  if (timeout !== undefined && !isPositiveInteger(timeout)) throw ValidationError.field('timeoutSeconds', 'must be a whole number of seconds, at least 1');
  const backoff = o.backoff ?? def.backoff;
  for (const key of ['delayMs', 'factor', 'maxDelayMs'] as const) {
    const value = backoff?.[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0))
      throw ValidationError.field(`backoff.${key}`, 'must be a number, 0 or more');
  }
  return { max_attempts: maxAttempts, timeout_seconds: timeout ?? null, backoff: backoff ? JSON.stringify(pickBackoff(backoff)) : null };
}

function pickBackoff(b: JobBackoff): JobBackoff {
  return {
    ...(b.delayMs === undefined ? {} : { delayMs: b.delayMs }),
    ...(b.factor === undefined ? {} : { factor: b.factor }),
    ...(b.maxDelayMs === undefined ? {} : { maxDelayMs: b.maxDelayMs }),
  };
}

const isPositiveInteger = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** The params checked against the job's schema, each bad one named under `params.`. */
function paramsFor(def: AnyJob, params: unknown): Record<string, unknown> {
  try {
    return checkJobParams(def, params);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const issues = e.issues.map((i) => ({ ...i, path: ['params', i.path].filter(Boolean).join('.') }));
    throw new ValidationError(`Invalid job params: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  }
}

/**
 * A waiting run is closed `cancelled` here; a running one gets a cancel
 * request, which its process acts on at once when it is this one, else at its
 * next write to the row. Compare-and-set, retried when the run's own process
 * wrote in between. A finished run stays as it ended.
 */
async function cancelRun(services: EntityServices, store: RunStore, local: LocalRuns, user: SessionUser, runId: number): Promise<void> {
  for (let i = 0; i < CANCEL_TRIES; i++) {
    const run = await store.read(runId);
    if (!run) throw new NotFoundError(`runId: no run ${runId}`);
    await requireAccess(services, user, run, 'update');
    if (FINISHED.has(run.status)) return;
    const now = new Date();
    const asked = { cancel_requested_at: now, cancel_requested_by: user.id > 0 ? user.id : null };
    const values =
      run.status === 'running' ? asked : { ...asked, status: 'cancelled', finished_at: now, next_attempt_at: null, error: 'Cancelled before it ran' };
    if (await store.update({ id: run.id, version: run.version }, values)) {
      if (run.status === 'running') local.get(run.id)?.cancel();
      return;
    }
  }
  throw new ConflictError(`Run ${runId} kept changing while it was being cancelled; try again`);
}

/**
 * A record run is the business of its record: reading it takes reading the
 * record, cancelling it updating the record. A schedule run: reading runs
 * (admins), cancelling it updating schedules.
 */
async function requireAccess(services: EntityServices, user: SessionUser, run: RunRow, action: 'read' | 'update'): Promise<void> {
  if (await allowed(services, user, run, action)) return;
  throw new ForbiddenError(`No permission to ${action === 'read' ? 'see' : 'cancel'} run ${run.id}`);
}

async function allowed(services: EntityServices, user: SessionUser, run: RunRow, action: 'read' | 'update'): Promise<boolean> {
  if (!run.record_entity || run.record_id === null) return decideAccess(services.model.entity(action === 'read' ? RUN : SCHEDULE), action, user).allowed;
  if (action === 'update' && !decideAccess(services.model.entity(run.record_entity), 'update', user).allowed) return false;
  return (await services.service(run.record_entity).readability(user, run.record_id)) === 'readable';
}

async function mayCancel(services: EntityServices, user: SessionUser, run: RunRow): Promise<boolean> {
  return !FINISHED.has(run.status) && (await allowed(services, user, run, 'update'));
}

function viewOf(run: RunRow, canCancel: boolean): JobRunView {
  return {
    id: run.id,
    module: run.module,
    job: run.job,
    schedule: run.schedule,
    record: run.record_entity && run.record_id !== null ? { entity: run.record_entity, id: run.record_id } : null,
    trigger: run.trigger,
    status: run.status,
    attempt: run.attempt,
    maxAttempts: run.max_attempts,
    nextAttemptAt: run.next_attempt_at,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    progress: run.progress,
    progressMessage: run.progress_message,
    output: run.output ?? '',
    error: run.error,
    triggeredBy: run.triggered_by,
    createdAt: run.created_at,
    canCancel: canCancel && !FINISHED.has(run.status),
  };
}
