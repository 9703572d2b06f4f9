import { formatDecimal, formatInteger, useI18n } from '#ui-plugin';
import { useSgpQuery } from './sgpQuery.js';
import { ReportCard } from './ReportCard.js';
import type { Period } from './reportTypes.js';
import { useReportTexts } from './reportTexts.js';

/** Count, values and average ticket of the period (`sgp.relatorio_valor_periodo`). */
export function SummaryReport({ period }: { period: Period }) {
  const tx = useReportTexts();
  const { sep } = useI18n();
  const report = useSgpQuery('relatorio_valor_periodo', period);
  const d = report.data;
  const money = (v: string) => `R$ ${formatDecimal(v, sep, 2)}`;
  return (
    <ReportCard title={tx.summary} state={report} empty={false} wide>
      {d && (
        <dl className="summary-figures">
          <div>
            <dt>{tx.pedidos}</dt>
            <dd>{formatInteger(d.quantidade, sep)}</dd>
          </div>
          <div>
            <dt>{tx.valorItens}</dt>
            <dd>{money(d.valor_itens)}</dd>
          </div>
          <div>
            <dt>{tx.frete}</dt>
            <dd>{money(d.valor_frete)}</dd>
          </div>
          <div>
            <dt>{tx.valorTotal}</dt>
            <dd>{money(d.valor_total)}</dd>
          </div>
          <div>
            <dt>{tx.ticketMedio}</dt>
            <dd>{money(d.ticket_medio)}</dd>
          </div>
        </dl>
      )}
    </ReportCard>
  );
}
