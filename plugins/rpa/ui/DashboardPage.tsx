/**
 * The rpa dashboard (`/rpa/painel`): for one month (in the URL, this month by
 * default) the processos per status and per operadora, the executions running
 * now and the recent failures, live: any change to a processo or an execução
 * fetches the painel again.
 */
import { useSearchParams } from 'react-router-dom';
import { formatDateTime, formatInteger, type PluginPageProps, useI18n } from '#ui-plugin';
import { DashboardCard } from './DashboardCard.js';
import { ExecutionTable } from './ExecutionTable.js';
import { MonthControls } from './MonthControls.js';
import { currentMesAno, MES_ANO } from './monthOf.js';
import { OperadoraChart, StatusChart } from './ProcessoCharts.js';
import { type Painel, useRpaQuery } from './rpaQuery.js';
import { useRpaTexts } from './rpaTexts.js';
import { StatusBadge } from './StatusBadge.js';
import { EXECUCAO_COLOR, enumLabel, processoStates } from './statusColors.js';

const LIVE = ['rpa.processo', 'rpa.execucao'];

export function DashboardPage({ module }: PluginPageProps) {
  const tx = useRpaTexts();
  const { sep } = useI18n();
  const [params, setParams] = useSearchParams();
  const asked = params.get('mes') ?? '';
  const mesAno = MES_ANO.test(asked) ? asked : currentMesAno();
  const painel = useRpaQuery('painel', { mes_ano: mesAno }, { refreshOn: LIVE });
  const execucao = module.entities.execucao;
  const states = processoStates(module.entities.processo);
  const data = painel.data;
  const count = (status: string) => data?.por_status.find((r) => r.status === status)?.total ?? 0;
  const tipo = (row: { tipo: string }) => enumLabel(execucao, 'tipo', row.tipo);
  const status = (row: { status: string }) => <StatusBadge label={enumLabel(execucao, 'status', row.status)} color={EXECUCAO_COLOR[row.status] ?? 'gray'} />;
  const processo = (row: { processo: number; cliente: string; mes_ano: string }) => `#${row.processo} · ${row.cliente} · ${row.mes_ano}`;

  return (
    <div className="reports rpa-dashboard">
      <MonthControls value={mesAno} onChange={(mes) => setParams({ mes }, { replace: true })} />
      <div className="report-grid">
        <DashboardCard id="resumo" title={`${tx.resumo} ${mesAno}`} state={painel} wide>
          {data && (
            <dl className="summary-figures">
              <Figure
                label={tx.processos}
                value={formatInteger(
                  data.por_status.reduce((sum, r) => sum + r.total, 0),
                  sep,
                )}
              />
              <Figure label={tx.aguardandoAprovacao} value={formatInteger(count('AGUARDANDO_APROVACAO'), sep)} />
              <Figure label={tx.concluidos} value={formatInteger(count('UPLOAD_REALIZADO'), sep)} />
              <Figure label={tx.executandoAgora} value={formatInteger(data.executando.length, sep)} />
              <Figure label={tx.falhas} value={formatInteger(data.falhas.length, sep)} />
            </dl>
          )}
        </DashboardCard>
        <DashboardCard id="por-status" title={tx.porStatus} state={painel}>
          {data && <StatusChart painel={data} states={states} />}
        </DashboardCard>
        <DashboardCard id="por-operadora" title={tx.porOperadora} state={painel}>
          {data && <OperadoraChart painel={data} states={states} />}
        </DashboardCard>
        <DashboardCard id="executando" title={tx.executandoAgora} state={painel} wide>
          {data && (
            <ExecutionTable<Painel['executando'][number]>
              caption={tx.executandoAgora}
              rows={data.executando}
              empty={tx.nadaExecutando}
              columns={[
                { label: tx.processo, cell: processo },
                { label: tx.operadora, cell: (r) => r.operadora },
                { label: tx.tipo, cell: tipo },
                { label: tx.status, cell: status },
                { label: tx.tentativa, cell: (r) => formatInteger(r.tentativa, sep) },
                { label: tx.inicio, cell: (r) => formatDateTime(r.inicio) },
              ]}
            />
          )}
        </DashboardCard>
        <DashboardCard id="falhas" title={tx.falhas} note={tx.ultimasFalhas} state={painel} wide>
          {data && (
            <ExecutionTable<Painel['falhas'][number]>
              caption={tx.falhas}
              rows={data.falhas}
              empty={tx.semFalhas}
              columns={[
                { label: tx.processo, cell: processo },
                { label: tx.operadora, cell: (r) => r.operadora },
                { label: tx.tipo, cell: tipo },
                { label: tx.status, cell: status },
                { label: tx.erro, cell: (r) => r.erro ?? '—' },
                { label: tx.fim, cell: (r) => formatDateTime(r.fim) },
              ]}
            />
          )}
        </DashboardCard>
      </div>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
