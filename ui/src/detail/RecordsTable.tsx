/**
 * Records of one entity as a read-only table: a parent's items on its detail
 * page, or the records of another entity pointing to it.
 */
import type { ReactNode } from 'react';
import { cellClassOf, isNumeric } from '../fields/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { DocumentLinks } from '../files/index.js';
import type { EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import { FieldValue } from './FieldValue.js';

interface RecordsTableProps {
  entity: EntityDescription;
  columns: FieldDescription[];
  rows: RecordRow[];
  caption: string;
  /** What the first (`#`) cell of a row shows. */
  indexCell(row: RecordRow, position: number): ReactNode;
}

export function RecordsTable({ entity, columns, rows, caption, indexCell }: RecordsTableProps) {
  const { t } = useI18n();
  const hasDocuments = entity.documents.length > 0;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
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
            {hasDocuments && <th scope="col">{t('file.documents')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.id}>
              <td className="col-index">{indexCell(row, i + 1)}</td>
              {columns.map((c) => (
                <td key={c.name} className={cellClassOf(c)}>
                  <FieldValue entity={entity} field={c} row={row} variant="cell" />
                </td>
              ))}
              {hasDocuments && (
                <td className="col-documents">
                  <DocumentLinks entity={entity} recordId={row.id} compact />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
