/**
 * Generates the benchmark's rows in their stored form (what the generated
 * tables hold): decimals as integers of 10^-scale units, booleans as 0/1,
 * dates as 'YYYY-MM-DD', datetimes as Sequelize's SQLite text. Deterministic.
 */
import type { Random } from '../plugins/sgp/seed/random.js';
import { CLIENTES, DESIGNERS, FORMAS_ENVIO, FORMAS_PAGAMENTO, MATERIAIS, TEMAS_ITEM, TIPOS_PRODUCAO, VENDEDORES } from '../plugins/sgp/seed/catalog.js';

export type Value = string | number | null;
export interface TableRows {
  table: string;
  columns: string[];
  rows: Value[][];
}

const SYSTEM_COLUMNS = ['version', 'created_at', 'updated_at', 'created_by', 'updated_by'];
const DAY_MS = 86_400_000;
/** Pedidos span this many days before today. */
const SPAN_DAYS = 730;
export const CLIENTE_COUNT = 200;

/** How Sequelize writes a DATE to SQLite: `YYYY-MM-DD HH:MM:SS.sss +00:00`. */
export function sqliteDatetime(d: Date): string {
  return `${d.toISOString().slice(0, 23).replace('T', ' ')} +00:00`;
}

function system(at: Date): Value[] {
  const text = sqliteDatetime(at);
  return [1, text, text, null, null];
}

function table(name: string, columns: string[], rows: Value[][]): TableRows {
  return { table: name, columns: ['id', ...columns, ...SYSTEM_COLUMNS], rows };
}

export interface Cadastros {
  tables: TableRows[];
  clientes: number;
  vendedores: number;
  designers: number;
  materiais: number;
  tipos: number;
  formasPagamento: number;
  formasEnvio: number;
  maquinas: number;
}

