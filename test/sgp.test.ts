/**
 * The SGP module end to end: every report procedure checked against numbers
 * this test computes itself from a small known dataset; pedido numbering under
 * concurrency; and the demo seed (a few hundred pedidos, seeded only once even
 * when the server restarts on the same data folder).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleManifest } from '../core/manifest/types.js';
import { ADMIN, login, ROOT, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { trpcApi, type Api } from './support/api.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { countRows, openDatabase } from './support/database.js';
import { divideRounded, format, percentChange, sum, units } from './support/money.js';
import { anyMaquina, stepsTo, takeSteps, type PedidoStatus } from './support/sgpWorkflow.js';

const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'manifests', 'sgp.json'), 'utf8')) as ModuleManifest;
const STATUS_VALUES = (MANIFEST.entities!.pedido!.fields.status as { values: string[] }).values;

let platform: TestPlatform;
let api: Api;

beforeAll(async () => {
  platform = await startTestPlatform();
  const admin = await login(platform.url, ADMIN.email, ADMIN.password);
  api = trpcApi(platform.url, admin.token);
});

afterAll(async () => {
  await platform?.close();
});

// ---------------------------------------------------------------------------
// The dataset: cadastros by index, ten pedidos with known dates, statuses and values.

const CLIENTES = ['Aurora Brindes', 'Bravo Eventos', 'Cia do Banner'];
const VENDEDORES = ['Vera', 'Vitor'];
const DESIGNERS = ['Dora', 'Duda'];
const TIPOS = ['Lona', 'Sublimação'];

interface ItemSpec {
  tipo: number | null;
  vendedor: number | null;
  designer: number | null;
  largura: string | null;
  altura: string | null;
  quantidade: number;
  valor_unitario: string;
}

interface PedidoSpec {
  cliente: number;
  entrada: string;
  entrega: string | null;
  status: PedidoStatus;
  frete: string;
  itens: ItemSpec[];
}

const item = (
  tipo: number | null,
  vendedor: number | null,
  designer: number | null,
  largura: string | null,
  altura: string | null,
  quantidade: number,
  valor_unitario: string,
): ItemSpec => ({
  tipo,
  vendedor,
  designer,
  largura,
  altura,
  quantidade,
  valor_unitario,
});

// 2024-01-01 is a Monday; 2024-03-11 starts the week of the semanal reference day 2024-03-13.
const PEDIDOS: PedidoSpec[] = [
  {
    cliente: 0,
    entrada: '2024-01-08',
    entrega: '2024-01-12',
    status: 'entregue',
    frete: '15.00',
    itens: [item(0, 0, 0, '2.000', '1.000', 1, '120.00'), item(1, 1, null, '1.500', '0.800', 3, '45.90')],
  },
  { cliente: 1, entrada: '2024-01-22', entrega: '2024-02-02', status: 'entregue', frete: '0.00', itens: [item(0, 0, 1, '3.000', '1.200', 2, '210.00')] },
  { cliente: 2, entrada: '2024-02-05', entrega: null, status: 'pendente', frete: '7.50', itens: [item(1, 1, 0, '0.500', '0.500', 10, '12.35')] },
  { cliente: 0, entrada: '2024-02-19', entrega: '2024-03-04', status: 'cancelado', frete: '30.00', itens: [item(0, 0, 0, '5.000', '2.000', 1, '999.00')] },
  {
    cliente: 1,
    entrada: '2024-03-04',
    entrega: '2024-03-08',
    status: 'pronto',
    frete: '12.00',
    itens: [item(1, null, 1, '1.250', '0.750', 4, '33.33'), item(null, 0, null, null, null, 1, '5.00')],
  },
  { cliente: 2, entrada: '2024-03-06', entrega: '2024-03-13', status: 'em_producao', frete: '0.00', itens: [item(0, 1, 0, '2.200', '1.100', 2, '88.80')] },
  { cliente: 0, entrada: '2024-03-11', entrega: '2024-03-15', status: 'em_producao', frete: '9.90', itens: [item(1, 0, 1, '1.000', '1.000', 5, '19.99')] },
  { cliente: 1, entrada: '2024-03-13', entrega: null, status: 'pendente', frete: '0.00', itens: [item(0, 1, null, '4.000', '0.900', 1, '150.00')] },
  { cliente: 2, entrada: '2024-03-17', entrega: '2024-04-01', status: 'cancelado', frete: '5.00', itens: [item(1, 1, 0, '1.000', '0.500', 2, '40.00')] },
  // 0.333 × 0.333 = 0.110889 m² → 0.1109 per unit.
  { cliente: 0, entrada: '2024-04-02', entrega: '2024-04-05', status: 'pendente', frete: '3.25', itens: [item(0, 0, 0, '0.333', '0.333', 3, '0.10')] },
];

// ---------------------------------------------------------------------------
// Expected values, computed here in plain TypeScript with BigInt units.

const MONEY = 2;
const AREA = 4;
/** One unit's area, at scale 4, rounded half-up from the exact product (scale 6). */
const itemArea = (i: ItemSpec) => divideRounded(units(i.largura, 3) * units(i.altura, 3), 100n);
const itemValue = (i: ItemSpec) => units(i.valor_unitario, MONEY) * BigInt(i.quantidade);
const valorItens = (p: PedidoSpec) => sum(p.itens.map(itemValue));
const valorTotal = (p: PedidoSpec) => valorItens(p) + units(p.frete, MONEY);

