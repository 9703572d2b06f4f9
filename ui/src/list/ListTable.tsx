/**
 * The rows of one page, with @tanstack/react-table doing the column model,
 * visibility and selection; sorting and paging happen on the server.
 * A row opens its record on click; the first cell is a real link for keyboards.
 */
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState, type OnChangeFn } from '@tanstack/react-table';
import { Icon } from '../components/Icon.js';
import { cellClassOf, isNumeric } from '../fields/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import { recordName } from '../model/recordName.js';
import { FieldValue } from '../detail/FieldValue.js';

interface ListTableProps {
  entity: EntityDescription;
  basePath: string;
  fields: FieldDescription[];
  hidden: string[];
  rows: RecordRow[];
  sort: string | null;
  sortable: string[];
  onSort(field: string): void;
  selectable: boolean;
  selection: RowSelectionState;
  onSelectionChange: OnChangeFn<RowSelectionState>;
  busy: boolean;
}

export function ListTable({ entity, basePath, fields, hidden, rows, sort, sortable, onSort, selectable, selection, onSelectionChange, busy }: ListTableProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const linkField = fields.find((f) => !hidden.includes(f.name))?.name;

  const columns = useMemo<ColumnDef<RecordRow>[]>(() => {
    const dataColumns: ColumnDef<RecordRow>[] = fields.map((field) => ({
      id: field.name,
      header: field.label,
      cell: ({ row }) => <FieldValue entity={entity} field={field} row={row.original} variant="cell" />,
      meta: { field },
    }));
    if (!selectable) return dataColumns;
    const select: ColumnDef<RecordRow> = {
      id: '_select',
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label={t('list.selectAll')}
          checked={table.getIsAllRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={t('list.selectRow', { name: recordName(entity, row.original) })}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
          onClick={(e) => e.stopPropagation()}
        />
      ),
    };
    return [select, ...dataColumns];
  }, [fields, selectable, t, entity]);

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.id),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableRowSelection: selectable,
    state: { rowSelection: selection, columnVisibility: Object.fromEntries(hidden.map((h) => [h, false])) },
    onRowSelectionChange: onSelectionChange,
  });

  return (
    <div className={`table-wrap${busy ? ' is-busy' : ''}`}>
      <table className="data-table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{entity.labelPlural}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const field = (header.column.columnDef.meta as { field?: FieldDescription } | undefined)?.field;
                if (!field)
                  return (
                    <th key={header.id} className="col-select" scope="col">
                      {flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  );
                const direction = sort === field.name ? 'ascending' : sort === `-${field.name}` ? 'descending' : undefined;
                const canSort = sortable.includes(field.name);
                return (
                  <th key={header.id} scope="col" aria-sort={direction} className={isNumeric(field) ? 'num' : undefined}>
                    {canSort ? (
                      <button type="button" className="sort-button" onClick={() => onSort(field.name)} title={t('list.sortBy', { field: field.label })}>
                        {field.label}
                        <Icon name={direction === 'ascending' ? 'sortAsc' : direction === 'descending' ? 'sortDesc' : 'sortNone'} size={14} />
                        {direction && <span className="visually-hidden">, {t(direction === 'ascending' ? 'list.sortAsc' : 'list.sortDesc')}</span>}
                      </button>
                    ) : (
                      field.label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={row.getIsSelected() ? 'selected' : undefined} onClick={() => navigate(`${basePath}/${row.original.id}`)}>
              {row.getVisibleCells().map((cell) => {
                const field = (cell.column.columnDef.meta as { field?: FieldDescription } | undefined)?.field;
                const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                if (!field)
                  return (
                    // biome-ignore lint/a11y/useKeyWithClickEvents: only keeps a click on the checkbox cell from opening the row; the checkbox takes the keys.
                    <td key={cell.id} className="col-select" onClick={(e) => e.stopPropagation()}>
                      {content}
                    </td>
                  );
                return (
                  <td key={cell.id} className={cellClassOf(field)}>
                    {field.name === linkField ? (
                      <Link
                        to={`${basePath}/${row.original.id}`}
                        onClick={(e) => e.stopPropagation()}
                        aria-label={t('list.open', { name: recordName(entity, row.original) })}
                      >
                        {content}
                      </Link>
                    ) : (
                      content
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
