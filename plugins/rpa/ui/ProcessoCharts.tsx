/** Processos of the month per status (workflow order and colours) and per operadora (stacked by status), each with its numbers. */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInteger, useI18n } from '#ui-plugin';
import { StatusBadge } from './StatusBadge.js';
import type { Painel } from './rpaQuery.js';
import { useRpaTexts } from './rpaTexts.js';
import { chartFill } from './statusColors.js';

const AXIS_TICK = { fill: 'currentColor', fontSize: 12 } as const;
const GRID_STROKE = 'rgba(128, 128, 128, 0.25)';

type State = { name: string; label: string; color: string };

/** Counts as bars over one category axis (`across`: categories down the side, for long names); the numbers are beside it. */
function CountChart({ data, xKey, legend, across, children }: { data: object[]; xKey: string; legend?: boolean; across?: boolean; children: ReactNode }) {
  const { sep } = useI18n();
  const count = { allowDecimals: false, tick: AXIS_TICK } as const;
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} layout={across ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid stroke={GRID_STROKE} vertical={!!across} horizontal={!across} />
          {across ? <XAxis type="number" {...count} /> : <XAxis dataKey={xKey} tick={AXIS_TICK} interval={0} />}
          {across ? <YAxis type="category" dataKey={xKey} tick={AXIS_TICK} width={170} interval={0} /> : <YAxis {...count} width={36} />}
          <Tooltip formatter={(v) => formatInteger(Number(v), sep)} />
          {legend && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {children}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function StatusChart({ painel, states }: { painel: Painel; states: State[] }) {
  const tx = useRpaTexts();
  const { sep } = useI18n();
  const rows = states.map((s) => ({ ...s, total: painel.por_status.find((r) => r.status === s.name)?.total ?? 0 }));
  if (rows.every((r) => r.total === 0)) return <p className="state">{tx.semProcessos}</p>;
  return (
    <>
      <CountChart data={rows} xKey="label" across>
        <Bar dataKey="total" name={tx.quantidade} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.name} fill={chartFill(r.color)} />
          ))}
        </Bar>
      </CountChart>
      <dl className="rpa-counts">
        {rows.map((r) => (
          <div key={r.name} data-status={r.name}>
            <dt>
              <StatusBadge label={r.label} color={r.color} />
            </dt>
            <dd>{formatInteger(r.total, sep)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export function OperadoraChart({ painel, states }: { painel: Painel; states: State[] }) {
  const tx = useRpaTexts();
  const { sep } = useI18n();
  const operadoras = [...new Map(painel.por_operadora.map((r) => [r.codigo, r.nome])).entries()];
  if (operadoras.length === 0) return <p className="state">{tx.semProcessos}</p>;
  const count = (codigo: string, status: string) => painel.por_operadora.find((r) => r.codigo === codigo && r.status === status)?.total ?? 0;
  const rows = operadoras.map(([codigo, nome]) => ({ codigo, nome, ...Object.fromEntries(states.map((s) => [s.name, count(codigo, s.name)])) }));
  const total = (codigo: string) => states.reduce((sum, s) => sum + count(codigo, s.name), 0);
  return (
    <>
      <CountChart data={rows} xKey="nome" legend>
        {states.map((s) => (
          <Bar key={s.name} dataKey={s.name} name={s.label} stackId="status" fill={chartFill(s.color)} isAnimationActive={false} />
        ))}
      </CountChart>
      <div className="table-wrap report-table">
        <table className="data-table">
          <caption className="visually-hidden">{tx.porOperadora}</caption>
          <thead>
            <tr>
              <th scope="col">{tx.operadora}</th>
              {states.map((s) => (
                <th key={s.name} scope="col" className="num">
                  {s.label}
                </th>
              ))}
              <th scope="col" className="num">
                {tx.total}
              </th>
            </tr>
          </thead>
          <tbody>
            {operadoras.map(([codigo, nome]) => (
              <tr key={codigo}>
                <th scope="row">{nome}</th>
                {states.map((s) => (
                  <td key={s.name} className="num">
                    {formatInteger(count(codigo, s.name), sep)}
                  </td>
                ))}
                <td className="num">{formatInteger(total(codigo), sep)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
