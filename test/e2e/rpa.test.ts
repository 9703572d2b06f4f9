/**
 * The rpa module end to end, against the robot stand-in (CONTRACTS.md §7)
 * and a real headless Chromium: CRIAR_PROCESSOS_MENSAIS makes the month's
 * processos, EXECUTAR_DOWNLOADS downloads their invoices with the robot's log
 * lines reaching the open processo screen live, an APROVADOR approves in the
 * browser (an OPERADOR is refused by the API), the SAT upload ends
 * UPLOAD_REALIZADO, and a robot that hangs ends TIMEOUT without holding the
 * others back. Screenshots go to test-artifacts/rpa-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type RobotStandIn, startRobotStandIn } from '../../plugins/rpa/robot-stand-in/index.js';
import { type Api, ApiCallError, trpcApi } from '../support/api.js';
import { waitFor } from '../support/schedulerFixture.js';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type TestPlatform } from '../support/testPlatform.js';
import { launchBrowser, openPage, type PageProblems, screenshot, signIn } from './browser.js';

const ROBOT_TOKEN = 'e2e-robot-token';
const PASSWORD = 'user-password-123';
/** Short enough to wait for, long enough to watch the lines arrive one by one. */
const ROBOT_STEP_MS = 400;

type Row = Record<string, any> & { id: number };

/** Execução statuses after which nothing more happens to it (TENTANDO_NOVAMENTE is not one). */
const ENDED = ['CONCLUIDO', 'FALHOU', 'TIMEOUT', 'CANCELADO'];

