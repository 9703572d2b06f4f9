/**
 * The robot API stand-in (CONTRACTS.md §7) over HTTP, as the rpa client sees
 * it: the Bearer token, jobs that log line by line (read with `desde`), the
 * behaviours picked by the operadora (FALHA fails, TRAVA hangs, INSTAVEL
 * answers 503 once), the invoice PDF, the SAT upload's payload checks.
 */
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RobotStandIn, startRobotStandIn } from '../plugins/rpa/robot-stand-in/index.js';

const TOKEN = 'token-de-teste';
let robot: RobotStandIn;

beforeAll(async () => {
  robot = await startRobotStandIn({ token: TOKEN, stepMs: 5 });
});
afterAll(() => robot.close());

const download = (over: Record<string, unknown> = {}) => ({
  cnpj: '12345678000195',
  login: 'financeiro@cliente.com.br',
  senha: 'segredo',
  mes_ano: '03/2026',
  unidade: 'Matriz',
  servico: 'Telefonia móvel',
  filtro: 'conta 4471',
  ...over,
});

const sat = (over: Record<string, unknown> = {}) => ({
  cnpj: '12345678000195',
  razao: 'Cliente Exemplo Ltda',
  operadora: 'VIVO',
  nome_filtro: 'CLIENTE EXEMPLO',
  unidade: 'Matriz',
  servico: 'Telefonia móvel',
  dados_sat: 'CC 4471',
  nome_arquivo: 'fatura_vivo_12345678000195_03-2026.pdf',
  data_vencimento: '2026-04-10',
  ...over,
});

