import { useQuery } from '@tanstack/react-query';
import { callQuery } from '../api/apiClient.js';
import { CORE } from '../api/coreProcedures.js';
import { useSignedInUser } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { findEntityByKey } from '../model/entityLookup.js';
import type { AppModelDescription, ListResult } from '../model/modelTypes.js';

/**
 * Names for user ids in a history. Who may read users gets every name; anyone
 * else sees their own as "Você" and others by number.
 */
export function useUserNames(model: AppModelDescription, ids: number[]) {
  const { t } = useI18n();
  const me = useSignedInUser();
  const users = findEntityByKey(model, CORE.userEntity);
  const others = [...new Set(ids.filter((id) => id !== me.id))].sort((a, b) => a - b);
  const names = useQuery({
    queryKey: ['user-names', others],
    queryFn: () => callQuery<ListResult>(`${CORE.userEntity}.list`, { filter: { id: { in: others } }, pageSize: 200 }),
    enabled: !!users && others.length > 0,
    staleTime: 5 * 60_000,
  });
  return (id: number | null): string => {
    if (id === null) return t('history.system');
    if (id === me.id) return t('history.you');
    const row = names.data?.rows.find((r) => r.id === id);
    return row && users ? String(row[users.display] ?? t('history.user', { id })) : t('history.user', { id });
  };
}
