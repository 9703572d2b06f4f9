/**
 * The workflow engine on a fixture module the core has never seen
 * (test/fixtures/workflow): effects (now, current user, action), plugin hooks
 * and their arguments, "*" sources, transitions without roles (whoever may
 * update the record), an optional comment, row rules on transition, history
 * and available transitions — and a failure anywhere (before hook, after
 * hook, action) leaving nothing behind.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginContext } from '../core/service/pluginContext.js';
import { SYSTEM_USER } from '../core/service/systemUser.js';
import { ADMIN, createUserAndLogin, login, ROOT, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, issuePaths, trpcApi, type Api } from './support/api.js';
import { fingerprint, openDatabase, type DbReader } from './support/database.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'workflow');

let fixture: FixtureModule;
let platform: TestPlatform;
let db: DbReader;
let admin: Api;
const users = {} as Record<'ana' | 'bruno' | 'tecnico' | 'gestor', LoginResult>;
const as = (who: keyof typeof users) => trpcApi(platform.url, users[who].token);

beforeAll(async () => {
  fixture = await prepareFixtureModule({ manifestsDir: path.join(FIXTURE, 'manifests'), pluginsDir: path.join(FIXTURE, 'plugins') });
  platform = await startTestPlatform({}, fixture.options);
  db = await openDatabase(platform.dataDir);
  const adminLogin = await login(platform.url, ADMIN.email, ADMIN.password);
  admin = trpcApi(platform.url, adminLogin.token);
  users.ana = await createUserAndLogin(platform.url, adminLogin.token, 'ana@test.local', ['atendente']);
  users.bruno = await createUserAndLogin(platform.url, adminLogin.token, 'bruno@test.local', ['atendente']);
  users.tecnico = await createUserAndLogin(platform.url, adminLogin.token, 'tecnico@test.local', ['tecnico']);
  users.gestor = await createUserAndLogin(platform.url, adminLogin.token, 'gestor@test.local', ['gestor']);
});

afterAll(async () => {
  await db?.close();
  await platform?.close();
  await fixture?.remove();
});

async function chamado(titulo: string, data: Record<string, unknown> = {}): Promise<any> {
  return as('ana').mutate('chamados.chamado.create', { data: { titulo, responsavel: users.ana.user.id, prioridade: 2, ...data } });
}

const notes = async (id: number) =>
  (await db.all<{ texto: string }>('SELECT texto FROM chamados_registro WHERE chamado = ? ORDER BY id', [id])).map((r) => JSON.parse(r.texto));

async function expectNothingWritten(work: () => Promise<unknown>): Promise<void> {
  const before = await fingerprint(db);
  await work();
  expect(await fingerprint(db)).toEqual(before);
}

describe('effects', () => {
  it('a record starts in the initial state even without an enum default', async () => {
    expect((await chamado('Impressora sem papel')).situacao).toBe('aberto');
  });

  it('"now" and "currentUser" write the time and the acting user; the plugin action runs with the new record', async () => {
    const c = await chamado('Monitor piscando');
    const started = Date.now();
    const atendido = await as('tecnico').mutate('chamados.chamado.transition', { id: c.id, transition: 'atender' });
    expect(atendido).toMatchObject({ situacao: 'em_atendimento', atendido_por: users.tecnico.user.id, version: 2 });
    expect(Date.parse(atendido.atendido_em)).toBeGreaterThanOrEqual(started - 1000);
    expect(atendido._display.atendido_por).toBe('tecnico');

    const resolvido = await as('ana').mutate('chamados.chamado.transition', { id: c.id, transition: 'resolver', input: { solucao: 'Cabo trocado' } });
    expect(resolvido).toMatchObject({ situacao: 'resolvido', solucao: 'Cabo trocado', resolvido_em: new Date().toISOString().slice(0, 10) });
    const resolverNotes = (await notes(c.id)).filter((n) => n.transition === 'resolver');
    expect(resolverNotes).toEqual([
      {
        step: 'before',
        transition: 'resolver',
        from: 'em_atendimento',
        to: 'resolvido',
        comment: null,
        input: { solucao: 'Cabo trocado' },
        by: users.ana.user.id,
      },
      {
        step: 'after',
        transition: 'resolver',
        from: 'em_atendimento',
        to: 'resolvido',
        comment: null,
        input: { solucao: 'Cabo trocado' },
        by: users.ana.user.id,
      },
      {
        step: 'action:chamado:em_atendimento',
        transition: 'resolver',
        from: 'em_atendimento',
        to: 'resolvido',
        comment: null,
        input: { solucao: 'Cabo trocado' },
        by: users.ana.user.id,
      },
    ]);
  });

  it('conditions read the record with the input applied', async () => {
    const c = await chamado('Baixa prioridade', { prioridade: 0 });
    await as('tecnico').mutate('chamados.chamado.transition', { id: c.id, transition: 'atender' });
    const error = await expectApiError(
      as('ana').mutate('chamados.chamado.transition', { id: c.id, transition: 'resolver', input: { solucao: 'x' } }),
      'BAD_REQUEST',
    );
    expect(error.issues).toEqual([{ path: 'prioridade', message: 'must be at least 1' }]);
  });

  it('effect targets are locked like the state field; input fields are not', async () => {
    const c = await chamado('Travado');
    const error = await expectApiError(
      as('ana').mutate('chamados.chamado.update', { id: c.id, data: { atendido_por: users.ana.user.id, situacao: 'fechado' } }),
      'BAD_REQUEST',
    );
    expect(issuePaths(error).sort()).toEqual(['data.atendido_por', 'data.situacao']);
    expect((await as('ana').mutate('chamados.chamado.update', { id: c.id, data: { solucao: 'rascunho' } })).solucao).toBe('rascunho');
  });
});

describe('who may take a transition', () => {
  it('without roles: whoever may update the record (row rules included); readers alone may not', async () => {
    const c = await chamado('Sem papel no setor');
    await as('tecnico').mutate('chamados.chamado.transition', { id: c.id, transition: 'atender' });
    await expectNothingWritten(() =>
      expectApiError(as('tecnico').mutate('chamados.chamado.transition', { id: c.id, transition: 'resolver', input: { solucao: 'x' } }), 'FORBIDDEN'),
    );
    expect((await as('gestor').query('chamados.chamado.transitions', { id: c.id })).transitions).toEqual([
      { name: 'resolver', allowed: true, reason: null, issues: [] },
      { name: 'recusar', allowed: true, reason: null, issues: [] },
    ]);
    expect((await as('ana').mutate('chamados.chamado.transition', { id: c.id, transition: 'resolver', input: { solucao: 'Papel reposto' } })).situacao).toBe(
      'resolvido',
    );
  });

  it('row rules: another atendente can neither transition, list transitions of, nor read the history of a record outside their rows', async () => {
    const c = await chamado('Da Ana');
    await as('tecnico').mutate('chamados.chamado.transition', { id: c.id, transition: 'atender' });
    await expectNothingWritten(async () => {
      await expectApiError(as('bruno').mutate('chamados.chamado.transition', { id: c.id, transition: 'resolver', input: { solucao: 'x' } }), 'FORBIDDEN');
      await expectApiError(as('bruno').query('chamados.chamado.transitions', { id: c.id }), 'FORBIDDEN');
      await expectApiError(as('bruno').query('chamados.chamado.history', { id: c.id }), 'FORBIDDEN');
    });
    expect((await as('ana').query('chamados.chamado.history', { id: c.id })).rows).toMatchObject([
      { transition: 'atender', from: 'aberto', to: 'em_atendimento', by: users.tecnico.user.id, comment: null },
    ]);
    await expectApiError(as('ana').query('chamados.chamado.history', { id: 999_999 }), 'NOT_FOUND');
    await expectApiError(as('ana').mutate('chamados.chamado.transition', { id: 999_999, transition: 'resolver' }), 'NOT_FOUND');
  });

  it('"from": "*" starts anywhere but the target; an optional comment may be left out or given', async () => {
    for (const steps of [[], ['atender'], ['atender', 'resolver'], ['atender', 'resolver', 'fechar']]) {
      const c = await chamado(`Recusável após ${steps.length}`);
      for (const transition of steps)
        await admin.mutate('chamados.chamado.transition', { id: c.id, transition, input: transition === 'resolver' ? { solucao: 's' } : undefined });
      await expectApiError(as('gestor').mutate('chamados.chamado.transition', { id: c.id, transition: 'recusar' }), 'BAD_REQUEST');
      expect((await as('gestor').mutate('chamados.chamado.transition', { id: c.id, transition: 'recusar', comment: 'Duplicado' })).situacao).toBe('recusado');
      await expectApiError(as('gestor').mutate('chamados.chamado.transition', { id: c.id, transition: 'recusar', comment: 'de novo' }), 'CONFLICT');
    }
    const c = await chamado('Fechar sem comentário');
    for (const transition of ['atender', 'resolver'])
      await admin.mutate('chamados.chamado.transition', { id: c.id, transition, input: transition === 'resolver' ? { solucao: 's' } : undefined });
    await as('gestor').mutate('chamados.chamado.transition', { id: c.id, transition: 'fechar' });
    expect((await as('gestor').query('chamados.chamado.history', { id: c.id })).rows[0]).toMatchObject({ transition: 'fechar', comment: null });
  });

  it('a stale version is a CONFLICT, before any other check', async () => {
    const c = await chamado('Versão velha');
    await as('ana').mutate('chamados.chamado.update', { id: c.id, data: { prioridade: 3 } });
    await expectNothingWritten(() =>
      expectApiError(as('tecnico').mutate('chamados.chamado.transition', { id: c.id, transition: 'atender', version: c.version }), 'CONFLICT'),
    );
  });
});

describe('all or nothing', () => {
  async function ready(titulo: string): Promise<any> {
    const c = await chamado(titulo);
    return as('tecnico').mutate('chamados.chamado.transition', { id: c.id, transition: 'atender' });
  }

  it.each([
    ['beforeTransition refuses (its own error goes to the caller)', 'bloquear', 'BAD_REQUEST'],
    ['afterTransition throws after everything was written', 'falhar-depois', 'INTERNAL_SERVER_ERROR'],
    ['the action throws after writing a record of its own', 'falhar-acao', 'INTERNAL_SERVER_ERROR'],
  ])("%s: state, effects, input, history, audit and the plugin's writes roll back", async (_name, word, code) => {
    const c = await ready(`Chamado ${word}`);
    await expectNothingWritten(() =>
      expectApiError(as('ana').mutate('chamados.chamado.transition', { id: c.id, transition: 'resolver', input: { solucao: 'não fica' } }), code),
    );
    expect(await as('ana').query('chamados.chamado.get', { id: c.id })).toMatchObject({
      situacao: 'em_atendimento',
      solucao: null,
      resolvido_em: null,
      version: c.version,
    });
  });
});

describe('history', () => {
  it('records the system user as nobody, and plugins take transitions through ctx.data.entity(...).transition', async () => {
    const c = await chamado('Pelo sistema');
    await pluginContext(platform.services, 'chamados', SYSTEM_USER).data.entity('chamado').transition(c.id, 'recusar', { comment: 'Automático' });
    expect((await as('ana').query('chamados.chamado.history', { id: c.id })).rows).toMatchObject([{ transition: 'recusar', by: null, comment: 'Automático' }]);
  });
});
