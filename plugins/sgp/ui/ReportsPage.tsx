/**
 * SGP reports: a period (entrada or entrega dates) and, for it, a summary,
 * pedidos by status, the monthly trend, top clientes and vendedores — each
 * chart with its numbers as a table. The period lives in the URL.
 */
import { useSearchParams } from 'react-router-dom';
import { parseDateText, todayIso, type PluginPageProps } from '#ui-plugin';
import { ClienteReport } from './ClienteReport.js';
import { PeriodControls } from './PeriodControls.js';
import type { Period } from './reportTypes.js';
import { useReportTexts } from './reportTexts.js';
import { StatusReport } from './StatusReport.js';
import { SummaryReport } from './SummaryReport.js';
import { TrendReport } from './TrendReport.js';
import { VendedorReport } from './VendedorReport.js';

/** From the first day of the month eleven months ago until today: a year, month by month. */
function defaultPeriod(): Period {
  const today = todayIso();
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(y, m - 1 - 11, 1);
  const inicio = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-01`;
  return { inicio, fim: today, modo: 'entrada' };
}

function periodFrom(params: URLSearchParams): Period {
  const fallback = defaultPeriod();
  const date = (name: string, otherwise: string | undefined) => {
    if (!params.has(name)) return otherwise;
    const parsed = parseDateText(params.get(name) ?? '');
    return parsed.ok ? (parsed.value ?? undefined) : otherwise;
  };
  return { inicio: date('inicio', fallback.inicio), fim: date('fim', fallback.fim), modo: params.get('modo') === 'entrega' ? 'entrega' : 'entrada' };
}

export function ReportsPage({ module }: PluginPageProps) {
  const tx = useReportTexts();
  const [params, setParams] = useSearchParams();
  const period = periodFrom(params);
  const statusField = module.entities.pedido?.fields.find((f) => f.name === 'status');
  const setPeriod = (next: Period) => setParams({ inicio: next.inicio ?? '', fim: next.fim ?? '', modo: next.modo }, { replace: true });
  return (
    <div className="reports">
      <PeriodControls value={period} onChange={setPeriod} />
      <p className="muted small">{tx.cancelledNote}</p>
      <div className="report-grid">
        <SummaryReport period={period} />
        <TrendReport period={period} />
        <StatusReport period={period} statusLabels={statusField?.labels ?? {}} />
        <ClienteReport period={period} />
        <VendedorReport period={period} />
      </div>
    </div>
  );
}
