/**
 * Runs each job in a worker thread of its own through bree: a job that throws,
 * exits or loops forever (even synchronously) is isolated from the server,
 * and a timed-out or aborted one is terminated. The job's database calls
 * arrive here as messages and run on the server's JobHost.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Bree from 'bree';
import type { Logger } from '../service/entityServices.js';
import { toTransport } from '../errors/index.js';
import type { JobHost } from './jobHost.js';
import {
  ABORT_MESSAGE,
  type HostCall,
  type JobRequest,
  type ReplyMessage,
  type WorkerInput,
  type WorkerMessage,
  type WorkerSettings,
} from './workerMessages.js';

const BOOTSTRAP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker', 'bootstrap.mjs');
/** After an abort request a job gets this long to stop by itself before its thread is terminated. */
const ABORT_GRACE_MS = 1_000;

export type RunOutcome = { status: 'succeeded'; summary?: string } | { status: 'failed' | 'timed_out'; error: string };

export interface RunListener {
  log(line: string): void;
  progress(fraction: number, message?: string): void;
}

export interface ActiveJob {
  /** Settles once the worker is gone. */
  done: Promise<RunOutcome>;
  /** Stops the job: asks it to abort, then terminates its thread. `reason` becomes the run's error. */
  abort(reason: string): void;
}

interface Tracked {
  listener: RunListener;
  result?: WorkerMessage & { type: 'result' };
  crash?: string;
  stopped?: { status: 'failed' | 'timed_out'; error: string };
  /** Database calls of the job still running on the server; the run ends after them. */
  calls: Set<Promise<void>>;
  timers: NodeJS.Timeout[];
  settle(outcome: RunOutcome): void;
}

export class JobRunner {
  private readonly bree: Bree;
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    private readonly settings: WorkerSettings,
    private readonly host: JobHost,
    logger: Logger,
  ) {
    this.bree = new Bree({
      root: false,
      doRootCheck: false,
      logger: breeLogger(logger),
      workerMessageHandler: ({ name, message }) => this.onMessage(name, message),
      errorHandler: (error, { name }) => {
        const job = this.tracked.get(name);
        if (job && !job.crash) job.crash = error instanceof Error ? (error.stack ?? error.message) : String(error);
      },
    });
    this.bree.on('worker deleted', (name: string) => void this.onGone(name));
  }

  async start(request: JobRequest, timeoutMs: number, listener: RunListener): Promise<ActiveJob> {
    const name = `run-${request.runId}`;
    let settle!: (outcome: RunOutcome) => void;
    const done = new Promise<RunOutcome>((resolve) => (settle = resolve));
    const job: Tracked = { listener, calls: new Set(), timers: [], settle };
    this.tracked.set(name, job);
    const stop = (status: 'failed' | 'timed_out', error: string) => {
      if (job.stopped) return;
      job.stopped = { status, error };
      const worker = this.bree.workers.get(name);
      worker?.postMessage(ABORT_MESSAGE);
      job.timers.push(setTimeout(() => void this.bree.workers.get(name)?.terminate(), ABORT_GRACE_MS));
    };
    try {
      const workerData: WorkerInput = { settings: this.settings, request, naming: this.host.datasourceNaming() };
      await this.bree.add({ name, path: BOOTSTRAP, worker: { workerData } });
      await this.bree.run(name);
    } catch (e) {
      this.tracked.delete(name);
      await this.bree.remove(name).catch(() => undefined);
      return { done: Promise.resolve({ status: 'failed', error: `The job's worker did not start: ${(e as Error).message}` }), abort: () => undefined };
    }
    job.timers.push(setTimeout(() => stop('timed_out', `Timed out after ${Math.round(timeoutMs / 1000)} s; the job was stopped`), timeoutMs));
    return { done, abort: (reason) => stop('failed', reason) };
  }

  private onMessage(name: string, message: unknown): void {
    const job = this.tracked.get(name);
    if (!job || typeof message !== 'object' || message === null) return;
    const m = message as WorkerMessage;
    if (m.type === 'log') job.listener.log(m.line);
    else if (m.type === 'progress') job.listener.progress(m.fraction, m.message);
    else if (m.type === 'call') this.serve(name, job, m.id, m.call);
    else if (m.type === 'result') job.result = m;
  }

  /** Runs a job's database call and answers it; a stopped job gets a refusal, a vanished worker no answer. */
  private serve(name: string, job: Tracked, id: number, call: HostCall): void {
    const work = job.stopped
      ? Promise.reject(new Error(`The run was stopped (${job.stopped.error}); it can no longer use the database`))
      : Promise.resolve().then(() => this.host.execute(call));
    const served = work.then(
      (value) => this.answer(name, { type: 'reply', id, ok: true, value }),
      (error: unknown) => this.answer(name, { type: 'reply', id, ok: false, error: toTransport(error) }),
    );
    job.calls.add(served);
    void served.finally(() => job.calls.delete(served));
  }

  private answer(name: string, reply: ReplyMessage): void {
    const worker = this.bree.workers.get(name);
    try {
      worker?.postMessage(reply);
    } catch (e) {
      // A value structured clone cannot carry; the job gets that as the call's error instead of waiting forever.
      if (reply.ok) worker?.postMessage({ type: 'reply', id: reply.id, ok: false, error: toTransport(e) } satisfies ReplyMessage);
    }
  }

  private async onGone(name: string): Promise<void> {
    const job = this.tracked.get(name);
    if (!job) return;
    this.tracked.delete(name);
    job.timers.forEach(clearTimeout);
    await this.bree.remove(name).catch(() => undefined);
    // A call the job made before it went still runs to its end (each one is atomic), and the run is closed after it.
    await Promise.all(job.calls);
    job.settle(outcomeOf(job));
  }
}

/** Why the run ended: a stop we asked for wins over whatever the job said on its way out. */
function outcomeOf(job: Tracked): RunOutcome {
  if (job.stopped) return job.stopped;
  if (job.result?.ok) return { status: 'succeeded', ...(job.result.summary ? { summary: job.result.summary } : {}) };
  if (job.result) return { status: 'failed', error: job.result.error };
  return { status: 'failed', error: job.crash ?? 'The job ended without reporting a result (its worker exited)' };
}

/** Bree narrates every worker's life at info level; that belongs at debug. */
function breeLogger(logger: Logger): Bree.BreeLogger {
  const debug = (logger as { debug?: (obj: object, msg?: string) => void }).debug?.bind(logger);
  return {
    info: (msg: unknown) => debug?.({}, String(msg)),
    warn: (msg: unknown) => logger.warn({}, String(msg)),
    error: (msg: unknown) => logger.warn({}, String(msg)),
  };
}
