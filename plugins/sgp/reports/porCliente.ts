/** Pedidos and value per cliente, biggest first ("top clientes"). */
import { defineProcedure, type Context } from '../generated/model.js';
import { fromPedido, pedidoColumn, pedidoFilter, periodInputSchema, type PeriodInput } from './period.js';
import { PEDIDO_READ, qualified, selectRows, toCount, toId, type SqlRow } from './sql.js';

export interface ClienteLinha {
  id: number | null;
  nome: string;
  quantidade: number;
  valor_total: string;
}

async function totalsByCliente(ctx: Context, input: PeriodInput | undefined): Promise<SqlRow[]> {
  const clienteId = qualified(ctx, 'c', 'cliente', 'id');
  const clienteNome = qualified(ctx, 'c', 'cliente', 'nome');
  const total = `COALESCE(SUM(${pedidoColumn(ctx, 'valor_total')}), 0)`;
  const filter = pedidoFilter(ctx, input);
  const sql = `SELECT ${clienteId} AS id, ${clienteNome} AS nome, COUNT(*) AS quantidade, ${total} AS valor_total
    ${fromPedido(ctx)}
    JOIN ${ctx.data.table('cliente')} c ON ${clienteId} = ${pedidoColumn(ctx, 'cliente')}
    ${filter.where}
    GROUP BY ${clienteId}, ${clienteNome}
    ORDER BY ${total} DESC, ${clienteNome}`;
  return selectRows(ctx, sql, filter.params);
}

export const relatorioPorCliente = defineProcedure({
  kind: 'query',
  input: periodInputSchema,
  access: PEDIDO_READ,
  async resolve({ input, ctx }): Promise<ClienteLinha[]> {
    const rows = await totalsByCliente(ctx, input);
    return rows.map((r) => ({
      id: toId(r.id),
      nome: String(r.nome ?? ''),
      quantidade: toCount(r.quantidade),
      valor_total: ctx.data.decimal('pedido', 'valor_total', r.valor_total),
    }));
  },
});
