/**
 * The live side of one run this process executes, schedule run or record
 * run alike: the job's lines and progress are kept in a RunOutput, each line
 * is published at once to the run log feed (live viewers), and the row is
 * written at most every `flushMs`. Every write is a compare-and-set on the
 * row's version; one that loses re-reads the row: a cancel request (written
 * by whoever cancelled, on any process) stops the job and the write is
 * retried on the new version; a row another process closed or took over
 * means this process lost the run, and it writes nothing more.
 */
import { RunOutput } from './runOutput.js';
import type { RunLogFeed, RunLogLine } from '../realtime/index.js';
import type { OwnRun, RunRow, RunStore } from './runStore.js';

export type StopReason = 'cancelled' | 'lost';

export interface RunRecorderOptions {
  flushMs: number;
  feed: RunLogFeed;
  instanceId: string;
  attempt: number;
  record?: RunLogLine['record'];
  /** The output earlier attempts left in the row: this attempt's lines follow it. */
  previousOutput?: string | null;
  /** Called once when the row asks for a cancel, or the run is lost. */
  onStop(reason: StopReason): void;
}

export class RunRecorder {
  readonly output: RunOutput;
  stopReason?: StopReason;
  private writes: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: RunStore,
    readonly run: OwnRun,
    private readonly o: RunRecorderOptions,
  ) {
    this.output = new RunOutput(o.previousOutput ?? '');
  }

  readonly listener = {
    log: (line: string) => {
      this.output.append(line);
      this.o.feed.publish({ runId: this.run.id, line, attempt: this.o.attempt, ...(this.o.record ? { record: this.o.record } : {}) });
    },
    progress: (fraction: number, message?: string) => this.output.report(fraction, message),
  };

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.o.flushMs);
  }

  /** Writes pending output and progress. */
  flush(): Promise<boolean> {
    if (!this.output.dirty) return this.writes.then(() => true);
    return this.write({});
  }

  /** Writes `values` (with any pending output) after the writes before it; false once the run was lost. */
  write(values: Record<string, unknown>, onCancel?: () => Record<string, unknown>): Promise<boolean> {
    const written = this.writes.then(() => this.writeNow(values, onCancel));
    this.writes = written.catch(() => undefined);
    return written;
  }

  /** Stops the periodic flush and waits for the writes in flight. */
  async end(): Promise<void> {
    clearInterval(this.timer);
    await this.writes;
  }

  private async writeNow(values: Record<string, unknown>, onCancel?: () => Record<string, unknown>): Promise<boolean> {
    if (this.stopReason === 'lost') return false;
    const row = () => ({ ...(this.output.dirty ? this.output.take() : {}), ...values });
    if (await this.store.update(this.run, row())) return true;
    const current = await this.store.read(this.run.id);
    if (!current || !this.stillOurs(current)) {
      this.stop('lost');
      return false;
    }
    this.run.version = current.version;
    if (current.cancel_requested_at) this.stop('cancelled');
    const retry = this.stopReason === 'cancelled' && onCancel ? { ...values, ...onCancel() } : values;
    return this.store.update(this.run, { ...this.output.take(), ...retry });
  }

  private stillOurs(row: RunRow): boolean {
    return row.status === 'running' && row.instance === this.o.instanceId;
  }

  private stop(reason: StopReason): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.o.onStop(reason);
  }
}
