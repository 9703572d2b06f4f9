import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { callMutation } from '../api/apiClient.js';
import { toApiError } from '../api/apiError.js';
import { useToast } from '../components/ToastProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** Deletes records one by one and says how many went and why the others did not. */
export function useBulkDelete(entityKey: string, onDone: () => void) {
  const { t } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function run(ids: number[]) {
    setBusy(true);
    let deleted = 0;
    const failures: string[] = [];
    for (const id of ids) {
      try {
        await callMutation(`${entityKey}.delete`, { id });
        deleted++;
      } catch (e) {
        failures.push(toApiError(e).message);
      }
    }
    setBusy(false);
    await queryClient.invalidateQueries({ queryKey: ['list', entityKey] });
    if (deleted) toast(t('list.deleteDone', { count: deleted }));
    if (failures.length) toast(t('list.deleteFailed', { count: failures.length, reason: [...new Set(failures)].join('; ') }), 'error');
    onDone();
  }

  return { busy, run };
}
