/** The record actions the model declares: a button each, calling its procedure with `{ id }`, after a confirmation when asked. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { callMutation } from '../api/apiClient.js';
import { toApiError } from '../api/apiError.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Icon } from '../components/Icon.js';
import { useToast } from '../components/ToastProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { EntityDescription, RecordActionDescription } from '../model/modelTypes.js';

export function RecordActions({ entity, id }: { entity: EntityDescription; id: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<RecordActionDescription | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function run(action: RecordActionDescription) {
    setBusy(action.name);
    try {
      await callMutation(action.procedure, { id });
      toast(t('action.done', { label: action.label }));
      await queryClient.invalidateQueries({ queryKey: ['record', entity.key, id] });
    } catch (e) {
      toast(toApiError(e).message, 'error');
    } finally {
      setBusy(null);
      setAsking(null);
    }
  }

  return (
    <>
      {entity.actions.map((action) => (
        <button
          key={action.name}
          type="button"
          className="button"
          disabled={busy !== null}
          aria-busy={busy === action.name}
          onClick={() => (action.confirm ? setAsking(action) : void run(action))}
        >
          <Icon name="play" /> {action.label}
        </button>
      ))}
      <ConfirmDialog
        open={asking !== null}
        busy={busy !== null}
        title={asking?.label ?? ''}
        text={asking?.confirm ?? ''}
        confirmLabel={t('dialog.confirm')}
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && void run(asking)}
      />
    </>
  );
}
