/**
 * One run and the runs of one record, through `platform.run_get` and
 * `platform.record_runs` (checked per run on the server). Run rows reach the
 * `change` feed of admins only, so while a run is not finished its row is
 * fetched again every few seconds; its lines arrive live meanwhile.
 */
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { JobRunView } from '../../../core/plugin/types.js';
import { callQuery } from '../api/apiClient.js';
import { useEntityChanges } from '../realtime/useEntityChanges.js';
import { subscribeToRunLog } from './runLogEvents.js';

export type { JobRunView };

const WHILE_ACTIVE_MS = 2_000;
const ENDED = new Set<JobRunView['status']>(['succeeded', 'failed', 'timed_out', 'cancelled', 'skipped']);

export const runEnded = (run: Pick<JobRunView, 'status'>): boolean => ENDED.has(run.status);

export function useRun(runId: number) {
  return useQuery({
    queryKey: ['run', runId],
    queryFn: () => callQuery<JobRunView>('platform.run_get', { id: runId }),
    refetchInterval: (query) => (query.state.data && runEnded(query.state.data) ? false : WHILE_ACTIVE_MS),
  });
}

/** The runs of a record (newest first), for an entity with record jobs; refreshed when the record changes. */
export function useRecordRuns(entityKey: string, id: number) {
  const runs = useQuery({
    queryKey: ['record-runs', entityKey, id],
    queryFn: () => callQuery<JobRunView[]>('platform.record_runs', { entity: entityKey, id }),
    refetchInterval: (query) => (query.state.data?.some((run) => !runEnded(run)) ? WHILE_ACTIVE_MS : false),
  });
  useEntityChanges([entityKey], (events) => {
    if (events.some((e) => e.id === id)) void runs.refetch();
  });
  // A run started meanwhile (by this user's action, or anyone's) shows up with its first line.
  const known = runs.data;
  useEffect(
    () =>
      subscribeToRunLog((event) => {
        const ours = event.record?.entity === entityKey && event.record.id === id;
        if (ours && known && !known.some((run) => run.id === event.runId)) void runs.refetch();
      }),
    [entityKey, id, known, runs.refetch],
  );
  return runs;
}
