/**
 * Hostile input against a real server, through @trpc/client and plain HTTP:
 * NUL characters and lone surrogates in filters, searches, created strings and
 * plugin procedure inputs; integers JSON cannot carry exactly; decimals beyond
 * their field; JSON nested 10,000 deep. Each is a 400 naming the path (never a
 * 500), no answer carries database text, and a refused call writes nothing.
 * Values that reach SQL from core or plugins without the API's check are bound
 * parameters: a NUL there simply matches nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginContext } from '../core/service/pluginContext.js';
import { SYSTEM_USER } from '../core/service/systemUser.js';
import { compileInputParser, MAX_INPUT_DEPTH } from '../core/input/validateInput.js';
import { ValidationError } from '../core/errors/index.js';
import { formatError } from '../core/api/trpc.js';
import { TRPCError } from '@trpc/server';
import { ADMIN, login, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { ApiCallError, rawMutate, rawQuery, trpcApi, TRANSPORTS, type Issue } from './support/api.js';
import { fingerprint, openDatabase, type DbReader } from './support/database.js';

let platform: TestPlatform;
let admin: LoginResult;
let db: DbReader;
let pedidoId: number;

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await login(platform.url, ADMIN.email, ADMIN.password);
  db = await openDatabase(platform.dataDir);
  const setup = trpcApi(platform.url, admin.token);
  const cliente = await setup.mutate('sgp.cliente.create', { data: { nome: 'Cliente de teste' } });
  pedidoId = (await setup.mutate('sgp.pedido.create', { data: { cliente: cliente.id } })).id;
});

afterAll(async () => {
  await db?.close();
  await platform?.close();
});

/** What a client gets back: the status, the whole answer as text, the per-field issues. */
interface Answer {
  status: number;
  text: string;
  issues: Issue[];
}

type Call = (kind: 'query' | 'mutate', path: string, input: unknown) => Promise<Answer>;

/** Both transports, answering instead of throwing, so that every answer can be searched for database text. */
function callerFor(transport: string): Call {
  if (transport === 'plain HTTP') {
    return async (kind, path, input) => {
      const headers = { authorization: `Bearer ${admin.token}` };
      const res = kind === 'query' ? await rawQuery(platform.url, path, input, headers) : await rawMutate(platform.url, path, input, headers);
      return { status: res.status, text: JSON.stringify(res.body), issues: res.body?.error?.data?.issues ?? [] };
    };
  }
  const api = trpcApi(platform.url, admin.token);
  return async (kind, path, input) => {
    try {
      return { status: 200, text: JSON.stringify(await api[kind](path, input)), issues: [] };
    } catch (e) {
      if (!(e instanceof ApiCallError)) throw e;
      return { status: e.httpStatus, text: `${e.message} ${JSON.stringify(e.issues)}`, issues: e.issues };
    }
  };
}

const DATABASE_TEXT = /sqlite|sql|syntax/i;

/** A 400 with an issue at `path` (or below it) whose message matches, and no database text anywhere. */
function expectRefused(answer: Answer, path: string, message: RegExp = /./): void {
  expect(answer.text).not.toMatch(DATABASE_TEXT);
  expect(answer.status, answer.text).toBe(400);
  const matching = answer.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
  expect(matching.length, `an issue at ${path} in ${answer.text}`).toBeGreaterThan(0);
  expect(matching.map((i) => i.message).join('; ')).toMatch(message);
}

/** Runs a refused call and checks that no table changed. */
async function refusedWithoutWriting(work: () => Promise<Answer>, path: string, message?: RegExp): Promise<void> {
  const before = await fingerprint(db);
  expectRefused(await work(), path, message);
  expect(await fingerprint(db)).toEqual(before);
}

const NUL = 'a\u0000b';
const FILTERS_WITH_NUL: [string, unknown][] = [
  ['the shorthand', NUL],
  ...['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains'].map((op): [string, unknown] => [op, { [op]: NUL }]),
  ['in', { in: ['x', NUL] }],
  ['between', { between: ['a', NUL] }],
];

