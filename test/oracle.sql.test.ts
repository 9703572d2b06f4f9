/**
 * Every kind of statement Forja sends to Oracle, compiled for the `oracle`
 * dialect by the real code paths — migrations of the real app model, the
 * repository, the counters, sessions, sign-in throttling, file metadata, the
 * scheduler's lease and claim, a workflow transition with its history and
 * audit entry — with no Oracle server: the `oracledb` driver's connections
 * are replaced by recording ones (test/support/oracleRecorder.ts), so the text
 * and binds below are exactly what the driver would send.
 *
 * Each area is compared with its committed, reviewed expected text in
 * test/fixtures/oracle/<area>.sql. A change of the SQL fails with a diff;
 * when the change is intended, rewrite the files and review the diff:
 *
 *   UPDATE_ORACLE_SQL=1 npx vitest run test/oracle.sql.test.ts
 *
 * What this proves and what it does not (no statement here has run on a
 * server) is written down in the README's Oracle section.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildAppModel } from '../core/app/index.js';
import { CORE_FEATURES } from '../core/app/features.js';
import { applyMigrations, type MigrationOp } from '../core/db/migrations/index.js';
import { applyOperations } from '../core/db/migrations/applyOperations.js';
import type { ColumnSpec } from '../core/db/schema/types.js';
import { Repositories } from '../core/db/repository/repositories.js';
import { nextSequence } from '../core/db/stores/sequenceStore.js';
import { findSessionUser, revokeSession } from '../core/db/stores/sessionStore.js';
import { ORACLE_SESSION_SQL } from '../core/db/connect.js';
import { SessionService } from '../core/auth/sessions.js';
import { LoginThrottle } from '../core/auth/loginThrottle.js';
import { EntityServices } from '../core/service/entityServices.js';
import { S3FileStore } from '../core/files/index.js';
import { ScheduleStore, type ScheduleRow } from '../core/scheduler/scheduleStore.js';
import type { SessionUser } from '../core/plugin/types.js';
import { expectOracleSql, oracleRecorder, type OracleRecorder, type RecordedStatement } from './support/oracleRecorder.js';
import { ROOT } from './support/testPlatform.js';
import { createTestDatabase, testDialect } from './support/testDatabase.js';

const NOW = new Date('2031-06-07T08:09:10.111Z');
/** Never reached: these statements touch no file content. */
const fileStore = new S3FileStore({ bucket: 'unused', region: 'us-east-1', forcePathStyle: true, prefix: '' });
const ADMIN: SessionUser = { id: 7, email: 'admin@test.local', name: 'Admin', roles: ['admin'] };

const model = await buildAppModel({ root: ROOT });
let oracle: OracleRecorder;
let repos: Repositories;
/** Every statement of this file, for the checks that span all of them. */
const everything: RecordedStatement[] = [];

/** The services the platform builds, with the features. */
function entityServices(): EntityServices {
  return new EntityServices({
    repos,
    hashPassword: async (p) => p,
    log: console,
    timeZone: 'America/Sao_Paulo',
    moduleConfig: { env: {}, dataDir: '/nonexistent' },
    fileStore,
    extensions: CORE_FEATURES.flatMap((f) => f.entityExtension ?? []),
  });
}

/** Runs `work` and returns what it sent; the set-up of a connection the pool opens meanwhile is the session fixture's. */
async function sent(work: () => Promise<unknown>): Promise<RecordedStatement[]> {
  oracle.take();
  await work();
  const statements = oracle.take().filter((s) => s.sql !== ORACLE_SESSION_SQL);
  everything.push(...statements);
  return statements;
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  oracle = await oracleRecorder();
  // The laser module's datasource falls back to the default database, as it does when DATASOURCE_LASER_URL is unset.
  repos = new Repositories(
    model,
    new Map([
      ['default', oracle.datasource],
      ['laser', oracle.datasource],
    ]),
    10_000,
  );
});

afterAll(async () => {
  await oracle.close();
  vi.useRealTimers();
});

beforeEach(() => oracle.answer(() => undefined));

