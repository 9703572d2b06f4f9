import { formatDecimal, formatInteger, useI18n } from '#ui-plugin';
import { useSgpQuery } from './sgpQuery.js';
import { CHART_COLORS } from './chartStyle.js';
import { RankingReport } from './RankingReport.js';
import { ReportCard } from './ReportCard.js';
import type { Period } from './reportTypes.js';
import { useReportTexts } from './reportTexts.js';

/** Value per cliente, biggest first (`sgp.relatorio_por_cliente`). */
export function ClienteReport({ period }: { period: Period }) {
  const tx = useReportTexts();
  const { sep } = useI18n();
  const report = useSgpQuery('relatorio_por_cliente', period);
  const rows = report.data ?? [];
  return (
    <ReportCard title={tx.porCliente} state={report} empty={rows.length === 0}>
      <RankingReport
        caption={tx.porCliente}
        rows={rows}
        value={(r) => r.valor_total}
        color={CHART_COLORS[2]!}
        columns={[
          { label: tx.cliente, value: (r) => r.nome },
          { label: tx.pedidos, value: (r) => formatInteger(r.quantidade, sep), numeric: true },
          { label: tx.valorTotal, value: (r) => formatDecimal(r.valor_total, sep, 2), numeric: true },
        ]}
      />
    </ReportCard>
  );
}
