/** Executions of the painel (running now, or failed), each row linking to its processo. */
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export interface ExecutionColumn<Row> {
  label: string;
  cell(row: Row): ReactNode;
}

export function ExecutionTable<Row extends { execucao: number; processo: number }>({
  caption,
  columns,
  rows,
  empty,
}: {
  caption: string;
  columns: ExecutionColumn<Row>[];
  rows: Row[];
  empty: string;
}) {
  if (rows.length === 0) return <p className="state">{empty}</p>;
  return (
    <div className="table-wrap report-table">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.execucao}>
              {columns.map((c, i) => (
                <td key={c.label}>{i === 0 ? <Link to={`/rpa/processo/${row.processo}`}>{c.cell(row)}</Link> : c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
