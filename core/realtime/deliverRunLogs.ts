/**
 * Fans the run log feed out to connected sockets: a line of a record run goes
 * to the sockets whose user may read that record now, a line of a schedule
 * run to those who may read that run; decided per line, with the same rule
 * (grant and row scope) as `change` events. Per node, like deliverChanges:
 * a run's lines reach the sockets of the process that runs it.
 */
import type { Logger } from 'pino';
import type { Repositories } from '../db/repository/repositories.js';
import { readersOf, scopesThatRead } from './deliverChanges.js';
import type { RunLogFeed, RunLogLine } from './runLogFeed.js';
import type { RealtimeServer, RunLogEvent } from './types.js';

const RUN_ENTITY = 'platform.schedule_run';

export interface RunLogDeliveryOptions {
  io: RealtimeServer;
  repos: Repositories;
  runLogs: RunLogFeed;
  logger: Logger;
}

/** Subscribes to the feed; returns the unsubscribe function. */
export function deliverRunLogs(o: RunLogDeliveryOptions): () => void {
  let queue = Promise.resolve();
  return o.runLogs.subscribe((line) => {
    // In order: a viewer must read the lines as the job wrote them.
    queue = queue.then(() => deliverLine(line, o)).catch((err: unknown) => o.logger.error({ err, run: line.runId }, 'run log line not delivered'));
  });
}

async function deliverLine(line: RunLogLine, o: RunLogDeliveryOptions): Promise<void> {
  const [key, id] = line.record ? [line.record.entity, line.record.id] : [RUN_ENTITY, line.runId];
  const entity = o.repos.model.entity(key);
  const { everyRow, scoped } = readersOf(entity, o.io);
  const reading = scoped.size ? await scopesThatRead(o.repos.repo(key), id, scoped) : new Set<string>();
  const socketIds = [...everyRow, ...[...reading].flatMap((k) => scoped.get(k)!.socketIds)];
  if (socketIds.length === 0) return;
  const event: RunLogEvent = { runId: line.runId, attempt: line.attempt, line: line.line, ...(line.record ? { record: line.record } : {}) };
  o.io.local.to(socketIds).emit('runLog', event);
}