interface Period {
  inicio?: string;
  fim?: string;
  modo?: 'entrada' | 'entrega';
}

const dateOf = (p: PedidoSpec, modo: Period['modo']) => (modo === 'entrega' ? p.entrega : p.entrada);

function inPeriod(p: PedidoSpec, period: Period, includeCancelled = false): boolean {
  const date = dateOf(p, period.modo);
  if (date === null) return false;
  if (period.inicio && date < period.inicio) return false;
  if (period.fim && date > period.fim) return false;
  return includeCancelled || p.status !== 'cancelado';
}

const ticket = (total: bigint, count: number) => format(count === 0 ? 0n : divideRounded(total, BigInt(count)), MONEY);

function expectedPorStatus(period: Period) {
  const selected = PEDIDOS.filter((p) => inPeriod(p, period, true));
  return STATUS_VALUES.map((status) => {
    const of = selected.filter((p) => p.status === status);
    return { status, quantidade: of.length, valor_total: format(sum(of.map(valorTotal)), MONEY) };
  });
}

function expectedValorPeriodo(period: Period) {
  const selected = PEDIDOS.filter((p) => inPeriod(p, period));
  const total = sum(selected.map(valorTotal));
  return {
    quantidade: selected.length,
    valor_itens: format(sum(selected.map(valorItens)), MONEY),
    valor_frete: format(sum(selected.map((p) => units(p.frete, MONEY))), MONEY),
    valor_total: format(total, MONEY),
    ticket_medio: ticket(total, selected.length),
  };
}

function expectedPorCliente(period: Period, ids: Ids) {
  const selected = PEDIDOS.filter((p) => inPeriod(p, period));
  return CLIENTES.map((nome, index) => {
    const of = selected.filter((p) => p.cliente === index);
    return { id: ids.clientes[index]!, nome, quantidade: of.length, valor_total: format(sum(of.map(valorTotal)), MONEY) };
  }).filter((row) => row.quantidade > 0);
}

type Group = 'vendedor' | 'designer' | 'tipo';
const GROUP_NAMES: Record<Group, string[]> = { vendedor: VENDEDORES, designer: DESIGNERS, tipo: TIPOS };
const NO_GROUP: Record<Group, string> = { vendedor: 'Sem vendedor', designer: 'Sem designer', tipo: 'Sem tipo de produção' };

function expectedPorGrupo(group: Group, period: Period, ids: Ids) {
  const idsOf = { vendedor: ids.vendedores, designer: ids.designers, tipo: ids.tipos }[group];
  const lines = PEDIDOS.flatMap((p, pedido) => (inPeriod(p, period) ? p.itens.map((i) => ({ pedido, item: i })) : []));
  const keys = [...new Set(lines.map((l) => l.item[group]))];
  return keys.map((key) => {
    const of = lines.filter((l) => l.item[group] === key);
    return {
      id: key === null ? null : idsOf[key]!,
      nome: key === null ? NO_GROUP[group] : GROUP_NAMES[group][key]!,
      itens: of.length,
      pedidos: new Set(of.map((l) => l.pedido)).size,
      metro_quadrado: format(sum(of.map((l) => itemArea(l.item) * BigInt(l.item.quantidade))), AREA),
      valor: format(sum(of.map((l) => itemValue(l.item))), MONEY),
    };
  });
}

