/**
 * The database-driven scheduler. Every Forja process may run one; together
 * they run each due slot of each schedule exactly once.
 *
 * How a slot is run exactly once cluster-wide. Strapi's cron (issue #15634)
 * fires an in-memory timer in every instance with nothing shared, so N
 * instances run a job N times; the table lock proposed there does not travel
 * (MySQL's LOCK TABLES commits the open transaction). NocoBase's fix gave
 * executions a unique `eventKey` (`<workflow id>@<slot time>`), which stops two
 * processes inserting the same slot — but the slots still come from timers
 * armed in each process's memory: a timer that fires late under load re-arms
 * from "now" and can skip a slot, a process that was down misses its slots for
 * good, a workflow edited or disabled through one process keeps firing on the
 * others' stale timers, and nothing stops a slot from starting while the
 * previous execution still runs.
 *
 * Here no timer decides anything. Each tick reads the schedules from the
 * database (so an edit made through any process counts everywhere) and computes the slot from the cron expression itself (the latest
 * slot at or before now, in the schedule's time zone), so every process that
 * looks derives the same key `<schedule id>@<slot ISO time>`, however late it
 * looks. A run is claimed by inserting its row with that UNIQUE slot_key: one
 * insert succeeds, the others meet the constraint — plain SQL on SQLite, MySQL
 * and Oracle. In the same transaction the schedule's lease row is taken with a
 * compare-and-set UPDATE on its version (holder, expires_at, renewed while the
 * job runs), so no two runs of one schedule overlap; a slot that comes due
 * while the lease is held is recorded once as `skipped` (same unique key).
 * Runs whose process died keep no live lease and are closed as failed.
 *
 * Catch-up after downtime: only the latest missed slot runs, and only within
 * the catch-up window; an older slot is recorded once as skipped, never replayed.
 */
import type { EntityServices, Logger } from '../service/entityServices.js';
import { systemClock, type Clock } from './clock.js';
import { latestSlot, nextSlot } from './cron.js';
import type { ActiveJob, JobRunner, RunOutcome } from './jobRunner.js';
import type { LocalRuns } from './pluginJobs.js';
import type { RunLogFeed } from '../realtime/index.js';
import { RunRecorder } from './runRecorder.js';
import type { RunStore, RunTrigger } from './runStore.js';
import { SCHEDULE, ScheduleStore, type HeldLease, type OwnRun, type ScheduleRow } from './scheduleStore.js';
import type { WorkerSettings } from './workerMessages.js';

export interface SchedulerOptions {
  services: EntityServices;
  logger: Logger;
  worker: WorkerSettings;
  clock?: Clock;
  /** How often the schedules are read; 0 = only when `tick()` is called (tests). */
  tickMs?: number;
  /** A lease not renewed for this long is free again (its holder died). */
  leaseMs?: number;
  /** A missed slot still runs when found within this long after it. */
  catchUpMs?: number;
  /** Output and progress reach the run row at most this often. */
  flushMs?: number;
  instanceId?: string;
}

/** What the scheduler shares with the record-run queue of its process (schedulerFeature builds them). */
export interface SharedRunParts {
  runner: JobRunner;
  store: RunStore;
  feed: RunLogFeed;
  local: LocalRuns;
  instanceId: string;
}

interface Running {
  /** Set once the worker started. */
  job?: ActiveJob;
  finished: Promise<void>;
}

const SHUTDOWN = 'Interrupted: the server shut down while the job was running';
const CANCELLED = 'Cancelled while running; the job was stopped';

export class Scheduler {
  readonly instanceId: string;
  private readonly store: ScheduleStore;
  private readonly runner: JobRunner;
  private readonly clock: Clock;
  private readonly o: { tickMs: number; leaseMs: number; catchUpMs: number; flushMs: number };
  private readonly running = new Map<number, Running>();
  private ticking: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private stopped = false;

  constructor(
    private readonly options: SchedulerOptions,
    private readonly shared: SharedRunParts,
  ) {
    this.store = new ScheduleStore(options.services.repos, options.services.changes);
    this.runner = shared.runner;
    this.clock = options.clock ?? systemClock;
    this.o = {
      tickMs: options.tickMs ?? 2_000,
      leaseMs: options.leaseMs ?? 60_000,
      catchUpMs: options.catchUpMs ?? 60 * 60_000,
      flushMs: options.flushMs ?? 500,
    };
    this.instanceId = shared.instanceId;
  }

  /** Closes runs a dead process left behind, then ticks on the interval and whenever a schedule changes here. */
  start(): void {
    void this.tick();
    if (this.o.tickMs > 0) {
      this.timer = setInterval(() => void this.tick(), this.o.tickMs);
      this.timer.unref();
      // "Run now" and edits are saved by this process; tick at once instead of waiting for the interval.
      this.unsubscribe = this.options.services.changes.subscribe((e) => {
        if (`${e.module}.${e.entity}` === SCHEDULE && e.by !== null) void this.tick();
      });
    }
  }

  /** One pass over the schedules; passes never overlap within a process. */
  tick(): Promise<void> {
    this.ticking = this.ticking
      .then(() => (this.stopped ? undefined : this.pass()))
      .catch((err: unknown) => this.options.logger.error({ err }, 'scheduler tick failed'));
    return this.ticking;
  }