describe('rpa: from the monthly processos to the SAT, in the browser', () => {
  let robot: RobotStandIn;
  let platform: TestPlatform;
  let browser: Browser;
  let admin: Api;
  let operadorApi: Api;
  const sessions: Record<string, { page: Page; problems: PageProblems }> = {};
  const processos: Record<'vivo' | 'oi' | 'trava', Row> = {} as never;

  beforeAll(async () => {
    robot = await startRobotStandIn({ token: ROBOT_TOKEN, stepMs: ROBOT_STEP_MS });
    [platform, browser] = await Promise.all([
      startTestPlatform(
        {
          RPA_ROBOT_URL: robot.url,
          RPA_ROBOT_TOKEN: ROBOT_TOKEN,
          // A hung robot is given up on after one attempt of 45 s (the defaults: 15 minutes, 3 attempts); a worker
          // thread's start on a loaded machine counts in the attempt, so not less.
          RPA_DOWNLOAD_TIMEOUT_SECONDS: '45',
          RPA_MAX_ATTEMPTS: '1',
          RPA_POLL_MS: '200',
        },
        { scheduler: { tickMs: 300 } },
      ),
      launchBrowser(),
    ]);
    const adminLogin = await login(platform.url, ADMIN.email, ADMIN.password);
    admin = trpcApi(platform.url, adminLogin.token);
    await createUserAndLogin(platform.url, adminLogin.token, 'aprovador@test.local', ['rpa_aprovador']);
    operadorApi = trpcApi(platform.url, (await createUserAndLogin(platform.url, adminLogin.token, 'operador@test.local', ['rpa_operador'])).token);

    const operadora = async (codigo: string, nome: string) =>
      (await admin.mutate('rpa.operadora.create', { data: { codigo, nome, possui_rpa: true, ativa: true } })).id;
    const [vivo, oi, trava] = [await operadora('VIVO', 'Vivo'), await operadora('OI', 'Oi'), await operadora('TRAVA', 'Teste: robô que trava')];
    const cliente = (razao: string, cnpj: string, operadoraId: number, extra: Record<string, unknown> = {}) =>
      admin.mutate('rpa.cliente.create', {
        data: {
          razao_social: razao,
          nome_sat: razao.toUpperCase(),
          cnpj,
          operadora: operadoraId,
          unidade: 'MATRIZ',
          servico: 'MOVEL',
          filtro: 'MOVEL MATRIZ',
          dados_sat: `SAT-${cnpj.slice(0, 8)}`,
          login_portal: `financeiro@${razao.split(' ')[0]!.toLowerCase()}.com.br`,
          senha_portal: 'senha-do-portal',
          ...extra,
        },
      });
    await cliente('Transportes Boa Viagem Ltda', '11222333000181', vivo);
    await cliente('Construtora Horizonte S.A.', '22333444000181', oi);
    await cliente('Hotel Mar Azul Ltda', '99000111000165', trava);
    await cliente('Gráfica Antiga Ltda', '12131415000183', oi, { ativo: false });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await robot?.close();
  });

  async function as(email: string): Promise<{ page: Page; problems: PageProblems }> {
    if (!sessions[email]) {
      sessions[email] = await openPage(browser, platform.url);
      await sessions[email].page.goto('/');
      await signIn(sessions[email].page, email, PASSWORD);
    }
    return sessions[email];
  }

  async function openProcesso(page: Page, processo: Row): Promise<void> {
    await page.goto(`/rpa/processo/${processo.id}`);
    await page.getByRole('heading', { level: 1, name: /^Processo / }).waitFor();
  }

  const stage = (page: Page) => page.getByRole('region', { name: 'Etapa' }).locator('.state-badge');

  /** Asks for a run of a module schedule now; resolves with a wait for that run to end. */
  async function runSchedule(name: string): Promise<{ ended(): Promise<unknown> }> {
    const { rows } = await admin.query('platform.schedule.list', { filter: { name }, pageSize: 1 });
    expect(rows, `schedule ${name}`).toHaveLength(1);
    const before = rows[0];
    await admin.mutate('platform.schedule_run_now', { id: before.id });
    return {
      ended: () =>
        waitFor(
          async () => {
            const now = await admin.query('platform.schedule.get', { id: before.id });
            return now.last_run_at !== before.last_run_at && !now.run_requested_at && now.last_status !== 'running' ? now : undefined;
          },
          60_000,
          `the run of ${name} to end`,
        ),
    };
  }

  const processoList = async (): Promise<Row[]> => (await admin.query('rpa.processo.list', { sort: 'id', pageSize: 50 })).rows;
  const execucoesOf = async (processo: Row): Promise<Row[]> =>
    (await admin.query('rpa.execucao.list', { filter: { processo: processo.id }, sort: 'id', pageSize: 50 })).rows;

  it('CRIAR_PROCESSOS_MENSAIS makes one processo per active cliente for the month, once', async () => {
    await (await runSchedule('rpa.criar_processos_mensais')).ended();
    const rows = await waitFor(
      async () => {
        const list = await processoList();
        return list.length === 3 ? list : undefined;
      },
      60_000,
      'the monthly processos',
    );
    expect(new Set(rows.map((r) => r.mes_ano)).size).toBe(1);
    expect(rows.every((r) => r.status === 'AGUARDANDO_DOWNLOAD' && r.criado_automaticamente === true)).toBe(true);
    const byCliente = (razao: string) => rows.find((r) => r._display?.cliente === razao)!;
    processos.vivo = byCliente('Transportes Boa Viagem Ltda');
    processos.oi = byCliente('Construtora Horizonte S.A.');
    processos.trava = byCliente('Hotel Mar Azul Ltda');
    expect(Object.values(processos).every(Boolean)).toBe(true);
    // Once a month: running it again makes none.
    await (await runSchedule('rpa.criar_processos_mensais')).ended();
    expect(await processoList()).toHaveLength(3);

    const { page } = await as('operador@test.local');
    await page.goto('/rpa/processo');
    await page.getByRole('table').getByText('Transportes Boa Viagem Ltda').waitFor();
    await screenshot(page, 'rpa-01-processos-do-mes');
  }, 120_000);

  it('EXECUTAR_DOWNLOADS runs the robots; the log lines reach the open processo screen live, and the invoice lands', async () => {
    const { page } = await as('operador@test.local');
    await openProcesso(page, processos.vivo);
    await expect.poll(() => stage(page).textContent()).toBe('Aguardando download');
    await runSchedule('rpa.executar_downloads');

    // The robot's lines appear one after the other while it works, without a reload.
    await page.getByText('Acessando portal da operadora VIVO…').waitFor({ timeout: 60_000 });
    expect(await page.getByText('Execução concluída com sucesso').count()).toBe(0);
    await page.getByText('Login realizado').waitFor();
    await screenshot(page, 'rpa-02-download-log-ao-vivo', true);
    await page.getByText('Execução concluída com sucesso').waitFor({ timeout: 60_000 });
    await expect.poll(() => stage(page).textContent(), { timeout: 40_000 }).toBe('Aguardando aprovação');
    await page.getByRole('link', { name: /fatura_vivo_.*\.pdf/ }).waitFor();
    await screenshot(page, 'rpa-03-fatura-baixada', true);

    const vivo = await admin.query('rpa.processo.get', { id: processos.vivo.id });
    expect(vivo).toMatchObject({
      status: 'AGUARDANDO_APROVACAO',
      vencimento: expect.stringMatching(/^\d{4}-\d{2}-10$/),
      valor: expect.stringMatching(/^\d+\.\d{2}$/),
    });
    expect(vivo._files.fatura).toMatchObject({ type: 'application/pdf' });
    const downloads = robot.jobs.all().filter((j) => j.kind === 'download');
    const vivoJob = downloads.find((j) => j.operadora === 'vivo')!;
    expect(vivoJob.payload).toMatchObject({
      cnpj: '11222333000181',
      login: 'financeiro@transportes.com.br',
      senha: 'senha-do-portal',
      mes_ano: vivo.mes_ano,
      unidade: 'MATRIZ',
      servico: 'MOVEL',
    });
    expect(vivo.valor).toBe((vivoJob.result as { valor: string }).valor);
    // The inactive cliente's operadora was asked once (Construtora's), never for the inactive one.
    expect(downloads.filter((j) => j.operadora === 'oi').map((j) => j.payload.cnpj)).toEqual(['22333444000181']);
  }, 180_000);

  it('the hung robot ends TIMEOUT while the other downloads completed; its invoice is then uploaded by hand', async () => {
    const oi = await waitFor(
      async () => {
        const row = await admin.query('rpa.processo.get', { id: processos.oi.id });
        return row.status === 'AGUARDANDO_APROVACAO' ? row : undefined;
      },
      90_000,
      'the OI download',
    );
    expect(oi._files.fatura).toBeTruthy();
    const hung = await waitFor(
      async () => {
        const last = (await execucoesOf(processos.trava)).at(-1);
        return last && ENDED.includes(last.status) ? last : undefined;
      },
      90_000,
      'the hung download to end',
    );
    expect(hung).toMatchObject({ tipo: 'DOWNLOAD_FATURA', status: 'TIMEOUT' });
    // Both other downloads ended before the hung one was given up on.
    for (const p of [processos.vivo, processos.oi]) {
      const done = (await execucoesOf(p)).find((e) => e.tipo === 'DOWNLOAD_FATURA')!;
      expect(done.status).toBe('CONCLUIDO');
      expect(new Date(done.fim).getTime()).toBeLessThan(new Date(hung.fim).getTime());
    }
    expect((await admin.query('rpa.processo.get', { id: processos.trava.id })).status).toBe('AGUARDANDO_DOWNLOAD');

    const { page } = await as('operador@test.local');
    await openProcesso(page, processos.trava);
    await page.getByText('Aguardando carregamento da página de faturas…').first().waitFor();
    await screenshot(page, 'rpa-04-robo-travado-timeout', true);

    // The robot gave up: the operador sends the invoice PDF by hand, from the same screen.
    const pdf = await fetch(`${robot.url}/jobs/${robot.jobs.all().find((j) => j.operadora === 'vivo')!.id}/arquivo`, {
      headers: { authorization: `Bearer ${ROBOT_TOKEN}` },
    }).then(async (r) => Buffer.from(await r.arrayBuffer()));
    await page.getByLabel('Enviar fatura (PDF)').setInputFiles({ name: 'fatura hotel 12-2026.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => stage(page).textContent(), { timeout: 40_000 }).toBe('Aguardando aprovação');
    await page.getByRole('link', { name: /fatura hotel 12-2026\.pdf/ }).waitFor();
    await screenshot(page, 'rpa-05-upload-manual', true);
    const manual = await admin.query('rpa.processo.get', { id: processos.trava.id });
    expect(manual).toMatchObject({ status: 'AGUARDANDO_APROVACAO', upload_manual: true });
    expect((await execucoesOf(processos.trava)).at(-1)).toMatchObject({ tipo: 'UPLOAD_MANUAL', status: 'CONCLUIDO' });
  }, 240_000);

  it('an OPERADOR may not approve (FORBIDDEN through the API); an APROVADOR approves in the browser', async () => {
    const refused = await operadorApi.mutate('rpa.processo.transition', { id: processos.vivo.id, transition: 'aprovar' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiCallError);
    expect((refused as ApiCallError).code).toBe('FORBIDDEN');
    expect((await admin.query('rpa.processo.get', { id: processos.vivo.id })).status).toBe('AGUARDANDO_APROVACAO');

    const { page: operador } = await as('operador@test.local');
    await openProcesso(operador, processos.vivo);
    expect(await operador.getByRole('button', { name: 'Aprovar', exact: true }).count()).toBe(0);

    const { page } = await as('aprovador@test.local');
    await openProcesso(page, processos.vivo);
    await expect.poll(() => stage(page).textContent()).toBe('Aguardando aprovação');
    await screenshot(page, 'rpa-06-aprovacao', true);
    await page.getByRole('button', { name: 'Aprovar', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Confirmar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => stage(page).textContent()).toBe('Aguardando envio ao SAT');
    const approved = await admin.query('rpa.processo.get', { id: processos.vivo.id });
    expect(approved._display.aprovado_por).toBe('aprovador');
    expect(approved.aprovado_em).toBeTruthy();
    await screenshot(page, 'rpa-07-aprovado', true);
  }, 120_000);

  it('the SAT upload, started from the processo screen, ends UPLOAD_REALIZADO with the seed payload', async () => {
    const { page, problems } = await as('operador@test.local');
    await openProcesso(page, processos.vivo);
    await page.getByRole('button', { name: 'Enviar ao SAT' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Enviar a fatura aprovada ao SAT?').waitFor();
    await dialog.getByRole('button', { name: 'Confirmar' }).click();
    await page.getByText('Acessando o SAT…').waitFor({ timeout: 60_000 });
    await screenshot(page, 'rpa-08-envio-sat-log', true);
    await expect.poll(() => stage(page).textContent(), { timeout: 60_000 }).toBe('Upload realizado');
    await screenshot(page, 'rpa-09-upload-realizado', true);

    const sat = robot.jobs.all().find((j) => j.kind === 'sat')!;
    const vivo = await admin.query('rpa.processo.get', { id: processos.vivo.id });
    expect(sat.payload).toEqual({
      cnpj: '11222333000181',
      razao: 'Transportes Boa Viagem Ltda',
      operadora: 'VIVO',
      nome_filtro: expect.any(String),
      unidade: 'MATRIZ',
      servico: 'MOVEL',
      dados_sat: 'SAT-11222333',
      nome_arquivo: vivo._files.fatura.name,
      data_vencimento: vivo.vencimento,
    });
    expect(vivo).toMatchObject({ status: 'UPLOAD_REALIZADO', enviado_sat: true });
    expect(problems.errors).toEqual([]);
  }, 180_000);

  it('the dashboard shows the month by status and operadora, the failure, and follows live', async () => {
    const { page, problems } = await as('operador@test.local');
    await page.goto('/rpa/painel');
    const resumo = page.locator('[data-card="resumo"]');
    await resumo.getByText('Processos').waitFor();
    const falhas = page.locator('[data-card="falhas"]');
    await falhas.getByText('Hotel Mar Azul Ltda', { exact: false }).waitFor();
    await expect.poll(() => page.locator('[data-card="por-status"] [data-status="UPLOAD_REALIZADO"] dd').textContent()).toBe('1');
    await screenshot(page, 'rpa-10-painel', true);
    expect(problems.errors).toEqual([]);
  }, 120_000);
});
