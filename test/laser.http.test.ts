/**
 * The old shop-floor frontend's endpoints over plain HTTP (fetch): status
 * codes and bodies, and the .step download refusing every way out of
 * LASER_STEP_DIR. SQLite, or MariaDB with TEST_DATABASE_URL.
 */
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operadorComOf, startLaserPlatform, type LaserPlatform } from './laserPlatform.js';

let laser: LaserPlatform;
const STEP = 'ISO-10303-21;\nHEADER;\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n';

beforeAll(async () => {
  laser = await startLaserPlatform();
});

afterAll(async () => {
  await laser?.close();
});

type Who = keyof LaserPlatform['tokens'];

async function http(method: string, route: string, who: Who | null = 'operador', body?: unknown) {
  const headers: Record<string, string> = who ? { authorization: `Bearer ${laser.tokens[who]}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${laser.platform.url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

const WALL = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const TIME = /^\d{2,}:\d{2}:\d{2}\.\d{6}$/;

describe('legacy laser endpoints', () => {
  it('start → pause → resume → finish → list → confirm_batch, with the old field names', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor, { quantidade: 3 });
    const queue = await http('GET', `/api/laser/sequencing_v2?operator_code=${operador.codigo}`);
    expect(queue.status).toBe(200);
    expect(queue.body.operator).toEqual({ id: operador.id, code: operador.codigo, name: operador.nome });
    expect(queue.body.ofs).toEqual([
      expect.objectContaining({
        of_id: ordem.id,
        numero: ordem.numero,
        status: 'aberta',
        has_step: false,
        apontamento: null,
        espessura: '3.00',
        quantidade: 3,
      }),
    ]);
    expect(queue.body.running).toBeNull();

    const started = await http('POST', '/api/laser/apontamento/start', 'operador', { of_id: ordem.id, operator_code: operador.codigo });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      of_id: ordem.id,
      of_numero: ordem.numero,
      operator_code: operador.codigo,
      operator_name: operador.nome,
      status: 'em_andamento',
      data_fim: null,
    });
    expect(started.body.data_inicio).toMatch(WALL);
    expect(started.body.total_time).toMatch(TIME);
    const id = started.body.apontamento_id;
    const again = await http('POST', '/api/laser/apontamento/start', 'operador', { of_id: ordem.id, operator_code: operador.codigo });
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT']);

    const paused = await http('POST', '/api/laser/apontamento/pause', 'operador', { apontamento_id: id });
    expect([paused.status, paused.body.status]).toEqual([200, 'pausado']);
    expect(paused.body.pausado_desde).toMatch(WALL);
    expect((await http('POST', '/api/laser/apontamento/pause', 'operador', { apontamento_id: id })).status).toBe(409);
    const running = await http('GET', `/api/laser/sequencing_v2?operator_code=${operador.codigo}`);
    expect(running.body.running).toMatchObject({ apontamento_id: id, status: 'pausado' });
    const resumed = await http('POST', '/api/laser/apontamento/pause', 'operador', { apontamento_id: id, action: 'resume' });
    expect([resumed.status, resumed.body.status, resumed.body.pausado_desde]).toEqual([200, 'em_andamento', null]);

    const finished = await http('POST', '/api/laser/apontamento/finish', 'operador', { apontamento_id: id, quantidade_produzida: 3 });
    expect([finished.status, finished.body.status]).toEqual([200, 'finalizado']);
    expect(finished.body.data_fim).toMatch(WALL);
    expect((await http('POST', '/api/laser/apontamento/finish', 'operador', { apontamento_id: id, quantidade_produzida: 3 })).status).toBe(409);

    const list = await http('GET', `/api/laser/apontamento/list/${ordem.id}`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      of_id: ordem.id,
      apontamentos: [expect.objectContaining({ apontamento_id: id, status: 'finalizado', total_time: finished.body.total_time })],
    });

    expect((await http('POST', '/api/laser/apontamento/confirm_batch', 'operador', { apontamento_ids: [id] })).status).toBe(403);
    const batch = await http('POST', '/api/laser/apontamento/confirm_batch', 'supervisor', { apontamento_ids: [id] });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ apontamento_ids: [id], confirmado_por: 'supervisor@test.local' });
    expect(batch.body.confirmado_em).toMatch(WALL);
    expect((await http('POST', '/api/laser/apontamento/confirm_batch', 'supervisor', { apontamento_ids: [id] })).status).toBe(409);
  });

  it('submit_apontamento takes the old date format in the business time zone', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor);
    const body = {
      of_id: ordem.id,
      operator_code: operador.codigo,
      data_inicio: '2026-02-02 08:00:00',
      data_fim: '2026-02-02 09:30:15',
      tempo_pausado: '00:05:00',
      quantidade_produzida: 2,
    };
    const res = await http('POST', '/api/laser/submit_apontamento', 'operador', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      data_inicio: '2026-02-02 08:00:00',
      data_fim: '2026-02-02 09:30:15',
      total_time: '01:25:15.000000',
      status: 'finalizado',
    });
    const bad = await http('POST', '/api/laser/submit_apontamento', 'operador', { ...body, data_inicio: '02/02/2026 08:00' });
    expect([bad.status, bad.body.error.code, bad.body.error.issues[0].path]).toEqual([400, 'BAD_REQUEST', 'data_inicio']);
    const backwards = await http('POST', '/api/laser/submit_apontamento', 'operador', { ...body, data_fim: '2026-02-02 07:00:00' });
    expect([backwards.status, backwards.body.error.issues[0].path]).toEqual([400, 'data_fim']);
    const unknownOp = await http('POST', '/api/laser/submit_apontamento', 'operador', { ...body, operator_code: 'ZZZ' });
    expect([unknownOp.status, unknownOp.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('operator lookup, the general queue and the jobs list', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor, { sequencia: 7 });
    const found = await http('GET', `/api/operadores/${operador.codigo}`);
    expect([found.status, found.body]).toEqual([200, { id: operador.id, codigo: operador.codigo, nome: operador.nome, ativo: true }]);
    const missing = await http('GET', '/api/operadores/NAO-EXISTE');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const seq = await http('GET', '/api/laser/sequenciamento');
    expect(seq.status).toBe(200);
    expect(seq.body.ofs).toContainEqual(
      expect.objectContaining({ of_id: ordem.id, operator_id: operador.id, operator_name: operador.nome, sequencia: 7, tempo_trabalhado: '00:00:00.000000' }),
    );
    const jobs = await http('GET', '/api/laser/jobs');
    expect(jobs.status).toBe(200);
    expect(jobs.body.jobs).toContainEqual(expect.objectContaining({ of_id: ordem.id, status: 'aberta', apontamentos: 0 }));
  });

  it('answers 409 for the queue of an inactive operator, as the start does, with a Portuguese message', async () => {
    const { operador } = await operadorComOf(laser.api.supervisor);
    const { version } = await laser.api.supervisor.query('laser.operador.get', { id: operador.id });
    await laser.api.supervisor.mutate('laser.operador.update', { id: operador.id, data: { ativo: false }, version });
    const queue = await http('GET', `/api/laser/sequencing_v2?operator_code=${operador.codigo}`);
    expect([queue.status, queue.body.error.code, queue.body.error.message]).toEqual([409, 'CONFLICT', `Operador "${operador.codigo}" está inativo`]);
  });

  it('answers 401 without a token, 403 to other roles, 400 for bad parameters naming them', async () => {
    expect((await http('GET', '/api/laser/jobs', null)).status).toBe(401);
    expect((await http('GET', '/api/laser/jobs', 'outsider')).status).toBe(403);
    expect((await http('GET', '/api/operadores/1001', 'outsider')).status).toBe(403);
    const noCode = await http('GET', '/api/laser/sequencing_v2');
    expect([noCode.status, noCode.body.error.issues]).toEqual([400, [{ path: 'operator_code', message: 'is required' }]]);
    const badId = await http('GET', '/api/laser/apontamento/list/abc');
    expect([badId.status, badId.body.error.issues[0].path]).toEqual([400, 'of_id']);
    expect((await http('GET', '/api/laser/apontamento/list/999999')).status).toBe(404);
    const extra = await http('POST', '/api/laser/apontamento/start', 'operador', { of_id: 1, operator_code: 'x', hack: true });
    expect([extra.status, extra.body.error.issues[0].path]).toEqual([400, 'hack']);
  });
});

describe('.step download', () => {
  let ordemId: number;
  const sup = () => laser.api.supervisor;

  beforeAll(async () => {
    await mkdir(path.join(laser.stepDir, 'chapas'), { recursive: true });
    await writeFile(path.join(laser.stepDir, 'chapas', 'flange.step'), STEP);
    const outside = path.join(path.dirname(laser.stepDir), `segredo-${path.basename(laser.stepDir)}.step`);
    await writeFile(outside, 'ISO-10303-21;\nsecret\n');
    await symlink(outside, path.join(laser.stepDir, 'fuga.step'));
    const { ordem } = await operadorComOf(sup(), { arquivo_step: 'chapas/flange.step' });
    ordemId = ordem.id;
    return async () => rm(outside, { force: true });
  });

  it('serves the OF’s file from LASER_STEP_DIR as model/step', async () => {
    const res = await http('GET', `/api/laser/download_step?of_id=${ordemId}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(STEP);
    expect(res.headers.get('content-type')).toBe('model/step');
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="flange.step"');
    expect(res.headers.get('content-length')).toBe(String(STEP.length));
  });

  it('refuses hostile names when an OF is written', async () => {
    for (const name of ['../etc/passwd.step', '%2e%2e%2fsegredo.step', '/etc/passwd.step', 'a\\..\\b.step', 'chapas/../../x.step', 'desenho.pdf']) {
      const e = await sup()
        .mutate('laser.ordem_fabricacao.update', { id: ordemId, data: { arquivo_step: name } })
        .catch((err: any) => err);
      expect([name, e.code, e.issues?.[0]?.path]).toEqual([name, 'BAD_REQUEST', 'arquivo_step']);
    }
  });

  it('answers 404 for names stored pointing outside, symlinks leaving the folder, missing files, OFs without a file', async () => {
    const repo = laser.platform.repos.repo('laser.ordem_fabricacao');
    // Rows written by other programs on the company's database bypass the plugin's checks: the read checks again.
    for (const stored of [
      '../../../../etc/passwd',
      '/etc/passwd',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'chapas/\u0000flange.step',
      'fuga.step',
      'nada.step',
      'chapas',
    ]) {
      const { ordem } = await operadorComOf(sup());
      expect(await repo.updateColumns({ id: ordem.id }, { arquivo_step: stored })).toBe(1);
      const res = await http('GET', `/api/laser/download_step?of_id=${ordem.id}`);
      expect([JSON.stringify(stored), res.status, res.body?.error.code]).toEqual([JSON.stringify(stored), 404, 'NOT_FOUND']);
      expect(res.text).not.toContain('secret');
      expect(res.text).not.toContain('root:');
    }
    const { ordem } = await operadorComOf(sup());
    expect((await http('GET', `/api/laser/download_step?of_id=${ordem.id}`)).status).toBe(404);
    expect((await http('GET', '/api/laser/download_step?of_id=999999')).status).toBe(404);
  });

  it('takes only an OF id from the caller: traversal in the query is a 400', async () => {
    for (const q of ['of_id=..%2f..%2fetc%2fpasswd', 'of_id=%2e%2e%2f', 'of_id=/etc/passwd', 'of_id=1%00', 'file=../x.step', 'of_id=1&of_id=2']) {
      const res = await http('GET', `/api/laser/download_step?${q}`);
      expect([q, res.status]).toEqual([q, 400]);
    }
    expect((await http('GET', `/api/laser/download_step?of_id=${ordemId}`, null)).status).toBe(401);
    expect((await http('GET', `/api/laser/download_step?of_id=${ordemId}`, 'outsider')).status).toBe(403);
  });
});
