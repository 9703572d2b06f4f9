/**
 * Composite unique keys (`"unique": [[...fields]]` on an entity): enforced by a
 * unique index the migrations create (also when added to an existing table,
 * and kept when SQLite rebuilds the table), refused with a BAD_REQUEST naming
 * every field of the key on create, update and workflow transitions, and
 * exactly one winner when several writers race for the same key. A SQLite
 * file, or with TEST_DATABASE_URL a database of its own on that server.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppModel } from '../core/app/index.js';
import { generateMigrations } from '../core/db/migrations/index.js';
import { ManifestError, type ManifestIssue } from '../core/manifest/index.js';
import type { EntityDef, ModuleManifest } from '../core/manifest/types.js';
import type { RunningPlatform } from '../core/server/startPlatform.js';
import { expectApiError, trpcApi, type Api } from './support/api.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { ADMIN, login, ROOT } from './support/testPlatform.js';
import { releaseTestDatabase } from './support/testDatabase.js';

const CLIENTE: EntityDef = {
  label: 'Cliente',
  display: 'nome',
  fields: {
    nome: { type: 'string', label: 'Nome', required: true, maxLength: 80 },
    cnpj: { type: 'string', label: 'CNPJ', required: true, maxLength: 14 },
    operadora: { type: 'relation', label: 'Operadora', to: 'operadora', required: true },
    unidade: { type: 'string', label: 'Unidade', maxLength: 60 },
    servico: { type: 'enum', label: 'Serviço', values: ['MOVEL', 'FIXO'], required: true },
  },
  unique: [['cnpj', 'operadora', 'unidade', 'servico']],
};

const PROCESSO: EntityDef = {
  label: 'Processo',
  display: 'mes_ano',
  fields: {
    cliente: { type: 'relation', label: 'Cliente', to: 'cliente', required: true },
    mes_ano: { type: 'string', label: 'Mês/ano', required: true, maxLength: 7 },
    situacao: { type: 'enum', label: 'Situação', values: ['ABERTO', 'CONCLUIDO'], default: 'ABERTO', required: true },
  },
};

function contas(entities: { cliente?: EntityDef; processo?: EntityDef } = {}, states: string[] = ['ABERTO', 'CONCLUIDO']): ModuleManifest {
  return {
    module: 'contas',
    label: 'Contas',
    version: '1.0.0',
    entities: {
      operadora: {
        label: 'Operadora',
        display: 'codigo',
        fields: { codigo: { type: 'string', label: 'Código', required: true, unique: true, maxLength: 20 } },
      },
      cliente: entities.cliente ?? CLIENTE,
      processo: entities.processo ?? PROCESSO,
    },
    workflows: {
      processo: {
        field: 'situacao',
        initial: 'ABERTO',
        states: Object.fromEntries(states.map((state) => [state, {}])),
        transitions: {
          concluir: { label: 'Concluir', from: 'ABERTO', to: 'CONCLUIDO' },
          reabrir: { label: 'Reabrir', from: 'CONCLUIDO', to: 'ABERTO', input: ['mes_ano'] },
          ...(states.includes('ARQUIVADO') ? { arquivar: { label: 'Arquivar', from: 'CONCLUIDO', to: 'ARQUIVADO' } } : {}),
        },
      },
    },
  };
}

const withProcessoKey: EntityDef = { ...PROCESSO, unique: [['cliente', 'mes_ano']] };

/** The fixture on one data folder, restartable after its manifest changes (and its migrations are generated again). */
class Project {
  platform?: RunningPlatform;
  api!: Api;
  private step = 0;

  constructor(
    readonly manifestsDir: string,
    readonly dataDir: string,
    readonly fixture: FixtureModule,
  ) {}

