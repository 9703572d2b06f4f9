/** Committed changes as the server announces them, passed on to the screens that care. */
import type { ChangeEvent } from '../../../core/service/changeFeed.js';

export type { ChangeEvent };

const listeners = new Set<(event: ChangeEvent) => void>();

export function publishChange(event: ChangeEvent): void {
  for (const listener of listeners) listener(event);
}

export function subscribeToChanges(listener: (event: ChangeEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