/** `[[[…]]]` nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe.each(TRANSPORTS)('hostile input through %s', (transport) => {
  let call: Call;

  beforeAll(() => {
    call = callerFor(transport);
  });

  describe('NUL characters', () => {
    it.each(FILTERS_WITH_NUL)('in a filter (%s) are a 400 naming the filter', async (_name, value) => {
      expectRefused(await call('query', 'sgp.cliente.list', { filter: { nome: value } }), 'filter.nome', /NUL/);
    });

    it('in a search are a 400 naming the search', async () => {
      expectRefused(await call('query', 'sgp.cliente.list', { search: NUL }), 'search', /NUL/);
    });

    it('in a created or updated string are a 400 naming the field, and nothing is written', async () => {
      await refusedWithoutWriting(() => call('mutate', 'sgp.cliente.create', { data: { nome: NUL } }), 'data.nome', /NUL/);
      await refusedWithoutWriting(() => call('mutate', 'sgp.pedido.update', { id: pedidoId, data: { observacao: `x${NUL}` } }), 'data.observacao', /NUL/);
    });

    it('in a child row written through its parent are a 400 naming the child field, and nothing is written', async () => {
      await refusedWithoutWriting(
        () => call('mutate', 'sgp.pedido.update', { id: pedidoId, data: { itens: [{ descricao: NUL }] } }),
        'data.itens.0.descricao',
        /NUL/,
      );
    });

    it('in a plugin procedure input are a 400 naming the input field', async () => {
      expectRefused(await call('query', 'sgp.relatorio_por_status', { inicio: `2026-01-01${NUL}` }), 'inicio', /NUL/);
    });

    it('in a property name are a 400', async () => {
      expectRefused(await call('query', 'sgp.cliente.list', { filter: { [`nome${NUL}`]: 'x' } }), `filter.nome${NUL}`, /NUL/);
    });
  });

  describe('lone UTF-16 surrogates', () => {
    it.each([
      ['a high one', 'ab\ud800'],
      ['a low one', '\udc00ab'],
      ['two high ones', '\ud800\ud800'],
    ])('(%s) are a 400 instead of becoming U+FFFD, and nothing is written', async (_name, nome) => {
      await refusedWithoutWriting(() => call('mutate', 'sgp.cliente.create', { data: { nome } }), 'data.nome', /surrogate/);
    });

    it('in a filter are a 400 too', async () => {
      expectRefused(await call('query', 'sgp.cliente.list', { filter: { nome: { contains: '\ud83d' } } }), 'filter.nome.contains', /surrogate/);
    });

    it('a surrogate pair (a character outside the BMP) is kept exactly', async () => {
      const nome = `Ateliê 😀 ${transport}`;
      const created = await call('mutate', 'sgp.cliente.create', { data: { nome } });
      expect(created.status).toBe(200);
      expect(JSON.parse(created.text)).toMatchObject(transport === 'plain HTTP' ? { result: { data: { nome } } } : { nome });
    });
  });

  describe('integers JSON cannot carry exactly', () => {
    it.each([1e19, -1e19, 1e308, 2 ** 53])('%s in an integer field is a 400 naming it (not REAL, not rounded), and nothing is written', async (quantidade) => {
      await refusedWithoutWriting(
        () => call('mutate', 'sgp.item_pedido.create', { data: { pedido: pedidoId, descricao: 'Item', quantidade } }),
        'data.quantidade',
        /9007199254740991/,
      );
    });

    it('in a filter, a page number and an id are a 400', async () => {
      expectRefused(await call('query', 'sgp.cliente.list', { filter: { id: 1e19 } }), 'filter.id');
      expectRefused(await call('query', 'sgp.cliente.list', { filter: { id: { in: [1, 1e19] } } }), 'filter.id.in.1');
      expectRefused(await call('query', 'sgp.cliente.list', { page: 1e19 }), 'page');
      expectRefused(await call('query', 'sgp.cliente.get', { id: 1e19 }), 'id');
    });
  });

  describe('decimals beyond their field', () => {
    it.each([
      ['1e308 as a number', 1e308],
      ['"1e308" as text', '1e308'],
      ['13 whole digits as a number (precision 14, scale 2)', 1234567890123],
      ['13 whole digits as text', '1234567890123'],
    ])('%s is a 400 naming the field, and nothing is written', async (_name, valor_frete) => {
      await refusedWithoutWriting(() => call('mutate', 'sgp.pedido.update', { id: pedidoId, data: { valor_frete } }), 'data.valor_frete');
    });

    it('12 whole digits fit', async () => {
      const answer = await call('mutate', 'sgp.pedido.update', { id: pedidoId, data: { valor_frete: 123456789012 } });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.text).toContain('"valor_frete":"123456789012.00"');
      expect((await call('mutate', 'sgp.pedido.update', { id: pedidoId, data: { valor_frete: '0' } })).status).toBe(200);
    });
  });

  describe('deep nesting', () => {
    it('a mutation input nested past the limit is a 400 naming it, and nothing is written', async () => {
      await refusedWithoutWriting(
        () => call('mutate', 'platform.user.update', { id: admin.user.id, data: { roles: nested(MAX_INPUT_DEPTH) } }),
        'data.roles',
        /nested more than 32 levels/,
      );
    });

    it('a query input nested past the limit is a 400', async () => {
      expectRefused(await call('query', 'sgp.cliente.list', { filter: { nome: { in: nested(MAX_INPUT_DEPTH + 1) } } }), 'filter.nome.in', /nested/);
    });
  });
});

describe('request bodies no JSON.stringify writes (plain HTTP, the body as text)', () => {
  async function post(path: string, body: string): Promise<Answer> {
    const res = await fetch(`${platform.url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body,
    });
    const text = await res.text();
    return { status: res.status, text, issues: JSON.parse(text).error?.data?.issues ?? [] };
  }

  it('9007199254740993, which JSON.parse rounds to …992, is a 400 and nothing is written', async () => {
    await refusedWithoutWriting(
      () => post('sgp.item_pedido.create', `{"data":{"pedido":${pedidoId},"descricao":"Item","quantidade":9007199254740993}}`),
      'data.quantidade',
    );
  });

  it("an admin's json field nested 10,000 deep is a 400 naming it (not a stack overflow), and nothing is written", async () => {
    const roles = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    await refusedWithoutWriting(
      () => post('platform.user.update', `{"id":${admin.user.id},"data":{"roles":${roles}}}`),
      'data.roles',
      /nested more than 32 levels/,
    );
  });

  it('a procedure path with broken percent-encoding is NOT_FOUND, not a 500', async () => {
    for (const path of ['%E0%A4%A', 'sgp.pedido.list%']) {
      const answer = await post(path, '{}');
      expect(answer.status, path).toBe(404);
      expect(JSON.parse(answer.text).error.data.code).toBe('NOT_FOUND');
    }
  });
});

describe('values core and plugins pass straight to SQL are bound, not checked by the API', () => {
  const ctx = () => pluginContext(platform.services, 'sgp', SYSTEM_USER);

  it.each(FILTERS_WITH_NUL)('a NUL in a list filter (%s) through ctx.data.entity matches nothing', async (_name, value) => {
    const { rows } = await ctx()
      .data.entity('cliente')
      .list({ filter: { nome: value } });
    expect(rows.filter((r) => String(r.nome).includes('\u0000'))).toEqual([]);
  });

  it('a NUL in a search through ctx.data.entity matches nothing', async () => {
    expect((await ctx().data.entity('cliente').list({ search: NUL })).rows).toEqual([]);
  });

  it('ctx.data.query binds its ? values, and leaves ? and $ inside the SQL text alone', async () => {
    const d = ctx().data;
    const [row] = await d.query<Record<string, unknown>>(
      `SELECT ? AS a, '?$1 $$' AS b, COUNT(*) AS n FROM ${d.table('cliente')} WHERE ${d.column('cliente', 'nome')} = ? /* ? */ -- ?\n`,
      [NUL, `x'); DROP TABLE x; --`],
    );
    expect(row).toEqual({ a: NUL, b: '?$1 $$', n: 0 });
  });

  it('text that looks like SQL is found as text', async () => {
    const api = trpcApi(platform.url, admin.token);
    const nome = `Quem? $1 'x' -- /* */`;
    const created = await api.mutate('sgp.cliente.create', { data: { nome } });
    expect((await api.query('sgp.cliente.list', { filter: { nome: { contains: "? $1 'x' --" } } })).rows.map((r: any) => r.id)).toEqual([created.id]);
    expect((await api.query('sgp.cliente.list', { filter: { nome } })).rows.map((r: any) => r.id)).toEqual([created.id]);
  });
});

