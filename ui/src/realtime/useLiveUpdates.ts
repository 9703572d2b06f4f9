/**
 * Live updates: after a committed change the server emits `change` events
 * (`{ module, entity, id, op, version, by }`) over Socket.IO to every client
 * allowed to read it; cached lists, records and histories of that entity are
 * refreshed. An open form keeps what the user typed; it shows who saved
 * meanwhile (useChangedElsewhere), and a save of the stale version is refused
 * by the server (CONFLICT). The client library loads after sign-in,
 * outside the first page load.
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';

import { publishChange, type ChangeEvent } from './changeEvents.js';
import { publishRunLog } from '../runs/runLogEvents.js';

export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let socket: Socket | undefined;
    let stopped = false;
    // A burst of changes (an import, a busy hour) refreshes each list once, not once per event.
    const pending = new Map<string, Set<number>>();
    let timer: number | undefined;
    const flush = () => {
      timer = undefined;
      for (const [key, ids] of pending) {
        void queryClient.invalidateQueries({ queryKey: ['list', key] });
        void queryClient.invalidateQueries({ queryKey: ['relation-options', key] });
        for (const id of ids) {
          void queryClient.invalidateQueries({ queryKey: ['record', key, id] });
          void queryClient.invalidateQueries({ queryKey: ['audit', key, id] });
        }
      }
      pending.clear();
    };
    void import('socket.io-client').then(({ io }) => {
      if (stopped) return;
      socket = io({ path: '/socket.io', withCredentials: true });
      // Events sent while the connection was down (a server restart) are lost: refetch everything shown.
      socket.io.on('reconnect', () => void queryClient.invalidateQueries());
      // Lines of running jobs, for the open run viewers (RunLog).
      socket.on('runLog', publishRunLog);
      socket.on('change', (event: ChangeEvent) => {
        publishChange(event);
        const key = `${event.module}.${event.entity}`;
        pending.set(key, (pending.get(key) ?? new Set()).add(event.id));
        timer ??= window.setTimeout(flush, 300);
      });
    });
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      socket?.disconnect();
    };
  }, [queryClient]);
}
