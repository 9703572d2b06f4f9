import { useQuery } from '@tanstack/react-query';
import { callQuery } from '../api/apiClient.js';
import { CORE } from '../api/coreProcedures.js';
import type { AppModelDescription } from './modelTypes.js';

export const APP_MODEL_QUERY_KEY = [CORE.model] as const;

/** The app model as the signed-in user may see it (already filtered by permission on the server). */
export function useAppModel() {
  return useQuery({
    queryKey: APP_MODEL_QUERY_KEY,
    queryFn: () => callQuery<AppModelDescription>(CORE.model),
    staleTime: 5 * 60_000,
  });
}
