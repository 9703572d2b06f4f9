/** Log lines of runs as the server streams them (`runLog` over Socket.IO), passed on to the open viewers. */
import type { RunLogEvent } from '../../../core/realtime/types.js';

export type { RunLogEvent };

const listeners = new Set<(event: RunLogEvent) => void>();

export function publishRunLog(event: RunLogEvent): void {
  for (const listener of listeners) listener(event);
}

export function subscribeToRunLog(listener: (event: RunLogEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
