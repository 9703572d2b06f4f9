/**
 * Socket.IO on the platform's HTTP server (path /socket.io): authenticated at
 * the handshake with the API's own tokens, kept honest by a per-socket session
 * watch, fed by the change feed (see deliverChanges for the per-event rules).
 */
import type http from 'node:http';
import { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { SessionService } from '../auth/sessions.js';
import type { Repositories } from '../db/repository/repositories.js';
import type { ChangeFeed } from '../service/changeFeed.js';
import { deliverChanges } from './deliverChanges.js';
import { deliverRunLogs } from './deliverRunLogs.js';
import type { RunLogFeed } from './runLogFeed.js';
import { authenticateHandshake, HandshakeError, type HandshakeSession } from './handshake.js';
import { SessionWatch } from './sessionWatch.js';
import { sessionRoom, userRoom, type RealtimeServer, type RealtimeSocket } from './types.js';

export interface RealtimeOptions {
  repos: Repositories;
  changes: ChangeFeed;
  /** Log lines of the runs this process executes. */
  runLogs?: RunLogFeed;
  sessions: SessionService;
  logger: Logger;
  /** Cross-origin pages allowed to connect (the HTTP API's CORS_ORIGINS). */
  corsOrigins: readonly string[];
  /** How often a connected socket's session is re-read: revocation on another node, deactivation, roles. */
  recheckMs?: number;
  /** Asks for cluster fan-out, which is not wired yet (see below). */
  redisUrl?: string;
}

export interface Realtime {
  io: RealtimeServer;
  /** Cuts every socket of a session at once (logout); the client is told not to reconnect. */
  disconnectSession(jti: string): void;
  /** Closes the transports so clients reconnect by themselves to the next server; does not close the HTTP server. */
  close(): Promise<void>;
}

const DEFAULT_RECHECK_MS = 5 * 60_000;
/** Long enough to cover a handshake whose session check was in flight when the session ended. */
const ENDED_SESSION_MEMORY_MS = 60_000;

export function attachRealtime(httpServer: http.Server, o: RealtimeOptions): Realtime {
  const io: RealtimeServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    cors: o.corsOrigins.length ? { origin: [...o.corsOrigins], credentials: true } : undefined,
  });
  // Scale-out seam: with REDIS_URL, `io.adapter(createAdapter(pub, sub))` from @socket.io/redis-adapter goes here,
  // and deliverChanges must forward feed events between nodes. Until then, say so rather than fail silently.
  if (o.redisUrl) o.logger.warn('REDIS_URL is set but the Socket.IO Redis adapter is not wired yet: live updates reach only clients of this process');

  const pending = new WeakMap<RealtimeSocket, HandshakeSession>();
  const watches = new Map<string, SessionWatch>();
  const ended = new EndedSessions();
  io.use((socket, next) => {
    authenticateHandshake(socket.handshake, o.sessions, o.corsOrigins).then(
      (session) => {
        pending.set(socket, session);
        socket.data = { user: session.user, jti: session.jti };
        next();
      },
      (e: unknown) => next(handshakeRefusal(e, o.logger)),
    );
  });
  io.on('connection', (socket) => {
    const session = pending.get(socket)!;
    if (ended.has(session.jti)) return void socket.disconnect(true);
    watchSocket(socket, session, watches, o);
  });

  const stopChanges = deliverChanges({ io, repos: o.repos, changes: o.changes, logger: o.logger, recheckUser: (id) => recheckUser(io, watches, id) });
  const stopRunLogs = o.runLogs ? deliverRunLogs({ io, repos: o.repos, runLogs: o.runLogs, logger: o.logger }) : () => undefined;
  const stopDelivery = () => {
    stopChanges();
    stopRunLogs();
  };
  let closing: Promise<void> | undefined;
  return {
    io,
    disconnectSession(jti) {
      ended.add(jti);
      io.in(sessionRoom(jti)).disconnectSockets(true);
    },
    close: () => (closing ??= closeRealtime(io, watches, stopDelivery)),
  };
}

function watchSocket(socket: RealtimeSocket, session: HandshakeSession, watches: Map<string, SessionWatch>, o: RealtimeOptions): void {
  void socket.join([sessionRoom(session.jti), userRoom(session.user.id)]);
  const watch = new SessionWatch(socket, session, o.sessions, o.recheckMs ?? DEFAULT_RECHECK_MS, o.logger);
  watches.set(socket.id, watch);
  socket.on('disconnect', () => {
    watch.stop();
    watches.delete(socket.id);
  });
  watch.start();
}

async function recheckUser(io: RealtimeServer, watches: Map<string, SessionWatch>, userId: number): Promise<void> {
  const socketIds = io.of('/').adapter.rooms.get(userRoom(userId)) ?? new Set<string>();
  await Promise.all([...socketIds].map((id) => watches.get(id)?.recheck()));
}

async function closeRealtime(io: RealtimeServer, watches: Map<string, SessionWatch>, stopDelivery: () => void): Promise<void> {
  stopDelivery();
  for (const watch of watches.values()) watch.stop();
  // Closing the transports, not disconnecting the sockets: a client then sees a lost server and reconnects by itself.
  io.engine.close();
  await io.of('/').adapter.close();
}

/** The client's `connect_error`: message = code, `data` = { code, message } for a readable explanation. */
function handshakeRefusal(e: unknown, logger: Logger): Error {
  if (!(e instanceof HandshakeError)) logger.error({ err: e }, 'realtime handshake failed');
  const code = e instanceof HandshakeError ? e.code : 'INTERNAL_SERVER_ERROR';
  const message = e instanceof HandshakeError ? e.message : 'Could not check the session';
  return Object.assign(new Error(code), { data: { code, message } });
}

/** Sessions ended (logout) in the last minute, so a handshake that raced the logout cannot survive it. */
class EndedSessions {
  private readonly jtis = new Set<string>();

  add(jti: string): void {
    this.jtis.add(jti);
    setTimeout(() => this.jtis.delete(jti), ENDED_SESSION_MEMORY_MS).unref();
  }

  has(jti: string): boolean {
    return this.jtis.has(jti);
  }
}
