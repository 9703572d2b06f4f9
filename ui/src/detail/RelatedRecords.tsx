/**
 * A read-only panel of the records of another entity that point to this one
 * (`related` in the manifest), newest first as that entity's list sorts them.
 * Its query shares the list cache key, so live updates refresh it.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { callQuery } from '../api/apiClient.js';
import { ErrorState } from '../components/ErrorState.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { columnsUnder, findEntityByKey, splitEntityKey } from '../model/entityLookup.js';
import type { AppModelDescription, ListResult, RelatedDescription } from '../model/modelTypes.js';
import { RecordsTable } from './RecordsTable.js';

export function RelatedRecords({ model, related, recordId }: { model: AppModelDescription; related: RelatedDescription; recordId: number }) {
  const { t } = useI18n();
  const target = findEntityByKey(model, related.entity);
  const input = { filter: { [related.field]: recordId }, sort: target?.list.sort, pageSize: related.pageSize };
  const list = useQuery({
    queryKey: ['list', related.entity, input],
    queryFn: () => callQuery<ListResult>(`${related.entity}.list`, input),
    enabled: !!target,
  });
  if (!target) return null;
  const { module, entity } = splitEntityKey(related.entity);
  const titleId = `related-${module}-${entity}`;

  return (
    <section className="form-section related-records" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {related.label}
        {list.data && list.data.total > list.data.rows.length && (
          <span className="muted small"> · {t('related.latest', { shown: list.data.rows.length, total: list.data.total })}</span>
        )}
      </h2>
      {list.isPending ? (
        <LoadingState text={t('related.loading')} />
      ) : list.isError ? (
        <ErrorState title={t('related.loadError')} error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.rows.length === 0 ? (
        <p className="muted">{t('related.empty')}</p>
      ) : (
        <RecordsTable
          entity={target}
          columns={columnsUnder(target, related.field)}
          rows={list.data.rows}
          caption={related.label}
          indexCell={(row) => <Link to={`/${module}/${entity}/${row.id}`}>{row.id}</Link>}
        />
      )}
    </section>
  );
}
