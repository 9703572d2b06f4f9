/** What passes between the scheduler and a job's worker thread. */
import type { DatasourceSettings } from '../../db/connectModelDatasources.js';
import type { ChangeEvent } from '../../realtime/changeFeed.js';

/** How a worker finds the app and its databases: the same sources the server started from. */
export interface WorkerSettings extends DatasourceSettings {
  root: string;
  manifestsDir?: string;
  pluginsDir?: string;
  timeZone: string;
}

export interface JobRequest {
  runId: number;
  module: string;
  job: string;
  params: Record<string, unknown>;
  slot: Date;
  trigger: 'cron' | 'manual';
}

export interface WorkerInput {
  settings: WorkerSettings;
  request: JobRequest;
}

export type WorkerMessage =
  | { type: 'log'; line: string }
  | { type: 'progress'; fraction: number; message?: string }
  /** A record the job changed, for the server's live updates. */
  | { type: 'change'; event: ChangeEvent }
  | { type: 'result'; ok: true; summary?: string }
  | { type: 'result'; ok: false; error: string };

/** Sent to the worker to abort its job (timeout or shutdown). */
export const ABORT_MESSAGE = 'cancel';