export function buildCadastros(rng: Random, now: Date): Cadastros {
  const sys = system(now);
  const person = (nome: string, i: number): Value[] => [
    i + 1,
    nome,
    `${nome
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z]+/g, '.')}@grafica.example`,
    1,
    ...sys,
  ];
  const clientes = Array.from({ length: CLIENTE_COUNT }, (_, i): Value[] => {
    const base = CLIENTES[i % CLIENTES.length]!;
    const nome = i < CLIENTES.length ? base.nome : `${base.nome} — filial ${Math.floor(i / CLIENTES.length) + 1}`;
    const documento = String(10_000_000_000_000 + rng.int(0, 89_999_999_999_999)).slice(0, 14);
    return [
      i + 1,
      nome,
      documento,
      `(11) 9${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
      `contato${i + 1}@cliente.example`,
      base.cidade,
      base.estado,
      null,
      ...sys,
    ];
  });
  const tables = [
    table(
      'sgp_tipo_producao',
      ['nome', 'descricao', 'ativo'],
      TIPOS_PRODUCAO.map((t, i) => [i + 1, t.nome, t.descricao, 1, ...sys]),
    ),
    table(
      'sgp_material',
      ['nome', 'descricao', 'ativo'],
      MATERIAIS.map((m, i) => [i + 1, m.nome, m.descricao, 1, ...sys]),
    ),
    table('sgp_vendedor', ['nome', 'email', 'ativo'], VENDEDORES.map(person)),
    table('sgp_designer', ['nome', 'email', 'ativo'], DESIGNERS.map(person)),
    table(
      'sgp_forma_pagamento',
      ['nome', 'ativo'],
      FORMAS_PAGAMENTO.map((nome, i) => [i + 1, nome, 1, ...sys]),
    ),
    table(
      'sgp_forma_envio',
      ['nome', 'valor', 'ativo'],
      FORMAS_ENVIO.map((f, i) => [i + 1, f.nome, Math.round(Number(f.valor) * 100), 1, ...sys]),
    ),
    table(
      'sgp_maquina',
      ['nome', 'tipo', 'status'],
      [
        [1, 'Sublimadora 1,80 m', 'sublimação', 'ativa', ...sys],
        [2, 'Sublimadora 3,20 m', 'sublimação', 'ativa', ...sys],
        [3, 'Impressora eco-solvente 1,60 m', 'impressão eco-solvente', 'ativa', ...sys],
        [4, 'Plotter de recorte', 'recorte', 'manutencao', ...sys],
      ],
    ),
    table('sgp_cliente', ['nome', 'documento', 'telefone', 'email', 'cidade', 'estado', 'observacao'], clientes),
  ];
  return {
    tables,
    clientes: CLIENTE_COUNT,
    vendedores: VENDEDORES.length,
    designers: DESIGNERS.length,
    materiais: MATERIAIS.length,
    tipos: TIPOS_PRODUCAO.length,
    formasPagamento: FORMAS_PAGAMENTO.length,
    formasEnvio: FORMAS_ENVIO.length,
    maquinas: 4,
  };
}

type Status = 'pendente' | 'em_producao' | 'pronto' | 'entregue' | 'cancelado';

/** Status odds by age in days (as the SGP demo seed): recent pedidos open, old ones delivered. */
const STATUS_ODDS_BY_AGE: [number, Partial<Record<Status, number>>][] = [
  [2, { pendente: 60, em_producao: 35, cancelado: 5 }],
  [13, { pendente: 15, em_producao: 40, pronto: 25, entregue: 15, cancelado: 5 }],
  [30, { em_producao: 12, pronto: 25, entregue: 55, cancelado: 8 }],
  [Infinity, { pronto: 5, entregue: 88, cancelado: 7 }],
];

export const PEDIDO_COLUMNS = [
  'numero',
  'data_entrada',
  'data_entrega',
  'prioridade',
  'status',
  'cliente',
  'valor_itens',
  'valor_frete',
  'valor_total',
  'forma_pagamento',
  'obs_pagamento',
  'forma_envio',
  'financeiro',
  'conferencia',
  'sublimacao',
  'costura',
  'expedicao',
  'pronto',
  'sublimacao_maquina',
  'sublimacao_data_impressao',
  'observacao',
];
export const ITEM_COLUMNS = [
  'pedido',
  'tipo_producao',
  'descricao',
  'largura',
  'altura',
  'quantidade',
  'metro_quadrado',
  'vendedor',
  'designer',
  'material',
  'acabamento',
  'emenda',
  'valor_unitario',
  'maquina',
  'observacao',
];

function day(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** Area of one unit in 10^-4 m² from sizes in mm (10^-3 m), rounded half-up. */
function areaUnits(larguraMm: number, alturaMm: number): number {
  return Math.floor((larguraMm * alturaMm + 50) / 100);
}

/**
 * Pedidos (oldest first, numbered in that order) with 1–3 itens each, yielded
 * in chunks of stored rows so 100,000 of them never sit in memory as objects.
 */
export function* buildPedidoChunks(rng: Random, cad: Cadastros, count: number, now: Date, chunk: number): Generator<{ pedidos: Value[][]; itens: Value[][] }> {
  const today = Math.floor(now.getTime() / DAY_MS);
  // Entry days, oldest first, skewed slightly towards recent days.
  const days = Array.from({ length: count }, () => today - Math.floor(SPAN_DAYS * rng.next() ** 1.15)).sort((a, b) => a - b);
  let itemId = 0;
  for (let start = 0; start < count; start += chunk) {
    const pedidos: Value[][] = [];
    const itens: Value[][] = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) {
      const id = i + 1;
      const entrada = days[i]!;
      const age = today - entrada;
      const status = rng.weighted(STATUS_ODDS_BY_AGE.find(([limit]) => age <= limit)![1]);
      const done = status === 'pronto' || status === 'entregue';
      const alta = rng.chance(0.15);
      const vendedor = rng.int(1, cad.vendedores);
      const created = new Date(entrada * DAY_MS + rng.int(8 * 3600, 18 * 3600) * 1000);
      let valorItens = 0;
      let maquina: number | null = null;
      for (let k = rng.int(1, 3); k > 0; k--) {
        const tipo = rng.int(0, TIPOS_PRODUCAO.length - 1);
        const spec = TIPOS_PRODUCAO[tipo]!;
        const largura = rng.int(spec.largura[0] / 10, spec.largura[1] / 10) * 10;
        const altura = rng.int(spec.altura[0] / 10, spec.altura[1] / 10) * 10;
        const quantidade = rng.int(...spec.quantidade);
        const unit = Math.max(spec.precoMinimo, Math.round((largura * altura * spec.precoM2) / 1_000_000));
        const itemMaquina = spec.sublimado ? rng.int(1, 2) : 3;
        maquina ??= itemMaquina;
        valorItens += unit * quantidade;
        itens.push([
          ++itemId,
          id,
          tipo + 1,
          `${spec.nome} ${largura / 1000} x ${altura / 1000} m – ${rng.pick(TEMAS_ITEM)}`,
          largura,
          altura,
          quantidade,
          areaUnits(largura, altura),
          vendedor,
          rng.chance(0.1) ? null : rng.int(1, cad.designers),
          rng.int(1, cad.materiais),
          rng.pick(spec.acabamentos),
          'sem_emenda',
          unit,
          itemMaquina,
          null,
          ...system(created),
        ]);
      }
      const formaEnvio = rng.int(1, cad.formasEnvio);
      const frete = formaEnvio === 1 ? 0 : rng.int(30, 440) * 50;
      const sublimacao = done || (status === 'em_producao' && rng.chance(0.6));
      pedidos.push([
        id,
        String(id).padStart(6, '0'),
        day(entrada),
        day(Math.min(entrada + (alta ? rng.int(2, 5) : rng.int(4, 12)), done ? today : Infinity)),
        alta ? 'ALTA' : 'NORMAL',
        status,
        rng.int(1, cad.clientes),
        valorItens,
        frete,
        valorItens + frete,
        rng.int(1, cad.formasPagamento),
        rng.chance(0.2) ? 'Boleto com vencimento em 28 dias.' : null,
        formaEnvio,
        status === 'pendente' || status === 'cancelado' ? (rng.chance(0.3) ? 1 : 0) : 1,
        done ? 1 : 0,
        sublimacao ? 1 : 0,
        done ? 1 : 0,
        done ? 1 : 0,
        done ? 1 : 0,
        sublimacao ? maquina : null,
        sublimacao ? day(Math.min(entrada + rng.int(1, 3), today)) : null,
        rng.chance(0.25) ? 'Conferir cores com a prova aprovada pelo cliente.' : null,
        ...system(created),
      ]);
    }
    yield { pedidos, itens };
  }
}

export function pedidoTable(rows: Value[][]): TableRows {
  return table('sgp_pedido', PEDIDO_COLUMNS, rows);
}

export function itemTable(rows: Value[][]): TableRows {
  return table('sgp_item_pedido', ITEM_COLUMNS, rows);
}
