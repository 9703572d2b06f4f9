/**
 * The plugin API is typed from the manifest: rows, hooks, procedure inputs and
 * outputs. Checked by tsc (`npm test` type-checks test/); the `@ts-expect-error`
 * lines fail the type check the day a wrong entity, field or input compiles.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { ProcedureInput, ProcedureOutput } from '#core';
import type { Context, Hooks, ItemPedidoRow, PedidoInput, PedidoRow } from '../../plugins/sgp/generated/model.js';
import type { ReportProcedures } from '../../plugins/sgp/reports/index.js';
import type { RelatorioSemanal } from '../../plugins/sgp/reports/semanal.js';

// Never called: the checks are on the types.
function typedAccess(ctx: Context) {
  const cliente = ctx.data.entity('cliente');
  // @ts-expect-error: no entity "clientes" in manifests/sgp.json
  ctx.data.entity('clientes');
  // @ts-expect-error: cliente has no field "nomee"
  ctx.data.column('cliente', 'nomee');
  // @ts-expect-error: "cliente" is required to create a pedido
  void ctx.data.entity('pedido').create({ numero: '1' });
  // @ts-expect-error: prioridade is 'NORMAL' | 'ALTA'
  void ctx.data.entity('pedido').create({ cliente: 1, prioridade: 'URGENTE' });
  return { cliente, column: ctx.data.column('pedido', 'valor_total') };
}

const pedidoHooks: Hooks<'pedido'> = {
  beforeCreate({ data }) {
    expectTypeOf(data).toEqualTypeOf<PedidoInput>();
    // @ts-expect-error: pedido has no field "numeroo"
    data.numeroo = '1';
  },
  afterUpdate({ record }) {
    expectTypeOf(record).toEqualTypeOf<PedidoRow>();
  },
};

describe('plugin types from the manifest', () => {
  it('rows carry the wire types of their fields', () => {
    expectTypeOf<ReturnType<typeof typedAccess>['cliente']['get']>().returns.resolves.toHaveProperty('nome').toEqualTypeOf<string>();
    expectTypeOf<PedidoRow['valor_total']>().toEqualTypeOf<string | null>();
    expectTypeOf<PedidoRow['status']>().toEqualTypeOf<'pendente' | 'em_producao' | 'pronto' | 'entregue' | 'cancelado' | null>();
    expectTypeOf<PedidoRow['cliente']>().toEqualTypeOf<number>();
    expectTypeOf<PedidoRow['itens']>().toEqualTypeOf<ItemPedidoRow[] | undefined>();
    expectTypeOf<PedidoInput['valor_frete']>().toEqualTypeOf<string | number | null | undefined>();
    expectTypeOf(pedidoHooks).toHaveProperty('beforeCreate');
  });

  it('procedures have the input of their schema and the output of resolve', () => {
    type Semanal = ReportProcedures['relatorio_semanal'];
    expectTypeOf<ProcedureInput<Semanal>>().toEqualTypeOf<{ referencia?: string; modo?: 'entrada' | 'entrega' }>();
    expectTypeOf<ProcedureOutput<Semanal>>().toEqualTypeOf<RelatorioSemanal>();
    // @ts-expect-error: referencia is a string
    const wrong: ProcedureInput<Semanal> = { referencia: 20260101 };
    void wrong;
  });
});