  static async create(manifest: ModuleManifest): Promise<Project> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'forja-unique-'));
    const manifestsDir = path.join(root, 'manifests');
    await mkdir(manifestsDir);
    await writeFile(path.join(manifestsDir, 'contas.json'), JSON.stringify(manifest));
    const fixture = await prepareFixtureModule({ manifestsDir });
    const project = new Project(manifestsDir, path.join(root, 'data'), fixture);
    await project.start();
    return project;
  }

  async start(): Promise<void> {
    this.platform = await startPlatformOn(this.dataDir, {}, this.fixture.options);
    this.api = trpcApi(this.platform.url, (await login(this.platform.url, ADMIN.email, ADMIN.password)).token);
  }

  /** Stops, writes the new manifest, generates its migration (one day later each time) and starts again. */
  async change(manifest: ModuleManifest): Promise<string[]> {
    await this.platform!.stop();
    await writeFile(path.join(this.manifestsDir, 'contas.json'), JSON.stringify(manifest));
    this.step += 1;
    const model = await buildAppModel({ root: ROOT, manifestsDir: this.manifestsDir, pluginsDir: this.fixture.options.pluginsDir! });
    const now = new Date(Date.now() + this.step * 86_400_000);
    const generated = await generateMigrations({ model, migrationsDir: this.fixture.options.migrationsDir!, now });
    if (generated.refusals.length) throw new Error(JSON.stringify(generated.refusals));
    await this.start();
    return generated.written;
  }

  async close(): Promise<void> {
    await this.platform?.stop();
    await releaseTestDatabase(this.dataDir);
    await this.fixture.remove();
    await rm(path.dirname(this.manifestsDir), { recursive: true, force: true });
  }
}

const KEY_ISSUES = (message: RegExp) => [
  { path: 'data.cnpj', message: expect.stringMatching(message) },
  { path: 'data.operadora', message: expect.stringMatching(message) },
  { path: 'data.unidade', message: expect.stringMatching(message) },
  { path: 'data.servico', message: expect.stringMatching(message) },
];

describe('a composite unique key', () => {
  let project: Project;
  let vivo: number;
  let claro: number;
  const cliente = (data: Record<string, unknown>) =>
    project.api.mutate('contas.cliente.create', {
      data: { nome: 'Acme', cnpj: '11222333000181', operadora: vivo, unidade: 'Matriz', servico: 'MOVEL', ...data },
    });

  beforeAll(async () => {
    project = await Project.create(contas({ processo: withProcessoKey }));
    vivo = (await project.api.mutate('contas.operadora.create', { data: { codigo: 'VIVO' } })).id;
    claro = (await project.api.mutate('contas.operadora.create', { data: { codigo: 'CLARO' } })).id;
  });
  afterAll(() => project?.close());

  it('refuses a second record with the same values in every field of the key, naming all of them', async () => {
    await cliente({});
    const error = await expectApiError(cliente({ nome: 'Acme de novo' }), 'BAD_REQUEST');
    expect(error.issues).toEqual(KEY_ISSUES(/^the combination of CNPJ, Operadora, Unidade, Serviço already exists$/));
    expect(error.message).toMatch(/Cliente: the combination of CNPJ, Operadora, Unidade, Serviço already exists/);
    const { total } = await project.api.query('contas.cliente.list', { filter: { cnpj: '11222333000181' } });
    expect(total).toBe(1);
  });

  it('accepts records that differ in any one field of the key', async () => {
    await cliente({ operadora: claro });
    await cliente({ unidade: 'Filial' });
    await cliente({ servico: 'FIXO' });
    await cliente({ cnpj: '99888777000166' });
  });

  it('never compares an empty field: NULL is distinct from every value, so two records without a unidade do not conflict', async () => {
    await cliente({ cnpj: '55444333000122', unidade: null });
    await cliente({ cnpj: '55444333000122', unidade: null });
    const { total } = await project.api.query('contas.cliente.list', { filter: { cnpj: '55444333000122' } });
    expect(total).toBe(2);
  });

  it('refuses an update that makes a record take the key of another', async () => {
    const filial = await cliente({ cnpj: '12121212000112', unidade: 'Filial' });
    await cliente({ cnpj: '12121212000112', unidade: 'Matriz' });
    const error = await expectApiError(project.api.mutate('contas.cliente.update', { id: filial.id, data: { unidade: 'Matriz' } }), 'BAD_REQUEST');
    expect(error.issues).toEqual(KEY_ISSUES(/already exists$/));
    expect((await project.api.query('contas.cliente.get', { id: filial.id })).unidade).toBe('Filial');
  });

  it('refuses a workflow transition whose input would repeat a key', async () => {
    const acme = await cliente({ cnpj: '34343434000134' });
    await project.api.mutate('contas.processo.create', { data: { cliente: acme.id, mes_ano: '01/2026' } });
    const fevereiro = await project.api.mutate('contas.processo.create', { data: { cliente: acme.id, mes_ano: '02/2026' } });
    await project.api.mutate('contas.processo.transition', { id: fevereiro.id, transition: 'concluir' });
    const error = await expectApiError(
      project.api.mutate('contas.processo.transition', { id: fevereiro.id, transition: 'reabrir', input: { mes_ano: '01/2026' } }),
      'BAD_REQUEST',
    );
    const message = /^the combination of Cliente, Mês\/ano already exists$/;
    expect(error.issues).toEqual([
      { path: 'data.cliente', message: expect.stringMatching(message) },
      { path: 'data.mes_ano', message: expect.stringMatching(message) },
    ]);
    const after = await project.api.query('contas.processo.get', { id: fevereiro.id });
    expect(after).toMatchObject({ mes_ano: '02/2026', situacao: 'CONCLUIDO' });
  });

  it('lets exactly one of several concurrent creates of the same key win; the others get the BAD_REQUEST', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => cliente({ cnpj: '77777777000177', nome: `Corrida ${i}` })));
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const { reason } of lost) {
      expect(reason.code, String(reason)).toBe('BAD_REQUEST');
      expect(reason.issues).toEqual(KEY_ISSUES(/already exists$/));
    }
    const { total } = await project.api.query('contas.cliente.list', { filter: { cnpj: '77777777000177' } });
    expect(total).toBe(1);
  });
});

