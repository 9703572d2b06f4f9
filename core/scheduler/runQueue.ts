/**
 * Runs the record runs `ctx.jobs.start` queued: at most `concurrency` at once
 * in this process, each in its own worker thread (JobRunner), so a hanging
 * job holds one slot until its timeout and never the others.
 *
 * Cluster-safe by the same standard as the scheduler (see scheduler.ts): no
 * timer or memory decides who runs what. Every pass reads the waiting rows
 * from the database (queued, or retrying whose next attempt is due) and claims
 * one with a compare-and-set UPDATE on its version: of the processes that
 * read the same version, exactly one write matches. The winner holds the run
 * through `lease_until` on the row, renewed while the job runs; a run whose
 * lease lapsed belongs to a process that died, and the first process to
 * compare-and-set it recovers it: another attempt after its backoff when
 * attempts remain, else failed. A cancel request on the row is seen by its
 * process at its next write (at once when it is the same process).
 *
 * After each attempt the job's `onOutcome` runs here, on the server, as the
 * system user, once the row shows the outcome.
 */
import type { EntityServices, Logger } from '../service/entityServices.js';
import type { AnyJob } from '../plugin/types.js';
import { pluginContext } from '../service/pluginContext.js';
import { SYSTEM_USER } from '../service/systemUser.js';
import type { JobOutcome } from '../plugin/types.js';
import type { Clock } from './clock.js';
import { backoffDelayMs } from './backoff.js';
import type { JobRunner, RunOutcome } from './jobRunner.js';
import type { LocalRuns } from './pluginJobs.js';
import type { RunLogFeed } from '../realtime/index.js';
import { RunRecorder } from './runRecorder.js';
import { RUN, type OwnRun, type RunRow, type RunStore } from './runStore.js';
import { runInfoOf, type JobRequest } from './workerMessages.js';

export const DEFAULT_JOB_TIMEOUT_SECONDS = 600;

export interface RunQueueOptions {
  services: EntityServices;
  logger: Logger;
  store: RunStore;
  runner: JobRunner;
  feed: RunLogFeed;
  local: LocalRuns;
  clock: Clock;
  instanceId: string;
  /** Record runs executing at once in this process (JOBS_CONCURRENCY). */
  concurrency: number;
  /** How often the waiting runs are read; 0 = only on `tick()` and on runs queued here. */
  tickMs: number;
  /** A run whose lease was not renewed for this long is recovered by any process. */
  leaseMs: number;
  flushMs: number;
  /** Jitter of the backoff; tests pass their own. */
  random?: () => number;
}

const CANCELLED = 'Cancelled while running; the job was stopped';
const SHUTDOWN = 'Interrupted: the server shut down during this attempt; queued again';
const DIED = 'Interrupted: the process running it stopped before the attempt finished';

/** A claimed run: its row as claimed, the version this process holds, its job. */
interface Claimed {
  row: RunRow;
  own: OwnRun;
  def: AnyJob;
  request: JobRequest;
}

export class RunQueue {
  private readonly running = new Map<number, Promise<void>>();
  private ticking: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private stopped = false;

  constructor(private readonly o: RunQueueOptions) {}

  start(): void {
    void this.tick();
    if (this.o.tickMs > 0) {
      this.timer = setInterval(() => void this.tick(), this.o.tickMs);
      this.timer.unref();
    }
    // A run queued by this process, or one of its runs ending (a slot frees), is looked at now, not at the next interval.
    this.unsubscribe = this.o.services.changes.subscribe((e) => {
      if (`${e.module}.${e.entity}` === RUN && e.op === 'create') void this.tick();
    });
  }

  /** One pass: recover runs of dead processes, then claim waiting runs while slots are free. Passes never overlap. */
  tick(): Promise<void> {
    this.ticking = this.ticking
      .then(() => (this.stopped ? undefined : this.pass()))
      .catch((err: unknown) => this.o.logger.error({ err }, 'job queue pass failed'));
    return this.ticking;
  }

  /** Resolves when no record run of this process is executing. */
  async idle(): Promise<void> {
    await this.ticking;
    while (this.running.size > 0) {
      await Promise.all(this.running.values());
      await this.ticking;
    }
  }

