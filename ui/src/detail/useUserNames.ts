import { useQuery } from '@tanstack/react-query';
import { callQuery } from '../api/apiClient.js';
import { CORE } from '../api/coreProcedures.js';
import { useSignedInUser } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** Names for user ids in a history or a "saved by" notice; the signed-in user is "Você". */
export function useUserNames(ids: number[]) {
  const { t } = useI18n();
  const me = useSignedInUser();
  const others = [...new Set(ids.filter((id) => id !== me.id))].sort((a, b) => a - b);
  const names = useQuery({
    queryKey: ['user-names', others],
    queryFn: () => callQuery<{ id: number; name: string }[]>(CORE.userNames, { ids: others }),
    enabled: others.length > 0,
    staleTime: 5 * 60_000,
  });
  return (id: number | null): string => {
    if (id === null) return t('history.system');
    if (id === me.id) return t('history.you');
    return names.data?.find((u) => u.id === id)?.name ?? t('history.user', { id });
  };
}
