/** Creates the lookup records (cadastros) and returns their ids for the pedidos. */
import type { ClienteInput, Context, Entities, VendedorInput } from '../generated/model.js';
import { CLIENTES, DESIGNERS, VENDEDORES, FORMAS_ENVIO, FORMAS_PAGAMENTO, MAQUINAS, MATERIAIS, TIPOS_PRODUCAO, type MaquinaKey } from './catalog.js';

export interface Cadastros {
  tipos: Map<string, number>;
  materiais: Map<string, number>;
  vendedores: number[];
  designers: number[];
  formasPagamento: Map<string, number>;
  formasEnvio: Map<string, number>;
  maquinas: Record<MaquinaKey, number>;
  clientes: number[];
}

// One at a time: each create is its own transaction in core, and ids are needed in order.
async function createAll<E extends keyof Entities>(ctx: Context, entity: E, rows: Entities[E]['input'][]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) ids.push((await ctx.data.entity(entity).create(row)).id);
  return ids;
}

async function createByName<E extends keyof Entities>(
  ctx: Context,
  entity: E,
  rows: (Entities[E]['input'] & { nome: string })[],
): Promise<Map<string, number>> {
  const ids = await createAll(ctx, entity, rows);
  return new Map(rows.map((row, i) => [row.nome, ids[i]!]));
}

/** ("Letícia Rocha", ".") → "leticia.rocha": e-mail addresses must be plain ASCII. */
function asciiSlug(text: string, separator: string): string {
  const words =
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? [];
  return words.join(separator);
}

// Vendedores and designers are the same kind of record.
function personRow(nome: string): VendedorInput {
  return { nome, email: `${asciiSlug(nome, '.')}@grafica.example`, ativo: true };
}

async function createMaquinas(ctx: Context): Promise<Record<MaquinaKey, number>> {
  const keys = Object.keys(MAQUINAS) as MaquinaKey[];
  const ids = await createAll(
    ctx,
    'maquina',
    keys.map((k) => ({ ...MAQUINAS[k] })),
  );
  return Object.fromEntries(keys.map((k, i) => [k, ids[i]!])) as Record<MaquinaKey, number>;
}

function clienteRow(cliente: (typeof CLIENTES)[number]): ClienteInput {
  return { ...cliente, email: `contato@${asciiSlug(cliente.nome, '-')}.example` };
}

export async function createCadastros(ctx: Context): Promise<Cadastros> {
  return {
    tipos: await createByName(
      ctx,
      'tipo_producao',
      TIPOS_PRODUCAO.map(({ nome, descricao }) => ({ nome, descricao, ativo: true })),
    ),
    materiais: await createByName(
      ctx,
      'material',
      MATERIAIS.map((m) => ({ ...m, ativo: true })),
    ),
    vendedores: await createAll(ctx, 'vendedor', VENDEDORES.map(personRow)),
    designers: await createAll(ctx, 'designer', DESIGNERS.map(personRow)),
    formasPagamento: await createByName(
      ctx,
      'forma_pagamento',
      FORMAS_PAGAMENTO.map((nome) => ({ nome, ativo: true })),
    ),
    formasEnvio: await createByName(
      ctx,
      'forma_envio',
      FORMAS_ENVIO.map((f) => ({ ...f, ativo: true })),
    ),
    maquinas: await createMaquinas(ctx),
    clientes: await createAll(ctx, 'cliente', CLIENTES.map(clienteRow)),
  };
}
