/** Month-by-month pedidos and value, to see growth or decline. */
import { decimal } from '#core';
import { defineProcedure, type Context } from '../generated/model.js';
import { fromPedido, pedidoColumn, pedidoFilter, periodDateColumn, periodInputSchema, type PeriodInput } from './period.js';
import { PEDIDO_READ, selectRows, toCount, type SqlRow } from './sql.js';

export interface MesLinha {
  /** YYYY-MM */
  mes: string;
  quantidade: number;
  valor_total: string;
  ticket_medio: string;
}

// Oracle cannot GROUP BY a select alias, so the month expression is repeated.
async function totalsByMonth(ctx: Context, input: PeriodInput | undefined): Promise<SqlRow[]> {
  const month = ctx.data.sql.monthOf(periodDateColumn(ctx, input?.modo));
  const filter = pedidoFilter(ctx, input);
  const sql = `SELECT ${month} AS mes, COUNT(*) AS quantidade,
      COALESCE(SUM(${pedidoColumn(ctx, 'valor_total')}), 0) AS valor_total
    ${fromPedido(ctx)} ${filter.where}
    GROUP BY ${month} ORDER BY ${month}`;
  return selectRows(ctx, sql, filter.params);
}

export const relatorioTendenciaMensal = defineProcedure({
  kind: 'query',
  input: periodInputSchema,
  access: PEDIDO_READ,
  async resolve({ input, ctx }): Promise<MesLinha[]> {
    const rows = await totalsByMonth(ctx, input);
    return rows.map((r) => {
      const valorTotal = ctx.data.decimal('pedido', 'valor_total', r.valor_total);
      const quantidade = toCount(r.quantidade);
      return { mes: String(r.mes), quantidade, valor_total: valorTotal, ticket_medio: decimal.divide(valorTotal, quantidade, 2) };
    });
  },
});
