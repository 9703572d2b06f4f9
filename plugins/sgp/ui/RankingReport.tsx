import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDecimal, useI18n } from '#ui-plugin';
import { AXIS_TICK, GRID_STROKE, compactNumber } from './chartStyle.js';
import type { ReportColumn } from './ReportTable.js';
import { ReportTable } from './ReportTable.js';

const TOP = 10;

/** The biggest names by value as horizontal bars, and every one of them in the table. */
export function RankingReport<Row extends { nome: string }>({
  caption,
  rows,
  value,
  color,
  columns,
}: {
  caption: string;
  rows: Row[];
  value(row: Row): string;
  color: string;
  columns: ReportColumn<Row>[];
}) {
  const { sep, locale } = useI18n();
  const top = rows.slice(0, TOP).map((r) => ({ nome: r.nome, valor: Number(value(r)), exato: value(r) }));
  return (
    <>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={Math.max(160, top.length * 30 + 30)}>
          <BarChart data={top} layout="vertical" margin={{ top: 4, right: 16, left: 8, bottom: 0 }}>
            <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
            <XAxis type="number" tick={AXIS_TICK} tickFormatter={(v: number) => compactNumber(v, locale)} />
            <YAxis type="category" dataKey="nome" tick={AXIS_TICK} width={150} />
            <Tooltip formatter={(_v, _n, item) => formatDecimal((item.payload as { exato: string }).exato, sep, 2)} />
            <Bar dataKey="valor" name={caption} fill={color} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ReportTable caption={caption} rows={rows} columns={columns} />
    </>
  );
}
