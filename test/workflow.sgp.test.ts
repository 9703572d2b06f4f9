/**
 * The SGP pedido workflow against a real server: every transition taken by
 * each role that may and refused for each role that may not; the status and
 * the stage flags locked against plain create/update; conditions and input;
 * the comment of a cancellation; history and available transitions per role;
 * two users racing on one pedido; the live event of a transition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, issuePaths, trpcApi, type Api } from './support/api.js';
import { fingerprint, openDatabase, type DbReader } from './support/database.js';
import { anyMaquina, stepsTo, sublimacaoInput, takeSteps, type PedidoStatus, type Step } from './support/sgpWorkflow.js';

const ROLES = ['vendedor', 'financeiro', 'producao', 'sublimacao', 'costura', 'conferencia', 'expedicao', 'designer'] as const;
type Role = (typeof ROLES)[number];

let platform: TestPlatform;
let db: DbReader;
let admin: Api;
let adminLogin: LoginResult;
let maquina: number;
let cliente: number;
const users = {} as Record<Role, LoginResult>;
const as = (role: Role) => trpcApi(platform.url, users[role].token);

beforeAll(async () => {
  platform = await startTestPlatform();
  db = await openDatabase(platform.dataDir);
  adminLogin = await login(platform.url, ADMIN.email, ADMIN.password);
  admin = trpcApi(platform.url, adminLogin.token);
  for (const role of ROLES) users[role] = await createUserAndLogin(platform.url, adminLogin.token, `${role}@test.local`, [role]);
  maquina = await anyMaquina(admin);
  cliente = (await admin.mutate('sgp.cliente.create', { data: { nome: 'Cliente do fluxo' } })).id;
});

afterAll(async () => {
  await db?.close();
  await platform?.close();
});

async function newPedido(): Promise<any> {
  return admin.mutate('sgp.pedido.create', { data: { cliente, itens: [{ descricao: 'Bandeira', quantidade: 2, valor_unitario: '10.00' }] } });
}

/** A new pedido taken (by admin) through `before`, ready for the transition under test. */
async function pedidoAfter(before: Step[]): Promise<any> {
  const pedido = await newPedido();
  return takeSteps(admin, pedido.id, before);
}

const historyRows = (id: number) =>
  db.all<any>("SELECT * FROM platform_workflow_history WHERE module = 'sgp' AND entity = 'pedido' AND record_id = ? ORDER BY id", [id]);
const transitionAudits = (id: number) =>
  db.all<any>("SELECT * FROM platform_audit WHERE module = 'sgp' AND entity = 'pedido' AND record_id = ? AND op = 'transition' ORDER BY id", [id]);

const aprovado: Step[] = [{ transition: 'aprovar' }];
const sublimado: Step[] = [...aprovado, { transition: 'sublimar', input: sublimacaoInput(1) }];
const costurado: Step[] = [...sublimado, { transition: 'costurar' }];
const conferido: Step[] = [...costurado, { transition: 'conferir' }];
const expedido: Step[] = [...conferido, { transition: 'expedir' }];

interface Case {
  transition: string;
  before: () => Step[];
  input?: () => Record<string, unknown>;
  comment?: string;
  allowed: Role[];
  expected: Record<string, unknown>;
}

const CASES: Case[] = [
  { transition: 'aprovar', before: () => [], allowed: ['financeiro'], expected: { status: 'em_producao', financeiro: true } },
  {
    transition: 'sublimar',
    before: () => aprovado,
    input: () => sublimacaoInput(maquina, '2024-06-01'),
    allowed: ['sublimacao', 'producao'],
    expected: { status: 'em_producao', sublimacao: true, costura: false, sublimacao_data_impressao: '2024-06-01' },
  },
  { transition: 'costurar', before: () => sublimado, allowed: ['costura', 'producao'], expected: { status: 'em_producao', costura: true, conferencia: false } },
  {
    transition: 'conferir',
    before: () => costurado,
    allowed: ['conferencia', 'producao'],
    expected: { status: 'em_producao', conferencia: true, expedicao: false },
  },
  { transition: 'expedir', before: () => conferido, allowed: ['expedicao'], expected: { status: 'pronto', expedicao: true, pronto: true } },
  { transition: 'entregar', before: () => expedido, allowed: ['expedicao'], expected: { status: 'entregue' } },
  { transition: 'cancelar', before: () => [], comment: 'Cliente desistiu', allowed: ['vendedor', 'financeiro'], expected: { status: 'cancelado' } },
];

