import { formatDecimal, formatInteger, useI18n } from '#ui-plugin';
import { useSgpQuery } from './sgpQuery.js';
import { CHART_COLORS } from './chartStyle.js';
import { RankingReport } from './RankingReport.js';
import { ReportCard } from './ReportCard.js';
import type { Period } from './reportTypes.js';
import { useReportTexts } from './reportTexts.js';

/** Items sold per vendedor: value, area and counts (`sgp.relatorio_por_vendedor`). */
export function VendedorReport({ period }: { period: Period }) {
  const tx = useReportTexts();
  const { sep } = useI18n();
  const report = useSgpQuery('relatorio_por_vendedor', period);
  const rows = report.data ?? [];
  return (
    <ReportCard title={tx.porVendedor} state={report} empty={rows.length === 0}>
      <RankingReport
        caption={tx.porVendedor}
        rows={rows}
        value={(r) => r.valor}
        color={CHART_COLORS[4]!}
        columns={[
          { label: tx.vendedor, value: (r) => r.nome },
          { label: tx.pedidos, value: (r) => formatInteger(r.pedidos, sep), numeric: true },
          { label: tx.itens, value: (r) => formatInteger(r.itens, sep), numeric: true },
          { label: tx.area, value: (r) => formatDecimal(r.metro_quadrado, sep, 2), numeric: true },
          { label: tx.valor, value: (r) => formatDecimal(r.valor, sep, 2), numeric: true },
        ]}
      />
    </ReportCard>
  );
}
