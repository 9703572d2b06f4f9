/**
 * The `workflows` section of a manifest: each mistake is refused with the
 * file, the JSON pointer and what was expected, and a valid one compiles into
 * the entity's model.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildAppModel } from '../core/app/index.js';
import { issuesOf, makeRoot, removeRoots } from './support/manifestRoot.js';

const FILE = 'manifests/oficina.json';

afterAll(removeRoots);

type Draft = Record<string, any>;

/** A valid module with a workflow that uses every feature; tests break one thing each. */
function base(): Draft {
  return {
    module: 'oficina',
    label: 'Oficina',
    version: '1.0.0',
    roles: ['mecanico', 'caixa'],
    entities: {
      ordem: {
        label: 'Ordem de serviço',
        fields: {
          descricao: { type: 'string', required: true },
          fase: { type: 'enum', values: ['nova', 'em_reparo', 'pronta', 'paga'], default: 'nova' },
          valor: { type: 'decimal', precision: 10, scale: 2 },
          urgente: { type: 'boolean', default: false },
          mecanico: { type: 'relation', to: 'platform.user' },
          horas: { type: 'integer' },
          iniciada_em: { type: 'datetime' },
          paga_em: { type: 'date' },
          itens: { type: 'children', entity: 'peca' },
        },
      },
      peca: { label: 'Peça', fields: { ordem: { type: 'relation', to: 'ordem', required: true }, nome: { type: 'string' } } },
    },
    workflows: {
      ordem: {
        field: 'fase',
        initial: 'nova',
        states: { nova: { label: 'Nova', color: 'amber' }, em_reparo: {}, pronta: { color: 'green' }, paga: { color: 'teal' } },
        transitions: {
          iniciar: {
            from: 'nova',
            to: 'em_reparo',
            roles: ['mecanico'],
            effects: { now: ['iniciada_em'], currentUser: ['mecanico'], set: { urgente: false } },
          },
          concluir: {
            from: ['em_reparo'],
            to: 'pronta',
            roles: ['mecanico'],
            input: ['horas', 'valor'],
            conditions: [
              { field: 'valor', op: 'gt', value: 0 },
              { field: 'mecanico', op: 'set' },
            ],
          },
          receber: { from: 'pronta', to: 'paga', roles: ['caixa', 'admin'], comment: 'optional', effects: { now: ['paga_em'] } },
          reabrir: { from: '*', to: 'nova', comment: 'required' },
        },
      },
    },
  };
}

async function problemsWith(mutate: (m: Draft) => void, plugin?: string) {
  const manifest = base();
  mutate(manifest);
  return issuesOf(await makeRoot({ manifests: { 'oficina.json': manifest }, ...(plugin ? { plugins: { oficina: plugin } } : {}) }));
}

const issue = (path: string, message: string | RegExp, file = FILE) => ({
  file,
  path,
  message: typeof message === 'string' ? message : expect.stringMatching(message),
});
const W = '/workflows/ordem';

describe('a valid workflow', () => {
  it('compiles into the entity: labels from the state or the enum, "*" expanded, locked fields', async () => {
    const model = await buildAppModel({ root: await makeRoot({ manifests: { 'oficina.json': base() } }) });
    const workflow = model.entity('oficina.ordem').workflow!;
    expect(workflow.states).toEqual([
      { name: 'nova', label: 'Nova', color: 'amber' },
      { name: 'em_reparo', label: 'em_reparo', color: 'gray' },
      { name: 'pronta', label: 'pronta', color: 'green' },
      { name: 'paga', label: 'paga', color: 'teal' },
    ]);
    expect(workflow.transitions.reabrir!.from).toEqual(['em_reparo', 'pronta', 'paga']);
    expect(workflow.transitions.iniciar).toMatchObject({ label: 'iniciar', comment: 'none', input: [], roles: ['mecanico'] });
    expect(workflow.transitions.reabrir!.roles).toBeUndefined();
    expect(workflow.locked).toEqual(['fase', 'urgente', 'iniciada_em', 'mecanico', 'paga_em']);
  });
});