describe.each(CASES)('transition $transition', (c) => {
  it.each(ROLES)('as %s', async (role) => {
    const pedido = await pedidoAfter(c.before().map((s) => (s.transition === 'sublimar' ? { ...s, input: sublimacaoInput(maquina) } : s)));
    const call = () =>
      as(role).mutate('sgp.pedido.transition', { id: pedido.id, transition: c.transition, version: pedido.version, input: c.input?.(), comment: c.comment });
    if (!c.allowed.includes(role)) {
      const before = await fingerprint(db);
      await expectApiError(call(), 'FORBIDDEN');
      expect(await fingerprint(db)).toEqual(before);
      return;
    }
    const from = pedido.status;
    const after = await call();
    expect(after).toMatchObject({ ...c.expected, version: pedido.version + 1, updated_by: users[role].user.id });
    const history = await historyRows(pedido.id);
    expect(history.at(-1)).toMatchObject({
      transition: c.transition,
      from_state: from,
      to_state: c.expected.status,
      comment: c.comment ?? null,
      created_by: users[role].user.id,
    });
    const audit = (await transitionAudits(pedido.id)).at(-1);
    expect(audit.created_by).toBe(users[role].user.id);
    expect(JSON.parse(audit.changes)).toMatchObject(from === c.expected.status ? {} : { status: [from, c.expected.status] });
  });
});

describe('the whole path and its history', () => {
  it('takes a pedido from pendente to entregue, each stage by its own role, with the history in order', async () => {
    const pedido = await newPedido();
    const steps: [Role, string, Record<string, unknown>?][] = [
      ['financeiro', 'aprovar'],
      ['sublimacao', 'sublimar', sublimacaoInput(maquina, '2024-07-02')],
      ['costura', 'costurar'],
      ['conferencia', 'conferir'],
      ['expedicao', 'expedir'],
      ['expedicao', 'entregar'],
    ];
    for (const [role, transition, input] of steps) await as(role).mutate('sgp.pedido.transition', { id: pedido.id, transition, input });
    const final = await admin.query('sgp.pedido.get', { id: pedido.id });
    expect(final).toMatchObject({
      status: 'entregue',
      financeiro: true,
      sublimacao: true,
      costura: true,
      conferencia: true,
      expedicao: true,
      pronto: true,
      sublimacao_maquina: maquina,
      version: 7,
    });

    // Any reader of the pedido reads its history: newest first, who and when.
    const history = await as('designer').query('sgp.pedido.history', { id: pedido.id });
    expect(history.rows.map((r: any) => [r.transition, r.from, r.to, r.by])).toEqual(
      [...steps]
        .reverse()
        .map(([role, transition], i) => [
          transition,
          ['pronto', 'em_producao', 'em_producao', 'em_producao', 'em_producao', 'pendente'][i],
          ['entregue', 'pronto', 'em_producao', 'em_producao', 'em_producao', 'em_producao'][i],
          users[role].user.id,
        ]),
    );
    expect(Date.parse(history.rows[0].at)).not.toBeNaN();
  });

  it('cancels from every open state with a comment, and never from a closed one', async () => {
    for (const status of ['pendente', 'em_producao', 'pronto'] as PedidoStatus[]) {
      const pedido = await pedidoAfter(stepsTo(status, maquina));
      await expectApiError(as('vendedor').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'cancelar' }), 'BAD_REQUEST');
      const blank = await expectApiError(
        as('vendedor').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'cancelar', comment: '   ' }),
        'BAD_REQUEST',
      );
      expect(issuePaths(blank)).toEqual(['comment']);
      const cancelled = await as('vendedor').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'cancelar', comment: `Desistiu (${status})` });
      expect(cancelled.status).toBe('cancelado');
      expect((await historyRows(pedido.id)).at(-1)).toMatchObject({ from_state: status, comment: `Desistiu (${status})` });
    }
    for (const status of ['entregue', 'cancelado'] as PedidoStatus[]) {
      const pedido = await pedidoAfter(stepsTo(status, maquina));
      const before = await fingerprint(db);
      const error = await expectApiError(
        as('financeiro').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'cancelar', comment: 'tarde demais' }),
        'CONFLICT',
      );
      expect(error.message).toContain('does not start there');
      expect(await fingerprint(db)).toEqual(before);
    }
  });
});

