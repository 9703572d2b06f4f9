import { useEffect, useRef } from 'react';
import { subscribeToChanges, type ChangeEvent } from './changeEvents.js';

/** Changes closer together than this reach the listener as one batch (an import, a busy shift). */
const BURST_MS = 300;

/**
 * Calls `onChange` with the committed changes of the given entities
 * (`'<module>.<entity>'`) as the server announces them, a burst at a time,
 * whoever made them. The latest `onChange` is used; changing it does not resubscribe.
 */
export function useEntityChanges(entityKeys: readonly string[], onChange: (events: ChangeEvent[]) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  const keys = entityKeys.join(' ');
  useEffect(() => {
    const watched = new Set(keys.split(' ').filter(Boolean));
    if (watched.size === 0) return;
    let batch: ChangeEvent[] = [];
    let timer: number | undefined;
    const stop = subscribeToChanges((event) => {
      if (!watched.has(`${event.module}.${event.entity}`)) return;
      batch.push(event);
      timer ??= window.setTimeout(() => {
        const events = batch;
        batch = [];
        timer = undefined;
        latest.current(events);
      }, BURST_MS);
    });
    return () => {
      stop();
      window.clearTimeout(timer);
    };
  }, [keys]);
}
