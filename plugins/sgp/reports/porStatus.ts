/** Pedidos and their value per status — the one report that includes cancelled pedidos. */
import { defineProcedure, type Context } from '../generated/model.js';
import { fromPedido, pedidoColumn, pedidoFilter, periodInputSchema, type PeriodInput } from './period.js';
import { PEDIDO_READ, selectRows, toCount, type SqlRow } from './sql.js';

const STATUS_ORDER = ['pendente', 'em_producao', 'pronto', 'entregue', 'cancelado'];

export interface StatusLinha {
  status: string;
  quantidade: number;
  valor_total: string;
}

async function totalsByStatus(ctx: Context, input: PeriodInput | undefined): Promise<SqlRow[]> {
  const status = pedidoColumn(ctx, 'status');
  const total = pedidoColumn(ctx, 'valor_total');
  const filter = pedidoFilter(ctx, input, true);
  const sql = `SELECT ${status} AS status, COUNT(*) AS quantidade, COALESCE(SUM(${total}), 0) AS valor_total
    ${fromPedido(ctx)} ${filter.where} GROUP BY ${status}`;
  return selectRows(ctx, sql, filter.params);
}

// Every known status appears, in workflow order, even with zero pedidos, so
// charts keep stable categories; unknown values (legacy data) go last.
function inWorkflowOrder(rows: SqlRow[]): { status: string; row: SqlRow | undefined }[] {
  const byStatus = new Map(rows.map((r) => [String(r.status), r]));
  const unknown = [...byStatus.keys()].filter((s) => !STATUS_ORDER.includes(s));
  return [...STATUS_ORDER, ...unknown].map((status) => ({ status, row: byStatus.get(status) }));
}

export const relatorioPorStatus = defineProcedure({
  kind: 'query',
  input: periodInputSchema,
  access: PEDIDO_READ,
  async resolve({ input, ctx }): Promise<StatusLinha[]> {
    const rows = await totalsByStatus(ctx, input);
    return inWorkflowOrder(rows).map(({ status, row }) => ({
      status,
      quantidade: toCount(row?.quantidade),
      valor_total: ctx.data.decimal('pedido', 'valor_total', row?.valor_total ?? 0),
    }));
  },
});
