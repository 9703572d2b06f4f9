/**
 * Form values → API data → validation with the schemas platform.model
 * publishes (built here from the real manifests, exactly as the server does),
 * and server BAD_REQUEST issues → form fields.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppModel } from '../../core/app/index.js';
import { describeModelFor } from '../../core/api/describeModel.js';
import { ROOT } from '../support/testPlatform.js';
import { toFormValues, toRecordData, newChildRow, type FormContext, type FormValues } from '../../ui/src/form/formValues.js';
import { validateInput } from '../../ui/src/form/schemaValidation.js';
import { serverIssuesToFieldIssues } from '../../ui/src/form/serverIssues.js';
import { findEntityByKey } from '../../ui/src/model/entityLookup.js';
import { separatorsOf } from '../../ui/src/i18n/locale.js';
import type { AppModelDescription, EntityDescription, RecordRow } from '../../ui/src/model/modelTypes.js';

let model: AppModelDescription;
let pedido: EntityDescription;
let ctx: FormContext;

beforeAll(async () => {
  const app = await buildAppModel({ root: ROOT });
  // The same JSON the UI receives from platform.model.
  model = JSON.parse(JSON.stringify(describeModelFor(app, { id: 1, email: 'a@x', name: 'A', roles: ['admin'] }, 'America/Sao_Paulo'))) as AppModelDescription;
  pedido = findEntityByKey(model, 'sgp.pedido')!;
  ctx = { sep: separatorsOf('pt-BR'), childEntity: (key) => findEntityByKey(model, key), today: '2024-05-20', now: '2024-05-20T12:00:00.000Z' };
});

function newPedido(): FormValues {
  return toFormValues(pedido, null, ctx);
}

describe('form values of a new record', () => {
  it('start from the manifest defaults, dates in dd/mm/aaaa', () => {
    const values = newPedido();
    expect(values.data_entrada).toBe('20/05/2024');
    expect(values.valor_frete).toBe('0');
    expect(values.prioridade).toBe('NORMAL');
    expect(values.cliente).toEqual({ id: null, label: '' });
    expect(values.itens).toEqual([]);
    expect(values).not.toHaveProperty('valor_total');
  });

  it('leave out what only workflow transitions change: the form shows it, never sends it', () => {
    const values = newPedido();
    for (const locked of ['status', 'financeiro', 'sublimacao', 'costura', 'conferencia', 'expedicao', 'pronto']) expect(values).not.toHaveProperty(locked);
    expect(values).toHaveProperty('sublimacao_maquina');
    const { data } = toRecordData(pedido, { ...values, cliente: { id: 3, label: 'ACME' } }, ctx, 'create');
    expect(data).not.toHaveProperty('status');
  });
});

describe('schema-driven validation', () => {
  it('finds a missing required relation and a bad child row, at their form paths', () => {
    const values = newPedido();
    const item = newChildRow(findEntityByKey(model, 'sgp.item_pedido')!, 'pedido', ctx);
    values.itens = [
      { ...item, descricao: 'Banner', quantidade: '2', valor_unitario: '1.234,56' },
      { ...item, descricao: '', quantidade: '0' },
    ];
    const { data, issues } = toRecordData(pedido, values, ctx, 'create');
    // New child rows: the schema cannot say which item fields are required (rows with an id send only changes); the form can.
    expect(issues).toEqual([
      { path: 'cliente', key: 'required' },
      { path: 'itens.1.descricao', key: 'required' },
    ]);
    expect(data.itens).toEqual([
      { descricao: 'Banner', quantidade: 2, valor_unitario: '1234.56', acabamento: 'nenhum', emenda: 'sem_emenda' },
      { quantidade: 0, acabamento: 'nenhum', emenda: 'sem_emenda' },
    ]);
    const found = validateInput(pedido.schemas.create, { data });
    expect(found).toContainEqual({ path: 'cliente', key: 'required' });
    expect(found).toContainEqual({ path: 'itens.1.quantidade', key: 'tooSmall', params: { limit: 1 } });
  });

  it('passes a complete pedido and keeps decimals as exact strings', () => {
    const values = { ...newPedido(), cliente: { id: 3, label: 'ACME' }, valor_frete: '12.345.678.901,23' };
    const { data, issues } = toRecordData(pedido, values, ctx, 'create');
    expect(issues).toEqual([]);
    expect(data.valor_frete).toBe('12345678901.23');
    expect(validateInput(pedido.schemas.create, { data })).toEqual([]);
  });

  it('reports text that cannot be converted before the schema is even asked', () => {
    const values = { ...newPedido(), cliente: { id: 3, label: 'ACME' }, valor_frete: '12,345', data_entrega: '31/02/2024' };
    const { issues } = toRecordData(pedido, values, ctx, 'create');
    expect(issues).toEqual([
      { path: 'data_entrega', key: 'invalidDate' },
      { path: 'valor_frete', key: 'tooManyDecimals', params: { scale: 2 } },
    ]);
  });

  it('catches schema rules: length, pattern, e-mail format', () => {
    const cliente = findEntityByKey(model, 'sgp.cliente')!;
    const values = { ...toFormValues(cliente, null, ctx), nome: 'x'.repeat(151), estado: 'sp', email: 'not-an-email', documento: '123' };
    const { data } = toRecordData(cliente, values, ctx, 'create');
    const found = validateInput(cliente.schemas.create, { data });
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'nome', key: 'tooLong', params: { limit: 150 } },
        { path: 'estado', key: 'invalidFormat' },
        { path: 'email', key: 'invalidEmail' },
        { path: 'documento', key: 'invalidFormat' },
      ]),
    );
  });

  it('an update sends only what changed, null for a cleared field, children whole with their ids', () => {
    const record: RecordRow = {
      id: 7,
      version: 3,
      numero: '000007',
      data_entrada: '2024-05-01',
      data_entrega: '2024-05-10',
      prioridade: 'NORMAL',
      status: 'pendente',
      cliente: 3,
      valor_frete: '10.00',
      financeiro: false,
      observacao: 'antes',
      _display: { cliente: 'ACME' },
      itens: [{ id: 70, version: 1, pedido: 7, descricao: 'A', quantidade: 1, valor_unitario: '5.00', acabamento: 'nenhum', emenda: 'sem_emenda' }],
    };
    const initial = toFormValues(pedido, record, ctx);
    expect(initial.cliente).toEqual({ id: 3, label: 'ACME' });
    expect(initial.valor_frete).toBe('10,00');
    const unchanged = toRecordData(pedido, initial, ctx, 'update', initial);
    expect(unchanged).toEqual({ data: {}, issues: [] });
    const itens = [...(initial.itens as FormValues[])];
    itens[0] = { ...itens[0], quantidade: '4' };
    const edited = {
      ...initial,
      observacao: '',
      valor_frete: '10,5',
      itens: [...itens, { ...newChildRow(findEntityByKey(model, 'sgp.item_pedido')!, 'pedido', ctx), descricao: 'B' }],
    };
    const { data, issues } = toRecordData(pedido, edited, ctx, 'update', initial);
    expect(issues).toEqual([]);
    expect(data).toMatchObject({ observacao: null, valor_frete: '10.5' });
    expect(Object.keys(data).sort()).toEqual(['itens', 'observacao', 'valor_frete']);
    expect((data.itens as Record<string, unknown>[])[0]).toMatchObject({ id: 70, quantidade: 4, descricao: 'A' });
    expect((data.itens as Record<string, unknown>[])[1]).toEqual({ descricao: 'B', quantidade: 1, acabamento: 'nenhum', emenda: 'sem_emenda' });
    expect(validateInput(pedido.schemas.update, { id: 7, data, version: 3 })).toEqual([]);
  });
});

describe('server issues → form fields', () => {
  it('maps BAD_REQUEST paths onto form paths and known messages onto message keys', () => {
    expect(
      serverIssuesToFieldIssues([
        { path: 'data.cliente', message: 'is required' },
        { path: 'data.itens.0.descricao', message: 'is required' },
        { path: 'data.itens.1.quantidade', message: 'must be >= 1' },
        { path: 'data.numero', message: '000123 already exists' },
        { path: 'data.cliente', message: 'no Cliente with id 99' },
        { path: 'data.forma_envio', message: 'no Forma de envio with id 5' },
        { path: 'data', message: 'something about the whole record' },
        { path: 'data.observacao', message: 'a message the UI does not know' },
      ]),
    ).toEqual([
      { path: 'cliente', key: 'required' },
      { path: 'itens.0.descricao', key: 'required' },
      { path: 'itens.1.quantidade', key: 'tooSmall', params: { limit: '1' } },
      { path: 'numero', key: 'alreadyExists' },
      { path: 'forma_envio', key: 'notFound' },
      { path: '', key: 'server', params: { text: 'something about the whole record' } },
      { path: 'observacao', key: 'server', params: { text: 'a message the UI does not know' } },
    ]);
  });
});
