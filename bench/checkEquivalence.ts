/**
 * Before any load: the generated and the hand-written side must answer the
 * same request with the same data, or the comparison would not be fair.
 */
import { isDeepStrictEqual } from 'node:util';
import { dataOf, getJson, postJson, queryPath } from './apiClient.js';
import { createInput, listInput, type Endpoints } from './scenarios.js';

type Json = Record<string, unknown>;

/** First path where two JSON values differ, for a readable failure. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Json)[k], (b as Json)[k], `${path}.${k}`);
    if (d) return d;
  }
  return `${path}: differ`;
}

function assertSame(what: string, generated: unknown, hand: unknown): void {
  const d = firstDifference(generated, hand);
  if (d) throw new Error(`${what}: generated and hand-written answers differ at ${d}`);
}

/** A created record without what differs between two creates of the same input. */
function comparable(record: Json): Json {
  const { id: _id, numero: _n, created_at: _c, updated_at: _u, itens, ...rest } = record;
  return {
    ...rest,
    itens: (itens as Json[]).map(({ id: _i, pedido: _p, created_at: _ic, updated_at: _iu, _display, ...item }) => ({
      ...item,
      _display: { ...(_display as Json), pedido: null },
    })),
  };
}

export async function checkEquivalence(e: Endpoints): Promise<string[]> {
  const notes: string[] = [];
  const list = (base: string, prefix: string, token: string) => getJson(`${base}${queryPath(`${prefix}/sgp.pedido.list`, listInput(e.listStatus))}`, token);

  const genList = dataOf<{ rows: Json[]; total: number; totalExact: boolean }>(await list(e.platformUrl, '/trpc', e.adminToken), 'generated list');
  const handList = dataOf<{ rows: Json[] }>(await list(e.handUrl, '/hand', e.adminToken), 'hand-written list');
  const ids = (rows: Json[]) => rows.map((r) => r.id).join(',');
  if (genList.rows.length === 0) throw new Error(`list of status ${e.listStatus} is empty: nothing to compare`);
  if (ids(genList.rows) !== ids(handList.rows))
    throw new Error(`list: ids differ\n  generated:    ${ids(genList.rows)}\n  hand-written: ${ids(handList.rows)}`);
  assertSame('list', genList, handList);
  assertSame('list (bare)', handList, dataOf(await list(e.handUrl, '/bare', e.adminToken), 'bare list'));
  assertSame('list as vendedor', genList, dataOf(await list(e.platformUrl, '/trpc', e.vendedorToken), 'vendedor list'));
  notes.push(
    `list: same ${genList.rows.length} rows in the same order (ids ${genList.rows[0]!.id}…${genList.rows.at(-1)!.id}), total ${genList.total}${genList.totalExact ? '' : '+'}, for admin and vendedor`,
  );

  const sample = [1, Math.ceil(e.pedidos / 2), e.pedidos, 1 + Math.floor(Math.random() * e.pedidos)];
  for (const id of sample) {
    const input = { id };
    const gen = dataOf(await getJson(`${e.platformUrl}${queryPath('/trpc/sgp.pedido.get', input)}`, e.adminToken), `generated get ${id}`);
    const hand = dataOf(await getJson(`${e.handUrl}${queryPath('/hand/sgp.pedido.get', input)}`, e.adminToken), `hand-written get ${id}`);
    assertSame(`get ${id}`, gen, hand);
  }
  notes.push(`get: identical records (with itens and display values) for ids ${sample.join(', ')}`);

  const input = createInput(7);
  const genCreated = dataOf(await postJson(`${e.platformUrl}/trpc/sgp.pedido.create`, input, e.adminToken), 'generated create');
  const handCreated = dataOf(await postJson(`${e.handUrl}/hand/sgp.pedido.create`, input, e.adminToken), 'hand-written create');
  assertSame('create', comparable(genCreated), comparable(handCreated));
  // Each side must read back what the other wrote, identically.
  for (const created of [genCreated, handCreated]) {
    const q = { id: created.id };
    assertSame(
      `get of created ${String(created.id)}`,
      dataOf(await getJson(`${e.platformUrl}${queryPath('/trpc/sgp.pedido.get', q)}`, e.adminToken), 'get'),
      dataOf(await getJson(`${e.handUrl}${queryPath('/hand/sgp.pedido.get', q)}`, e.adminToken), 'get'),
    );
  }
  const auditOf = async (id: unknown) => {
    const q = queryPath('/trpc/platform.audit', { filter: { module: 'sgp', entity: 'pedido', record_id: id }, pageSize: 5 });
    const rows = dataOf<{ rows: Json[] }>(await getJson(`${e.platformUrl}${q}`, e.adminToken), `audit of ${String(id)}`).rows;
    if (rows.length !== 1) throw new Error(`create: expected 1 audit row for pedido ${String(id)}, found ${rows.length}`);
    const { op, created_by, changes } = rows[0]!;
    return {
      op,
      created_by,
      changes: comparable(Object.fromEntries(Object.entries(changes as Record<string, [unknown, unknown]>).map(([k, v]) => [k, v[1]])) as Json),
    };
  };
  assertSame('audit row of create', await auditOf(genCreated.id), await auditOf(handCreated.id));
  notes.push(
    `create: same record apart from id/numero/timestamps (numeros ${String(genCreated.numero)} and ${String(handCreated.numero)}, valor_total ${String(genCreated.valor_total)}) and the same audit row`,
  );
  return notes;
}