  /** Resolves when no job started by this process is running (tests step the clock after it). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.finished));
  }

  /** Stops ticking; running jobs are stopped and their runs closed as failed before the databases close. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    await this.ticking;
    for (const r of this.running.values()) r.job?.abort(SHUTDOWN);
    await this.idle();
  }

  private async pass(): Promise<void> {
    const now = this.clock.now();
    const recovered = await this.store.recoverStaleRuns(now);
    if (recovered) this.options.logger.warn({ recovered }, 'closed runs left running by a stopped process');
    for (const schedule of await this.store.schedules()) {
      try {
        await this.consider(schedule, now);
      } catch (err) {
        this.options.logger.error({ err, schedule: schedule.name }, 'schedule not handled');
      }
    }
  }

  private async consider(s: ScheduleRow, now: Date): Promise<void> {
    if (s.run_requested_at) {
      const requested = new Date(s.run_requested_at);
      await this.claimAndRun(s, `${s.id}@manual@${requested.toISOString()}`, requested, 'manual', now, s.run_requested_by);
      await this.store.clearRequest(s);
    }
    if (!s.enabled) return;
    if (!s.next_run_at) {
      await this.store.setNextRun(s, nextSlot(s.cron, s.timezone, now));
      return;
    }
    if (new Date(s.next_run_at).getTime() > now.getTime()) return;
    const slot = latestSlot(s.cron, s.timezone, now);
    const key = `${s.id}@${slot.toISOString()}`;
    if (now.getTime() - slot.getTime() > this.o.catchUpMs) {
      const error = `Missed: no scheduler was running at ${slot.toISOString()}; only slots found within ${Math.round(this.o.catchUpMs / 60_000)} min are caught up`;
      await this.store.recordMissed({ schedule: s, slotKey: key, slot, trigger: 'cron', now, triggeredBy: null }, error);
    } else {
      await this.claimAndRun(s, key, slot, 'cron', now, null);
    }
    await this.store.setNextRun(s, nextSlot(s.cron, s.timezone, now));
  }

  private async claimAndRun(s: ScheduleRow, slotKey: string, slot: Date, trigger: RunTrigger, now: Date, triggeredBy: number | null): Promise<void> {
    const leaseUntil = new Date(now.getTime() + this.o.leaseMs);
    const claim = await this.store.claim({ schedule: s, slotKey, slot, trigger, now, holder: this.instanceId, leaseUntil, triggeredBy });
    if (claim.kind === 'busy') await this.store.recordLastRun(s.id, now, 'skipped');
    if (claim.kind !== 'won') return;
    const finished = this.execute(s, claim.run, claim.lease, { slot, trigger });
    // `execute` registers the run before its first await; the catch only guards the bookkeeping.
    void finished.catch((err: unknown) => this.options.logger.error({ err, run: claim.run.id }, 'run bookkeeping failed'));
  }

  private async execute(s: ScheduleRow, run: OwnRun, lease: HeldLease, when: { slot: Date; trigger: RunTrigger }): Promise<void> {
    let resolveFinished!: () => void;
    const entry: Running = { finished: new Promise((r) => (resolveFinished = r)) };
    this.running.set(run.id, entry);
    let cancelled = false;
    const cancel = () => {
      cancelled = true;
      entry.job?.abort(CANCELLED);
    };
    const recorder = new RunRecorder(this.shared.store, run, {
      flushMs: this.o.flushMs,
      feed: this.shared.feed,
      instanceId: this.instanceId,
      attempt: 1,
      onStop: (reason) => (reason === 'cancelled' ? cancel() : entry.job?.abort('Stopped: this run was closed by another process')),
    });
    this.shared.local.set(run.id, { cancel });
    // Renewals are chained, and the last one awaited before release: both compare-and-set the lease's version.
    let renewing = Promise.resolve();
    const renewer = setInterval(() => (renewing = renewing.then(() => this.renew(lease, entry))), Math.max(1_000, this.o.leaseMs / 3));
    try {
      recorder.start();
      const request = { runId: run.id, module: s.module, job: s.job, params: s.params ?? {}, ...when, attempt: 1, maxAttempts: 1 };
      const job = await this.runner.start(request, s.timeout_seconds * 1000, recorder.listener);
      entry.job = job;
      if (this.stopped) job.abort(SHUTDOWN);
      if (cancelled) job.abort(CANCELLED);
      const outcome = await job.done;
      clearInterval(renewer);
      await Promise.all([recorder.end(), renewing]);
      if (recorder.stopReason !== 'lost') await this.close(run, lease, recorder, cancelled ? { status: 'cancelled', error: CANCELLED } : outcome);
    } finally {
      clearInterval(renewer);
      this.shared.local.delete(run.id);
      this.running.delete(run.id);
      resolveFinished();
    }
  }

  private async renew(lease: HeldLease, entry: Running): Promise<void> {
    const until = new Date(this.clock.now().getTime() + this.o.leaseMs);
    const kept = await this.store.renewLease(lease, until).catch(() => true);
    if (!kept) entry.job?.abort('Stopped: this process lost the schedule lease (it could not renew it in time)');
  }

  private async close(run: OwnRun, lease: HeldLease, recorder: RunRecorder, outcome: RunOutcome | { status: 'cancelled'; error: string }): Promise<void> {
    const now = this.clock.now();
    const output = recorder.output;
    if (outcome.status === 'succeeded' && outcome.summary) recorder.listener.log(outcome.summary);
    const values = {
      ...output.take(),
      status: outcome.status,
      finished_at: now,
      error: outcome.status === 'succeeded' ? null : outcome.error,
      ...(outcome.status === 'succeeded' ? { progress: 100 } : {}),
    };
    if (await this.store.closeRun(run, values, lease)) return;
    // Lost the compare-and-set: a cancel request came in meanwhile (still ours), or another process closed the run (its verdict stands).
    const current = await this.shared.store.read(run.id);
    if (current?.status !== 'running' || current.instance !== this.instanceId) return;
    run.version = current.version;
    await this.store.closeRun(run, current.cancel_requested_at ? { ...values, status: 'cancelled', error: CANCELLED } : values, lease);
  }
}
