/**
 * The SGP pedido workflow (manifests/sgp.json) as tests drive it: the
 * transitions that take a new pedido to a given status, taken as a user who
 * may take them all (admin).
 */
import type { Api } from './api.js';

export type PedidoStatus = 'pendente' | 'em_producao' | 'pronto' | 'entregue' | 'cancelado';

export interface Step {
  transition: string;
  input?: Record<string, unknown>;
  comment?: string;
}

/** Sublimação needs the printer and the print date. */
export const sublimacaoInput = (maquina: number, data = '2024-05-10') => ({ sublimacao_maquina: maquina, sublimacao_data_impressao: data });

/** Transitions from "pendente" to `status`, production stages included. */
export function stepsTo(status: PedidoStatus, maquina: number): Step[] {
  const producao: Step[] = [
    { transition: 'aprovar' },
    { transition: 'sublimar', input: sublimacaoInput(maquina) },
    { transition: 'costurar' },
    { transition: 'conferir' },
  ];
  switch (status) {
    case 'pendente':
      return [];
    case 'em_producao':
      return [{ transition: 'aprovar' }];
    case 'pronto':
      return [...producao, { transition: 'expedir' }];
    case 'entregue':
      return [...producao, { transition: 'expedir' }, { transition: 'entregar' }];
    case 'cancelado':
      return [{ transition: 'cancelar', comment: 'Cancelado no teste' }];
  }
}

/** Takes the steps one by one; returns the pedido as the last one left it. */
export async function takeSteps(api: Api, id: number, steps: Step[]): Promise<any> {
  let record: any;
  for (const step of steps) record = await api.mutate('sgp.pedido.transition', { id, ...step });
  return record ?? api.query('sgp.pedido.get', { id });
}

/** A maquina for the sublimação input (any will do). */
export async function anyMaquina(api: Api): Promise<number> {
  const found = await api.query('sgp.maquina.list', { pageSize: 1 });
  if (found.rows[0]) return found.rows[0].id;
  return (await api.mutate('sgp.maquina.create', { data: { nome: 'Sublimadora de teste' } })).id;
}