describe('workflow mistakes, each named by file and JSON pointer', () => {
  it.each<[string, (m: Draft) => void, ReturnType<typeof issue>[]]>([
    ['workflow for an unknown entity', (m) => (m.workflows.carro = m.workflows.ordem), [issue('/workflows/carro', 'workflow for unknown entity "carro"')]],
    [
      'workflow on an entity edited as children',
      (m) => (m.workflows.peca = { field: 'nome', initial: 'x', states: { x: {} }, transitions: { t: { from: 'x', to: 'x' } } }),
      [issue('/workflows/peca', '"peca" is edited inline as children of "ordem", which bypasses transitions; a workflow needs an entity saved on its own')],
    ],
    ['unknown state field', (m) => (m.workflows.ordem.field = 'etapa'), [issue(`${W}/field`, '"etapa" is not a field of "ordem"')]],
    [
      'state field that is not an enum',
      (m) => (m.workflows.ordem.field = 'descricao'),
      [issue(`${W}/field`, '"descricao" must be an enum field (it is string)')],
    ],
    [
      'a state that is not an enum value',
      (m) => (m.workflows.ordem.states.arquivada = {}),
      [issue(`${W}/states/arquivada`, 'state "arquivada" is not a value of the enum "fase" (nova, em_reparo, pronta, paga)')],
    ],
    [
      'an enum value without a state',
      (m) => delete m.workflows.ordem.states.paga,
      [issue(`${W}/states`, 'enum value "paga" of "fase" has no state'), issue(`${W}/transitions/receber/to`, 'unknown state "paga"')],
    ],
    ['unknown initial state', (m) => (m.workflows.ordem.initial = 'aberta'), [issue(`${W}/initial`, 'initial state "aberta" is not a state')]],
    [
      'initial state other than the enum default',
      (m) => (m.entities.ordem.fields.fase.default = 'pronta'),
      [issue(`${W}/initial`, 'initial state "nova" differs from the default "pronta" of "fase"; drop the default or make them equal')],
    ],
    [
      'transition from an unknown state',
      (m) => (m.workflows.ordem.transitions.concluir.from = ['em_reparo', 'parada']),
      [issue(`${W}/transitions/concluir/from/1`, 'unknown state "parada"')],
    ],
    [
      'transition to an unknown state',
      (m) => (m.workflows.ordem.transitions.receber.to = 'quitada'),
      [issue(`${W}/transitions/receber/to`, 'unknown state "quitada"'), issue(`${W}/states/paga`, /^state "paga" is unreachable/)],
    ],
    [
      '"*" inside a list',
      (m) => (m.workflows.ordem.transitions.reabrir.from = ['*']),
      [issue(`${W}/transitions/reabrir/from/0`, '"*" stands alone: write "from": "*"')],
    ],
    [
      'unreachable state',
      (m) => (m.workflows.ordem.transitions.receber.from = 'paga'),
      [issue(`${W}/states/paga`, 'state "paga" is unreachable: no chain of transitions leads to it from the initial state "nova"')],
    ],
    [
      'role not declared',
      (m) => (m.workflows.ordem.transitions.receber.roles = ['caixa', 'gerente']),
      [issue(`${W}/transitions/receber/roles/1`, 'role "gerente" is not declared in "roles"')],
    ],
    [
      'condition on an unknown field',
      (m) => (m.workflows.ordem.transitions.concluir.conditions[0].field = 'preco'),
      [issue(`${W}/transitions/concluir/conditions/0/field`, 'condition field "preco" is not a field of "ordem"')],
    ],
    [
      'condition value of the wrong type',
      (m) => (m.workflows.ordem.transitions.concluir.conditions[0].value = 'caro'),
      [issue(`${W}/transitions/concluir/conditions/0/value`, '"caro" is not a valid value of "valor" (a decimal)')],
    ],
    [
      'ordering a boolean',
      (m) => (m.workflows.ordem.transitions.concluir.conditions[0] = { field: 'urgente', op: 'gt', value: true }),
      [issue(`${W}/transitions/concluir/conditions/0/op`, 'operator "gt" does not apply to a boolean field')],
    ],
    [
      'comparison without a value',
      (m) => (m.workflows.ordem.transitions.concluir.conditions[0] = { field: 'horas', op: 'eq' }),
      [issue(`${W}/transitions/concluir/conditions/0`, 'operator "eq" needs a "value"')],
    ],
    [
      '"set" with a value',
      (m) => (m.workflows.ordem.transitions.concluir.conditions[1].value = 3),
      [issue(`${W}/transitions/concluir/conditions/1/value`, 'operator "set" takes no value')],
    ],
    [
      'input of an unknown field',
      (m) => (m.workflows.ordem.transitions.concluir.input = ['horas', 'km']),
      [issue(`${W}/transitions/concluir/input/1`, 'input field "km" is not a field of "ordem"')],
    ],
    [
      'input of children',
      (m) => (m.workflows.ordem.transitions.concluir.input = ['itens']),
      [issue(`${W}/transitions/concluir/input/0`, 'input field "itens" must be a field the user can fill in (it is children)')],
    ],
    [
      'input of the state field',
      (m) => (m.workflows.ordem.transitions.concluir.input = ['fase']),
      [issue(`${W}/transitions/concluir/input/0`, 'input field "fase" is the workflow\'s state field; it changes through "to"')],
    ],
    [
      'effect set on an unknown field',
      (m) => (m.workflows.ordem.transitions.iniciar.effects.set = { prioridade: 1 }),
      [issue(`${W}/transitions/iniciar/effects/set/prioridade`, 'effect field "prioridade" is not a field of "ordem"')],
    ],
    [
      'effect set of the wrong type',
      (m) => (m.workflows.ordem.transitions.iniciar.effects.set = { urgente: 'sim' }),
      [issue(`${W}/transitions/iniciar/effects/set/urgente`, '"sim" is not a valid value of "urgente" (a boolean)')],
    ],
    [
      'effect set of null on a required field',
      (m) => (m.workflows.ordem.transitions.iniciar.effects.set = { descricao: null }),
      [issue(`${W}/transitions/iniciar/effects/set/descricao`, 'null is not a valid value of "descricao" (a string)')],
    ],
    [
      '"now" on a non-date field',
      (m) => (m.workflows.ordem.transitions.receber.effects.now = ['horas']),
      [issue(`${W}/transitions/receber/effects/now/0`, '"now" needs a date or datetime field ("horas" is integer)')],
    ],
    [
      '"currentUser" on a field that cannot hold a user',
      (m) => (m.workflows.ordem.transitions.iniciar.effects.currentUser = ['descricao']),
      [issue(`${W}/transitions/iniciar/effects/currentUser/0`, '"currentUser" needs a relation to platform.user or an integer field ("descricao" is string)')],
    ],
    [
      'an action without a plugin',
      (m) => (m.workflows.ordem.transitions.receber.effects.action = 'emitirRecibo'),
      [issue(`${W}/transitions/receber/effects/action`, 'action "emitirRecibo" is not defined in a plugin (this module has none)')],
    ],
    [
      'schema: unknown comment mode',
      (m) => (m.workflows.ordem.transitions.reabrir.comment = 'sempre'),
      [issue(`${W}/transitions/reabrir/comment`, 'must be one of ["required","optional"]')],
    ],
    ['schema: unknown colour', (m) => (m.workflows.ordem.states.nova.color = 'pink'), [issue(`${W}/states/nova/color`, /^must be one of \["gray","blue"/)]],
    [
      'schema: transition without "to"',
      (m) => delete m.workflows.ordem.transitions.reabrir.to,
      [issue(`${W}/transitions/reabrir`, 'missing required property "to"')],
    ],
  ])('%s', async (_name, mutate, expected) => {
    expect(await problemsWith(mutate)).toEqual(expected);
  });

  it('an action the plugin does not define; one it defines loads', async () => {
    const withAction = (m: Draft) => (m.workflows.ordem.transitions.receber.effects.action = 'emitirRecibo');
    expect(await problemsWith(withAction, `export default { module: 'oficina', workflowActions: { outra: () => {} } };\n`)).toEqual([
      issue(`${W}/transitions/receber/effects/action`, `action "emitirRecibo" is not defined in the plugin's workflowActions`),
    ]);
    const manifest = base();
    withAction(manifest);
    const root = await makeRoot({
      manifests: { 'oficina.json': manifest },
      plugins: { oficina: `export default { module: 'oficina', workflowActions: { emitirRecibo: () => {} } };\n` },
    });
    expect((await buildAppModel({ root })).entity('oficina.ordem').workflow!.transitions.receber!.effects.action).toBe('emitirRecibo');
  });
});
