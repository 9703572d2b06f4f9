/** Revenue of a period (closing report): count, item value, freight, total and average ticket. */
import { decimal } from '#core';
import { defineProcedure, type Context, type Field } from '../generated/model.js';
import { fromPedido, pedidoColumn, pedidoFilter, periodInputSchema, type PeriodInput } from './period.js';
import { PEDIDO_READ, selectRows, toCount } from './sql.js';

export interface ValorPeriodo {
  quantidade: number;
  valor_itens: string;
  valor_frete: string;
  valor_total: string;
  /** valor_total ÷ quantidade, "0.00" when there are no pedidos. */
  ticket_medio: string;
}

/** Totals of the non-cancelled pedidos in the period; one aggregate row. */
export async function periodTotals(ctx: Context, input: PeriodInput | undefined): Promise<ValorPeriodo> {
  const sum = (field: Field<'pedido'>) => `COALESCE(SUM(${pedidoColumn(ctx, field)}), 0)`;
  const filter = pedidoFilter(ctx, input);
  const sql = `SELECT COUNT(*) AS quantidade, ${sum('valor_itens')} AS valor_itens,
      ${sum('valor_frete')} AS valor_frete, ${sum('valor_total')} AS valor_total
    ${fromPedido(ctx)} ${filter.where}`;
  const [row = {}] = await selectRows(ctx, sql, filter.params);
  const quantidade = toCount(row.quantidade);
  const valorTotal = ctx.data.decimal('pedido', 'valor_total', row.valor_total ?? 0);
  return {
    quantidade,
    valor_itens: ctx.data.decimal('pedido', 'valor_itens', row.valor_itens ?? 0),
    valor_frete: ctx.data.decimal('pedido', 'valor_frete', row.valor_frete ?? 0),
    valor_total: valorTotal,
    ticket_medio: decimal.divide(valorTotal, quantidade, 2),
  };
}

export const relatorioValorPeriodo = defineProcedure({
  kind: 'query',
  input: periodInputSchema,
  access: PEDIDO_READ,
  resolve: ({ input, ctx }) => periodTotals(ctx, input),
});
