/** Who changed what and when, from `platform.audit` for this one record. */
import { useQuery } from '@tanstack/react-query';
import { callQuery } from '../api/apiClient.js';
import { CORE } from '../api/coreProcedures.js';
import { ErrorState } from '../components/ErrorState.js';
import { LoadingState } from '../components/LoadingState.js';
import { formatDateTime } from '../format/dateText.js';
import { useValueText } from '../format/useValueText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/translate.js';
import { splitEntityKey } from '../model/entityLookup.js';
import type { AppModelDescription, EntityDescription, FieldDescription } from '../model/modelTypes.js';
import { changeRows, type AuditEntry } from './auditChanges.js';
import { useRelationNames } from './useRelationNames.js';
import { useUserNames } from './useUserNames.js';

export function HistoryTab({ model, entity, recordId }: { model: AppModelDescription; entity: EntityDescription; recordId: number }) {
  const { t } = useI18n();
  const text = useValueText();
  const { module, entity: name } = splitEntityKey(entity.key);
  const audit = useQuery({
    queryKey: ['audit', entity.key, recordId],
    queryFn: () => callQuery<{ rows: AuditEntry[] }>(CORE.audit, { filter: { module, entity: name, record_id: recordId }, sort: '-id', pageSize: 100 }),
  });
  const entries = audit.data?.rows ?? [];
  const userName = useUserNames(entries.map((e) => e.created_by).filter((id): id is number => id !== null));
  const relationName = useRelationNames(model, entity, entries);

  if (audit.isPending) return <LoadingState text={t('history.loading')} />;
  if (audit.isError) return <ErrorState title={t('history.loadError')} error={audit.error} onRetry={() => void audit.refetch()} />;
  if (entries.length === 0) return <p className="state">{t('history.empty')}</p>;

  const show = (field: FieldDescription | undefined, value: unknown) => {
    if (Array.isArray(value)) return t('history.rows', { count: value.length });
    if (!field) return value === null || value === undefined ? t('value.empty') : typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (field.target && typeof value === 'number') return text(field, value, relationName(field.target, value));
    return text(field, value);
  };

  return (
    <ol className="history">
      {entries.map((entry) => (
        <li key={entry.id} className="history-entry">
          <p className="history-head">
            {t('history.entry', { who: userName(entry.created_by), op: t(`history.op.${entry.op}` as MessageKey), when: formatDateTime(entry.created_at) })}
          </p>
          {entry.op !== 'delete' && changeRows(entity, entry.changes).length > 0 && (
            <table className="data-table history-changes">
              <thead>
                <tr>
                  <th scope="col">{t('history.field')}</th>
                  {entry.op !== 'create' && <th scope="col">{t('history.before')}</th>}
                  <th scope="col">{t('history.after')}</th>
                </tr>
              </thead>
              <tbody>
                {changeRows(entity, entry.changes).map((row) => (
                  <tr key={row.name}>
                    <th scope="row">{row.field?.label ?? row.name}</th>
                    {entry.op !== 'create' && <td>{show(row.field, row.before)}</td>}
                    <td>{show(row.field, row.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}
