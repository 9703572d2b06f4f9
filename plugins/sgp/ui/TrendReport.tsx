import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDecimal, formatInteger, useI18n } from '#ui-plugin';
import { useSgpQuery } from './sgpQuery.js';
import { AXIS_TICK, CHART_COLORS, GRID_STROKE, compactNumber } from './chartStyle.js';
import { ReportCard } from './ReportCard.js';
import { ReportTable } from './ReportTable.js';
import type { Period } from './reportTypes.js';
import { useReportTexts } from './reportTexts.js';

function monthLabel(mes: string): string {
  const [y, m] = mes.split('-');
  return m && y ? `${m}/${y}` : mes;
}

/** Month by month: pedidos (bars) and value (line) (`sgp.relatorio_tendencia_mensal`). */
export function TrendReport({ period }: { period: Period }) {
  const tx = useReportTexts();
  const { sep, locale } = useI18n();
  const report = useSgpQuery('relatorio_tendencia_mensal', period);
  const rows = (report.data ?? []).map((r) => ({ ...r, label: monthLabel(r.mes), valor: Number(r.valor_total) }));
  return (
    <ReportCard title={tx.tendencia} state={report} empty={rows.length === 0} wide>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={rows} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
            <CartesianGrid stroke={GRID_STROKE} vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} />
            <YAxis yAxisId="valor" tick={AXIS_TICK} tickFormatter={(v: number) => compactNumber(v, locale)} width={56} />
            <YAxis yAxisId="qtd" orientation="right" allowDecimals={false} tick={AXIS_TICK} width={40} />
            <Tooltip formatter={(v, name) => (name === tx.valorTotal ? formatDecimal(String(v), sep, 2) : formatInteger(Number(v), sep))} />
            <Legend />
            <Bar yAxisId="qtd" dataKey="quantidade" name={tx.pedidos} fill={CHART_COLORS[1]} isAnimationActive={false} />
            <Line yAxisId="valor" dataKey="valor" name={tx.valorTotal} stroke={CHART_COLORS[0]} strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ReportTable
        caption={tx.tendencia}
        rows={rows}
        columns={[
          { label: tx.mes, value: (r) => r.label },
          { label: tx.pedidos, value: (r) => formatInteger(r.quantidade, sep), numeric: true },
          { label: tx.valorTotal, value: (r) => formatDecimal(r.valor_total, sep, 2), numeric: true },
          { label: tx.ticketMedio, value: (r) => formatDecimal(r.ticket_medio, sep, 2), numeric: true },
        ]}
      />
    </ReportCard>
  );
}
