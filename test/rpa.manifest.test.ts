/**
 * The rpa module's data rules through the real API: CNPJ and CPF stored as
 * digits and refused with a wrong check digit, mês/ano as MM/AAAA, the
 * cliente's hash_unico, the composite unique keys, and the demo seed
 * (idempotent, valid CNPJs, this month's processos).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ADMIN, login, type TestPlatform } from './support/testPlatform.js';
import { startRpaPlatform } from './support/rpaPlatform.js';
import { expectApiError, issuePaths, trpcApi, type Api } from './support/api.js';
import { waitFor } from './support/schedulerFixture.js';
import { CNPJ, CPF, formatTaxId, isValidTaxId, withCheckDigits } from '../core/values/taxId.js';

let platform: TestPlatform;
let admin: Api;
let operadora: number;

const CNPJ_OK = withCheckDigits(CNPJ, '112223330001'); // 11222333000181
const CPF_OK = '52998224725';

beforeAll(async () => {
  platform = await startRpaPlatform({ SEED: 'true' });
  admin = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
  operadora = (await admin.mutate('rpa.operadora.create', { data: { nome: 'Operadora Teste', codigo: 'TESTE' } })).id;
}, 120_000);

afterAll(async () => {
  await platform?.close();
});

const cliente = (data: Record<string, unknown>) =>
  admin.mutate('rpa.cliente.create', { data: { razao_social: 'Cliente', cnpj: CNPJ_OK, operadora, unidade: 'MATRIZ', servico: 'MOVEL', ...data } });

describe('CNPJ and CPF check digits', () => {
  it('computes and checks the modulo-11 digits', () => {
    expect(CNPJ_OK).toBe('11222333000181');
    expect(isValidTaxId(CNPJ, '11222333000181')).toBe(true);
    expect(isValidTaxId(CNPJ, '11222333000182')).toBe(false);
    expect(isValidTaxId(CNPJ, '00000000000000')).toBe(false);
    expect(isValidTaxId(CPF, CPF_OK)).toBe(true);
    expect(isValidTaxId(CPF, '52998224726')).toBe(false);
    expect(isValidTaxId(CPF, '11111111111')).toBe(false);
    expect(formatTaxId(CNPJ, CNPJ_OK)).toBe('11.222.333/0001-81');
    expect(formatTaxId(CPF, CPF_OK)).toBe('529.982.247-25');
  });

  it('stores the digits of a punctuated CNPJ and CPF, and finds them by their digits', async () => {
    const row = await cliente({ cnpj: '11.222.333/0001-81', cpf: '529.982.247-25', servico: 'PONTUADO' });
    expect(row.cnpj).toBe(CNPJ_OK);
    expect(row.cpf).toBe(CPF_OK);
    const found = await admin.query('rpa.cliente.list', { filter: { cnpj: '11.222.333/0001-81', servico: 'PONTUADO' } });
    expect(found.rows.map((r: { id: number }) => r.id)).toEqual([row.id]);
  });

  it.each([
    ['cnpj', { cnpj: '11222333000182' }],
    ['cnpj', { cnpj: '1122233300018' }],
    ['cnpj', { cnpj: '11.222.333/0001' }],
    ['cpf', { cpf: '52998224726' }],
    ['cpf', { cpf: '529.982.247' }],
  ])('refuses a bad %s %j naming the field', async (field, data) => {
    const error = await expectApiError(cliente({ ...data, servico: `RUIM-${Math.random()}` }), 'BAD_REQUEST');
    expect(issuePaths(error)).toContain(`data.${field}`);
  });
});

describe('hash_unico', () => {
  it('is the SHA-256 of CNPJ, operadora, unidade and serviço, kept up to date', async () => {
    const row = await cliente({ servico: 'HASH' });
    const hash = (servico: string) => createHash('sha256').update([CNPJ_OK, operadora, 'MATRIZ', servico].join('|')).digest('hex');
    expect(row.hash_unico).toBe(hash('HASH'));
    const updated = await admin.mutate('rpa.cliente.update', { id: row.id, data: { servico: 'HASH2' }, version: row.version });
    expect(updated.hash_unico).toBe(hash('HASH2'));
  });
});

describe('composite unique keys', () => {
  it('refuses a second cliente with the same CNPJ, operadora, unidade and serviço, naming each field', async () => {
    await cliente({ servico: 'UNICO' });
    const error = await expectApiError(cliente({ servico: 'UNICO', razao_social: 'Outra razão' }), 'BAD_REQUEST');
    expect(issuePaths(error)).toEqual(expect.arrayContaining(['data.cnpj', 'data.operadora', 'data.unidade', 'data.servico']));
    await cliente({ servico: 'UNICO', unidade: 'FILIAL' });
  });

  it('refuses a second processo of a cliente for the same month', async () => {
    const { id } = await cliente({ servico: 'MES-UNICO' });
    await admin.mutate('rpa.processo.create', { data: { cliente: id, mes_ano: '02/2026' } });
    const error = await expectApiError(admin.mutate('rpa.processo.create', { data: { cliente: id, mes_ano: '02/2026' } }), 'BAD_REQUEST');
    expect(issuePaths(error)).toEqual(expect.arrayContaining(['data.cliente', 'data.mes_ano']));
    await admin.mutate('rpa.processo.create', { data: { cliente: id, mes_ano: '03/2026' } });
  });
});

describe('processo', () => {
  it.each(['13/2026', '1/2026', '2026-01', '00/2026', '01/26'])('refuses mês/ano %s', async (mes_ano) => {
    const { id } = await cliente({ servico: `MES-${mes_ano}` });
    const error = await expectApiError(admin.mutate('rpa.processo.create', { data: { cliente: id, mes_ano } }), 'BAD_REQUEST');
    expect(issuePaths(error)).toContain('data.mes_ano');
  });

  it('starts AGUARDANDO_DOWNLOAD and moves only through its workflow', async () => {
    const { id } = await cliente({ servico: 'FLUXO' });
    const processo = await admin.mutate('rpa.processo.create', { data: { cliente: id, mes_ano: '01/2026' } });
    expect(processo.status).toBe('AGUARDANDO_DOWNLOAD');
    await expectApiError(admin.mutate('rpa.processo.update', { id: processo.id, data: { status: 'UPLOAD_REALIZADO' } }), 'BAD_REQUEST');
    const error = await expectApiError(admin.mutate('rpa.processo.transition', { id: processo.id, transition: 'receber_fatura' }), 'BAD_REQUEST');
    expect(issuePaths(error)).toContain('fatura');
  });
});

describe('demo seed', () => {
  it('has the stand-in operadoras, clientes with valid CNPJs and processos of this month for the active ones', async () => {
    const operadoras = await admin.query('rpa.operadora.list', { pageSize: 200 });
    expect(operadoras.rows.map((o: { codigo: string }) => o.codigo)).toEqual(
      expect.arrayContaining(['VIVO', 'OI', 'EMBRATEL', 'DIGITALNET', 'FALHA', 'TRAVA', 'INSTAVEL']),
    );
    const clientes = await admin.query('rpa.cliente.list', { filter: { operadora: { ne: operadora } }, pageSize: 200 });
    expect(clientes.rows.length).toBeGreaterThanOrEqual(10);
    for (const c of clientes.rows) expect(isValidTaxId(CNPJ, c.cnpj)).toBe(true);
    // This month where the business runs (TIME_ZONE), as the dashboard answers it.
    const { mes_ano: mes } = await admin.query('rpa.painel', {});
    const processos = await admin.query('rpa.processo.list', { filter: { mes_ano: mes }, pageSize: 200 });
    const ativos = clientes.rows.filter((c: { ativo: boolean }) => c.ativo);
    expect(processos.rows.map((p: { cliente: number }) => p.cliente).sort()).toEqual(ativos.map((c: { id: number }) => c.id).sort());
  });

  it("has last month's processos in every state, with their invoices, and a failed download this month", async () => {
    const { mes_ano: mes, falhas } = await admin.query('rpa.painel', {});
    const [m, y] = mes.split('/').map(Number);
    const anterior = m === 1 ? `12/${y - 1}` : `${String(m - 1).padStart(2, '0')}/${y}`;
    const { rows } = await admin.query('rpa.processo.list', { filter: { mes_ano: anterior }, pageSize: 200 });
    const count = (status: string) => rows.filter((p: { status: string }) => p.status === status).length;
    expect([count('UPLOAD_REALIZADO'), count('AGUARDANDO_ENVIO_SAT'), count('AGUARDANDO_APROVACAO')]).toEqual([2, 2, 2]);
    for (const p of rows.filter((r: { status: string }) => r.status !== 'AGUARDANDO_DOWNLOAD')) expect(p._files.fatura.type).toBe('application/pdf');
    expect(falhas).toEqual([expect.objectContaining({ status: 'FALHOU', tipo: 'DOWNLOAD_FATURA' })]);
  });
});

describe('CRIAR_PROCESSOS_MENSAIS', () => {
  it('creates one processo per active cliente for the month, and a second run creates none', async () => {
    const { rows } = await admin.query('platform.schedule.list', { filter: { name: 'rpa.criar_processos_mensais' } });
    const schedule = await admin.mutate('platform.schedule.update', { id: rows[0].id, data: { params: { mes_ano: '05/2031' } }, version: rows[0].version });
    const ativos = (await admin.query('rpa.cliente.list', { filter: { ativo: true }, pageSize: 200 })).total;
    const runs = async () => (await admin.query('platform.schedule_run.list', { filter: { schedule: schedule.id }, sort: 'id' })).rows as any[];
    for (const expected of [1, 2]) {
      await admin.mutate('platform.schedule_run_now', { id: schedule.id });
      const run = await waitFor(async () => {
        const all = await runs();
        return all.length === expected && all[expected - 1].status !== 'running' ? all[expected - 1] : undefined;
      });
      expect(run.status).toBe('succeeded');
      expect(run.output).toContain(expected === 1 ? `${ativos} processo(s) criado(s), 0 já` : `0 processo(s) criado(s), ${ativos} já`);
    }
    const processos = await admin.query('rpa.processo.list', { filter: { mes_ano: '05/2031' }, pageSize: 200 });
    expect(processos.total).toBe(ativos);
    expect(processos.rows.every((p: { criado_automaticamente: boolean }) => p.criado_automaticamente)).toBe(true);
  }, 60_000);
});
