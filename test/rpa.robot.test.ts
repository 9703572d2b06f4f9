/**
 * The rpa module against the robot stand-in (plugins/rpa/robot-stand-in), on
 * a real server: a download that completes stores the invoice and waits for
 * approval; approval refused for OPERADOR and taken by APROVADOR; the SAT
 * upload sends the seed's payload and ends UPLOAD_REALIZADO; a failing robot
 * is retried and ends FALHOU; a hanging one ends TIMEOUT while another
 * processo's download completes; a flaky one (503 once) completes; manual
 * upload; cancelling; the dashboard; the portal password never leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, trpcApi, type Api } from './support/api.js';
import { waitFor } from './support/schedulerFixture.js';
import { startRobotStandIn, type RobotStandIn } from '../plugins/rpa/robot-stand-in/index.js';
import { CNPJ, withCheckDigits } from '../core/values/taxId.js';

const TOKEN = 'token-do-robo-de-teste';
const SENHA = 'S3nha-do-Portal!';
const MES = '03/2026';

let robot: RobotStandIn;
let platform: TestPlatform;
let admin: Api;
let operador: Api;
let aprovador: Api;
let operadorToken: string;
let aprovadorId: number;
let operadorId: number;
const operadoras: Record<string, number> = {};
let serial = 0;

beforeAll(async () => {
  robot = await startRobotStandIn({ token: TOKEN, stepMs: 15 });
  platform = await startTestPlatform({
    RPA_ROBOT_URL: robot.url,
    RPA_ROBOT_TOKEN: TOKEN,
    RPA_POLL_MS: '20',
    RPA_DOWNLOAD_TIMEOUT_SECONDS: '20',
    RPA_SAT_TIMEOUT_SECONDS: '20',
    RPA_MAX_ATTEMPTS: '2',
    RPA_RETRY_DELAY_MS: '50',
  });
  const adminToken = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
  admin = trpcApi(platform.url, adminToken);
  const op = await createUserAndLogin(platform.url, adminToken, 'operador@rpa.test', ['rpa_operador']);
  const ap = await createUserAndLogin(platform.url, adminToken, 'aprovador@rpa.test', ['rpa_aprovador']);
  [operador, aprovador, operadorToken, operadorId, aprovadorId] = [
    trpcApi(platform.url, op.token),
    trpcApi(platform.url, ap.token),
    op.token,
    op.user.id,
    ap.user.id,
  ];
  for (const codigo of ['VIVO', 'FALHA', 'TRAVA', 'INSTAVEL'])
    operadoras[codigo] = (await admin.mutate('rpa.operadora.create', { data: { nome: `Operadora ${codigo}`, codigo, classe_rpa: `${codigo}RPA` } })).id;
}, 120_000);

afterAll(async () => {
  await platform?.close();
  await robot?.close();
});

/** A new cliente of `codigo`'s operadora with this month's processo. */
async function novoProcesso(codigo: string): Promise<{ cliente: any; processo: any }> {
  serial++;
  const cliente = await admin.mutate('rpa.cliente.create', {
    data: {
      razao_social: `Cliente ${codigo} ${serial}`,
      nome_sat: `CLIENTE ${codigo} ${serial}`,
      cnpj: withCheckDigits(CNPJ, `${String(10_000_000 + serial)}0001`),
      operadora: operadoras[codigo],
      unidade: 'MATRIZ',
      servico: 'MOVEL',
      filtro: `MOVEL ${serial}`,
      dados_sat: `SAT-${serial}`,
      login_portal: `login${serial}@cliente.test`,
      senha_portal: SENHA,
    },
  });
  const processo = await operador.mutate('rpa.processo.create', { data: { cliente: cliente.id, mes_ano: MES } });
  return { cliente, processo };
}

const processo = (id: number) => admin.query('rpa.processo.get', { id });
const execucoes = async (id: number) => (await admin.query('rpa.execucao.list', { filter: { processo: id }, sort: 'id' })).rows as any[];

/** The execuções of a processo once the last one has ended (no longer running or about to try again). */
function finished(id: number, count: number) {
  return waitFor(
    async () => {
      const rows = await execucoes(id);
      return rows.length >= count && rows.every((e) => !['EXECUTANDO'].includes(e.status)) && rows.at(-1)!.status !== 'TENTANDO_NOVAMENTE' ? rows : undefined;
    },
    150_000,
    `the execuções of processo ${id}`,
  );
}