describe('the status and the stage flags change only through transitions', () => {
  it('refuses them in update, naming the field; other fields and unchanged values still save', async () => {
    const pedido = await newPedido();
    for (const data of [{ status: 'entregue' }, { financeiro: true }, { conferencia: true, observacao: 'junto' }]) {
      const before = await fingerprint(db);
      const error = await expectApiError(as('vendedor').mutate('sgp.pedido.update', { id: pedido.id, data }), 'BAD_REQUEST');
      const locked = Object.keys(data).filter((k) => k !== 'observacao');
      expect(error.issues).toEqual(locked.map((name) => ({ path: `data.${name}`, message: 'changes only through workflow transitions' })));
      expect(await fingerprint(db)).toEqual(before);
    }
    // The stage inputs stay editable (a wrong print date can be corrected); unchanged locked values are accepted.
    const saved = await as('vendedor').mutate('sgp.pedido.update', {
      id: pedido.id,
      data: { status: 'pendente', financeiro: false, observacao: 'ok', sublimacao_data_impressao: '2024-01-02' },
    });
    expect(saved).toMatchObject({ status: 'pendente', observacao: 'ok', sublimacao_data_impressao: '2024-01-02' });
  });

  it('a new pedido starts pendente with its flags off; create may not say otherwise', async () => {
    const created = await as('vendedor').mutate('sgp.pedido.create', { data: { cliente, status: 'pendente', financeiro: false } });
    expect(created).toMatchObject({ status: 'pendente', financeiro: false, pronto: false });
    for (const data of [
      { cliente, status: 'entregue' },
      { cliente, pronto: true },
    ]) {
      const error = await expectApiError(as('vendedor').mutate('sgp.pedido.create', { data }), 'BAD_REQUEST');
      expect(issuePaths(error)).toEqual([`data.${Object.keys(data)[1]}`]);
    }
  });
});

describe('conditions and input', () => {
  it('stages go in order and each once, with a message naming the field', async () => {
    const pedido = await pedidoAfter(aprovado);
    const costura = await expectApiError(as('costura').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'costurar' }), 'BAD_REQUEST');
    expect(costura.issues).toEqual([{ path: 'sublimacao', message: 'registre a sublimação antes da costura' }]);
    const expedir = await expectApiError(as('expedicao').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'expedir' }), 'BAD_REQUEST');
    expect(issuePaths(expedir)).toEqual(['conferencia']);
    await as('sublimacao').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'sublimar', input: sublimacaoInput(maquina) });
    const again = await expectApiError(
      as('producao').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'sublimar', input: sublimacaoInput(maquina) }),
      'BAD_REQUEST',
    );
    expect(again.issues).toEqual([{ path: 'sublimacao', message: 'a sublimação já foi registrada' }]);
  });

  it("input fields are required, checked like an update, and only the transition's own", async () => {
    const pedido = await pedidoAfter(aprovado);
    const before = await fingerprint(db);
    const missing = await expectApiError(as('sublimacao').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'sublimar' }), 'BAD_REQUEST');
    expect(issuePaths(missing).sort()).toEqual(['input.sublimacao_data_impressao', 'input.sublimacao_maquina']);
    const unknownMachine = await expectApiError(
      as('sublimacao').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'sublimar', input: sublimacaoInput(99_999) }),
      'BAD_REQUEST',
    );
    expect(unknownMachine.issues).toEqual([{ path: 'input.sublimacao_maquina', message: expect.stringMatching(/^no Máquina with id 99999$/) }]);
    const badDate = await expectApiError(
      as('sublimacao').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'sublimar', input: sublimacaoInput(maquina, '31/12/2024') }),
      'BAD_REQUEST',
    );
    expect(issuePaths(badDate)).toEqual(['input.sublimacao_data_impressao']);
    const foreign = await expectApiError(
      as('costura').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'costurar', input: sublimacaoInput(maquina) }),
      'BAD_REQUEST',
    );
    expect(issuePaths(foreign).sort()).toEqual(['input.sublimacao_data_impressao', 'input.sublimacao_maquina']);
    const unknown = await expectApiError(as('costura').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'voar' }), 'BAD_REQUEST');
    expect(issuePaths(unknown)).toEqual(['transition']);
    expect(await fingerprint(db)).toEqual(before);
  });
});