function call(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<Response> {
  return fetch(`${robot.url}${path}`, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

async function execute(path: string, body: unknown): Promise<string> {
  const res = await call('POST', path, body);
  expect(res.status).toBe(202);
  return ((await res.json()) as { job_id: string }).job_id;
}

/** Polls the job's status until it leaves queued/running. */
async function settled(jobId: string): Promise<{ status: string; result?: Record<string, string>; error?: string }> {
  return vi.waitFor(
    async () => {
      const body = (await (await call('GET', `/jobs/${jobId}`)).json()) as { status: string };
      if (body.status === 'queued' || body.status === 'running') throw new Error(`still ${body.status}`);
      return body;
    },
    { timeout: 5_000, interval: 10 },
  );
}

async function logsOf(jobId: string, desde?: number) {
  const res = await call('GET', `/jobs/${jobId}/logs${desde === undefined ? '' : `?desde=${desde}`}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { logs: { seq: number; timestamp: string; level: string; message: string }[]; proximo: number };
}

/** The text a PDF shows: pdfkit writes it as hex strings in deflated content streams. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    const bytes = Buffer.from(m[1]!, 'latin1');
    try {
      return inflateSync(bytes).toString('latin1');
    } catch {
      return '';
    }
  });
  return [...streams.join('').matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1')).join('');
}

describe('robot stand-in: access', () => {
  it('answers 401 without the token or with another one, and health without one', async () => {
    for (const token of [null, 'outro-token']) {
      const res = await call('POST', '/executar/vivo', download(), token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await res.json()) as { detail: string }).detail).toMatch(/token/i);
    }
    expect((await call('GET', '/jobs/qualquer', undefined, null)).status).toBe(401);
    expect((await call('GET', '/health', undefined, null)).status).toBe(200);
  });

  it('answers 404 for an unknown operadora, job or job file', async () => {
    const operadora = await call('POST', '/executar/nextel', download());
    expect(operadora.status).toBe(404);
    expect(await operadora.json()).toEqual({ detail: 'Operadora não suportada: nextel' });
    for (const path of ['/jobs/nao-existe', '/jobs/nao-existe/logs', '/jobs/nao-existe/arquivo']) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ detail: 'Job não encontrado' });
    }
  });

  it('refuses a download body with missing or malformed fields, naming them (422), and a body that is not JSON (400)', async () => {
    const { senha: _, ...withoutSenha } = download({ mes_ano: '2026-03', cnpj: '12.345.678/0001-95' });
    const res = await call('POST', '/executar/vivo', withoutSenha);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: { campo: string }[] }).detail.map((p) => p.campo)).toEqual(['cnpj', 'senha', 'mes_ano']);
    const notJson = await call('POST', '/executar/vivo', '{"cnpj":');
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get('content-type')).toMatch(/json/);
    expect(robot.jobs.all()).toEqual([]);
  });
});

describe('robot stand-in: downloads', () => {
  it('a normal download is queued, logs its steps in Portuguese, completes with the invoice data, and keeps what it received', async () => {
    const jobId = await execute('/executar/vivo', download());
    expect(['queued', 'running']).toContain(((await (await call('GET', `/jobs/${jobId}`)).json()) as { status: string }).status);
    const done = await settled(jobId);
    expect(done).toEqual({
      job_id: jobId,
      status: 'completed',
      result: {
        arquivo: `/jobs/${jobId}/arquivo`,
        nome_arquivo: 'fatura_vivo_12345678000195_03-2026.pdf',
        data_vencimento: '2026-04-10',
        valor: expect.stringMatching(/^\d+\.\d{2}$/),
      },
    });
    const { logs, proximo } = await logsOf(jobId);
    expect(logs.map((l) => l.seq)).toEqual(logs.map((_, i) => i + 1));
    expect(proximo).toBe(logs.length);
    const messages = logs.map((l) => l.message);
    const valor = Number(done.result!.valor).toLocaleString('pt-BR', { minimumFractionDigits: 2 });
    expect(messages).toEqual(
      expect.arrayContaining([
        'Acessando portal da operadora VIVO…',
        'Login realizado',
        'Baixando fatura 03/2026…',
        `Fatura encontrada: vencimento 10/04/2026, valor R$ ${valor}`,
        'Execução concluída com sucesso',
      ]),
    );
    expect(logs.every((l) => l.level === 'INFO' && !Number.isNaN(Date.parse(l.timestamp)))).toBe(true);
    const job = robot.jobs.get(jobId)!;
    expect(job).toMatchObject({ kind: 'download', operadora: 'vivo', status: 'completed', payload: download() });
  });

  it('reads logs from `desde` on: only later lines, and `proximo` to ask next', async () => {
    const jobId = await execute('/executar/oi', download({ cpf: '52998224725' }));
    await settled(jobId);
    const all = await logsOf(jobId, 0);
    const later = await logsOf(jobId, 2);
    expect(later.logs).toEqual(all.logs.slice(2));
    expect(later.proximo).toBe(all.proximo);
    expect(await logsOf(jobId, all.proximo)).toEqual({ logs: [], proximo: all.proximo });
    expect(all.logs.map((l) => l.message)).toContain('Preenchendo credenciais do usuário financeiro@cliente.com.br (CPF 52998224725)');
    expect((await call('GET', `/jobs/${jobId}/logs?desde=-1`)).status).toBe(422);
  });

  it('serves the invoice of a completed download as a one-page PDF showing cliente, CNPJ, month, due date and amount', async () => {
    const jobId = await execute('/executar/embratel', download());
    const { result } = await settled(jobId);
    const res = await call('GET', result!.arquivo!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${result!.nome_arquivo}"`);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const text = pdfText(pdf);
    const valor = Number(result!.valor).toLocaleString('pt-BR', { minimumFractionDigits: 2 });
    for (const shown of ['FATURA EMBRATEL', 'Cliente: Matriz', 'CNPJ: 12.345.678/0001-95', '03/2026', 'Vencimento: 10/04/2026', `R$ ${valor}`]) {
      expect(text).toContain(shown);
    }
  });

  it('gives the same amount for the same client and month, and no file before the end', async () => {
    const [a, b] = [await execute('/executar/claro', download()), await execute('/executar/claro', download())];
    expect((await call('GET', `/jobs/${a}/arquivo`)).status).toBe(404);
    expect((await settled(a)).result!.valor).toBe((await settled(b)).result!.valor);
  });

  it('FALHA fails with its error message and an ERROR line', async () => {
    const jobId = await execute('/executar/falha', download());
    const done = await settled(jobId);
    expect(done).toMatchObject({ status: 'failed', error: 'Falha no login no portal da operadora FALHA: usuário ou senha inválidos' });
    expect(done.result).toBeUndefined();
    expect((await logsOf(jobId)).logs.at(-1)).toMatchObject({ level: 'ERROR', message: 'Falha no login: usuário ou senha inválidos' });
    expect((await call('GET', `/jobs/${jobId}/arquivo`)).status).toBe(404);
  });

  it('TRAVA stays running and silent after its last line, while a job started with it completes', async () => {
    const hung = await execute('/executar/trava', download());
    const normal = await execute('/executar/tim', download());
    await settled(normal);
    const { logs } = await logsOf(hung);
    expect(logs.at(-1)).toMatchObject({ level: 'WARNING', message: 'Aguardando carregamento da página de faturas…' });
    // The normal job said more lines than the hung one has: the hung one had time to say more, and did not.
    expect((await logsOf(normal)).logs.length).toBeGreaterThan(logs.length + 1);
    expect(await (await call('GET', `/jobs/${hung}`)).json()).toEqual({ job_id: hung, status: 'running' });
  });

  it('INSTAVEL answers 503 to the first call about each of its jobs, then works and completes', async () => {
    for (const path of ['', '/logs']) {
      const jobId = await execute('/executar/instavel', download());
      const first = await call('GET', `/jobs/${jobId}${path}`);
      expect(first.status).toBe(503);
      expect(await first.json()).toEqual({ detail: 'Serviço temporariamente indisponível' });
      expect((await call('GET', `/jobs/${jobId}${path}`)).status).toBe(200);
      expect((await settled(jobId)).status).toBe('completed');
    }
    const steady = await execute('/executar/digitalnet', download());
    expect((await call('GET', `/jobs/${steady}`)).status).toBe(200);
  });
});

