/**
 * The SQL text the repository issues, for SQLite, MySQL and Oracle, built
 * without a database server (Sequelize quotes and formats bind parameters
 * offline): a list with every filter operator, a search and row-rule scopes,
 * and the writes, carry their values only as parameters — no value appears in
 * the SQL text — with each driver's own placeholder style. Plus the `?`
 * translation plugins rely on, and the stored form of bound values.
 */
import { describe, expect, it } from 'vitest';
import { Sequelize, type QueryOptions } from 'sequelize';
import { buildAppModel } from '../core/app/index.js';
import type { AppModel } from '../core/model/index.js';
import { EntityRepository } from '../core/db/repository/entityRepository.js';
import { filterSql, scopeSql } from '../core/db/repository/buildWhere.js';
import { bindValue, bound } from '../core/db/boundSql.js';
import type { Datasource } from '../core/db/connect.js';
import type { SqlDialect } from '../core/plugin/types.js';
import { ROOT } from './support/testPlatform.js';

const DIALECTS: SqlDialect[] = ['sqlite', 'mysql', 'oracle'];

/** The statement each driver finally receives, after Sequelize turned `$n` into its placeholders. */
interface DriverStatement {
  sql: string;
  params: unknown[];
}

interface Recorder {
  repo: EntityRepository;
  issued: DriverStatement[];
}

/** A repository whose Sequelize records each statement instead of sending it; reads answer no rows, writes one. */
function recordingRepository(model: AppModel, dialect: SqlDialect, entityKey: string): Recorder {
  const sequelize = new Sequelize({ dialect, logging: false, ...(dialect === 'sqlite' ? { storage: ':memory:' } : {}) });
  const issued: DriverStatement[] = [];
  const format = (sequelize as unknown as { dialect: { Query: { formatBindParameters(sql: string, bind: unknown, dialect: string): [string, unknown] } } })
    .dialect.Query.formatBindParameters;
  sequelize.query = (async (sql: string, options: QueryOptions) => {
    expect(options.replacements, 'no value is inlined by replacements').toBeUndefined();
    const [driverSql, driverParams] = format(sql, options.bind, dialect);
    issued.push({ sql: driverSql, params: Array.isArray(driverParams) ? driverParams : Object.values(driverParams ?? {}) });
    // Oracle's INSERT is a raw statement whose new id comes back in an out bind.
    return options.type === 'SELECT' ? [] : options.type === 'INSERT' ? [1, 1] : options.type === 'RAW' ? [{ outBinds: [[1]] }, {}] : 1;
  }) as never;
  const datasource = { name: 'default', dialect, sequelize } as Datasource;
  return { repo: new EntityRepository(model.entity(entityKey), datasource, model, 100), issued };
}

const PLACEHOLDER: Record<SqlDialect, RegExp> = { sqlite: /\$\d+/g, mysql: /\?/g, oracle: /:\d+/g };

/** Every value is a parameter: none of the marked values appears in the text, and the placeholders match the parameters. */
function expectOnlyPlaceholders(statement: DriverStatement, dialect: SqlDialect, markers: string[]): void {
  for (const marker of markers) expect(statement.sql, `"${marker}" in the SQL text`).not.toContain(marker);
  expect(statement.sql).not.toMatch(/'[^']*'/); // no string literal at all
  expect((statement.sql.match(PLACEHOLDER[dialect]) ?? []).length).toBe(statement.params.length);
  if (dialect !== 'sqlite') expect(statement.sql).not.toMatch(/\$\d/);
}

const model = await buildAppModel({ root: ROOT });

const EVERY_OPERATOR = {
  numero: { eq: 'Zq1', ne: "Zq2'", in: ['Zq3', 'Zq4\u0000'], contains: "Zq5'; DROP TABLE x; --" },
  valor_frete: { gt: '4321.99', lte: 98765 },
  data_entrada: { between: ['2031-02-03', '2031-04-05'] },
  created_at: { gte: '2031-06-07T08:09:10.111Z', lt: '2031-06-08T00:00:00.000Z' },
  financeiro: true,
  id: { gt: 424242 },
  data_entrega: { isNull: true },
  observacao: null,
};
const MARKERS = ['Zq', 'zq', '432199', '9876500', '2031', '424242', '515151'];

describe.each(DIALECTS)('the repository on %s', (dialect) => {
  it('lists with every operator, a search and two row-rule scopes through parameters only', async () => {
    const { repo, issued } = recordingRepository(model, dialect, 'sgp.pedido');
    await repo.list({
      filter: EVERY_OPERATOR,
      search: 'Zq6',
      scope: [{ created_by: 515151 }, { status: 'Zq7' }],
      sort: '-data_entrada',
      page: 3,
      pageSize: 20,
    });
    expect(issued).toHaveLength(2); // the page and the capped count
    for (const statement of issued) expectOnlyPlaceholders(statement, dialect, MARKERS);
    const [page] = issued;
    expect(page!.sql).toContain('INSTR(LOWER(');
    const stamp = { oracle: '2031-06-07T08:09:10.111Z', mysql: '2031-06-07 08:09:10.111', sqlite: '2031-06-07 08:09:10.111 +00:00' }[dialect];
    const yes = dialect === 'oracle' ? '1' : 1;
    expect(page!.params).toEqual([
      'Zq1',
      "Zq2'",
      'Zq3',
      'Zq4\u0000',
      "zq5'; drop table x; --",
      432199,
      9876500,
      '2031-02-03',
      '2031-04-05',
      stamp,
      expect.anything(),
      yes,
      424242,
      'zq6',
      515151,
      'Zq7',
    ]);
  });

  it('updates and deletes through parameters only', async () => {
    const { repo, issued } = recordingRepository(model, dialect, 'sgp.pedido');
    await repo.update(424242, { observacao: "Zq8'", financeiro: false, updated_at: new Date('2031-01-01T00:00:00Z') }, 515151, undefined as never, {
      status: 'Zq9',
    });
    await repo.updateColumns({ numero: 'Zq10' }, { observacao: null }, undefined as never);
    await repo.deleteWhere({ numero: 'Zq11' }, undefined as never);
    expect(issued.map((s) => s.sql.split(' ')[0])).toEqual(['UPDATE', 'UPDATE', 'DELETE']);
    for (const statement of issued) expectOnlyPlaceholders(statement, dialect, MARKERS);
    expect(issued[0]!.params.slice(-3)).toEqual(['Zq9', 424242, 515151]);
  });

  it('inserts through parameters only', async () => {
    const { repo, issued } = recordingRepository(model, dialect, 'sgp.cliente');
    await repo.insert({ nome: "Zq12'); --", version: 1, created_at: new Date('2031-01-01T00:00:00Z') }, undefined as never);
    expectOnlyPlaceholders(issued[0]!, dialect, MARKERS);
  });
});

