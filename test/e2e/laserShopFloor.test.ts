/**
 * The laser module's shop-floor page in real Chromium at tablet size: an
 * operator identifies by code (typed like a badge scanner: code + Enter),
 * starts, pauses, resumes and finishes an OF with the timer running and
 * freezing; another terminal's work shows up live in "Em máquina agora"; a
 * stale terminal's refused pause is explained and the page catches up.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, apiClient, createUserAndLogin, login } from '../support/testPlatform.js';
import { openPage, screenshot, signIn, startSignedIn, type PageProblems, type SignedInSession } from './browser.js';

const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };
const PAGE_URL = '/laser/chao-de-fabrica';
const TERMINAL_USER = 'terminal2@test.local';
const STEP_TEXT = "ISO-10303-21;\nHEADER;\nFILE_NAME('suporte-10451.step');\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n";

type Api = ReturnType<typeof apiClient>;

/** Two operators, each with OFs in sequence; the first OF of Ana has a .step file name. */
async function prepareShopFloor(api: Api): Promise<void> {
  const ana = await api.mutate('laser.operador.create', { data: { codigo: 'OP-01', nome: 'Ana Souza' } });
  const bruno = await api.mutate('laser.operador.create', { data: { codigo: 'OP-02', nome: 'Bruno Lima' } });
  const of = (numero: string, operador: number, sequencia: number, extra: Record<string, unknown> = {}) =>
    api.mutate('laser.ordem_fabricacao.create', {
      data: { numero, produto: 'Suporte de motor', material: 'Aço 1020', espessura: '3.00', quantidade: 12, operador, sequencia, status: 'aberta', ...extra },
    });
  await of('10452', ana.id, 2, { produto: 'Flange Ø80 furada', material: 'Inox 304', espessura: '1.50', quantidade: 40 });
  await of('10451', ana.id, 1, { arquivo_step: 'suporte-10451.step' });
  await of('20317', bruno.id, 1, { produto: 'Chapa base 400×300', espessura: '6.35', quantidade: 4 });
}

/** Both tablet orientations of the page as it is now. */
async function screenshots(page: Page, name: string): Promise<void> {
  await page.setViewportSize(LANDSCAPE);
  await screenshot(page, `laser-shop-floor-${name}-1024x768`, true);
  await page.setViewportSize(PORTRAIT);
  await screenshot(page, `laser-shop-floor-${name}-768x1024`, true);
  await page.setViewportSize(LANDSCAPE);
}

async function identify(page: Page, codigo: string): Promise<void> {
  const input = page.getByLabel('Código do operador');
  await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(codigo);
  await page.keyboard.press('Enter');
}

const timer = (page: Page) => page.locator('.shop-floor-current .shop-floor-timer-value');
const current = (page: Page) => page.locator('.shop-floor-current');
const machines = (page: Page) => page.getByRole('region', { name: 'Em máquina agora' });