describe('robot stand-in: SAT upload', () => {
  it('refuses a payload missing the seed fields, naming each one (422)', async () => {
    const { dados_sat: _, razao: __, ...partial } = sat({ data_vencimento: 'amanhã', nome_arquivo: 'fatura.txt' });
    const res = await call('POST', '/executar/sat', partial);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: { campo: string }[] }).detail.map((p) => p.campo)).toEqual([
      'razao',
      'dados_sat',
      'nome_arquivo',
      'data_vencimento',
    ]);
  });

  it('uploads: logs its steps, completes with a protocol, and keeps the payload', async () => {
    const jobId = await execute('/executar/sat', sat());
    const done = await settled(jobId);
    expect(done).toEqual({ job_id: jobId, status: 'completed', result: { protocolo: expect.stringMatching(/^SAT-/), nome_arquivo: sat().nome_arquivo } });
    const messages = (await logsOf(jobId)).logs.map((l) => l.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Acessando o SAT…',
        'Localizando cliente Cliente Exemplo Ltda (CNPJ 12345678000195) pelo filtro "CLIENTE EXEMPLO"',
        'Anexando arquivo fatura_vivo_12345678000195_03-2026.pdf',
        'Informando vencimento 10/04/2026',
        `Fatura enviada ao SAT: protocolo ${done.result!.protocolo}`,
      ]),
    );
    expect(robot.jobs.get(jobId)).toMatchObject({ kind: 'sat', operadora: 'vivo', payload: sat() });
    expect((await call('GET', `/jobs/${jobId}/arquivo`)).status).toBe(404);
  });

  it("follows the operadora's behaviour too: FALHA fails, TRAVA hangs", async () => {
    const failing = await execute('/executar/sat', sat({ operadora: 'FALHA' }));
    const hanging = await execute('/executar/sat', sat({ operadora: 'TRAVA' }));
    expect(await settled(failing)).toMatchObject({ status: 'failed', error: 'SAT recusou o envio: cliente não encontrado para os dados "CC 4471"' });
    expect(robot.jobs.get(hanging)!.status).toBe('running');
  });
});