describe('migrations of a composite unique key', () => {
  let project: Project;
  beforeAll(async () => {
    project = await Project.create(contas());
  });
  afterAll(() => project?.close());

  it('adds the unique index to an existing table with its rows, removes it, and adds it again within a SQLite table rebuild', async () => {
    const operadora = (await project.api.mutate('contas.operadora.create', { data: { codigo: 'TIM' } })).id;
    const acme = await project.api.mutate('contas.cliente.create', { data: { nome: 'Acme', cnpj: '1', operadora, servico: 'MOVEL' } });
    const processo = (mes_ano: string) => project.api.mutate('contas.processo.create', { data: { cliente: acme.id, mes_ano } });
    await processo('01/2026');
    await processo('01/2026'); // allowed before the key exists
    await project.api.mutate('contas.processo.delete', { id: (await processo('03/2026')).id });
    const duplicate = (await project.api.query('contas.processo.list', { sort: '-id', pageSize: 1, filter: { mes_ano: '01/2026' } })).rows[0];
    await project.api.mutate('contas.processo.update', { id: duplicate.id, data: { mes_ano: '02/2026' } });

    const [added] = await project.change(contas({ processo: withProcessoKey }));
    const migration = JSON.parse(await readFile(added!, 'utf8'));
    expect(migration.operations).toEqual([
      { op: 'addIndex', table: 'contas_processo', index: { name: 'uq_contas_processo_cliente_mes_ano', fields: ['cliente', 'mes_ano'], unique: true } },
      { op: 'removeIndex', table: 'contas_processo', index: 'ix_contas_processo_cliente' },
    ]);
    const refused = await expectApiError(processo('01/2026'), 'BAD_REQUEST');
    expect(refused.issues.map((i) => i.path)).toEqual(['data.cliente', 'data.mes_ano']);

    const [removed] = await project.change(contas());
    expect(JSON.parse(await readFile(removed!, 'utf8')).operations).toEqual([
      { op: 'addIndex', table: 'contas_processo', index: { name: 'ix_contas_processo_cliente', fields: ['cliente'], unique: false } },
      { op: 'removeIndex', table: 'contas_processo', index: 'uq_contas_processo_cliente_mes_ano' },
    ]);
    await project.api.mutate('contas.processo.delete', { id: (await processo('02/2026')).id }); // a duplicate again, for a moment

    // With a widened enum in the same migration SQLite rebuilds the table from its final spec (MariaDB alters it): the key is made either way.
    const states = ['ABERTO', 'CONCLUIDO', 'ARQUIVADO'];
    const situacao = { type: 'enum' as const, values: states, default: 'ABERTO', required: true };
    const [rebuilt] = await project.change(contas({ processo: { ...withProcessoKey, fields: { ...PROCESSO.fields, situacao } } }, states));
    expect(JSON.parse(await readFile(rebuilt!, 'utf8')).operations.map((op: { op: string }) => op.op)).toEqual(['widenColumn', 'addIndex', 'removeIndex']);
    const rows = (await project.api.query('contas.processo.list', { sort: 'id' })).rows;
    expect(rows.map((r: { mes_ano: string }) => r.mes_ano)).toEqual(['01/2026', '02/2026']);
    await expectApiError(processo('02/2026'), 'BAD_REQUEST');
    await processo('04/2026');
  });
});