describe('the laser shop-floor page on a tablet', () => {
  let session: SignedInSession;
  let page: Page;
  let problems: PageProblems;
  let api: Api;

  beforeAll(async () => {
    session = await startSignedIn({}, prepareShopFloor);
    ({ page, problems } = session);
    // Screenshots right after a resize: without motion the shell's sidebar is already where it ends up.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    api = apiClient(session.platform.url, (await login(session.platform.url, ADMIN.email, ADMIN.password)).token);
    // LASER_STEP_DIR is unset: the files live in DATA_DIR/laser-step.
    await mkdir(path.join(session.platform.dataDir, 'laser-step'), { recursive: true });
    await writeFile(path.join(session.platform.dataDir, 'laser-step', 'suporte-10451.step'), STEP_TEXT);
    await page.setViewportSize(LANDSCAPE);
    await page.goto(PAGE_URL);
    await page.getByRole('heading', { level: 1, name: 'Chão de fábrica' }).waitFor();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('refuses an unknown code in words and keeps the input ready for the next scan', async () => {
    await identify(page, 'OP-99');
    await page.getByRole('alert').filter({ hasText: 'Operador OP-99 não encontrado' }).waitFor();
    await expect.poll(() => page.getByLabel('Código do operador').evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshots(page, 'unknown-operator');
  });

  it('shows the operator their queue in sequence, with the .step link', async () => {
    await page.getByLabel('Código do operador').fill('');
    await identify(page, 'OP-01');
    await page.getByText('Ana Souza').waitFor();
    const queue = page.getByRole('region', { name: /^Fila/ });
    await expect.poll(() => queue.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['10451', '10452']);
    const first = queue.getByRole('listitem', { name: 'OF 10451' });
    expect(await first.getByText('Aço 1020').count()).toBe(1);
    expect(await first.getByText('3,00 mm').count()).toBe(1);
    const stepLink = first.getByRole('link', { name: 'Baixar .step' });
    expect(await stepLink.getAttribute('href')).toMatch(/^\/api\/laser\/download_step\?of_id=\d+$/);
    const [download] = await Promise.all([page.waitForEvent('download'), stepLink.click()]);
    expect(download.suggestedFilename()).toBe('suporte-10451.step');
    expect(await readFile(await download.path(), 'utf8')).toBe(STEP_TEXT);
    expect(await queue.getByRole('listitem', { name: 'OF 10452' }).getByRole('link', { name: 'Baixar .step' }).count()).toBe(0);
    await screenshots(page, 'queue');

    // The operator stays for the session: a reload keeps them until "Trocar operador".
    await page.reload();
    await page.getByText('Ana Souza').waitFor();
  });

  it('starts an OF with a running timer, freezes it on pause, resumes and finishes with quantities', async () => {
    const queue = page.getByRole('region', { name: /^Fila/ });
    await queue.getByRole('listitem', { name: 'OF 10451' }).getByRole('button', { name: 'Iniciar' }).click();
    await current(page).getByText('Em andamento').waitFor();
    const startedAt = await timer(page).textContent();
    expect(startedAt).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    await expect.poll(() => timer(page).textContent(), { timeout: 10_000 }).not.toBe(startedAt);
    await machines(page).getByRole('listitem', { name: 'OF 10451' }).waitFor();
    await screenshots(page, 'running');

    await page.getByRole('button', { name: 'Pausar' }).click();
    await current(page).getByText('Pausado').waitFor();
    await page.getByRole('button', { name: 'Retomar' }).waitFor();
    const frozen = await timer(page).textContent();
    await page.waitForTimeout(2_200);
    expect(await timer(page).textContent()).toBe(frozen);
    const [open] = await api.query('laser.em_maquina', {});
    expect(open).toMatchObject({ ordem_numero: '10451', status: 'pausado' });
    await screenshots(page, 'paused');

    await page.getByRole('button', { name: 'Retomar' }).click();
    await current(page).getByText('Em andamento').waitFor();
    await expect.poll(() => timer(page).textContent(), { timeout: 10_000 }).not.toBe(frozen);

    await page.getByRole('button', { name: 'Finalizar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Finalizar OF 10451' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Quantidade produzida').inputValue()).toBe('12');
    await dialog.getByLabel('Quantidade produzida').fill('dez');
    await dialog.getByRole('button', { name: 'Finalizar' }).click();
    await dialog.getByText('Informe um número inteiro, 0 ou maior.').waitFor();
    await dialog.getByLabel('Quantidade produzida').fill('12');
    await dialog.getByLabel('Refugo').fill('1');
    await screenshots(page, 'finish-dialog');
    await dialog.getByLabel('Refugo').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Nenhuma OF em execução. Escolha uma da fila para iniciar.').waitFor();
    await expect.poll(() => queue.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['10452']);
    await screenshots(page, 'finished');

    const { rows: ofs } = await api.query('laser.ordem_fabricacao.list', { filter: { numero: '10451' } });
    // All 12 pieces made: the OF is done and out of the queue.
    expect(ofs[0].status).toBe('concluida');
    const { rows: apontamentos } = await api.query('laser.apontamento.list', { filter: { ordem: ofs[0].id } });
    expect(apontamentos).toHaveLength(1);
    expect(apontamentos[0]).toMatchObject({ status: 'finalizado', quantidade_produzida: 12, quantidade_refugo: 1 });
    expect(apontamentos[0].total_time).toMatch(/^\d{2,}:\d{2}:\d{2}\.\d{6}$/);
    expect(apontamentos[0].total_time).not.toBe('00:00:00.000000');
  });

  it('shows what another terminal starts and pauses in "Em máquina agora" without a reload', async () => {
    const admin = await login(session.platform.url, ADMIN.email, ADMIN.password);
    await createUserAndLogin(session.platform.url, admin.token, TERMINAL_USER, ['operador']);
    const other = await openPage(session.browser, session.platform.url, PORTRAIT);
    await other.page.emulateMedia({ reducedMotion: 'reduce' });
    await other.page.goto('/');
    await signIn(other.page, TERMINAL_USER, 'user-password-123');
    await other.page.goto(PAGE_URL);
    await identify(other.page, 'OP-02');
    await other.page.getByText('Bruno Lima').waitFor();
    expect(await machines(page).getByRole('listitem', { name: 'OF 20317' }).count()).toBe(0);

    await other.page.getByRole('listitem', { name: 'OF 20317' }).getByRole('button', { name: 'Iniciar' }).click();
    const shown = machines(page).getByRole('listitem', { name: 'OF 20317' });
    await shown.getByText('Em andamento').waitFor();
    expect(await shown.getByText('Bruno Lima · OP-02').count()).toBe(1);
    await screenshots(page, 'live-other-terminal');
    await screenshot(other.page, 'laser-shop-floor-second-terminal-768x1024', true);

    await other.page.getByRole('button', { name: 'Pausar' }).click();
    await shown.getByText('Pausado').waitFor();
    expect(other.problems.errors).toEqual([]);
    await other.page.context().close();
  });

  it('explains a pause another terminal already made and catches up', async () => {
    // A terminal that missed the change events (its live connection is blocked) still shows 20317 running.
    const stale = await openPage(session.browser, session.platform.url, LANDSCAPE);
    await stale.page.route('**/socket.io/**', (route) => route.abort());
    await stale.page.goto('/');
    await signIn(stale.page, ADMIN.email, ADMIN.password);
    await api.mutate('laser.retomar', { apontamento: (await api.query('laser.em_maquina', {}))[0].id });
    await stale.page.goto(PAGE_URL);
    await identify(stale.page, 'OP-02');
    await current(stale.page).getByText('Em andamento').waitFor();

    const [running] = await api.query('laser.em_maquina', {});
    await api.mutate('laser.pausar', { apontamento: running.id });
    await stale.page.getByRole('button', { name: 'Pausar' }).click();
    await stale.page.getByRole('alert').filter({ hasText: 'Este apontamento não está mais em andamento' }).waitFor();
    await current(stale.page).getByText('Pausado').waitFor();
    await screenshot(stale.page, 'laser-shop-floor-conflict-1024x768', true);
    await stale.page.context().close();
  });

  it('speaks English and follows the dark theme when the user picks them', async () => {
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Shop floor' }).waitFor();
    await page.getByRole('button', { name: 'Change operator' }).waitFor();
    const onMachines = page.getByRole('region', { name: 'On the machines now' });
    await onMachines.getByRole('listitem', { name: 'WO 20317' }).getByText('Paused').waitFor();
    await page.getByRole('button', { name: 'Use dark theme' }).click();
    await screenshots(page, 'english-dark');
    // A wide office screen keeps the page at a tablet's reading width.
    await page.setViewportSize({ width: 1600, height: 900 });
    await screenshot(page, 'laser-shop-floor-english-dark-1600x900', true);
    await page.getByRole('button', { name: 'Use light theme' }).click();
    await page.getByLabel('Language').selectOption('pt-BR');
    await page.getByRole('heading', { level: 1, name: 'Chão de fábrica' }).waitFor();
    expect(problems.errors).toEqual([]);
  });
});
