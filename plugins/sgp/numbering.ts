/**
 * Automatic pedido numbers: "000123", taken from core's atomic counter so two
 * concurrent creates never get the same number.
 */
import { ConflictError } from '#core';
import type { Context, Hooks } from './generated/model.js';

const SEQUENCE = 'sgp.pedido.numero';
const DIGITS = 6;
// Numbers typed by hand (e.g. imported from the old system) may already use
// values the counter will reach; skip those instead of failing on the unique index.
const MAX_SKIPS = 100;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || String(value).trim() === '';
}

async function numeroExists(ctx: Context, numero: string): Promise<boolean> {
  const sql = `SELECT COUNT(*) AS n FROM ${ctx.data.table('pedido')} WHERE ${ctx.data.column('pedido', 'numero')} = ?`;
  const [row] = await ctx.data.query(sql, [numero]);
  return Number(Object.values(row ?? {})[0] ?? 0) > 0;
}

async function nextFreeNumero(ctx: Context): Promise<string> {
  for (let attempt = 0; attempt < MAX_SKIPS; attempt++) {
    const numero = String(await ctx.data.nextSequence(SEQUENCE)).padStart(DIGITS, '0');
    if (!(await numeroExists(ctx, numero))) return numero;
  }
  throw new ConflictError(`Não foi possível gerar um número de pedido livre após ${MAX_SKIPS} tentativas`);
}

/** The hooks of pedido: `beforeCreate` fills `numero` when the caller left it empty. */
export const pedidoHooks: Hooks<'pedido'> = {
  async beforeCreate({ ctx, data }) {
    if (isBlank(data.numero)) data.numero = await nextFreeNumero(ctx);
    else data.numero = String(data.numero).trim();
  },
};