function expectedTendencia(period: Period) {
  const selected = PEDIDOS.filter((p) => inPeriod(p, period));
  const months = [...new Set(selected.map((p) => dateOf(p, period.modo)!.slice(0, 7)))].sort();
  return months.map((mes) => {
    const of = selected.filter((p) => dateOf(p, period.modo)!.startsWith(mes));
    const total = sum(of.map(valorTotal));
    return { mes, quantidade: of.length, valor_total: format(total, MONEY), ticket_medio: ticket(total, of.length) };
  });
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

function expectedSemanal(referencia: string, modo?: Period['modo']) {
  const week = (inicio: string) => {
    const fim = addDays(inicio, 6);
    const of = PEDIDOS.filter((p) => inPeriod(p, { inicio, fim, modo }));
    return { inicio, fim, quantidade: of.length, total: sum(of.map(valorTotal)) };
  };
  const atual = week(mondayOf(referencia));
  const anterior = week(addDays(mondayOf(referencia), -7));
  const shape = (w: ReturnType<typeof week>) => ({ inicio: w.inicio, fim: w.fim, quantidade: w.quantidade, valor_total: format(w.total, MONEY) });
  return {
    referencia,
    semana_atual: shape(atual),
    semana_anterior: shape(anterior),
    variacao_quantidade: percentChange(BigInt(atual.quantidade), BigInt(anterior.quantidade)),
    variacao_valor_total: percentChange(atual.total, anterior.total),
  };
}

// ---------------------------------------------------------------------------

interface Ids {
  clientes: number[];
  vendedores: number[];
  designers: number[];
  tipos: number[];
  pedidos: any[];
}

const PERIODS: [name: string, period: Period][] = [
  ['everything (default mode entrada)', {}],
  ['Feb 1 – Mar 10 by entrada', { inicio: '2024-02-01', fim: '2024-03-10', modo: 'entrada' }],
  ['Feb 1 – Mar 10 by entrega', { inicio: '2024-02-01', fim: '2024-03-10', modo: 'entrega' }],
  ['every delivery date (no dates)', { modo: 'entrega' }],
  ['from Mar 1 on, open-ended', { inicio: '2024-03-01' }],
  ['up to Jan 31 by entrega', { fim: '2024-01-31', modo: 'entrega' }],
  ['a period without pedidos', { inicio: '2025-01-01', fim: '2025-12-31' }],
];

describe('reports against independently computed numbers', () => {
  const ids: Ids = { clientes: [], vendedores: [], designers: [], tipos: [], pedidos: [] };

  beforeAll(async () => {
    for (const nome of CLIENTES) ids.clientes.push((await api.mutate('sgp.cliente.create', { data: { nome } })).id);
    for (const nome of VENDEDORES) ids.vendedores.push((await api.mutate('sgp.vendedor.create', { data: { nome } })).id);
    for (const nome of DESIGNERS) ids.designers.push((await api.mutate('sgp.designer.create', { data: { nome } })).id);
    for (const nome of TIPOS) ids.tipos.push((await api.mutate('sgp.tipo_producao.create', { data: { nome } })).id);
    const ref = (list: number[], index: number | null) => (index === null ? null : list[index]);
    for (const p of PEDIDOS) {
      const created = await api.mutate('sgp.pedido.create', {
        data: {
          cliente: ids.clientes[p.cliente],
          data_entrada: p.entrada,
          data_entrega: p.entrega,
          valor_frete: p.frete,
          itens: p.itens.map((i, n) => ({
            descricao: `Item ${n + 1}`,
            tipo_producao: ref(ids.tipos, i.tipo),
            vendedor: ref(ids.vendedores, i.vendedor),
            designer: ref(ids.designers, i.designer),
            largura: i.largura,
            altura: i.altura,
            quantidade: i.quantidade,
            valor_unitario: i.valor_unitario,
          })),
        },
      });
      // The status changes only through the workflow's transitions.
      ids.pedidos.push(await takeSteps(api, created.id, stepsTo(p.status, await anyMaquina(api))));
    }
  });

  it('the stored pedido totals match the dataset (so report differences are the reports’ own)', () => {
    PEDIDOS.forEach((p, n) => {
      expect(ids.pedidos[n].valor_itens).toBe(format(valorItens(p), MONEY));
      expect(ids.pedidos[n].valor_total).toBe(format(valorTotal(p), MONEY));
      expect(ids.pedidos[n].itens.map((i: any) => i.metro_quadrado)).toEqual(p.itens.map((i) => format(itemArea(i), AREA)));
    });
  });

  describe.each(PERIODS)('period: %s', (_name, period) => {
    it('relatorio_por_status: every status in manifest order, cancelled included', async () => {
      expect(await api.query('sgp.relatorio_por_status', period)).toEqual(expectedPorStatus(period));
    });

    it('relatorio_valor_periodo: count, itens, frete, total and ticket médio of non-cancelled pedidos', async () => {
      expect(await api.query('sgp.relatorio_valor_periodo', period)).toEqual(expectedValorPeriodo(period));
    });

    it('relatorio_por_cliente: per cliente, biggest total first', async () => {
      const result = await api.query('sgp.relatorio_por_cliente', period);
      expect(sortedById(result)).toEqual(sortedById(expectedPorCliente(period, ids)));
      expectDescending(result.map((r: any) => r.valor_total));
    });

    it.each(['vendedor', 'designer', 'tipo'] as const)('relatorio_por_%s: itens, pedidos, area and value per group', async (group) => {
      const procedure = group === 'tipo' ? 'relatorio_por_tipo_producao' : `relatorio_por_${group}`;
      const result = await api.query(`sgp.${procedure}`, period);
      expect(sortedById(result)).toEqual(sortedById(expectedPorGrupo(group, period, ids)));
      expectDescending(result.map((r: any) => r.valor));
    });

    it('relatorio_tendencia_mensal: per month of the chosen date, in month order', async () => {
      expect(await api.query('sgp.relatorio_tendencia_mensal', period)).toEqual(expectedTendencia(period));
    });
  });

  it('the period reports agree with each other: Σ por_cliente = Σ tendência = valor_periodo', async () => {
    for (const [, period] of PERIODS) {
      const total = (await api.query('sgp.relatorio_valor_periodo', period)).valor_total;
      const byCliente = sum((await api.query('sgp.relatorio_por_cliente', period)).map((r: any) => units(r.valor_total, MONEY)));
      const byMonth = sum((await api.query('sgp.relatorio_tendencia_mensal', period)).map((r: any) => units(r.valor_total, MONEY)));
      expect([format(byCliente, MONEY), format(byMonth, MONEY)]).toEqual([total, total]);
    }
  });

  it.each([
    ['2024-03-13', 'entrada'],
    ['2024-03-13', 'entrega'],
    ['2024-03-17', undefined],
    ['2024-01-10', 'entrada'],
    ['2024-02-07', 'entrega'],
  ] as const)('relatorio_semanal referencia %s, modo %s: this week vs the week before', async (referencia, modo) => {
    const input = modo ? { referencia, modo } : { referencia };
    expect(await api.query('sgp.relatorio_semanal', input)).toEqual(expectedSemanal(referencia, modo));
  });

  it('the semanal cases above cover growth, decline, no change and "nothing to compare with"', () => {
    const variations = (['2024-03-13', '2024-01-10', '2024-02-07'] as const)
      .flatMap((r) => [expectedSemanal(r, 'entrada'), expectedSemanal(r, 'entrega')])
      .map((s) => s.variacao_valor_total);
    expect(variations).toContain(null);
    expect(variations.some((v) => v?.startsWith('-'))).toBe(true);
    expect(variations.some((v) => v !== null && !v.startsWith('-') && v !== '0.00')).toBe(true);
  });

  it('report inputs are validated: bad dates, unknown modes and unknown keys → BAD_REQUEST', async () => {
    for (const input of [{ inicio: '03/01/2024' }, { modo: 'saida' }, { desde: '2024-01-01' }]) {
      await expect(api.query('sgp.relatorio_valor_periodo', input)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(api.query('sgp.relatorio_semanal', { referencia: 'hoje' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

function sortedById<T extends { id: number | null }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

function expectDescending(values: string[]): void {
  const scaled = values.map((v) => Number(units(v, 4)));
  expect(scaled).toEqual([...scaled].sort((a, b) => b - a));
}

describe('pedido numbering', () => {
  it('20 concurrent creates all succeed with 20 distinct six-digit numbers', async () => {
    const cliente = await api.mutate('sgp.cliente.create', { data: { nome: 'Cliente concorrente' } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, n) =>
        api.mutate('sgp.pedido.create', { data: { cliente: cliente.id, itens: [{ descricao: `Concorrente ${n}`, quantidade: 1, valor_unitario: '1.00' }] } }),
      ),
    );
    const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const numeros = results.map((r) => (r as PromiseFulfilledResult<any>).value.numero as string);
    expect(new Set(numeros).size).toBe(20);
    for (const numero of numeros) expect(numero).toMatch(/^\d{6}$/);
  });

  it('a numero typed by hand is kept, and automatic numbers skip it', async () => {
    const cliente = await api.mutate('sgp.cliente.create', { data: { nome: 'Cliente manual' } });
    const last = await api.query('sgp.pedido.list', { sort: '-numero', pageSize: 1 });
    const next = Number(last.rows[0].numero) + 1;
    const manual = await api.mutate('sgp.pedido.create', { data: { cliente: cliente.id, numero: ` ${String(next).padStart(6, '0')} ` } });
    expect(manual.numero).toBe(String(next).padStart(6, '0'));
    const automatic = await api.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
    expect(automatic.numero).toBe(String(next + 1).padStart(6, '0'));
  });
});

describe('demo seed (SEED=true)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-seed-'));
  });

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function snapshot(url: string) {
    const seeded = trpcApi(url, (await login(url, ADMIN.email, ADMIN.password)).token);
    const total = async (path: string) => (await seeded.query(path, { pageSize: 1 })).total as number;
    const newest = await seeded.query('sgp.pedido.list', { sort: '-numero', pageSize: 1 });
    return {
      api: seeded,
      counts: {
        pedidos: await total('sgp.pedido.list'),
        itens: await total('sgp.item_pedido.list'),
        clientes: await total('sgp.cliente.list'),
        vendedores: await total('sgp.vendedor.list'),
        users: await total('platform.user.list'),
        audit: await total('platform.audit'),
      },
      lastNumero: newest.rows[0]?.numero as string | undefined,
    };
  }

  it('fills a fresh database with a few hundred consistent pedidos, and a restart does not seed again', { timeout: 300_000 }, async () => {
    const first = await startPlatformOn(dataDir, { SEED: 'true' });
    let before: Awaited<ReturnType<typeof snapshot>>;
    try {
      before = await snapshot(first.url);
      expect(before.counts.pedidos).toBeGreaterThanOrEqual(200);
      expect(before.counts.pedidos).toBeLessThan(1000);
      expect(before.counts.clientes).toBeGreaterThan(0);
      expect(before.counts.itens).toBeGreaterThanOrEqual(before.counts.pedidos);
      expect(before.counts.users).toBe(1);

      // Seeded pedidos went through the same rules as a user's: numbers and totals.
      const page = await before.api.query('sgp.pedido.list', { sort: 'id', pageSize: 200 });
      const numeros = page.rows.map((r: any) => r.numero);
      expect(new Set(numeros).size).toBe(numeros.length);
      for (const row of page.rows.slice(0, 25)) {
        const pedido = await before.api.query('sgp.pedido.get', { id: row.id });
        const itens = sum(pedido.itens.map((i: any) => units(i.valor_unitario, MONEY) * BigInt(i.quantidade)));
        expect(pedido.valor_itens).toBe(format(itens, MONEY));
        expect(pedido.valor_total).toBe(format(itens + units(pedido.valor_frete, MONEY), MONEY));
      }
      const porStatus = await before.api.query('sgp.relatorio_por_status', {});
      expect(porStatus.reduce((n: number, r: any) => n + r.quantidade, 0)).toBe(before.counts.pedidos);
    } finally {
      await first.stop();
    }

    const second = await startPlatformOn(dataDir, { SEED: 'true' });
    try {
      const after = await snapshot(second.url);
      expect(after.counts).toEqual(before!.counts);
      expect(after.lastNumero).toBe(before!.lastNumero);
      // The counter survived the restart: the next pedido continues the sequence.
      const cliente = (await after.api.query('sgp.cliente.list', { pageSize: 1 })).rows[0];
      const next = await after.api.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
      expect(next.numero).toBe(String(Number(before!.lastNumero) + 1).padStart(6, '0'));
    } finally {
      await second.stop();
    }

    const db = await openDatabase(dataDir);
    try {
      expect(await countRows(db, 'sgp_pedido')).toBe(before!.counts.pedidos + 1);
    } finally {
      await db.close();
    }
  });
});
