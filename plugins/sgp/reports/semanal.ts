/** This week (Monday–Sunday) against the week before, with percentage change. */
import { decimal, isoDate, Type } from '#core';
import { defineProcedure, type Context } from '../generated/model.js';
import { dateProperty, modoProperty, type DateMode } from './period.js';
import { PEDIDO_READ } from './sql.js';
import { periodTotals } from './valorPeriodo.js';

export interface Semana {
  inicio: string;
  fim: string;
  quantidade: number;
  valor_total: string;
}

export interface RelatorioSemanal {
  referencia: string;
  semana_atual: Semana;
  semana_anterior: Semana;
  /** Percentages with 2 decimals ("-12.50"); null when last week had nothing to compare with. */
  variacao_quantidade: string | null;
  variacao_valor_total: string | null;
}

const semanalInputSchema = Type.Object(
  {
    /** Any day of the week to report; default today on the business calendar. */
    referencia: Type.Optional(dateProperty),
    modo: Type.Optional(modoProperty),
  },
  { additionalProperties: false },
);

async function weekTotals(ctx: Context, inicio: string, modo: DateMode | undefined): Promise<Semana> {
  const fim = isoDate.addDays(inicio, 6);
  const totals = await periodTotals(ctx, { inicio, fim, modo });
  return { inicio, fim, quantidade: totals.quantidade, valor_total: totals.valor_total };
}

export const relatorioSemanal = defineProcedure({
  kind: 'query',
  input: semanalInputSchema,
  access: PEDIDO_READ,
  async resolve({ input, ctx }): Promise<RelatorioSemanal> {
    const referencia = input.referencia ?? ctx.calendar.today();
    const monday = isoDate.mondayOf(referencia);
    const atual = await weekTotals(ctx, monday, input.modo);
    const anterior = await weekTotals(ctx, isoDate.addDays(monday, -7), input.modo);
    return {
      referencia,
      semana_atual: atual,
      semana_anterior: anterior,
      variacao_quantidade: decimal.percentChange(atual.quantidade, anterior.quantidade, 2),
      variacao_valor_total: decimal.percentChange(atual.valor_total, anterior.valor_total, 2),
    };
  },
});
