/**
 * What is measured: each scenario is a pair of targets run one after the
 * other under the same load; the ratio is subject req/s ÷ baseline req/s.
 */
import { queryPath } from './apiClient.js';
import { CLIENTE_COUNT } from './fakeData.js';

export interface Target {
  label: string;
  baseUrl: string;
  method: 'GET' | 'POST';
  token: string;
  /** Path (with query) of the next request; called once per request. */
  path(): string;
  /** JSON body of the next request (POST). */
  body?(): string;
}

export interface Scenario {
  name: string;
  ratioName: string;
  /** Held to the 0.8 target; informational pairs are not. */
  gated: boolean;
  subject: Target;
  baseline: Target;
}

export interface Endpoints {
  platformUrl: string;
  handUrl: string;
  adminToken: string;
  vendedorToken: string;
  listStatus: string;
  pedidos: number;
}

export function listInput(status: string) {
  return { filter: { status }, sort: '-data_entrada', page: 1, pageSize: 50 };
}

const randomId = (max: number) => 1 + Math.floor(Math.random() * max);

/** A realistic new pedido: two items of different production types, existing cadastros. */
export function createInput(cliente = randomId(CLIENTE_COUNT)) {
  return {
    data: {
      cliente,
      forma_pagamento: 1,
      forma_envio: 2,
      valor_frete: '35.00',
      prioridade: 'ALTA',
      data_entrega: '2030-01-15',
      observacao: 'Pedido do benchmark',
      itens: [
        {
          descricao: 'Painel 3,00 x 2,00 m – feira de negócios',
          tipo_producao: 1,
          largura: '3.000',
          altura: '2.000',
          quantidade: 1,
          valor_unitario: '540.00',
          material: 1,
          vendedor: 1,
          designer: 1,
          maquina: 2,
          acabamento: 'overloque',
        },
        {
          descricao: 'Adesivo 0,50 x 0,35 m – logomarca',
          tipo_producao: 4,
          largura: '0.500',
          altura: '0.350',
          quantidade: 20,
          valor_unitario: '12.25',
          material: 5,
          vendedor: 1,
          maquina: 3,
        },
      ],
    },
  };
}

function target(label: string, baseUrl: string, token: string, path: () => string, body?: () => string): Target {
  return { label, baseUrl, method: body ? 'POST' : 'GET', token, path, ...(body ? { body } : {}) };
}

export function buildScenarios(e: Endpoints): Scenario[] {
  const listPath = (prefix: string) => {
    const p = queryPath(`${prefix}/sgp.pedido.list`, listInput(e.listStatus));
    return () => p;
  };
  const getPath = (prefix: string) => () => queryPath(`${prefix}/sgp.pedido.get`, { id: randomId(e.pedidos) });
  const createBody = () => JSON.stringify(createInput());
  const generated = (path: () => string, body?: () => string) => target('generated', e.platformUrl, e.adminToken, path, body);
  const hand = (path: () => string, body?: () => string) => target('hand-written', e.handUrl, e.adminToken, path, body);
  return [
    { name: 'list', ratioName: 'generated / hand-written', gated: true, subject: generated(listPath('/trpc')), baseline: hand(listPath('/hand')) },
    { name: 'get', ratioName: 'generated / hand-written', gated: true, subject: generated(getPath('/trpc')), baseline: hand(getPath('/hand')) },
    {
      name: 'create',
      ratioName: 'generated / hand-written',
      gated: true,
      subject: generated(() => '/trpc/sgp.pedido.create', createBody),
      baseline: hand(() => '/hand/sgp.pedido.create', createBody),
    },
    {
      name: 'list by role',
      ratioName: 'non-admin / admin',
      gated: true,
      subject: target('generated, vendedor', e.platformUrl, e.vendedorToken, listPath('/trpc')),
      baseline: target('generated, admin', e.platformUrl, e.adminToken, listPath('/trpc')),
    },
    {
      name: 'middleware (info)',
      ratioName: 'with stack / bare',
      gated: false,
      subject: target('hand-written, platform middleware', e.handUrl, e.adminToken, listPath('/hand')),
      baseline: target('hand-written, bare express', e.handUrl, e.adminToken, listPath('/bare')),
    },
  ];
}
