/**
 * Fans the change feed out to connected sockets, deciding per event and per
 * socket whether its user may read the changed row — never per connection, so
 * role changes and row rules apply to every event.
 *
 * Scale-out seam: this runs on every node for that node's own sockets
 * (`io.local`). With the Redis adapter, each node must also receive the other
 * nodes' feed events (e.g. forward them with `io.serverSideEmit` and deliver
 * what arrives); the filtering below stays as it is.
 */
import type { Logger } from 'pino';
import { decideAccess } from '../auth/permissions.js';
import type { Filter } from '../db/repository/buildWhere.js';
import type { EntityRepository } from '../db/repository/entityRepository.js';
import type { EntityModel } from '../model/types.js';
import type { Repositories } from '../db/repository/repositories.js';
import type { ChangeEvent, ChangeFeed } from '../service/changeFeed.js';
import { LastReaders } from './lastReaders.js';
import type { RealtimeServer } from './types.js';

const USER_ENTITY = 'platform.user';

export interface DeliveryOptions {
  io: RealtimeServer;
  repos: Repositories;
  changes: ChangeFeed;
  logger: Logger;
  /** Re-reads the sessions of a user whose record changed (roles, active) before later events are filtered for them. */
  recheckUser(userId: number): Promise<void>;
}

/** Sockets whose user reads the entity under the same row scope: one query answers for all of them. */
interface ScopedReaders {
  scope: Filter[];
  socketIds: string[];
}

/** Subscribes to the feed; returns the unsubscribe function. */
export function deliverChanges(o: DeliveryOptions): () => void {
  const lastReaders = new LastReaders();
  let queue = Promise.resolve();
  return o.changes.subscribe((event) => {
    // One event at a time: scope checks are async, and every client must see changes in commit order.
    queue = queue.then(() => deliverOne(event, o, lastReaders)).catch((err: unknown) => o.logger.error({ err, event }, 'live update not delivered'));
  });
}

async function deliverOne(event: ChangeEvent, o: DeliveryOptions, lastReaders: LastReaders): Promise<void> {
  const entity = o.repos.model.modules[event.module]?.entities[event.entity];
  if (!entity || entity.internal) return;
  if (entity.key === USER_ENTITY) await o.recheckUser(event.id);
  const payload = contractPayload(event);
  const { everyRow, scoped } = readersOf(entity, o.io);
  emitTo(o.io, everyRow, payload);
  const rowKey = `${entity.key}#${event.id}`;
  if (event.op === 'delete') {
    // The row is gone: only the scopes that could read it at its last change are told.
    for (const key of lastReaders.take(rowKey)) emitTo(o.io, scoped.get(key)?.socketIds ?? [], payload);
    return;
  }
  const reading = await scopesThatRead(o.repos.repo(entity.key), event.id, scoped);
  lastReaders.set(rowKey, reading);
  for (const key of reading) emitTo(o.io, scoped.get(key)!.socketIds, payload);
}

/** Splits this node's sockets into readers of every row and readers under a row scope; the rest may not read. */
export function readersOf(entity: EntityModel, io: RealtimeServer): { everyRow: string[]; scoped: Map<string, ScopedReaders> } {
  const everyRow: string[] = [];
  const scoped = new Map<string, ScopedReaders>();
  for (const socket of io.of('/').sockets.values()) {
    const access = decideAccess(entity, 'read', socket.data.user);
    if (!access.allowed) continue;
    if (!access.scope) {
      everyRow.push(socket.id);
      continue;
    }
    const key = JSON.stringify(access.scope);
    const group = scoped.get(key) ?? { scope: access.scope, socketIds: [] };
    group.socketIds.push(socket.id);
    scoped.set(key, group);
  }
  return { everyRow, scoped };
}

/** The scope keys under which the row is readable now, one query per distinct scope (null = outside it). */
export async function scopesThatRead(repo: EntityRepository, id: number, scoped: Map<string, ScopedReaders>): Promise<Set<string>> {
  const checks = [...scoped].map(async ([key, { scope }]) => ((await repo.findById(id, undefined, scope)) ? key : undefined));
  return new Set((await Promise.all(checks)).filter((key): key is string => key !== undefined));
}

/** Exactly the contract's fields, whatever else a feed event may carry one day. */
function contractPayload(e: ChangeEvent): ChangeEvent {
  return { module: e.module, entity: e.entity, id: e.id, op: e.op, version: e.version, by: e.by };
}

/** One broadcast encodes the packet once. `to([])` would mean everyone, hence the guard. */
function emitTo(io: RealtimeServer, socketIds: string[], payload: ChangeEvent): void {
  if (socketIds.length === 0) return;
  io.local.to(socketIds).emit('change', payload);
}