  /** Stops claiming; running attempts are stopped and their runs queued again for another process. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    await this.ticking;
    for (const id of this.running.keys()) this.o.local.get(id)?.cancel();
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async pass(): Promise<void> {
    const now = this.o.clock.now();
    await this.recover(now);
    while (!this.stopped && this.running.size < this.o.concurrency) {
      const claimed = await this.claimNext(now);
      if (!claimed) return;
      const done = this.execute(claimed)
        .catch((err: unknown) => this.o.logger.error({ err, run: claimed.row.id }, 'record run bookkeeping failed'))
        .finally(() => {
          this.running.delete(claimed.row.id);
          if (!this.stopped) void this.tick();
        });
      this.running.set(claimed.row.id, done);
    }
  }

  /** Queued runs first come first served, then retries whose time came. */
  private async waiting(now: Date): Promise<RunRow[]> {
    const limit = this.o.concurrency * 4;
    const queued = await this.o.store.where({ status: 'queued' }, limit);
    const retrying = await this.o.store.where({ status: 'retrying', next_attempt_at: { lte: now } }, limit);
    return [...queued, ...retrying].filter((r) => !this.running.has(r.id));
  }

  private async claimNext(now: Date): Promise<Claimed | undefined> {
    for (const row of await this.waiting(now)) {
      const own = { id: row.id, version: row.version };
      const def = this.o.services.model.modules[row.module ?? '']?.jobs[row.job ?? ''];
      if (!def) {
        await this.o.store.update(own, { status: 'failed', finished_at: now, error: `Job "${row.job}" is no longer defined by the ${row.module} plugin` });
        continue;
      }
      const attempt = row.attempt + 1;
      const claim = {
        status: 'running',
        attempt,
        started_at: now,
        instance: this.o.instanceId,
        lease_until: this.leaseFrom(now),
        next_attempt_at: null,
        progress: 0,
        progress_message: null,
      };
      if (await this.o.store.update(own, claim)) return { row: { ...row, attempt }, own, def, request: requestOf(row, attempt) };
    }
    return undefined;
  }

  private async execute(c: Claimed): Promise<void> {
    const { row, own, def, request } = c;
    let job: { abort(reason: string): void } | undefined;
    let stopping: string | undefined;
    const stop = (reason: string) => {
      stopping ??= reason;
      job?.abort(reason);
    };
    const recorder = new RunRecorder(this.o.store, own, {
      flushMs: this.o.flushMs,
      feed: this.o.feed,
      instanceId: this.o.instanceId,
      attempt: row.attempt,
      record: request.record,
      previousOutput: row.output,
      onStop: (reason) => stop(reason === 'cancelled' ? CANCELLED : 'Stopped: another process took this run over'),
    });
    this.o.local.set(row.id, { cancel: () => stop(this.stopped ? SHUTDOWN : CANCELLED) });
    const renewer = setInterval(() => void recorder.write({ lease_until: this.leaseFrom(this.o.clock.now()) }), Math.max(50, this.o.leaseMs / 3));
    try {
      if (row.max_attempts > 1) recorder.listener.log(`[attempt ${row.attempt} of ${row.max_attempts}]`);
      recorder.start();
      const timeoutMs = (row.timeout_seconds ?? def.timeoutSeconds ?? DEFAULT_JOB_TIMEOUT_SECONDS) * 1000;
      const active = await this.o.runner.start(request, timeoutMs, recorder.listener);
      job = active;
      if (stopping) active.abort(stopping);
      const ended = await active.done;
      clearInterval(renewer);
      await recorder.end();
      if (recorder.stopReason === 'lost') return;
      await this.close(c, recorder, this.outcomeOf(ended, stopping, row));
    } finally {
      clearInterval(renewer);
      this.o.local.delete(row.id);
    }
  }

  /** The attempt's verdict: a stop we asked for wins over what the job said on its way out. */
  private outcomeOf(ended: RunOutcome, stopping: string | undefined, row: RunRow): JobOutcome | 'requeue' {
    if (stopping === SHUTDOWN) return 'requeue';
    if (stopping === CANCELLED) return { status: 'cancelled', error: CANCELLED };
    if (ended.status === 'succeeded') return { status: 'succeeded', ...(ended.summary ? { summary: ended.summary } : {}) };
    return this.retryOrEnd(row, ended.status, ended.error);
  }

