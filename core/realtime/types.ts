import type { Server, Socket } from 'socket.io';
import type { SessionUser } from '../plugin/types.js';
import type { ChangeEvent } from '../service/changeFeed.js';

/** A line a running job logged, sent to who may read the run's record (or, for schedule runs, the run). */
export interface RunLogEvent {
  runId: number;
  attempt: number;
  line: string;
  /** The record of a record run (`module.entity`), so its screen can pick up a run it has not listed yet. */
  record?: { entity: string; id: number };
}

/** What the server may send a client: the contract's `change` event, and the live lines of runs. */
export interface ServerToClientEvents {
  change: (event: ChangeEvent) => void;
  runLog: (event: RunLogEvent) => void;
}

/** Clients send nothing; everything they need is in the handshake. */
export type ClientToServerEvents = Record<string, never>;

export type InterServerEvents = Record<string, never>;

/** Kept on each socket after the handshake; no token here, since socket data is shared across a cluster. */
export interface RealtimeSocketData {
  user: SessionUser;
  jti: string;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, RealtimeSocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, RealtimeSocketData>;

/** Rooms that address a socket without a registry of our own (and that a cluster adapter spans). */
export const sessionRoom = (jti: string): string => `session:${jti}`;
export const userRoom = (userId: number): string => `user:${userId}`;
