/**
 * The record's workflow procedures. Their query keys sit under the record's
 * own key, so whatever refreshes the record (a save, a live change event)
 * refreshes them too.
 */
import { useQuery } from '@tanstack/react-query';
import type { AvailableTransition, HistoryEntry } from '../../../core/workflow/workflowService.js';
import { callQuery } from '../api/apiClient.js';

export type { AvailableTransition, HistoryEntry };

export function useAvailableTransitions(entityKey: string, id: number) {
  return useQuery({
    queryKey: ['record', entityKey, id, 'transitions'],
    queryFn: () => callQuery<{ state: string; version: number; transitions: AvailableTransition[] }>(`${entityKey}.transitions`, { id }),
  });
}

export function useWorkflowHistory(entityKey: string, id: number) {
  return useQuery({
    queryKey: ['record', entityKey, id, 'workflow-history'],
    queryFn: () => callQuery<{ rows: HistoryEntry[] }>(`${entityKey}.history`, { id }),
  });
}
