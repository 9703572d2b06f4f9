/**
 * Role permissions, derived in the test from the manifests themselves
 * (manifests/sgp.json, core/platform/platform.json) and from the report
 * procedures' declared access: for every generated procedure of a few
 * entities and every report, each role either succeeds or gets FORBIDDEN with
 * nothing written. Then platform.model per role, platform.audit for
 * non-admins, and row-level rules on a second platform with a fixture module.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityAction, ModuleManifest, PermissionGrant } from '../core/manifest/types.js';
import { buildAppModel } from '../core/app/index.js';
import { generateMigrations } from '../core/db/migrations/index.js';
import { reportProcedures } from '../plugins/sgp/reports/index.js';
import { ADMIN, createUserAndLogin, login, ROOT, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, trpcApi, type Api } from './support/api.js';
import { fingerprint, openDatabase, type DbReader } from './support/database.js';

const readManifest = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as ModuleManifest;
const MANIFESTS: Record<'sgp' | 'laser' | 'rpa' | 'platform', ModuleManifest> = {
  sgp: readManifest('manifests/sgp.json'),
  laser: readManifest('manifests/laser.json'),
  rpa: readManifest('manifests/rpa.json'),
  platform: readManifest('core/platform/platform.json'),
};

/** The rule the manifests state: admin may do everything; otherwise a grant must name "*" or one of the roles (row rules count as a grant). */
function manifestAllows(grants: readonly PermissionGrant[] | undefined, roles: readonly string[]): boolean {
  if (roles.includes('admin')) return true;
  return (grants ?? []).some((g) => (typeof g === 'string' ? g === '*' || roles.includes(g) : roles.includes(g.role)));
}

function entityAllows(key: string, action: EntityAction, roles: readonly string[]): boolean {
  const [module, entity] = key.split('.') as ['sgp' | 'laser' | 'platform', string];
  const def = MANIFESTS[module]!.entities![entity]!;
  // A read-only entity is written by core alone, whoever asks.
  if (def.readOnly && action !== 'read') return false;
  return manifestAllows(def.permissions?.[action], roles);
}

interface Persona {
  name: string;
  roles: string[];
}

/** One user per sgp role, one with no role at all, and the admin. */
const PERSONAS: Persona[] = [
  ...MANIFESTS.sgp.roles!.map((role) => ({ name: role, roles: [role] })),
  { name: 'sem_papel', roles: [] },
  { name: 'admin', roles: ['admin'] },
];

const ACTIONS = { list: 'read', get: 'read', create: 'create', update: 'update', delete: 'delete' } as const;
type Procedure = keyof typeof ACTIONS;
const ENTITIES = ['sgp.pedido', 'sgp.cliente', 'sgp.maquina', 'platform.user'] as const;

let platform: TestPlatform;
let db: DbReader;
let adminApi: Api;
const sessions: Record<string, LoginResult> = {};
const apiOf = (persona: string) => trpcApi(platform.url, sessions[persona]!.token);
let clienteId: number;