describe('the condition builder other parts reuse', () => {
  const oracle = new Sequelize({ dialect: 'oracle', logging: false }).getQueryInterface();
  const quote = (identifier: string) => oracle.quoteIdentifier(identifier);
  const pedido = model.entity('sgp.pedido');

  it("qualifies columns with the caller's alias, as written in its SQL", () => {
    expect(scopeSql(pedido, [{ created_by: 7 }, { status: 'pendente', financeiro: true }], { quote, alias: 'p' })).toEqual({
      sql: '((p."created_by" = ?) OR (p."status" = ? AND p."financeiro" = ?))',
      params: [7, 'pendente', true],
    });
    expect(filterSql(pedido, { numero: { ne: 'x' } }, { quote })).toEqual({
      sql: '("sgp_pedido"."numero" <> ? OR "sgp_pedido"."numero" IS NULL)',
      params: ['x'],
    });
  });

  it('lets every row through for an empty filter and none for an empty scope; refuses an alias that is not a plain name', () => {
    expect(filterSql(pedido, {}, { quote }).sql).toBe('1 = 1');
    expect(scopeSql(pedido, [], { quote }).sql).toBe('1 = 0');
    expect(() => scopeSql(pedido, [{ created_by: 7 }], { quote, alias: 'p; DROP TABLE x' })).toThrow(/not a plain table alias/);
    expect(() => filterSql(pedido, { 'numero" OR 1=1 --': 'x' }, { quote })).toThrow(/not a filterable field/);
  });
});

describe('bound(): `?` placeholders → the driver', () => {
  const sqlite = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });
  const driverSql = (sql: string, params: unknown[], dialect: SqlDialect = 'sqlite') => {
    const b = bound(sql, params, dialect);
    const q = (sqlite as unknown as { dialect: { Query: { formatBindParameters(sql: string, bind: unknown, dialect: string): [string] } } }).dialect.Query;
    return q.formatBindParameters(b.sql, b.bind, dialect)[0];
  };

  it('numbers the placeholders outside strings, quoted names and comments', () => {
    expect(bound(`SELECT '?', "a?", \`b?\`, x FROM t /* ? */ WHERE a=? AND b IN(?,?) -- ?\n AND c = ?`, [1, 2, 3, 4], 'mysql').sql).toBe(
      `SELECT '?', "a?", \`b?\`, x FROM t /* ? */ WHERE a=$1 AND b IN($2,$3) -- ?\n AND c = $4`,
    );
    expect(bound(`SELECT 'it\\'s ?' FROM t WHERE a = ?`, [1], 'mysql').sql).toBe(`SELECT 'it\\'s ?' FROM t WHERE a = $1`);
    expect(bound(`SELECT 'it''s ?' FROM t WHERE a = ?`, [1], 'sqlite').sql).toBe(`SELECT 'it''s ?' FROM t WHERE a = $1`);
  });

  it("keeps the SQL's own $ signs as they were once Sequelize has read the parameters", () => {
    expect(driverSql(`SELECT '$1', '$$', 'a$b', V$X, $ FROM t WHERE a = ?`, ['v'])).toBe(`SELECT '$1', '$$', 'a$b', V$X, $ FROM t WHERE a = $1`);
  });

  it('refuses a count of values that does not match the placeholders', () => {
    expect(() => bound('SELECT ? FROM t', [], 'sqlite')).toThrow(/1 placeholder\(s\) but 0 value\(s\)/);
    expect(() => bound('SELECT 1', [1], 'sqlite')).toThrow(/0 placeholder\(s\) but 1 value\(s\)/);
  });

  it('binds values in the form the columns hold them', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(DIALECTS.map((d) => bindValue(at, d))).toEqual(['2026-01-02 03:04:05.678 +00:00', '2026-01-02 03:04:05.678', '2026-01-02T03:04:05.678Z']);
    expect(DIALECTS.map((d) => [bindValue(true, d), bindValue(false, d)])).toEqual([
      [1, 0],
      [1, 0],
      ['1', '0'],
    ]);
    expect(bindValue(undefined, 'sqlite')).toBeNull();
    expect(bindValue('a\u0000b', 'sqlite')).toBe('a\u0000b');
    expect(() => bindValue([1, 2], 'sqlite')).toThrow(TypeError);
    expect(() => bindValue({ a: 1 }, 'mysql')).toThrow(TypeError);
    expect(() => bindValue(Number.NaN, 'oracle')).toThrow(RangeError);
  });
});
