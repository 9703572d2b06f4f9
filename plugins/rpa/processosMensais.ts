/**
 * CRIAR_PROCESSOS_MENSAIS: one processo per active cliente for a month.
 * Idempotent: clientes that already have that month's processo are skipped,
 * and when two runs race, the composite unique (cliente, mes_ano) refuses the
 * second insert, which counts as "already there", not as a failure.
 */
import { ValidationError, type DataAccess } from '#core';
import type { Entities } from './generated/model.js';
import { listAll } from './listAll.js';

export interface ProcessosMensais {
  mes_ano: string;
  criados: number;
  existentes: number;
}

/** A create refused because the (cliente, mes_ano) key is taken. */
function isDuplicate(error: unknown): boolean {
  return (
    error instanceof ValidationError && error.issues.some((issue) => /mes_ano$/.test(issue.path)) && error.issues.some((issue) => /cliente$/.test(issue.path))
  );
}

export async function criarProcessosMensais(data: DataAccess<Entities>, mesAno: string, log: (line: string) => void = () => {}): Promise<ProcessosMensais> {
  const t = { processo: data.table('processo'), cliente: data.column('processo', 'cliente'), mesAno: data.column('processo', 'mes_ano') };
  const taken = await data.query<{ cliente: number }>(`SELECT ${t.cliente} AS "cliente" FROM ${t.processo} WHERE ${t.mesAno} = ?`, [mesAno]);
  const existing = new Set(taken.map((row) => Number(row.cliente)));
  const clientes = await listAll(data.entity('cliente'), { filter: { ativo: true }, sort: 'id' });
  const result: ProcessosMensais = { mes_ano: mesAno, criados: 0, existentes: 0 };
  for (const cliente of clientes) {
    if (existing.has(cliente.id)) {
      result.existentes++;
      continue;
    }
    try {
      await data.entity('processo').create({ cliente: cliente.id, mes_ano: mesAno, criado_automaticamente: true });
      result.criados++;
      log(`Processo ${mesAno} criado para ${cliente.razao_social}`);
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      result.existentes++;
    }
  }
  return result;
}