describe('compileInputParser, the one check every procedure input passes', () => {
  const parse = compileInputParser({});

  it(`accepts ${MAX_INPUT_DEPTH} levels of nesting and refuses ${MAX_INPUT_DEPTH + 1}`, () => {
    expect(parse(nested(MAX_INPUT_DEPTH))).toEqual(nested(MAX_INPUT_DEPTH));
    expect(() => parse(nested(MAX_INPUT_DEPTH + 1))).toThrow(ValidationError);
  });

  it('refuses 100,000 levels without overflowing the stack, before the schema check runs', () => {
    const deep = compileInputParser({ type: 'object', properties: { a: { $ref: '#' } } });
    let input: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) input = { a: input };
    expect(() => deep(input)).toThrow(/nested more than 32 levels/);
  });

  it('keeps safe integers, fractions and well-formed text', () => {
    const ok = { n: Number.MAX_SAFE_INTEGER, m: -Number.MAX_SAFE_INTEGER, f: 1.5e-300, s: 'ação 😀' };
    expect(parse(ok)).toEqual(ok);
  });
});

describe('formatError, the body of every tRPC error (both transports)', () => {
  const shapeOf = (error: TRPCError) => ({ message: error.message, code: -32603, data: { code: error.code, httpStatus: 500, path: 'x', stack: 'at …' } });

  it('answers a failure that is no typed error with "Internal error" only: its text may be SQL', () => {
    const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('SQLITE_ERROR: unrecognized token: "\'a"') });
    const body = formatError({ shape: shapeOf(error), error });
    expect(JSON.stringify(body)).not.toMatch(DATABASE_TEXT);
    expect(body).toMatchObject({ message: 'Internal error', data: { code: 'INTERNAL_SERVER_ERROR', stack: undefined, issues: [] } });
  });

  it('keeps the message and issues of a typed error', () => {
    const cause = ValidationError.field('data.nome', 'is required');
    const error = new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
    expect(formatError({ shape: shapeOf(error), error })).toMatchObject({
      message: 'data.nome: is required',
      data: { issues: [{ path: 'data.nome', message: 'is required' }] },
    });
  });
});
