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
import { useValueText } from '../format/useValueText.js';
import { isNumeric } from '../format/valueText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { fieldOf, findEntityByKey, splitEntityKey } from '../model/entityLookup.js';
import type { AppModelDescription, FieldDescription, ListResult, RelatedDescription } from '../model/modelTypes.js';

export function RelatedRecords({ model, related, recordId }: { model: AppModelDescription; related: RelatedDescription; recordId: number }) {
  const { t } = useI18n();
  const text = useValueText();
  const target = findEntityByKey(model, related.entity);
  const input = { filter: { [related.field]: recordId }, sort: target?.list.sort, pageSize: related.pageSize };
  const list = useQuery({
    queryKey: ['list', related.entity, input],
    queryFn: () => callQuery<ListResult>(`${related.entity}.list`, input),
    enabled: !!target,
  });
  if (!target) return null;
  const { module, entity } = splitEntityKey(related.entity);
  const columns = target.list.columns
    .filter((n) => n !== related.field)
    .map((n) => fieldOf(target, n))
    .filter((f): f is FieldDescription => !!f);
  const titleId = `related-${module}-${entity}`;

  return (
    <section className="form-section related-records" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {related.label}
        {list.data && list.data.total > list.data.rows.length && <span className="muted small"> · {t('related.latest', { shown: list.data.rows.length, total: list.data.total })}</span>}
      </h2>
      {list.isPending ? (
        <LoadingState text={t('related.loading')} />
      ) : list.isError ? (
        <ErrorState title={t('related.loadError')} error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.rows.length === 0 ? (
        <p className="muted">{t('related.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{related.label}</caption>
            <thead>
              <tr>
                <th scope="col" className="col-index">
                  #
                </th>
                {columns.map((c) => (
                  <th key={c.name} scope="col" className={isNumeric(c) ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((row) => (
                <tr key={row.id}>
                  <td className="col-index">
                    <Link to={`/${module}/${entity}/${row.id}`}>{row.id}</Link>
                  </td>
                  {columns.map((c) => (
                    <td key={c.name} className={isNumeric(c) ? 'num' : undefined}>
                      {text(c, row[c.name], row._display?.[c.name])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