describe('manifest checks of composite unique keys', () => {
  const roots: string[] = [];
  afterAll(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

  async function issuesOf(cliente: EntityDef): Promise<ManifestIssue[]> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'forja-unique-manifest-'));
    roots.push(root);
    await mkdir(path.join(root, 'manifests'));
    await mkdir(path.join(root, 'plugins'));
    const manifest = contas({ cliente });
    await writeFile(path.join(root, 'manifests', 'contas.json'), JSON.stringify(manifest));
    const error = await buildAppModel({ root }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).issues.map(({ path, message }) => ({ file: 'contas.json', path, message }));
  }

  const issue = (path: string, message: string | RegExp) => ({
    file: 'contas.json',
    path,
    message: typeof message === 'string' ? message : expect.stringMatching(message),
  });

  it('names the manifest path of each problem', async () => {
    const cliente: EntityDef = {
      ...CLIENTE,
      fields: {
        ...CLIENTE.fields,
        codigo: { type: 'string', unique: true, maxLength: 10 },
        obs: { type: 'text' },
        notas: { type: 'children', entity: 'processo' },
        longo: { type: 'string', maxLength: 1000 },
      },
      unique: [
        ['cnpj', 'operadora', 'unidade', 'servico'],
        ['codigo'],
        ['nome'],
        ['operadora', 'cnpj', 'unidade', 'servico'],
        ['cnpj', 'obs'],
        ['cnpj', 'notas'],
        ['nome', 'longo'],
        ['cnpj', 'bogus'],
      ],
    };
    expect(await issuesOf(cliente)).toEqual(
      expect.arrayContaining([
        issue('/entities/cliente/unique/1', 'field "codigo" is already "unique": true; remove this key'),
        issue('/entities/cliente/unique/2', 'a key of one field is "unique": true on field "nome"'),
        issue('/entities/cliente/unique/3', 'the same fields as unique key 0 (operadora, cnpj, unidade, servico)'),
        issue('/entities/cliente/unique/4/1', /"obs" is a text field: long text cannot be part of a unique index/),
        issue('/entities/cliente/unique/5/1', 'unique key field "notas" is a children field, which has no column of its own to index'),
        issue('/entities/cliente/unique/6', /takes up to 4320 bytes in a MySQL\/MariaDB index, more than 3072/),
        issue('/entities/cliente/unique/7/1', 'unique key field "bogus" is not a field of "cliente"'),
      ]),
    );
  });

  it('refuses a field named twice in one key and an empty key (the JSON Schema)', async () => {
    const issues = await issuesOf({ ...CLIENTE, unique: [['cnpj', 'cnpj'], []] });
    expect(issues).toEqual(
      expect.arrayContaining([issue('/entities/cliente/unique/0', /duplicate items/), issue('/entities/cliente/unique/1', /fewer than 1 items/)]),
    );
  });
});