beforeAll(async () => {
  platform = await startTestPlatform();
  db = await openDatabase(platform.dataDir);
  sessions.admin = await login(platform.url, ADMIN.email, ADMIN.password);
  adminApi = trpcApi(platform.url, sessions.admin.token);
  for (const persona of PERSONAS.filter((p) => p.name !== 'admin')) {
    sessions[persona.name] = await createUserAndLogin(platform.url, sessions.admin.token, `${persona.name}@test.local`, persona.roles);
  }
  clienteId = (await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Cliente das permissões' } })).id;
});

afterAll(async () => {
  await db?.close();
  await platform?.close();
});

let counter = 0;
/** A valid new row for each entity, and a valid change to it. */
const ROWS: Record<(typeof ENTITIES)[number], { create: () => Record<string, unknown>; change: () => Record<string, unknown> }> = {
  'sgp.pedido': {
    create: () => ({ cliente: clienteId, itens: [{ descricao: 'Banner', quantidade: 2, valor_unitario: '15.00' }] }),
    change: () => ({ observacao: `alterado ${++counter}` }),
  },
  'sgp.cliente': { create: () => ({ nome: `Cliente ${++counter}` }), change: () => ({ cidade: `Cidade ${++counter}` }) },
  'sgp.maquina': { create: () => ({ nome: `Máquina ${++counter}` }), change: () => ({ tipo: `tipo ${++counter}` }) },
  'platform.user': {
    create: () => ({ email: `novo${++counter}@test.local`, name: 'Novo', password: 'new-user-password', roles: [] }),
    change: () => ({ name: `Nome ${++counter}` }),
  },
};

const newRow = (entity: (typeof ENTITIES)[number]) => adminApi.mutate(`${entity}.create`, { data: ROWS[entity].create() });

async function expectForbiddenAndNothingWritten(call: () => Promise<unknown>): Promise<void> {
  const before = await fingerprint(db);
  await expectApiError(call(), 'FORBIDDEN');
  expect(await fingerprint(db)).toEqual(before);
}

const PROCEDURE_CASES = ENTITIES.flatMap((entity) =>
  (Object.keys(ACTIONS) as Procedure[]).flatMap((procedure) =>
    PERSONAS.map((persona) => {
      const allowed = entityAllows(entity, ACTIONS[procedure], persona.roles);
      return { label: `${persona.name} ${allowed ? 'may' : 'may NOT'} call ${entity}.${procedure}`, entity, procedure, persona: persona.name, allowed };
    }),
  ),
);

describe('generated procedures follow the manifest permissions', () => {
  it('the matrix has both outcomes for every procedure kind', () => {
    for (const procedure of Object.keys(ACTIONS)) {
      const outcomes = new Set(PROCEDURE_CASES.filter((c) => c.procedure === procedure).map((c) => c.allowed));
      expect([procedure, [...outcomes].sort()]).toEqual([procedure, [false, true]]);
    }
  });

  it.each(PROCEDURE_CASES)('$label', async ({ entity, procedure, persona, allowed }) => {
    const api = apiOf(persona);
    const path = `${entity}.${procedure}`;
    switch (procedure) {
      case 'list': {
        const target = await newRow(entity);
        if (!allowed) return expectForbiddenAndNothingWritten(() => api.query(path, {}));
        const list = await api.query(path, { filter: { id: target.id } });
        expect(list.rows.map((r: any) => r.id)).toEqual([target.id]);
        return;
      }
      case 'get': {
        const target = await newRow(entity);
        if (!allowed) return expectForbiddenAndNothingWritten(() => api.query(path, { id: target.id }));
        expect(await api.query(path, { id: target.id })).toMatchObject({ id: target.id });
        return;
      }
      case 'create': {
        const data = ROWS[entity].create();
        if (!allowed) return expectForbiddenAndNothingWritten(() => api.mutate(path, { data }));
        const created = await api.mutate(path, { data });
        expect(created).toMatchObject({ version: 1, created_by: sessions[persona]!.user.id });
        return;
      }
      case 'update': {
        const target = await newRow(entity);
        const data = ROWS[entity].change();
        if (!allowed) {
          await expectForbiddenAndNothingWritten(() => api.mutate(path, { id: target.id, data }));
          expect((await adminApi.query(`${entity}.get`, { id: target.id })).version).toBe(1);
          return;
        }
        const updated = await api.mutate(path, { id: target.id, version: 1, data });
        expect(updated).toMatchObject({ ...data, version: 2, updated_by: sessions[persona]!.user.id });
        return;
      }
      case 'delete': {
        const target = await newRow(entity);
        if (!allowed) {
          await expectForbiddenAndNothingWritten(() => api.mutate(path, { id: target.id }));
          expect(await adminApi.query(`${entity}.get`, { id: target.id })).toMatchObject({ id: target.id });
          return;
        }
        await api.mutate(path, { id: target.id });
        await expectApiError(adminApi.query(`${entity}.get`, { id: target.id }), 'NOT_FOUND');
        return;
      }
    }
  });
});

describe('report procedures follow their declared access', () => {
  const reportAllows = (name: string, roles: string[]) => {
    const access = reportProcedures[name as keyof typeof reportProcedures].access;
    if ('roles' in access) return roles.includes('admin') || access.roles.some((r) => r === '*' || roles.includes(r));
    const key = access.entity.includes('.') ? access.entity : `sgp.${access.entity}`;
    return entityAllows(key, access.action, roles);
  };
  const REPORT_CASES = Object.keys(reportProcedures).flatMap((name) =>
    PERSONAS.map((persona) => {
      const allowed = reportAllows(name, persona.roles);
      return { label: `${persona.name} ${allowed ? 'may' : 'may NOT'} call sgp.${name}`, name, persona: persona.name, allowed };
    }),
  );

  it('some persona is refused each report (otherwise this proves nothing)', () => {
    for (const name of Object.keys(reportProcedures)) expect(REPORT_CASES.some((c) => c.name === name && !c.allowed)).toBe(true);
  });

  it.each(REPORT_CASES)('$label', async ({ name, persona, allowed }) => {
    const call = () => apiOf(persona).query(`sgp.${name}`, {});
    if (!allowed) return expectForbiddenAndNothingWritten(call);
    const result = await call();
    expect(result).toBeTypeOf('object');
    expect(result).not.toBeNull();
  });
});

describe('platform.model as each role sees it', () => {
  it.each(PERSONAS)('$name sees exactly the entities it may read, with the right `can` flags', async (persona) => {
    const model = await apiOf(persona.name).query('platform.model');
    expect(model.user.roles).toEqual(persona.roles);
    const expected: Record<string, Record<string, unknown>> = {};
    for (const [module, manifest] of Object.entries(MANIFESTS)) {
      for (const [entity, def] of Object.entries(manifest.entities ?? {})) {
        const key = `${module}.${entity}`;
        if (def.internal || !entityAllows(key, 'read', persona.roles)) continue;
        expected[key] = Object.fromEntries((['read', 'create', 'update', 'delete'] as const).map((a) => [a, entityAllows(key, a, persona.roles)]));
      }
    }
    const seen: Record<string, Record<string, unknown>> = {};
    for (const mod of model.modules) {
      expect(Object.keys(mod.entities).length, `module ${mod.name} is listed only with something to show`).toBeGreaterThan(0);
      for (const [entity, desc] of Object.entries<any>(mod.entities)) seen[`${mod.name}.${entity}`] = desc.can;
      for (const item of mod.menu) expect(mod.entities).toHaveProperty(item);
    }
    expect(seen).toEqual(expected);
  });
});

describe('platform.audit for non-admins', () => {
  let cliente: any;
  let pedido: any;

  beforeAll(async () => {
    cliente = await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Histórico' } });
    await adminApi.mutate('sgp.cliente.update', { id: cliente.id, data: { cidade: 'Maceió' } });
    pedido = await adminApi.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
  });

  it('the whole trail, or one filtered only by module/entity → FORBIDDEN', async () => {
    await expectApiError(apiOf('vendedor').query('platform.audit', {}), 'FORBIDDEN');
    await expectApiError(apiOf('vendedor').query('platform.audit', { filter: { module: 'sgp', entity: 'cliente' } }), 'FORBIDDEN');
    await expectApiError(
      apiOf('vendedor').query('platform.audit', { filter: { module: 'sgp', entity: 'cliente', record_id: { in: [cliente.id, pedido.id] } } }),
      'FORBIDDEN',
    );
    await expectApiError(apiOf('vendedor').query('platform.audit', { filter: { op: 'create' } }), 'FORBIDDEN');
  });

  it('the history of one record the user may read is allowed, and holds only that record', async () => {
    const { rows } = await apiOf('vendedor').query('platform.audit', { filter: { module: 'sgp', entity: 'cliente', record_id: cliente.id }, sort: 'id' });
    expect(rows.map((r: any) => [r.entity, r.record_id, r.op])).toEqual([
      ['cliente', cliente.id, 'create'],
      ['cliente', cliente.id, 'update'],
    ]);
  });

  it('the history of a record the user may not read → FORBIDDEN', async () => {
    await expectApiError(apiOf('sem_papel').query('platform.audit', { filter: { module: 'sgp', entity: 'pedido', record_id: pedido.id } }), 'FORBIDDEN');
    await expectApiError(
      apiOf('vendedor').query('platform.audit', { filter: { module: 'platform', entity: 'user', record_id: sessions.admin!.user.id } }),
      'FORBIDDEN',
    );
    await expectApiError(apiOf('vendedor').query('platform.audit', { filter: { module: 'platform', entity: 'session', record_id: 1 } }), 'FORBIDDEN');
  });

  it('the admin may list the whole trail', async () => {
    const all = await adminApi.query('platform.audit', { pageSize: 5 });
    expect(all.total).toBeGreaterThan(5);
  });
});

describe('row-level rules (fixture module "tarefas" on a second platform)', () => {
  const FIXTURE_MANIFESTS = path.join(ROOT, 'test', 'fixtures', 'api', 'manifests');
  let tmp: string;
  let rows: TestPlatform;
  let rowsDb: DbReader;
  let admin: Api;
  const users: Record<'ana' | 'bruno' | 'chefe', LoginResult> = {} as never;
  const tarefas: Record<string, any> = {};
  const as = (who: keyof typeof users) => trpcApi(rows.url, users[who].token);

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'forja-rowrules-'));
    const migrationsDir = path.join(tmp, 'migrations');
    const pluginsDir = path.join(tmp, 'plugins');
    // The platform module's migrations are the repository's own; only "tarefas" gets new files.
    await cp(path.join(ROOT, 'migrations', 'platform'), path.join(migrationsDir, 'platform'), { recursive: true });
    const model = await buildAppModel({ root: ROOT, manifestsDir: FIXTURE_MANIFESTS, pluginsDir });
    const generated = await generateMigrations({ model, migrationsDir });
    expect(generated.refusals).toEqual([]);
    expect(generated.written.map((f) => path.relative(migrationsDir, f).split(path.sep)[0])).toEqual(['tarefas']);

    rows = await startTestPlatform({}, { manifestsDir: FIXTURE_MANIFESTS, pluginsDir, migrationsDir });
    rowsDb = await openDatabase(rows.dataDir);
    const adminSession = await login(rows.url, ADMIN.email, ADMIN.password);
    admin = trpcApi(rows.url, adminSession.token);
    users.ana = await createUserAndLogin(rows.url, adminSession.token, 'ana@test.local', ['operador']);
    users.bruno = await createUserAndLogin(rows.url, adminSession.token, 'bruno@test.local', ['operador']);
    users.chefe = await createUserAndLogin(rows.url, adminSession.token, 'chefe@test.local', ['supervisor']);
    for (const [key, titulo, who] of [
      ['ana1', 'Cortar lona', 'ana'],
      ['ana2', 'Costurar bainha', 'ana'],
      ['bruno1', 'Imprimir painel', 'bruno'],
    ] as const) {
      tarefas[key] = await admin.mutate('tarefas.tarefa.create', { data: { titulo, responsavel: users[who].user.id } });
    }
  });

  afterAll(async () => {
    await rowsDb?.close();
    await rows?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function expectUntouched(call: () => Promise<unknown>, code = 'FORBIDDEN'): Promise<void> {
    const before = await fingerprint(rowsDb);
    await expectApiError(call(), code);
    expect(await fingerprint(rowsDb)).toEqual(before);
  }

  it('an operador lists only their own rows, whatever the filter or search', async () => {
    const own = await as('ana').query('tarefas.tarefa.list', {});
    expect(own.rows.map((r: any) => r.id)).toEqual([tarefas.ana1.id, tarefas.ana2.id]);
    expect(own.total).toBe(2);
    expect(own.rows[0]._display.responsavel).toBe(users.ana.user.name);
    expect((await as('ana').query('tarefas.tarefa.list', { filter: { responsavel: users.bruno.user.id } })).total).toBe(0);
    expect((await as('ana').query('tarefas.tarefa.list', { filter: { id: tarefas.bruno1.id } })).total).toBe(0);
    expect((await as('ana').query('tarefas.tarefa.list', { search: 'painel' })).total).toBe(0);
    expect((await as('bruno').query('tarefas.tarefa.list', {})).rows.map((r: any) => r.id)).toEqual([tarefas.bruno1.id]);
  });

  it("get of another user's row → FORBIDDEN; of one's own → the row", async () => {
    await expectApiError(as('ana').query('tarefas.tarefa.get', { id: tarefas.bruno1.id }), 'FORBIDDEN');
    expect(await as('ana').query('tarefas.tarefa.get', { id: tarefas.ana1.id })).toMatchObject({ id: tarefas.ana1.id, titulo: 'Cortar lona' });
  });

  it("update of another user's row → FORBIDDEN and the row is unchanged", async () => {
    await expectUntouched(() => as('ana').mutate('tarefas.tarefa.update', { id: tarefas.bruno1.id, data: { concluida: true } }));
    expect(await admin.query('tarefas.tarefa.get', { id: tarefas.bruno1.id })).toMatchObject({ concluida: false, version: 1 });
  });

  it('an own row may be updated, but not handed over to another user', async () => {
    const updated = await as('ana').mutate('tarefas.tarefa.update', { id: tarefas.ana2.id, data: { concluida: true } });
    expect(updated).toMatchObject({ concluida: true, version: 2 });
    await expectUntouched(() => as('ana').mutate('tarefas.tarefa.update', { id: tarefas.ana2.id, data: { responsavel: users.bruno.user.id } }));
    expect(await admin.query('tarefas.tarefa.get', { id: tarefas.ana2.id })).toMatchObject({ responsavel: users.ana.user.id });
  });

  it('creating a row for another user → FORBIDDEN; for oneself → created', async () => {
    await expectUntouched(() => as('ana').mutate('tarefas.tarefa.create', { data: { titulo: 'Para o Bruno', responsavel: users.bruno.user.id } }));
    const own = await as('ana').mutate('tarefas.tarefa.create', { data: { titulo: 'Para mim', responsavel: users.ana.user.id } });
    expect(own).toMatchObject({ responsavel: users.ana.user.id, created_by: users.ana.user.id });
    tarefas.ana3 = own;
  });

  it('delete, granted to supervisor only, → FORBIDDEN for an operador even on an own row', async () => {
    await expectUntouched(() => as('ana').mutate('tarefas.tarefa.delete', { id: tarefas.ana3.id }));
  });

  it('a role without a row rule (supervisor) sees and edits every row', async () => {
    const all = await as('chefe').query('tarefas.tarefa.list', { sort: 'id' });
    expect(all.rows.map((r: any) => r.id)).toEqual([tarefas.ana1.id, tarefas.ana2.id, tarefas.bruno1.id, tarefas.ana3.id]);
    await as('chefe').mutate('tarefas.tarefa.update', { id: tarefas.bruno1.id, data: { responsavel: users.ana.user.id } });
    expect((await as('ana').query('tarefas.tarefa.list', {})).total).toBe(4);
    await as('chefe').mutate('tarefas.tarefa.delete', { id: tarefas.ana3.id });
  });

  it("record history follows the row rule: own row allowed, another user's row FORBIDDEN", async () => {
    await expectApiError(as('bruno').query('platform.audit', { filter: { module: 'tarefas', entity: 'tarefa', record_id: tarefas.ana1.id } }), 'FORBIDDEN');
    const history = await as('ana').query('platform.audit', { filter: { module: 'tarefas', entity: 'tarefa', record_id: tarefas.ana2.id }, sort: 'id' });
    expect(history.rows.map((r: any) => r.op)).toEqual(['create', 'update']);
  });

  it('platform.model tells the operador what they can do with tarefas', async () => {
    const model = await as('ana').query('platform.model');
    const mod = model.modules.find((m: any) => m.name === 'tarefas');
    expect(mod.entities.tarefa.can).toEqual({ read: true, create: true, update: true, delete: false });
  });
});
