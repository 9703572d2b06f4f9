/** The numbers behind a chart, as a plain table (readable by screen readers, copyable). */
export interface ReportColumn<Row> {
  label: string;
  value(row: Row): string;
  numeric?: boolean;
}

export function ReportTable<Row>({ caption, columns, rows }: { caption: string; columns: ReportColumn<Row>[]; rows: Row[] }) {
  return (
    <div className="table-wrap report-table">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a report's rows have no id and hold no state; the whole table is redrawn per answer.
            <tr key={i}>
              {columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.label} scope="row">
                    {c.value(row)}
                  </th>
                ) : (
                  <td key={c.label} className={c.numeric ? 'num' : undefined}>
                    {c.value(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
