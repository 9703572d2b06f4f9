/** What passes between the scheduler and a job's worker thread. */
import type { TransportedError } from '../errors/index.js';
import type { EntityAccess, JobRunInfo, PluginJobs, SqlDialect } from '../plugin/types.js';
import type { S3StoreSettings } from '../config/index.js';
import type { FileHostCall } from '../files/index.js';

/** How a worker finds the app: the same sources the server started from. It opens no database. */
export interface WorkerSettings {
  root: string;
  manifestsDir?: string;
  pluginsDir?: string;
  /** The platform's data folder (DATA_DIR): the job's `ctx.dataDir` and the file store's home. */
  dataDir: string;
  /** The business calendar's zone (TIME_ZONE): the job's `ctx.calendar`. */
  timeZone: string;
  /** The modules' environment variables (Config.moduleEnv): the job's `ctx.settings`. */
  moduleEnv: Readonly<Record<string, string>>;
  /** The S3 bucket of file contents (Config.filesS3), when they are not in DATA_DIR: the job's file store. */
  filesS3?: S3StoreSettings;
}

/** What the worker's DataAccess needs of a datasource to build SQL like the server does. */
export interface DatasourceNaming {
  dialect: SqlDialect;
  /** Every table and column name of the model, quoted by the datasource itself. */
  quoted: Record<string, string>;
}

export interface JobRequest {
  runId: number;
  module: string;
  job: string;
  params: Record<string, unknown>;
  slot: Date;
  trigger: 'cron' | 'manual' | 'code';
  attempt: number;
  maxAttempts: number;
  /** The record of a record run. */
  record?: { entity: string; id: number };
}

/** What the job (and its onOutcome) is told about its run. */
export function runInfoOf(r: JobRequest): JobRunInfo {
  return { id: r.runId, slot: r.slot, trigger: r.trigger, attempt: r.attempt, maxAttempts: r.maxAttempts, record: r.record };
}

export interface WorkerInput {
  settings: WorkerSettings;
  request: JobRequest;
  /** By datasource name. */
  naming: Record<string, DatasourceNaming>;
}

export type EntityMethod = keyof EntityAccess;

/** A database operation the server runs for the job, as the system user, in `module`'s context. */
export type HostCall =
  | { op: 'query'; module: string; sql: string; params: unknown[] }
  | { op: 'nextSequence'; module: string; name: string }
  | { op: 'entity'; module: string; entity: string; method: EntityMethod; args: unknown[] }
  | { op: 'backup'; module: string; folder: string; retention: number }
  /** `ctx.files`' record side: the content is already in the store, put there by the worker. */
  | { op: 'file'; module: string; call: FileHostCall }
  | { op: 'jobs'; module: string; method: keyof PluginJobs; args: unknown[] };

export type WorkerMessage =
  | { type: 'log'; line: string }
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'call'; id: number; call: HostCall }
  | { type: 'result'; ok: true; summary?: string }
  | { type: 'result'; ok: false; error: string };

/** The server's answer to a `call`. */
export type ReplyMessage = { type: 'reply'; id: number; ok: true; value: unknown } | { type: 'reply'; id: number; ok: false; error: TransportedError };

/** Sent to the worker to abort its job (timeout or shutdown). */
export const ABORT_MESSAGE = 'cancel';
