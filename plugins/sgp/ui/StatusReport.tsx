import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDecimal, formatInteger, useI18n } from '#ui-plugin';
import { useSgpQuery } from './sgpQuery.js';
import { AXIS_TICK, CHART_COLORS, GRID_STROKE } from './chartStyle.js';
import { ReportCard } from './ReportCard.js';
import { ReportTable } from './ReportTable.js';
import type { Period } from './reportTypes.js';
import { useReportTexts } from './reportTexts.js';

/** Pedidos per status, in workflow order (`sgp.relatorio_por_status`); status names from the manifest. */
export function StatusReport({ period, statusLabels }: { period: Period; statusLabels: Record<string, string> }) {
  const tx = useReportTexts();
  const { sep } = useI18n();
  const report = useSgpQuery('relatorio_por_status', period);
  const rows = (report.data ?? []).map((r) => ({ ...r, label: statusLabels[r.status] ?? r.status }));
  return (
    <ReportCard title={tx.porStatus} state={report} empty={rows.every((r) => r.quantidade === 0)}>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid stroke={GRID_STROKE} vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} interval={0} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} width={40} />
            <Tooltip formatter={(v) => formatInteger(Number(v), sep)} />
            <Bar dataKey="quantidade" name={tx.quantidade} isAnimationActive={false}>
              {rows.map((r, i) => (
                <Cell key={r.status} fill={CHART_COLORS[i % CHART_COLORS.length]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ReportTable
        caption={tx.porStatus}
        rows={rows}
        columns={[
          { label: tx.status, value: (r) => r.label },
          { label: tx.quantidade, value: (r) => formatInteger(r.quantidade, sep), numeric: true },
          { label: tx.valorTotal, value: (r) => formatDecimal(r.valor_total, sep, 2), numeric: true },
        ]}
      />
    </ReportCard>
  );
}
