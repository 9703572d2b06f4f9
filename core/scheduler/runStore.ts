/**
 * Reads and writes of run rows (`platform.schedule_run`, the one run model of
 * schedule runs and record runs) that do not involve a schedule's lease. Every
 * change of a row is a compare-and-set on its version, so two processes never
 * both win the same run: claiming it, recovering it, cancelling it.
 */
import type { Transaction } from 'sequelize';
import type { JobBackoff } from '../plugin/types.js';
import type { Repositories } from '../db/repository/repositories.js';
import { rowFromStored } from '../db/values/convertValues.js';
import type { ChangeEvent, ChangeFeed } from '../service/changeFeed.js';

export const RUN = 'platform.schedule_run';

export type RunStatus = 'queued' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'timed_out' | 'cancelled' | 'skipped';
export type RunTrigger = 'cron' | 'manual' | 'code';

/** Statuses a run never leaves. */
export const FINISHED: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'timed_out', 'cancelled', 'skipped']);

/** A run row as this code reads it (wire form: dates as ISO strings). */
export interface RunRow {
  id: number;
  version: number;
  schedule: number | null;
  module: string | null;
  job: string | null;
  record_entity: string | null;
  record_id: number | null;
  params: Record<string, unknown> | null;
  trigger: RunTrigger;
  slot_at: string;
  started_at: string | null;
  finished_at: string | null;
  status: RunStatus;
  attempt: number;
  max_attempts: number;
  next_attempt_at: string | null;
  timeout_seconds: number | null;
  backoff: JobBackoff | null;
  progress: number | null;
  progress_message: string | null;
  output: string | null;
  error: string | null;
  created_at: string;
  instance: string | null;
  lease_until: string | null;
  triggered_by: number | null;
  cancel_requested_at: string | null;
}

/** A run row this process writes; `version` tracks the row for compare-and-set updates. */
export interface OwnRun {
  id: number;
  version: number;
}

export class RunStore {
  constructor(
    private readonly repos: Repositories,
    private readonly changes: ChangeFeed,
  ) {}

  private get repo() {
    return this.repos.repo(RUN);
  }

  write<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.repos.datasourceOf(RUN).writeTransaction(work);
  }

  async read(id: number, tx?: Transaction): Promise<RunRow | undefined> {
    const rows = await this.repo.rowsWhere({ id }, 1, tx);
    return rows[0] ? this.fromStored(rows[0]) : undefined;
  }

  /** Up to `limit` rows matching `filter`, oldest first. */
  async where(filter: Record<string, unknown>, limit: number): Promise<RunRow[]> {
    return (await this.repo.rowsWhere(filter, limit)).map((r) => this.fromStored(r));
  }

  /** The latest `limit` runs of one record, newest first. */
  async ofRecord(entity: string, id: number, limit: number): Promise<RunRow[]> {
    const { rows } = await this.repo.list({ filter: { record_entity: entity, record_id: id }, sort: '-id', page: 1, pageSize: limit });
    return rows.map((r) => this.fromStored(r));
  }

  /** A new run row in `tx`; the caller publishes it once `tx` commits. */
  insert(values: Record<string, unknown>, tx: Transaction): Promise<number> {
    return this.repo.insert(values, tx);
  }

  /** Compare-and-set on the run row; false when another process changed it first. Publishes the change. */
  async update(run: OwnRun, values: Record<string, unknown>): Promise<boolean> {
    const ok = await this.write((tx) => this.repo.update(run.id, { ...values, updated_at: new Date() }, run.version, tx));
    if (ok) {
      run.version++;
      this.publish(run.id, run.version);
    }
    return ok;
  }

  /** Live update after a commit: screens showing the run refresh. */
  publish(id: number, version: number, op: ChangeEvent['op'] = 'update'): void {
    this.changes.publish({ module: 'platform', entity: 'schedule_run', id, op, version, by: null });
  }

  private fromStored(stored: Record<string, unknown>): RunRow {
    return rowFromStored(this.repos.model.entity(RUN), stored) as unknown as RunRow;
  }
}
