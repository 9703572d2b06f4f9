/**
 * The scheduler's reads and writes: schedules, runs and leases. Portable SQL
 * only (Sequelize's model UPDATE with a WHERE, plain INSERTs with a UNIQUE
 * column), so the same guarantees hold on SQLite, MySQL and Oracle.
 */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Repositories } from '../db/repository/repositories.js';
import type { Row } from '../plugin/types.js';
import { rowFromStored } from '../db/values/convertValues.js';
import type { ChangeEvent, ChangeFeed } from '../service/changeFeed.js';
import { RUN, type OwnRun as OwnRunRow, type RunStatus, type RunTrigger } from './runStore.js';

export const SCHEDULE = 'platform.schedule';
export const LEASE = 'platform.schedule_lease';

export interface ScheduleRow {
  id: number;
  version: number;
  name: string;
  module: string;
  job: string;
  params: Record<string, unknown> | null;
  cron: string;
  timezone: string;
  enabled: boolean;
  timeout_seconds: number;
  next_run_at: string | null;
  run_requested_at: string | null;
  run_requested_by: number | null;
}

/** A lease this process holds; `version` is the lease row's version after our last write. */
export interface HeldLease {
  id: number;
  version: number;
}

/** A schedule run this process writes. */
export interface OwnRun extends OwnRunRow {
  scheduleId: number;
}

export interface ClaimRequest {
  schedule: ScheduleRow;
  slotKey: string;
  slot: Date;
  trigger: RunTrigger;
  now: Date;
  holder: string;
  leaseUntil: Date;
  triggeredBy: number | null;
}

export type ClaimResult =
  | { kind: 'won'; run: OwnRun; lease: HeldLease }
  /** The schedule's previous run still holds the lease. */
  | { kind: 'busy' }
  /** Another process claimed this slot first. */
  | { kind: 'taken' };

export class ScheduleStore {
  constructor(
    private readonly repos: Repositories,
    private readonly changes: ChangeFeed,
  ) {}

  private repo(key: string) {
    return this.repos.repo(key);
  }

