/**
 * The generated list screen of any entity: server-side pages, sort, search
 * and filters, all kept in the URL; column choice; selection with bulk delete.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RowSelectionState } from '@tanstack/react-table';
import { callQuery } from '../api/apiClient.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorState } from '../components/ErrorState.js';
import { Icon } from '../components/Icon.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Breadcrumbs } from '../layout/Breadcrumbs.js';
import { useDocumentTitle } from '../layout/useDocumentTitle.js';
import { fieldOf } from '../model/entityLookup.js';
import type { FieldDescription, ListResult } from '../model/modelTypes.js';
import { EntityScreen, type EntityContext } from '../pages/EntityScreen.js';
import { ColumnsMenu } from './ColumnsMenu.js';
import { FilterPanel } from './FilterPanel.js';
import { filterSpecsOf } from './columnFilters.js';
import { sortableFieldNames } from './filterSpec.js';
import { ListTable } from './ListTable.js';
import { recordName } from '../model/recordName.js';
import { toListInput, type ListInput } from './listInput.js';
import { nextSort, PAGE_SIZES, parseListState, serializeListState, withFilter, type ListState } from './listState.js';
import { Pagination } from './Pagination.js';
import { SearchBox } from './SearchBox.js';
import { useBulkDelete } from './useBulkDelete.js';
import { useColumnVisibility } from './useColumnVisibility.js';
import { ImportCsvDialog } from '../import/ImportCsvDialog.js';

export function EntityListPage() {
  return <EntityScreen render={(ctx) => <EntityList key={ctx.entity.key} {...ctx} />} />;
}

function EntityList({ model, module, entity, basePath }: EntityContext) {
  const { t, locale } = useI18n();
  useDocumentTitle(entity.labelPlural);
  const [searchParams, setSearchParams] = useSearchParams();
  const specs = useMemo(() => filterSpecsOf(entity), [entity]);
  const sortable = useMemo(() => sortableFieldNames(entity), [entity]);
  const state = useMemo(() => parseListState(searchParams, { filters: specs, sortable, pageSizes: PAGE_SIZES }), [searchParams, specs, sortable]);
  const input = toListInput(state, specs, entity.list.pageSize);
  const fields = useMemo(() => entity.list.columns.map((name) => fieldOf(entity, name)).filter((f): f is FieldDescription => !!f), [entity]);
  const columns = useColumnVisibility(entity.key);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [confirming, setConfirming] = useState(false);
  const [importing, setImporting] = useState(false);
  const filtersId = useId();
  const activeFilters = Object.keys(state.filters).length;
  const [filtersOpen, setFiltersOpen] = useState(activeFilters > 0);

  const list = useQuery({
    queryKey: ['list', entity.key, input],
    queryFn: () => callQuery<ListResult>(`${entity.key}.list`, input),
    placeholderData: keepPreviousData,
  });

  const setState = (next: ListState, replace = false) => setSearchParams(serializeListState(next), { replace });
  const inputKey = JSON.stringify(input);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query (filters, sort, page) clears the selection.
  useEffect(() => setSelection({}), [inputKey]);

  const rows = list.data?.rows ?? [];
  const selectedIds = Object.keys(selection)
    .filter((id) => selection[id])
    .map(Number);
  const selectedNames = rows.filter((r) => selectedIds.includes(r.id)).map((r) => recordName(entity, r));
  const bulkDelete = useBulkDelete(entity.key, () => {
    setConfirming(false);
    setSelection({});
  });
  const searchFields = entity.list.search.map((name) => fieldOf(entity, name)?.label ?? name);

  return (
    <div className="page page-wide">
      <Breadcrumbs items={[{ label: module.label }, { label: entity.labelPlural }]} />
      <div className="page-header">
        <h1>{entity.labelPlural}</h1>
        {entity.can.create && (
          <Link to={`${basePath}/new`} className="button button-primary">
            <Icon name="plus" /> {t('list.new')}
          </Link>
        )}
      </div>

      <div className="toolbar" role="toolbar" aria-label={entity.labelPlural}>
        {searchFields.length > 0 && (
          <SearchBox
            value={state.search}
            label={t('list.searchBy', { fields: searchFields.join(', ') })}
            onSearch={(search) => setState({ ...state, search, page: 1 }, true)}
          />
        )}
        {Object.keys(specs).length > 0 && (
          <button
            type="button"
            className={`button${activeFilters ? ' button-active' : ''}`}
            aria-expanded={filtersOpen}
            aria-controls={filtersId}
            onClick={() => setFiltersOpen((o) => !o)}
          >
            <Icon name="filter" /> {activeFilters ? t('list.filtersActive', { count: activeFilters }) : t('list.filters')}
          </button>
        )}
        <ColumnsMenu fields={fields} hidden={columns.hidden} onToggle={columns.toggle} />
        <a className="button" href={csvExportUrl(entity.key, input, locale)} download>
          <Icon name="download" /> {t('list.exportCsv')}
        </a>
        {entity.import && (
          <button type="button" className="button" onClick={() => setImporting(true)}>
            <Icon name="upload" /> {t('list.importCsv')}
          </button>
        )}
        {selectedIds.length > 0 && (
          <div className="selection-bar">
            <span>{t('list.selected', { count: selectedIds.length })}</span>
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              <Icon name="trash" /> {t('list.deleteSelected')}
            </button>
          </div>
        )}
        {list.isFetching && !list.isPending && (
          <span className="muted small" role="status">
            {t('list.refreshing')}
          </span>
        )}
      </div>

      {filtersOpen && (
        <FilterPanel
          id={filtersId}
          fields={fields}
          specs={specs}
          values={state.filters}
          model={model}
          onChange={(field, value) => setState(withFilter(state, field, value))}
          onClear={() => setState({ ...state, filters: {}, page: 1 })}
        />
      )}

      {list.isPending && <LoadingState text={t('list.loading', { entity: entity.labelPlural.toLowerCase() })} />}
      {list.isError && (
        <ErrorState title={t('list.loadError', { entity: entity.labelPlural.toLowerCase() })} error={list.error} onRetry={() => void list.refetch()} />
      )}
      {list.data && rows.length === 0 && (
        <div className="state state-empty" role="status">
          {activeFilters || state.search ? (
            <p>{t('list.noMatches')}</p>
          ) : (
            <p>
              {t('list.empty', { entity: entity.labelPlural.toLowerCase() })} {entity.can.create && t('list.emptyCreate')}
            </p>
          )}
        </div>
      )}
      {list.data && rows.length > 0 && (
        <ListTable
          entity={entity}
          basePath={basePath}
          fields={fields}
          hidden={columns.hidden}
          rows={rows}
          sort={state.sort ?? entity.list.sort}
          sortable={sortable}
          onSort={(field) => {
            const sort = nextSort(state.sort ?? entity.list.sort, field);
            setState({ ...state, sort: sort === entity.list.sort ? null : sort, page: 1 });
          }}
          selectable={entity.can.delete}
          selection={selection}
          onSelectionChange={setSelection}
          busy={list.isPlaceholderData}
        />
      )}
      {list.data && (list.data.total > 0 || state.page > 1) && (
        <Pagination
          page={state.page}
          pageSize={input.pageSize}
          rows={rows.length}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onPage={(page) => setState({ ...state, page })}
          onPageSize={(size) => setState({ ...state, pageSize: size === entity.list.pageSize ? null : size, page: 1 })}
        />
      )}

      {entity.import && <ImportCsvDialog entity={entity} open={importing} onClose={() => setImporting(false)} />}
      <ConfirmDialog
        open={confirming}
        danger
        busy={bulkDelete.busy}
        title={t('list.deleteConfirmTitle', { count: selectedIds.length })}
        text={t('list.deleteConfirmText', { names: selectedNames.slice(0, 8).join(', ') + (selectedNames.length > 8 ? '…' : '') })}
        confirmLabel={t('dialog.delete')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void bulkDelete.run(selectedIds)}
      />
    </div>
  );
}

/** Every row of the current filter, sort and search — not only this page — streamed by the server. */
function csvExportUrl(entityKey: string, input: ListInput, locale: string): string {
  const { filter, sort, search } = input;
  const [module, entity] = entityKey.split('.');
  return `/export/${module}/${entity}.csv?input=${encodeURIComponent(JSON.stringify({ filter, sort, search }))}&locale=${locale}`;
}