describe('Oracle SQL (statement texts checked against test/fixtures/oracle)', () => {
  it('sets up each session: UTC, and dates and datetimes as text in one fixed form', async () => {
    const connection = oracle.connected;
    // Sequelize opens one connection to read the server version, then the pool's first: each is set up before use.
    expect(connection.map((s) => s.sql)).toEqual([ORACLE_SESSION_SQL, ORACLE_SESSION_SQL, 'SELECT 1+1 AS result FROM DUAL']);
    expectOracleSql('session', [{ label: 'a new connection: set-up, then the connection check', statements: connection }]);
  });

  it('applies the migrations of the real app model', async () => {
    const statements = await sent(() => applyMigrations({ datasource: oracle.datasource, model, migrationsDir: path.join(ROOT, 'migrations') }));
    expectOracleSql('migrations', [{ label: 'applyMigrations (migrations/*)', statements }]);
  });

  it('applies every other kind of schema change a later migration makes', async () => {
    const status: ColumnSpec = { kind: 'string', length: 10, nullable: false, default: 'aberto', values: ['aberto', 'fechado'] };
    const nota: ColumnSpec = { kind: 'string', length: 40, nullable: false };
    const operations: MigrationOp[] = [
      { op: 'addColumn', table: 'sgp_cliente', column: 'ativo', spec: { kind: 'boolean', nullable: false, default: true } },
      { op: 'addColumn', table: 'sgp_cliente', column: 'status', spec: status },
      { op: 'addColumn', table: 'sgp_cliente', column: 'nota', spec: nota },
      { op: 'addColumn', table: 'sgp_cliente', column: 'desde', spec: { kind: 'date', nullable: true } },
      { op: 'addColumn', table: 'sgp_cliente', column: 'limite', spec: { kind: 'bigint', nullable: true, default: 150000 } },
      {
        op: 'addColumn',
        table: 'sgp_cliente',
        column: 'vendedor',
        spec: { kind: 'integer', nullable: true, references: { table: 'sgp_vendedor', onDelete: 'SET NULL' } },
      },
      { op: 'addIndex', table: 'sgp_cliente', index: { name: 'uq_sgp_cliente_documento', fields: ['documento'], unique: true } },
      { op: 'addIndex', table: 'sgp_cliente', index: { name: 'ix_sgp_cliente_cidade_estado', fields: ['cidade', 'estado'], unique: false } },
      { op: 'widenColumn', table: 'sgp_cliente', column: 'status', from: status, to: { ...status, length: 12, values: ['aberto', 'fechado', 'suspenso'] } },
      { op: 'widenColumn', table: 'sgp_cliente', column: 'nota', from: nota, to: { ...nota, length: 80, nullable: true, default: 'sem nota' } },
      { op: 'removeIndex', table: 'sgp_cliente', index: 'ix_sgp_cliente_cidade_estado' },
      { op: 'dropColumn', table: 'sgp_cliente', column: 'telefone' },
      { op: 'dropTable', table: 'sgp_designer' },
    ];
    const { sequelize, dialect } = oracle.datasource;
    const statements = await sent(() =>
      sequelize.transaction((transaction) =>
        applyOperations(operations, {
          dialect,
          sequelize,
          queryInterface: sequelize.getQueryInterface(),
          transaction,
          before: { tables: {} },
          after: { tables: {} },
        }),
      ),
    );
    expectOracleSql('migrationOperations', [{ label: 'addColumn, addIndex, widenColumn, removeIndex, dropColumn, dropTable', statements }]);
  });

  it('reads and writes entity rows through the repository', async () => {
    const pedido = repos.repo('sgp.pedido');
    const blocks = [
      {
        label: 'list: display joins, filters, search, sort, OFFSET … FETCH page; count capped by a FETCH FIRST subquery',
        statements: await sent(() =>
          pedido.list({
            filter: {
              status: { in: ['pendente', 'em_producao'] },
              valor_total: { gte: '100.50' },
              data_entrada: { between: ['2031-02-03', '2031-04-05'] },
              created_at: { lt: '2031-06-01T00:00:00.000Z' },
              financeiro: false,
              numero: { ne: 'P-0' },
              data_entrega: null,
            },
            search: 'Gráfica',
            scope: [{ created_by: 7 }, { status: 'pronto' }],
            sort: '-data_entrada',
            page: 3,
            pageSize: 20,
          }),
        ),
      },
      { label: 'findById', statements: await sent(() => pedido.findById(42)) },
      { label: 'findByParent (children of a pedido)', statements: await sent(() => repos.repo('sgp.item_pedido').findByParent('pedido', 42)) },
      { label: 'idsWhere (unique check)', statements: await sent(() => pedido.idsWhere({ numero: 'P-1' }, 2)) },
      {
        label: 'insert: the identity value comes back through RETURNING … INTO',
        statements: await sent(async () => {
          oracle.answer((s) => (s.sql.startsWith('INSERT') ? { returning: [314] } : undefined));
          const id = await oracle.datasource.writeTransaction((tx) =>
            pedido.insert(
              {
                numero: 'P-1',
                data_entrada: '2031-02-03',
                cliente: 5,
                valor_frete: 1050,
                financeiro: true,
                observacao: 'a\nb',
                version: 1,
                created_at: NOW,
                updated_at: NOW,
                created_by: 7,
                updated_by: 7,
              },
              tx,
            ),
          );
          expect(id, 'the id the driver returned in the out bind').toBe(314);
        }),
      },
      {
        label: 'update with the optimistic version condition (and a state condition, as transitions use)',
        statements: await sent(() =>
          oracle.datasource.writeTransaction((tx) => pedido.update(42, { status: 'pronto', updated_at: NOW, updated_by: 7 }, 3, tx, { status: 'em_producao' })),
        ),
      },
      { label: 'updateColumns (no version bump)', statements: await sent(() => pedido.updateColumns({ id: 42 }, { observacao: null })) },
      { label: 'delete', statements: await sent(() => oracle.datasource.writeTransaction((tx) => pedido.delete(42, tx))) },
    ];
    expectOracleSql('repository', blocks);
  });

  it('refuses an empty required text before Oracle would store it as NULL, and lets an optional one become NULL', async () => {
    const cliente = repos.repo('sgp.cliente');
    const base = { version: 1, created_at: NOW, updated_at: NOW };
    const refused = await sent(() =>
      expect(oracle.datasource.writeTransaction((tx) => cliente.insert({ ...base, nome: '', cidade: 'Recife' }, tx))).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        issues: [{ path: 'data.nome', message: 'is required (Oracle stores an empty text as no value)' }],
      }),
    );
    expect(refused.map((s) => s.sql)).toEqual(['ROLLBACK']);
    await expect(oracle.datasource.writeTransaction((tx) => cliente.update(1, { nome: '' }, 1, tx))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const optional = await sent(() => oracle.datasource.writeTransaction((tx) => cliente.insert({ ...base, nome: 'Gráfica', cidade: '' }, tx)));
    expect(optional[0]!.binds).toContain('');
  });

  it('counts, signs in and out, throttles sign-ins and records file metadata', async () => {
    const blocks: { label: string; statements: RecordedStatement[] }[] = [];
    oracle.answer((s) => (s.sql.startsWith('UPDATE') ? { rowsAffected: 0 } : undefined));
    blocks.push({
      label: 'nextSequence, first use: UPDATE finds no row, INSERT',
      statements: await sent(async () => expect(await nextSequence(repos, 'sgp.pedido')).toBe(1)),
    });
    oracle.answer((s) => (s.sql.startsWith('SELECT') ? { rows: [{ value: 8 }] } : undefined));
    blocks.push({
      label: 'nextSequence: UPDATE, then read the value',
      statements: await sent(async () => expect(await nextSequence(repos, 'sgp.pedido')).toBe(8)),
    });

    const sessions = new SessionService(repos, 'x'.repeat(32), 3600);
    oracle.answer(() => undefined);
    blocks.push({ label: 'session issued', statements: await sent(() => sessions.issue(ADMIN, { ip: '10.0.0.1', userAgent: 'test' })) });
    blocks.push({ label: "a token's session and user", statements: await sent(() => findSessionUser(repos, 'jti-1')) });
    blocks.push({ label: 'sign-out', statements: await sent(() => revokeSession(repos, 'jti-1')) });

    const throttle = new LoginThrottle(repos, { maxFailures: 5, windowSeconds: 900, lockSeconds: 900 });
    const keys = LoginThrottle.keys('Admin@Test.local', '10.0.0.1');
    blocks.push({ label: 'sign-in attempt booked (new counters)', statements: await sent(() => throttle.reserve(keys)) });
    const counter = { id: 3, version: 2, key: keys.ip, failures: 2, window_start: NOW.toISOString(), locked_until: null };
    oracle.answer((s) => (s.sql.startsWith('SELECT') ? { rows: [counter] } : undefined));
    blocks.push({ label: 'right password: account forgiven, address given back', statements: await sent(() => throttle.recordSuccess(keys)) });

    oracle.answer(() => undefined);
    const file = { hash: 'ab'.repeat(32), name: 'arte.png', content_type: 'image/png', size: 1234, width: 10, height: 20, target: 'sgp.item_pedido.imagem' };
    blocks.push({
      label: 'file metadata',
      statements: await sent(() =>
        oracle.datasource.writeTransaction((tx) => repos.repo('platform.file').insert({ ...file, version: 1, created_at: NOW, updated_at: NOW }, tx)),
      ),
    });
    expectOracleSql('stores', blocks);
  });

  it("takes the scheduler's lease and claims a run", async () => {
    const store = new ScheduleStore(
      repos,
      new EntityServices({ repos, hashPassword: async (p) => p, log: console, timeZone: 'UTC', moduleConfig: { env: {}, dataDir: '/nonexistent' }, fileStore })
        .changes,
    );
    const schedule = { id: 4, version: 1, name: 'sgp.backup', run_requested_at: null } as unknown as ScheduleRow;
    const lease = { id: 9, version: 5, schedule: 4, holder: null, expires_at: null, run: null, created_at: NOW.toISOString(), updated_at: NOW.toISOString() };
    oracle.answer((s) => (s.sql.startsWith('SELECT') && s.sql.includes('"platform_schedule_lease"') ? { rows: [lease] } : undefined));
    const claim = {
      schedule,
      slotKey: 'sgp.backup@2031-06-07T08:00:00.000Z',
      slot: new Date('2031-06-07T08:00:00.000Z'),
      trigger: 'cron' as const,
      now: NOW,
      holder: 'host-1:123',
      leaseUntil: new Date(NOW.getTime() + 60_000),
      triggeredBy: null,
    };
    const blocks = [
      {
        label: 'claim: lease compare-and-set on its version, then the run whose UNIQUE slot_key admits one claim',
        statements: await sent(async () => expect(await store.claim(claim)).toMatchObject({ kind: 'won', lease: { id: 9, version: 7 } })),
      },
      { label: 'lease renewed', statements: await sent(() => store.renewLease({ id: 9, version: 7 }, new Date(NOW.getTime() + 120_000))) },
      {
        label: 'run closed, lease freed, schedule noted',
        statements: await sent(() =>
          store.closeRun({ id: 1, version: 1, scheduleId: 4 }, { status: 'succeeded', finished_at: NOW, output: 'ok' }, { id: 9, version: 7 }),
        ),
      },
    ];
    expectOracleSql('scheduler', blocks);
  });

  it('reads values in the form Oracle sessions set up this way return them', async () => {
    // What the driver returns: DATE as YYYY-MM-DD and TIMESTAMP WITH LOCAL TIME ZONE as the session's ISO text
    // (fetchAsString + NLS formats), CHAR(1) booleans, NUMBER as numbers, CLOB as text.
    const stored = {
      id: 42,
      version: 3,
      numero: 'P-1',
      data_entrada: '2031-02-03',
      data_entrega: null,
      status: 'pendente',
      cliente: 5,
      valor_frete: 1050,
      financeiro: '1',
      pronto: '0',
      observacao: 'linha 1\nlinha 2',
      created_at: '2031-06-07T08:09:10.111Z',
      updated_at: '2031-06-07T08:09:10.111Z',
      created_by: 7,
      updated_by: null,
      cliente__display: 'Gráfica Nova',
    };
    oracle.answer((s) => (s.sql.startsWith('SELECT "sgp_pedido".*') ? { rows: [{ ...stored }] } : undefined));
    const row = await entityServices().service('sgp.pedido').get(ADMIN, 42);
    expect(row).toMatchObject({
      id: 42,
      version: 3,
      data_entrada: '2031-02-03',
      data_entrega: null,
      valor_frete: '10.50',
      financeiro: true,
      pronto: false,
      observacao: 'linha 1\nlinha 2',
      created_at: '2031-06-07T08:09:10.111Z',
      created_by: 7,
      _display: { cliente: 'Gráfica Nova' },
    });
  });

  it("creates a record through the service: the plugin's numbering SQL, the insert, its audit entry", async () => {
    const stored = { id: 314, version: 1, numero: '000008', data_entrada: '2031-02-03', status: 'pendente', cliente: 5, created_at: NOW.toISOString() };
    oracle.answer((s) => {
      if (s.sql.startsWith('INSERT INTO "sgp_pedido"')) return { returning: [314] };
      if (s.sql.startsWith('SELECT "sgp_cliente"."id"')) return { rows: [{ id: 5 }] };
      if (s.sql.startsWith('SELECT "value"')) return { rows: [{ value: 8 }] };
      if (s.sql.startsWith('SELECT COUNT(*) AS n')) return { rows: [{ N: 0 }] };
      return s.sql.startsWith('SELECT "sgp_pedido".*') ? { rows: [{ ...stored }] } : undefined;
    });
    const statements = await sent(async () => {
      const created = await entityServices().service('sgp.pedido').create(ADMIN, { cliente: 5, data_entrada: '2031-02-03' });
      expect(created).toMatchObject({ id: 314, numero: '000008' });
    });
    expectOracleSql('service', [{ label: 'create sgp.pedido', statements }]);
  });

  it('takes a workflow transition: conditional UPDATE, history and audit in one transaction', async () => {
    const services = entityServices();
    let version = 3;
    const pedido = () => ({
      id: 42,
      version,
      numero: 'P-1',
      data_entrada: '2031-02-03',
      data_entrega: null,
      prioridade: 'NORMAL',
      status: version === 3 ? 'pendente' : 'em_producao',
      cliente: 5,
      valor_itens: 0,
      valor_frete: 0,
      valor_total: 0,
      financeiro: '0',
      conferencia: '0',
      sublimacao: '0',
      costura: '0',
      expedicao: '0',
      pronto: '0',
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
      created_by: 7,
      updated_by: 7,
    });
    oracle.answer((s) => {
      if (s.sql.startsWith('UPDATE "sgp_pedido"')) version = 4;
      return s.sql.startsWith('SELECT "sgp_pedido".*') ? { rows: [pedido()] } : undefined;
    });
    const statements = await sent(() => services.transition('sgp.pedido', ADMIN, { id: 42, transition: 'aprovar', version: 3 }));
    expect(statements.some((s) => /^UPDATE "sgp_pedido" SET .* WHERE .*"status" = :\d+/.test(s.sql))).toBe(true);
    expectOracleSql('workflow', [{ label: "transition 'aprovar' of sgp.pedido 42", statements }]);
  });

  it('gives an API test a schema of its own with ORACLE_TEST_URL (the statements; no server has run them)', async () => {
    vi.stubEnv('ORACLE_TEST_URL', 'oracle://system:adm%21n@oracle.invalid:1521/FREEPDB1');
    try {
      expect(testDialect()).toBe('oracle');
      oracle.take();
      const database = await createTestDatabase('api test');
      await database.drop();
      const [create, grant, drop] = oracle.take().map((s) => s.sql);
      expect(database.name).toMatch(/^FORJA_APITEST_[0-9A-F]{10}$/);
      const url = new URL(database.url);
      expect([url.protocol, url.username, url.host, url.pathname]).toEqual(['oracle:', database.name, 'oracle.invalid:1521', '/FREEPDB1']);
      expect(create).toBe(`CREATE USER "${database.name}" IDENTIFIED BY "${url.password}" DEFAULT TABLESPACE "USERS" QUOTA UNLIMITED ON "USERS"`);
      expect(grant).toBe(`GRANT CREATE SESSION, CREATE TABLE, CREATE SEQUENCE, CREATE VIEW, CREATE PROCEDURE TO "${database.name}"`);
      expect(drop).toBe(`DROP USER "${database.name}" CASCADE`);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('speaks Oracle only: quoted names within 128 bytes, no other dialect’s syntax', () => {
    expect(everything.length).toBeGreaterThan(100);
    const names = new Set(everything.flatMap((s) => [...s.sql.matchAll(/"([^"]+)"/g)].map((m) => m[1]!)));
    const tooLong = [...names].filter((n) => Buffer.byteLength(n) > 128);
    expect(tooLong, 'identifiers longer than Oracle 12.2+ allows').toEqual([]);
    for (const s of everything) {
      expect(s.sql, s.sql).not.toMatch(/\bLIMIT\s+\d|ON CONFLICT|ON DUPLICATE KEY|`|\bAUTO_INCREMENT\b|\b(TRUE|FALSE)\b|\$\d/i);
      // A statement ends without `;`, except a PL/SQL block's `END;`.
      if (!s.sql.endsWith('END;')) expect(s.sql, s.sql).not.toMatch(/;\s*$/);
      // Positional binds: placeholders :1…:n, one per value, in order.
      const placeholders = [...s.sql.matchAll(/:(\d+)/g)].map((m) => Number(m[1]));
      expect(placeholders, s.sql).toEqual(Array.from({ length: (s.binds as unknown[]).length }, (_, i) => i + 1));
    }
  });
});
