/**
 * Follows a robot job to its end: polls its log lines (handing each to
 * `onLog` once, in order) and its status every `pollMs`, until it completes
 * or fails. A job that never ends is stopped by the platform's per-attempt
 * timeout, which aborts `signal`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RobotClient, RobotJob, RobotLogLine } from './client.js';

export interface FollowOptions {
  pollMs: number;
  signal: AbortSignal;
  onLog(line: RobotLogLine): void | Promise<void>;
}

export async function followJob(robot: RobotClient, jobId: string, { pollMs, signal, onLog }: FollowOptions): Promise<RobotJob> {
  let desde = 0;
  const readLogs = async () => {
    const page = await robot.logs(jobId, desde, signal);
    for (const line of page.logs) await onLog(line);
    desde = page.proximo;
  };
  for (;;) {
    await readLogs();
    const job = await robot.job(jobId, signal);
    if (job.status === 'completed' || job.status === 'failed') {
      // The last lines may have been written between the two calls.
      await readLogs();
      return job;
    }
    await sleep(pollMs, undefined, { signal });
  }
}
