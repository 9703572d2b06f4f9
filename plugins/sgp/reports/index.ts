/** Report procedures, served as `sgp.<name>`. */
import { relatorioPorCliente } from './porCliente.js';
import { relatorioPorDesigner, relatorioPorTipoProducao, relatorioPorVendedor } from './porItem.js';
import { relatorioPorStatus } from './porStatus.js';
import { relatorioSemanal } from './semanal.js';
import { relatorioTendenciaMensal } from './tendenciaMensal.js';
import { relatorioValorPeriodo } from './valorPeriodo.js';

export const reportProcedures = {
  relatorio_por_status: relatorioPorStatus,
  relatorio_por_cliente: relatorioPorCliente,
  relatorio_por_vendedor: relatorioPorVendedor,
  relatorio_por_designer: relatorioPorDesigner,
  relatorio_por_tipo_producao: relatorioPorTipoProducao,
  relatorio_valor_periodo: relatorioValorPeriodo,
  relatorio_semanal: relatorioSemanal,
  relatorio_tendencia_mensal: relatorioTendenciaMensal,
} as const;

/** The report procedures by name, for typed calls from the UI. */
export type ReportProcedures = typeof reportProcedures;
