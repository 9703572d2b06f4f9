/**
 * The UI's eval-free schema checker must agree with ajv (the server's
 * validator) on the schemas platform.model publishes: same verdict, same paths.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppModel } from '../../core/app/index.js';
import { describeModelFor } from '../../core/api/describeModel.js';
import { ROOT } from '../support/testPlatform.js';
import { checkSchema } from '../../ui/src/form/schemaCheck.js';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);

let schemas: { create: Record<string, unknown>; update: Record<string, unknown> };

beforeAll(async () => {
  const app = await buildAppModel({ root: ROOT });
  const model = JSON.parse(JSON.stringify(describeModelFor(app, { id: 1, email: 'a@x', name: 'A', roles: ['admin'] }, 'America/Sao_Paulo')));
  schemas = model.modules.find((m: any) => m.name === 'sgp').entities.pedido.schemas;
});

const item = { descricao: 'Painel', largura: '1.5', altura: '2', quantidade: 1, valor_unitario: '10.00' };
const cases: [string, 'create' | 'update', unknown][] = [
  ['a complete pedido', 'create', { data: { cliente: 1, data_entrada: '2026-11-23', itens: [item] } }],
  ['missing cliente', 'create', { data: { data_entrada: '2026-11-23' } }],
  ['a string for a relation id', 'create', { data: { cliente: 'um' } }],
  ['an unknown field', 'create', { data: { cliente: 1, cor: 'azul' } }],
  ['a value outside the enum', 'create', { data: { cliente: 1, status: 'perdido' } }],
  ['null for an optional enum', 'update', { id: 1, data: { prioridade: null } }],
  ['too many decimal places', 'create', { data: { cliente: 1, valor_frete: '1.234' } }],
  ['a decimal as a number', 'create', { data: { cliente: 1, valor_frete: 12.5 } }],
  ['an impossible date', 'create', { data: { cliente: 1, data_entrega: '2026-02-30' } }],
  ['a date in the wrong format', 'create', { data: { cliente: 1, data_entrega: '30/11/2026' } }],
  ['an item with a bad quantity and an unknown field', 'create', { data: { cliente: 1, itens: [{ ...item, quantidade: 0, cor: 1 }] } }],
  ['an update without data', 'update', { id: 1 }],
  ['a numero too long', 'update', { id: 1, data: { numero: 'x'.repeat(40) } }],
];

describe('checkSchema agrees with ajv', () => {
  it.each(cases)('%s', (_name, kind, input) => {
    const validate = ajv.compile(schemas[kind]);
    const ajvValid = validate(input);
    const ajvPaths = new Set((validate.errors ?? []).map((e) => e.instancePath + (e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : '')));
    const errors = checkSchema(schemas[kind], input);
    const ourPaths = new Set(errors.map((e) => e.instancePath + (e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : '')));
    expect(errors.length === 0).toBe(ajvValid);
    expect(ourPaths).toEqual(ajvPaths);
  });
});