describe('available transitions', () => {
  it('lists per role what may be taken now, and why the rest may not', async () => {
    const pedido = await pedidoAfter(aprovado);
    const forRole = async (role: Role) => (await as(role).query('sgp.pedido.transitions', { id: pedido.id })).transitions;
    expect(await forRole('sublimacao')).toEqual([
      { name: 'sublimar', allowed: true, reason: null, issues: [] },
      { name: 'costurar', allowed: false, reason: 'role', issues: [] },
      { name: 'conferir', allowed: false, reason: 'role', issues: [] },
      { name: 'expedir', allowed: false, reason: 'role', issues: [] },
      { name: 'cancelar', allowed: false, reason: 'role', issues: [] },
    ]);
    const producao = await forRole('producao');
    expect(producao.filter((t: any) => t.allowed).map((t: any) => t.name)).toEqual(['sublimar']);
    expect(producao.find((t: any) => t.name === 'costurar')).toEqual({
      name: 'costurar',
      allowed: false,
      reason: 'conditions',
      issues: [{ path: 'sublimacao', message: 'registre a sublimação antes da costura' }],
    });
    const state = await as('designer').query('sgp.pedido.transitions', { id: pedido.id });
    expect(state).toMatchObject({ state: 'em_producao', version: pedido.version });
    expect(state.transitions.every((t: any) => !t.allowed)).toBe(true);
  });

  it('the model tells the UI the states, transitions and locked fields, and none of the server-side rules', async () => {
    const model = await as('vendedor').query('platform.model');
    const workflow = model.modules.find((m: any) => m.name === 'sgp').entities.pedido.workflow;
    expect(workflow.field).toBe('status');
    expect(workflow.states[0]).toEqual({ name: 'pendente', label: 'Pendente', color: 'amber' });
    expect(workflow.transitions.find((t: any) => t.name === 'sublimar')).toEqual({
      name: 'sublimar',
      label: 'Registrar sublimação',
      from: ['em_producao'],
      to: 'em_producao',
      roles: ['sublimacao', 'producao'],
      input: ['sublimacao_maquina', 'sublimacao_data_impressao'],
      comment: 'none',
    });
    expect(workflow.locked).toEqual(['status', 'financeiro', 'sublimacao', 'costura', 'conferencia', 'expedicao', 'pronto']);
    expect(JSON.stringify(workflow)).not.toMatch(/conditions|effects/);
  });
});

describe('two users at once', () => {
  it('two approvals fired together: exactly one wins, the other gets CONFLICT and leaves no trace', async () => {
    const second = await createUserAndLogin(platform.url, adminLogin.token, 'financeiro2@test.local', ['financeiro']);
    const pedido = await newPedido();
    const results = await Promise.allSettled([
      as('financeiro').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'aprovar' }),
      trpcApi(platform.url, second.token).mutate('sgp.pedido.transition', { id: pedido.id, transition: 'aprovar' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason.code).toBe('CONFLICT');
    expect(await historyRows(pedido.id)).toHaveLength(1);
    expect(await transitionAudits(pedido.id)).toHaveLength(1);
    expect((await admin.query('sgp.pedido.get', { id: pedido.id })).version).toBe(pedido.version + 1);
  });

  it('a stage registered twice from the same screen (same version): one wins, the other gets CONFLICT', async () => {
    const pedido = await pedidoAfter(aprovado);
    const results = await Promise.allSettled(
      (['sublimacao', 'producao'] as Role[]).map((role) =>
        as(role).mutate('sgp.pedido.transition', { id: pedido.id, transition: 'sublimar', version: pedido.version, input: sublimacaoInput(maquina) }),
      ),
    );
    expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : r.reason.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect(await historyRows(pedido.id)).toHaveLength(2);
  });
});

describe('live updates', () => {
  it('a transition emits one change event after commit to every reader of the pedido', async () => {
    const pedido = await newPedido();
    const socket: Socket = connectSocket(platform.url, {
      path: '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      auth: { token: users.designer.token },
    });
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
      const event = new Promise<any>((resolve) => socket.on('change', (e) => e.id === pedido.id && resolve(e)));
      const seen = event.then((e) => as('designer').query('sgp.pedido.get', { id: e.id }));
      await as('financeiro').mutate('sgp.pedido.transition', { id: pedido.id, transition: 'aprovar' });
      expect(await event).toStrictEqual({
        module: 'sgp',
        entity: 'pedido',
        id: pedido.id,
        op: 'transition',
        version: pedido.version + 1,
        by: users.financeiro.user.id,
      });
      expect((await seen).status).toBe('em_producao');
    } finally {
      socket.disconnect();
    }
  });
});
