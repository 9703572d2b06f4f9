/** This week (Monday–Sunday) against the week before, with percentage change. */
import { defineProcedure, type PluginContext } from '../../../core/index.js';
import { addDays, mondayOf, today } from '../dates.js';
import { percentChange } from '../decimal.js';
import { dateProperty, modoProperty, type DateMode } from './period.js';
import { PEDIDO_READ } from './sql.js';
import { periodTotals } from './valorPeriodo.js';

export interface SemanalInput {
  /** Any day of the week to report; default today. */
  referencia?: string;
  modo?: DateMode;
}

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

const semanalInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { referencia: dateProperty, modo: modoProperty },
} as const;

async function weekTotals(ctx: PluginContext, inicio: string, modo: DateMode | undefined): Promise<Semana> {
  const fim = addDays(inicio, 6);
  const totals = await periodTotals(ctx, { inicio, fim, modo });
  return { inicio, fim, quantidade: totals.quantidade, valor_total: totals.valor_total };
}

export const relatorioSemanal = defineProcedure<SemanalInput, RelatorioSemanal>({
  kind: 'query',
  input: semanalInputSchema,
  access: PEDIDO_READ,
  async resolve({ input, ctx }) {
    const referencia = input?.referencia ?? today();
    const monday = mondayOf(referencia);
    const atual = await weekTotals(ctx, monday, input?.modo);
    const anterior = await weekTotals(ctx, addDays(monday, -7), input?.modo);
    return {
      referencia,
      semana_atual: atual,
      semana_anterior: anterior,
      variacao_quantidade: percentChange(atual.quantidade, anterior.quantidade, 2),
      variacao_valor_total: percentChange(atual.valor_total, anterior.valor_total, 2),
    };
  },
});