  private retryOrEnd(row: RunRow, status: 'failed' | 'timed_out', error: string): JobOutcome {
    if (row.attempt >= row.max_attempts) return { status, error };
    const backoff = row.backoff ?? this.o.services.model.modules[row.module ?? '']?.jobs[row.job ?? '']?.backoff;
    const delay = backoffDelayMs(backoff, row.attempt, this.o.random);
    return { status: 'retrying', error, nextAttemptAt: new Date(this.o.clock.now().getTime() + delay) };
  }

  private async close(c: Claimed, recorder: RunRecorder, outcome: JobOutcome | 'requeue'): Promise<void> {
    const now = this.o.clock.now();
    if (outcome === 'requeue') {
      recorder.listener.log(SHUTDOWN);
      await recorder.write({ status: 'queued', attempt: c.row.attempt - 1, instance: null, lease_until: null });
      return;
    }
    if (outcome.summary) recorder.listener.log(outcome.summary);
    const cancelled = { status: 'cancelled', finished_at: now, error: CANCELLED, lease_until: null, next_attempt_at: null };
    let final = outcome;
    const written = await recorder.write(rowValues(outcome, now), () => {
      final = { status: 'cancelled', error: CANCELLED };
      return cancelled;
    });
    if (written) await this.notify(c.def, c.row, c.request, final);
  }

  /** Runs left `running` by a process whose lease lapsed: another attempt after the backoff, or the end. */
  private async recover(now: Date): Promise<void> {
    const stale = await this.o.store.where({ status: 'running', schedule: { isNull: true }, lease_until: { lt: now } }, 100);
    for (const row of stale) {
      if (this.running.has(row.id)) continue;
      const outcome: JobOutcome = row.cancel_requested_at ? { status: 'cancelled', error: CANCELLED } : this.retryOrEnd(row, 'failed', DIED);
      const output = `${row.output ? `${row.output}\n` : ''}${DIED}`;
      if (!(await this.o.store.update({ id: row.id, version: row.version }, { ...rowValues(outcome, now), output }))) continue;
      this.o.logger.warn({ run: row.id, instance: row.instance }, 'recovered a record run left running by a stopped process');
      const def = this.o.services.model.modules[row.module ?? '']?.jobs[row.job ?? ''];
      if (def) await this.notify(def, row, requestOf(row, row.attempt), outcome);
    }
  }

  private async notify(def: AnyJob, row: RunRow, request: JobRequest, outcome: JobOutcome): Promise<void> {
    if (!def.onOutcome) return;
    try {
      const ctx = pluginContext(this.o.services, request.module, SYSTEM_USER);
      await def.onOutcome({ ctx, run: runInfoOf(request), params: request.params, outcome });
    } catch (err) {
      this.o.logger.error({ err, run: row.id, job: `${request.module}.${request.job}` }, 'onOutcome of a record job failed');
    }
  }

  private leaseFrom(now: Date): Date {
    return new Date(now.getTime() + this.o.leaseMs);
  }
}

function requestOf(row: RunRow, attempt: number): JobRequest {
  return {
    runId: row.id,
    module: row.module ?? '',
    job: row.job ?? '',
    params: row.params ?? {},
    slot: new Date(row.slot_at),
    trigger: 'code',
    attempt,
    maxAttempts: row.max_attempts,
    ...(row.record_entity && row.record_id !== null ? { record: { entity: row.record_entity, id: row.record_id } } : {}),
  };
}

/** The row's columns for an attempt's outcome. */
function rowValues(outcome: JobOutcome, now: Date): Record<string, unknown> {
  const base = { lease_until: null, error: outcome.error ?? null };
  if (outcome.status === 'retrying') return { ...base, status: 'retrying', next_attempt_at: outcome.nextAttemptAt };
  return { ...base, status: outcome.status, finished_at: now, next_attempt_at: null, ...(outcome.status === 'succeeded' ? { progress: 100 } : {}) };
}