const robotJobsFor = (cnpj: string, kind: 'download' | 'sat') => robot.jobs.all().filter((j) => j.kind === kind && j.payload.cnpj === cnpj);

describe('download → approval → SAT', () => {
  let alvo: { cliente: any; processo: any };

  beforeAll(async () => {
    alvo = await novoProcesso('VIVO');
  });

  it('downloads the invoice: PDF stored, vencimento and valor set, processo AGUARDANDO_APROVACAO, execução CONCLUIDO with the robot log', async () => {
    const { runId } = await operador.mutate('rpa.baixar_fatura', { id: alvo.processo.id });
    expect(runId).toEqual(expect.any(Number));
    const [execucao] = await finished(alvo.processo.id, 1);
    expect(execucao).toMatchObject({
      tipo: 'DOWNLOAD_FATURA',
      status: 'CONCLUIDO',
      tentativa: 1,
      run: runId,
      executado_por: operadorId,
      classe_rpa: 'VIVORPA',
    });
    const [job] = robotJobsFor(alvo.cliente.cnpj, 'download');
    expect(job!.payload).toMatchObject({
      cnpj: alvo.cliente.cnpj,
      login: alvo.cliente.login_portal,
      senha: SENHA,
      mes_ano: MES,
      unidade: 'MATRIZ',
      servico: 'MOVEL',
    });
    expect(execucao.job_id).toBe(job!.id);
    expect(execucao.ip).toMatch(/127\.0\.0\.1/);
    expect(execucao.user_agent).toEqual(expect.any(String));
    expect(execucao.parametros).not.toHaveProperty('senha');
    expect(JSON.stringify(execucao)).not.toContain(SENHA);
    expect(execucao.log).toContain(job!.logs.at(-1)!.message);
    const after = await processo(alvo.processo.id);
    const result = job!.result as { data_vencimento: string; valor: string; nome_arquivo: string };
    expect(after).toMatchObject({
      status: 'AGUARDANDO_APROVACAO',
      vencimento: result.data_vencimento,
      valor: result.valor,
      tentativas_download: 1,
      upload_manual: false,
    });
    expect(after._files.fatura).toMatchObject({ name: result.nome_arquivo, type: 'application/pdf', size: job!.pdf!.length });
    const file = await fetch(`${platform.url}/files/rpa/processo/${alvo.processo.id}/fatura`, { headers: { authorization: `Bearer ${operadorToken}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(job!.pdf!)).toBe(true);
  }, 180_000);

  it('refuses approval to OPERADOR and lets APROVADOR approve', async () => {
    await expectApiError(operador.mutate('rpa.processo.transition', { id: alvo.processo.id, transition: 'aprovar' }), 'FORBIDDEN');
    expect((await processo(alvo.processo.id)).status).toBe('AGUARDANDO_APROVACAO');
    const approved = await aprovador.mutate('rpa.processo.transition', { id: alvo.processo.id, transition: 'aprovar' });
    expect(approved).toMatchObject({ status: 'AGUARDANDO_ENVIO_SAT', aprovado_por: aprovadorId });
    expect(approved.aprovado_em).toEqual(expect.any(String));
  });

  it('sends to the SAT with the seed payload and ends UPLOAD_REALIZADO', async () => {
    const before = await processo(alvo.processo.id);
    await operador.mutate('rpa.enviar_sat', { id: alvo.processo.id });
    const rows = await finished(alvo.processo.id, 2);
    expect(rows[1]).toMatchObject({ tipo: 'UPLOAD_SAT', status: 'CONCLUIDO', executado_por: operadorId });
    const [sat] = robotJobsFor(alvo.cliente.cnpj, 'sat');
    expect(sat!.payload).toEqual({
      cnpj: alvo.cliente.cnpj,
      razao: alvo.cliente.razao_social,
      operadora: 'VIVO',
      nome_filtro: alvo.cliente.filtro,
      unidade: 'MATRIZ',
      servico: 'MOVEL',
      dados_sat: alvo.cliente.dados_sat,
      nome_arquivo: before._files.fatura.name,
      data_vencimento: before.vencimento,
    });
    expect(rows[1].parametros).toEqual(sat!.payload);
    const after = await processo(alvo.processo.id);
    expect(after).toMatchObject({ status: 'UPLOAD_REALIZADO', enviado_sat: true, tentativas_upload: 1 });
    expect(after.enviado_sat_em).toEqual(expect.any(String));
  }, 180_000);

  it('refuses a download or SAT upload the processo is not ready for', async () => {
    await expectApiError(operador.mutate('rpa.baixar_fatura', { id: alvo.processo.id }), 'CONFLICT');
    await expectApiError(operador.mutate('rpa.enviar_sat', { id: alvo.processo.id }), 'CONFLICT');
    const fresh = await novoProcesso('VIVO');
    await expectApiError(operador.mutate('rpa.enviar_sat', { id: fresh.processo.id }), 'CONFLICT');
    await expectApiError(aprovador.mutate('rpa.baixar_fatura', { id: fresh.processo.id }), 'FORBIDDEN');
  });
});

describe('robots that fail, hang or stutter', () => {
  it('retries a failing robot, then ends FALHOU with the error kept', async () => {
    const { processo: p } = await novoProcesso('FALHA');
    await operador.mutate('rpa.baixar_fatura', { id: p.id });
    const rows = await finished(p.id, 2);
    expect(rows.map((e) => [e.tentativa, e.status])).toEqual([
      [1, 'TENTANDO_NOVAMENTE'],
      [2, 'FALHOU'],
    ]);
    for (const e of rows) expect(e.erro.mensagem).toMatch(/O robô falhou: .+/);
    expect(await processo(p.id)).toMatchObject({ status: 'AGUARDANDO_DOWNLOAD', tentativas_download: 2, fatura: null });
  }, 200_000);

  it('ends a hanging robot TIMEOUT while another processo downloads meanwhile', async () => {
    const trava = await novoProcesso('TRAVA');
    const vivo = await novoProcesso('VIVO');
    await operador.mutate('rpa.baixar_fatura', { id: trava.processo.id });
    await waitFor(async () => ((await execucoes(trava.processo.id)).length > 0 ? true : undefined), 90_000, 'the hanging download to start');
    await operador.mutate('rpa.baixar_fatura', { id: vivo.processo.id });
    const done = await finished(vivo.processo.id, 1);
    expect(done.map((e) => [e.status, e.erro])).toEqual([['CONCLUIDO', null]]);
    // The hanging one was still going when the other finished.
    expect((await execucoes(trava.processo.id)).at(-1)!.status).toMatch(/EXECUTANDO|TENTANDO_NOVAMENTE/);
    const rows = await finished(trava.processo.id, 2);
    expect(rows.map((e) => e.status)).toEqual(['TENTANDO_NOVAMENTE', 'TIMEOUT']);
    expect(rows.at(-1)!.erro.desfecho).toBe('timed_out');
    expect((await processo(trava.processo.id)).status).toBe('AGUARDANDO_DOWNLOAD');
    expect((await processo(vivo.processo.id)).status).toBe('AGUARDANDO_APROVACAO');
  }, 240_000);

  it('completes when the robot answers 503 once (retried by the integration)', async () => {
    const { processo: p } = await novoProcesso('INSTAVEL');
    await operador.mutate('rpa.baixar_fatura', { id: p.id });
    const rows = await finished(p.id, 1);
    expect(rows.map((e) => e.status)).toEqual(['CONCLUIDO']);
    expect((await processo(p.id)).status).toBe('AGUARDANDO_APROVACAO');
  }, 180_000);

  it('cancels a running execução', async () => {
    const { processo: p } = await novoProcesso('TRAVA');
    await operador.mutate('rpa.baixar_fatura', { id: p.id });
    const [running] = await waitFor(async () => {
      const rows = await execucoes(p.id);
      return rows[0]?.job_id ? rows : undefined;
    }, 90_000);
    expect(await operador.mutate('rpa.cancelar_execucao', { id: running!.id })).toEqual({ cancelled: true });
    const rows = await finished(p.id, 1);
    expect(rows.at(-1)!.status).toBe('CANCELADO');
  }, 180_000);
});

describe('manual upload', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const upload = (id: number, body: Buffer, name = 'fatura-marco.pdf') =>
    fetch(`${platform.url}/api/rpa/processos/${id}/fatura?nome=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operadorToken}`, 'content-type': 'application/pdf', 'user-agent': 'teste-rpa/1.0' },
      body: new Uint8Array(body),
    });

  it('stores the PDF, marks the processo upload manual and AGUARDANDO_APROVACAO, and records who sent it', async () => {
    const { processo: p } = await novoProcesso('VIVO');
    const res = await upload(p.id, PDF);
    expect(res.status).toBe(201);
    const row = await res.json();
    expect(row).toMatchObject({ id: p.id, status: 'AGUARDANDO_APROVACAO', upload_manual: true });
    expect(row._files.fatura).toMatchObject({ name: 'fatura-marco.pdf', type: 'application/pdf', size: PDF.length });
    const [execucao] = await execucoes(p.id);
    expect(execucao).toMatchObject({ tipo: 'UPLOAD_MANUAL', status: 'CONCLUIDO', executado_por: operadorId, user_agent: 'teste-rpa/1.0' });
    expect(execucao.ip).toMatch(/127\.0\.0\.1/);
  });

  it('refuses what is not a PDF, and a processo already approved', async () => {
    const { processo: p } = await novoProcesso('VIVO');
    expect((await upload(p.id, Buffer.from('não é um PDF'), 'nota.pdf')).status).toBe(400);
    expect((await processo(p.id)).status).toBe('AGUARDANDO_DOWNLOAD');
    expect((await upload(p.id, PDF)).status).toBe(201);
    await aprovador.mutate('rpa.processo.transition', { id: p.id, transition: 'aprovar' });
    expect((await upload(p.id, PDF)).status).toBe(409);
  });
});

describe('execuções', () => {
  it('are written by the module only: the API refuses creating, editing or deleting one, even to admin', async () => {
    const { processo: p } = await novoProcesso('VIVO');
    const data = { processo: p.id, tipo: 'UPLOAD_MANUAL', status: 'CONCLUIDO' };
    await expectApiError(operador.mutate('rpa.execucao.create', { data }), 'FORBIDDEN');
    await expectApiError(admin.mutate('rpa.execucao.create', { data }), 'FORBIDDEN');
    const [any] = (await admin.query('rpa.execucao.list', { pageSize: 1 })).rows;
    await expectApiError(admin.mutate('rpa.execucao.update', { id: any.id, data: { status: 'FALHOU' } }), 'FORBIDDEN');
    await expectApiError(admin.mutate('rpa.execucao.delete', { id: any.id }), 'FORBIDDEN');
  });
});

describe('dashboard', () => {
  it('counts this month per status and operadora, lists failures and what runs now', async () => {
    const painel = await operador.query('rpa.painel', { mes_ano: MES });
    const total = painel.por_status.reduce((n: number, s: { total: number }) => n + s.total, 0);
    expect(total).toBe((await admin.query('rpa.processo.list', { filter: { mes_ano: MES } })).total);
    expect(painel.por_operadora).toEqual(expect.arrayContaining([expect.objectContaining({ codigo: 'VIVO', status: 'UPLOAD_REALIZADO', total: 1 })]));
    expect(painel.falhas).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'FALHOU', tipo: 'DOWNLOAD_FATURA', operadora: 'Operadora FALHA' })]),
    );
    expect(painel.falhas).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'TIMEOUT', erro: expect.any(String) })]));
    expect(Array.isArray(painel.executando)).toBe(true);
  });
});

describe('the portal password', () => {
  it('never comes back through get, list, CSV export or the audit trail', async () => {
    const { cliente } = await novoProcesso('VIVO');
    const outputs = [
      JSON.stringify(await admin.query('rpa.cliente.get', { id: cliente.id })),
      JSON.stringify(await admin.query('rpa.cliente.list', { filter: { id: cliente.id } })),
      JSON.stringify(cliente),
      await (
        await fetch(`${platform.url}/export/rpa/cliente.csv?input=${encodeURIComponent('{}')}`, { headers: { authorization: `Bearer ${operadorToken}` } })
      ).text(),
      JSON.stringify(await admin.query('platform.audit', { filter: { module: 'rpa', entity: 'cliente', record_id: cliente.id } })),
    ];
    for (const text of outputs) expect(text).not.toContain(SENHA);
  });
});
