/**
 * Item-level reports grouped by who or what the item belongs to: vendedor
 * (performance), designer (workload) and tipo de produção (best sellers).
 */
import { defineProcedure, type Context, type Field } from '../generated/model.js';
import { fromPedido, pedidoColumn, pedidoFilter, periodInputSchema, type PeriodInput } from './period.js';
import { PEDIDO_READ, qualified, selectRows, toCount, toId, type SqlRow } from './sql.js';

/** The item's relation field, named like the entity it points to. */
type ItemGroup = 'vendedor' | 'designer' | 'tipo_producao';

export interface ItemGrupoLinha {
  /** null groups the items with the field left empty. */
  id: number | null;
  nome: string;
  itens: number;
  pedidos: number;
  /** Σ metro_quadrado × quantidade: total area produced, m². */
  metro_quadrado: string;
  /** Σ valor_unitario × quantidade. */
  valor: string;
}

const EMPTY_GROUP_NAME: Record<ItemGroup, string> = {
  vendedor: 'Sem vendedor',
  designer: 'Sem designer',
  tipo_producao: 'Sem tipo de produção',
};

// valor_unitario (scale 2) × quantidade (plain integer) stays in scale-2 units,
// and metro_quadrado (scale 4) × quantidade in scale-4 units, so the sums
// convert with those fields' own scales.
async function totalsByItemGroup(ctx: Context, input: PeriodInput | undefined, group: ItemGroup): Promise<SqlRow[]> {
  const item = (field: Field<'item_pedido'>) => qualified(ctx, 'i', 'item_pedido', field);
  const groupId = qualified(ctx, 'g', group, 'id');
  const groupNome = qualified(ctx, 'g', group, 'nome');
  const valor = `COALESCE(SUM(${item('valor_unitario')} * ${item('quantidade')}), 0)`;
  const area = `COALESCE(SUM(${item('metro_quadrado')} * ${item('quantidade')}), 0)`;
  const filter = pedidoFilter(ctx, input);
  const readableItems = ctx.data.readScope('item_pedido', 'i');
  const sql = `SELECT ${groupId} AS id, ${groupNome} AS nome, COUNT(*) AS itens,
      COUNT(DISTINCT ${pedidoColumn(ctx, 'id')}) AS pedidos, ${area} AS metro_quadrado, ${valor} AS valor
    ${fromPedido(ctx)}
    JOIN ${ctx.data.table('item_pedido')} i ON ${item('pedido')} = ${pedidoColumn(ctx, 'id')}
    LEFT JOIN ${ctx.data.table(group)} g ON ${groupId} = ${item(group)}
    ${filter.where} AND ${readableItems.sql}
    GROUP BY ${groupId}, ${groupNome}
    ORDER BY ${valor} DESC, ${groupNome}`;
  return selectRows(ctx, sql, [...filter.params, ...readableItems.params]);
}

function itemGroupReport(group: ItemGroup) {
  return defineProcedure({
    kind: 'query',
    input: periodInputSchema,
    access: PEDIDO_READ,
    async resolve({ input, ctx }): Promise<ItemGrupoLinha[]> {
      const rows = await totalsByItemGroup(ctx, input, group);
      return rows.map((r) => ({
        id: toId(r.id),
        nome: r.id === null || r.id === undefined ? EMPTY_GROUP_NAME[group] : String(r.nome ?? ''),
        itens: toCount(r.itens),
        pedidos: toCount(r.pedidos),
        metro_quadrado: ctx.data.decimal('item_pedido', 'metro_quadrado', r.metro_quadrado),
        valor: ctx.data.decimal('item_pedido', 'valor_unitario', r.valor),
      }));
    },
  });
}

export const relatorioPorVendedor = itemGroupReport('vendedor');
export const relatorioPorDesigner = itemGroupReport('designer');
export const relatorioPorTipoProducao = itemGroupReport('tipo_producao');
