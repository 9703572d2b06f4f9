import { useQuery } from '@tanstack/react-query';
import { callQuery } from '../api/apiClient.js';
import type { RecordRow } from '../model/modelTypes.js';

/** One record with its children (`<module>.<entity>.get`). */
export function useRecord(entityKey: string, id: number) {
  return useQuery({
    queryKey: ['record', entityKey, id],
    queryFn: () => callQuery<RecordRow>(`${entityKey}.get`, { id }),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: (count, error) => count < 2 && !['NOT_FOUND', 'FORBIDDEN'].includes((error as { code?: string }).code ?? ''),
  });
}
