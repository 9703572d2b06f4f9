/**
 * The robot's jobs: each one says its script's lines one per step, then ends
 * the way its script says. Tests read them (what each job received, its state).
 */
import { randomUUID } from 'node:crypto';
import type { DownloadPayload, SatPayload } from './payloads.js';
import type { DownloadResult, LogLevel, SatResult, Script } from './scripts.js';

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface LogEntry {
  seq: number;
  timestamp: string;
  level: LogLevel;
  message: string;
}

export type RobotJob = Readonly<
  {
    id: string;
    status: JobStatus;
    logs: readonly LogEntry[];
    result?: DownloadResult | SatResult;
    error?: string;
    /** The invoice PDF of a completed download. */
    pdf?: Buffer;
    /** Requests answered about this job after it was created (status, logs, file), 503s included. */
    calls: number;
  } & ({ kind: 'download'; operadora: string; payload: DownloadPayload } | { kind: 'sat'; operadora: string; payload: SatPayload })
>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type JobState = Mutable<RobotJob> & { logs: LogEntry[] };

export class RobotJobs {
  readonly #jobs = new Map<string, JobState>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(private readonly stepMs: number) {}

  get(id: string): RobotJob | undefined {
    return this.#jobs.get(id);
  }

  all(): RobotJob[] {
    return [...this.#jobs.values()];
  }

  /** Records a call about a job; for a flaky portal's job, whether this call is the one refused. */
  touch(id: string, unstable: boolean): 'refused' | 'answered' {
    const job = this.#jobs.get(id)!;
    job.calls += 1;
    return unstable && job.calls === 1 ? 'refused' : 'answered';
  }

  start(job: Pick<RobotJob, 'kind' | 'operadora' | 'payload'>, script: (id: string) => Script): RobotJob {
    const id = randomUUID();
    const state = { ...job, id, status: 'queued', logs: [], calls: 0 } as JobState;
    this.#jobs.set(id, state);
    this.#play(state, script(id), 0);
    return state;
  }

  /** Stops every job where it is (hung jobs have nothing left to stop). */
  stop(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  #play(job: JobState, script: Script, next: number): void {
    const timer = setTimeout(async () => {
      this.#timers.delete(timer);
      job.status = 'running';
      const line = script.lines[next];
      if (line) {
        job.logs.push({ seq: job.logs.length + 1, timestamp: new Date().toISOString(), ...line });
        this.#play(job, script, next + 1);
        return;
      }
      const end = await script.end();
      if (end.kind === 'completed') Object.assign(job, { status: 'completed', result: end.result, pdf: end.pdf });
      if (end.kind === 'failed') Object.assign(job, { status: 'failed', error: end.error });
    }, this.stepMs);
    this.#timers.add(timer);
  }
}