  private write<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.repos.datasourceOf(SCHEDULE).writeTransaction(work);
  }

  /** Every schedule; the table holds tens of rows, and reading them whole keeps the query portable. */
  async schedules(): Promise<ScheduleRow[]> {
    const entity = this.repos.model.entity(SCHEDULE);
    const rows = await this.repo(SCHEDULE).rowsWhere({}, 10_000);
    return rows.map((r) => rowFromStored(entity, r) as unknown as ScheduleRow);
  }

  async setNextRun(schedule: ScheduleRow, next: Date | null): Promise<void> {
    await this.write((tx) => this.repo(SCHEDULE).updateColumns({ id: schedule.id }, { next_run_at: next }, tx));
    this.publish(SCHEDULE, schedule.id, 0);
  }

  /** Clears a handled "run now" request, unless a newer one arrived meanwhile. */
  async clearRequest(schedule: ScheduleRow): Promise<void> {
    const requested = new Date(schedule.run_requested_at!);
    await this.write((tx) =>
      this.repo(SCHEDULE).updateColumns({ id: schedule.id, run_requested_at: requested }, { run_requested_at: null, run_requested_by: null }, tx),
    );
  }

  async recordLastRun(scheduleId: number, at: Date, status: RunStatus): Promise<void> {
    await this.write((tx) => this.repo(SCHEDULE).updateColumns({ id: scheduleId }, { last_run_at: at, last_status: status }, tx));
    this.publish(SCHEDULE, scheduleId, 0);
  }

  /** The lease row exists from the first claim on; concurrent creators meet the UNIQUE schedule column. */
  async ensureLease(scheduleId: number): Promise<void> {
    const repo = this.repo(LEASE);
    if ((await repo.idsWhere({ schedule: scheduleId }, 1)).length > 0) return;
    const now = new Date();
    try {
      await this.write((tx) => repo.insert({ schedule: scheduleId, version: 1, created_at: now, updated_at: now }, tx));
    } catch (e) {
      if (!(e instanceof UniqueConstraintError)) throw e;
    }
  }

  /**
   * One transaction: take the schedule's lease with a compare-and-set on its
   * version, then insert the run row whose UNIQUE slot_key admits one claim
   * per slot cluster-wide. A losing insert rolls the lease back with it.
   * When the lease is held, the slot is recorded once as `skipped`.
   */
  async claim(c: ClaimRequest): Promise<ClaimResult> {
    await this.ensureLease(c.schedule.id);
    let inserted = 0;
    try {
      const result = await this.write(async (tx): Promise<ClaimResult> => {
        const lease = await this.readLease(c.schedule.id, tx);
        const free = lease.holder === null || lease.expiresAt === null || lease.expiresAt.getTime() < c.now.getTime();
        const taken =
          free && (await this.repo(LEASE).update(lease.id, { holder: c.holder, expires_at: c.leaseUntil, run: null, updated_at: c.now }, lease.version, tx));
        if (!taken) {
          inserted = await this.insertRun(c, 'skipped', tx, 'The previous run of this schedule was still running');
          return { kind: 'busy' };
        }
        inserted = await this.insertRun(c, 'running', tx);
        await this.repo(LEASE).update(lease.id, { run: inserted }, lease.version + 1, tx);
        return { kind: 'won', run: { id: inserted, version: 1, scheduleId: c.schedule.id }, lease: { id: lease.id, version: lease.version + 2 } };
      });
      if (inserted) this.publishNewRun(inserted, c.schedule.id);
      return result;
    } catch (e) {
      if (e instanceof UniqueConstraintError) return { kind: 'taken' };
      throw e;
    }
  }

  /** A slot nobody ran in time (all processes were down): recorded once, not replayed. */
  async recordMissed(c: Omit<ClaimRequest, 'holder' | 'leaseUntil'>, error: string): Promise<void> {
    try {
      const id = await this.write((tx) => this.insertRun({ ...c, holder: '', leaseUntil: c.now }, 'skipped', tx, error));
      this.publishNewRun(id, c.schedule.id);
    } catch (e) {
      if (!(e instanceof UniqueConstraintError)) throw e;
    }
  }

  /** Extends a held lease; false when it was lost (expired and taken over). */
  async renewLease(lease: HeldLease, until: Date): Promise<boolean> {
    const ok = await this.write((tx) => this.repo(LEASE).update(lease.id, { expires_at: until }, lease.version, tx));
    if (ok) lease.version++;
    return ok;
  }

  /**
   * Closes a run, frees its lease (when given) and notes the outcome on its
   * schedule, in one transaction: nobody sees the lease free while the run
   * still looks running, nor a finished run its schedule does not show yet.
   * False when another process closed the run first; its verdict stands.
   */
  async closeRun(run: OwnRun, values: Record<string, unknown> & { status: RunStatus; finished_at: Date }, lease?: HeldLease): Promise<boolean> {
    const closed = await this.write(async (tx) => {
      if (!(await this.repo(RUN).update(run.id, { ...values, updated_at: new Date() }, run.version, tx))) return false;
      if (lease) await this.repo(LEASE).update(lease.id, { holder: null, expires_at: null, run: null }, lease.version, tx);
      await this.repo(SCHEDULE).updateColumns({ id: run.scheduleId }, { last_run_at: values.finished_at, last_status: values.status }, tx);
      return true;
    });
    if (closed) {
      run.version++;
      this.publish(RUN, run.id, run.version);
      this.publish(SCHEDULE, run.scheduleId, 0);
    }
    return closed;
  }

  /**
   * Runs left `running` by a process that died: their lease expired or moved
   * on to another run. Closed as failed (and their expired lease freed), so no
   * run stays "running" forever.
   */
  async recoverStaleRuns(now: Date): Promise<number> {
    const runEntity = this.repos.model.entity(RUN);
    // Record runs (no schedule) hold no schedule lease: the RunQueue recovers them by their own.
    const rows = await this.repo(RUN).rowsWhere({ status: 'running', schedule: { isNull: false } }, 1000);
    let recovered = 0;
    for (const stored of rows) {
      const run = rowFromStored(runEntity, stored) as Row;
      const lease = await this.readLease(Number(run.schedule));
      const alive = lease.run === run.id && lease.expiresAt !== null && lease.expiresAt.getTime() >= now.getTime();
      if (alive) continue;
      const own: OwnRun = { id: run.id!, version: Number(run.version), scheduleId: Number(run.schedule) };
      const values = { status: 'failed' as const, finished_at: now, error: 'Interrupted: the process running it stopped before the run finished' };
      if (await this.closeRun(own, values, lease.run === run.id ? { id: lease.id, version: lease.version } : undefined)) recovered++;
    }
    return recovered;
  }

  private async readLease(scheduleId: number, tx?: Transaction) {
    const entity = this.repos.model.entity(LEASE);
    const rows = await this.repo(LEASE).rowsWhere({ schedule: scheduleId }, 1, tx);
    const row = rows[0] ? (rowFromStored(entity, rows[0]) as Row) : undefined;
    return {
      id: row?.id ?? 0,
      version: Number(row?.version ?? 0),
      holder: (row?.holder as string | null | undefined) ?? null,
      expiresAt: row?.expires_at ? new Date(row.expires_at as string) : null,
      run: (row?.run as number | null | undefined) ?? null,
    };
  }

  private async insertRun(c: ClaimRequest, status: RunStatus, tx: Transaction, error?: string): Promise<number> {
    const finished = status === 'running' ? null : c.now;
    return this.repo(RUN).insert(
      {
        schedule: c.schedule.id,
        module: c.schedule.module,
        job: c.schedule.job,
        slot_key: c.slotKey,
        trigger: c.trigger,
        slot_at: c.slot,
        started_at: c.now,
        finished_at: finished,
        status,
        attempt: 1,
        max_attempts: 1,
        progress: 0,
        output: '',
        error: error ?? null,
        instance: c.holder || null,
        triggered_by: c.triggeredBy,
        version: 1,
        created_at: c.now,
        updated_at: c.now,
      },
      tx,
    );
  }

  private publishNewRun(runId: number, scheduleId: number): void {
    this.publish(RUN, runId, 1, 'create');
    this.publish(SCHEDULE, scheduleId, 0);
  }

  /**
   * Live update after a commit. Schedule bookkeeping columns do not bump the
   * record's version, so those events carry version 0: screens refresh, and an
   * admin's open form is not told that someone else edited the record.
   */
  private publish(key: string, id: number, version: number, op: ChangeEvent['op'] = 'update'): void {
    const [module, entity] = key.split('.') as [string, string];
    this.changes.publish({ module, entity, id, op, version, by: null });
  }
}
