/**
 * A stand-in for the external RPA robot API (CONTRACTS.md §7), for the tests
 * and the demo (`npm run rpa:robot`): jobs that log line by line over seconds,
 * fail (operadora FALHA), hang (TRAVA), answer 503 once (INSTAVEL), and hand
 * out an invoice PDF at the end.
 */
import type { AddressInfo } from 'node:net';
import { RobotJobs } from './jobs.js';
import { robotApp } from './server.js';

export type { JobStatus, LogEntry, RobotJob, RobotJobs } from './jobs.js';
export type { DownloadPayload, SatPayload } from './payloads.js';
export { OPERADORAS } from './scripts.js';

export interface RobotStandInOptions {
  token: string;
  /** Pause between two log lines of a job (default 700 ms, as the real robots pace). */
  stepMs?: number;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export interface RobotStandIn {
  /** Base URL, e.g. `http://127.0.0.1:8701` (no trailing slash). */
  url: string;
  /** What each job received and where it is. */
  jobs: RobotJobs;
  close(): Promise<void>;
}

export const DEFAULT_STEP_MS = 700;

export async function startRobotStandIn({ token, stepMs = DEFAULT_STEP_MS, port = 0, host = '127.0.0.1' }: RobotStandInOptions): Promise<RobotStandIn> {
  const jobs = new RobotJobs(stepMs);
  const server = robotApp(token, jobs).listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    jobs,
    close: () => {
      jobs.stop();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
