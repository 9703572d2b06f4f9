/**
 * A pedido taken from pendente to entregue through the UI, each step by the
 * role that owns it, in a real headless Chromium: the stage badge, the step
 * buttons each role sees, the dialog with the sublimação inputs (and its
 * errors), the live update on a colleague's open screen, the progress
 * timeline, a cancellation refused for a missing comment, and a CONFLICT when
 * someone else moved the pedido first. Screenshots go to test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, createUserAndLogin, login, startTestPlatform, type TestPlatform } from '../support/testPlatform.js';
import { trpcApi, type Api } from '../support/api.js';
import { launchBrowser, openPage, screenshot, signIn, type PageProblems } from './browser.js';

const PASSWORD = 'user-password-123';
const ROLES = ['vendedor', 'financeiro', 'sublimacao', 'costura', 'conferencia', 'expedicao'] as const;
type Role = (typeof ROLES)[number];

describe('a pedido through its workflow in the browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let admin: Api;
  let pedidoPath: string;
  let maquinaNome: string;
  const pages = {} as Record<Role, { page: Page; problems: PageProblems }>;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
    const adminLogin = await login(platform.url, ADMIN.email, ADMIN.password);
    admin = trpcApi(platform.url, adminLogin.token);
    for (const role of ROLES) await createUserAndLogin(platform.url, adminLogin.token, `${role}@test.local`, [role]);
    const cliente = await admin.mutate('sgp.cliente.create', { data: { nome: 'Clube Atlético Fluxo' } });
    maquinaNome = (await admin.mutate('sgp.maquina.create', { data: { nome: 'Sublimadora 1,80 m', tipo: 'sublimação' } })).nome;
    const pedido = await admin.mutate('sgp.pedido.create', {
      data: { cliente: cliente.id, itens: [{ descricao: 'Bandeira oficial 2 x 1,4 m', quantidade: 3, valor_unitario: '180.00' }] },
    });
    pedidoPath = `/sgp/pedido/${pedido.id}`;
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function as(role: Role): Promise<Page> {
    if (!pages[role]) {
      pages[role] = await openPage(browser, platform.url);
      await pages[role].page.goto('/');
      await signIn(pages[role].page, `${role}@test.local`, PASSWORD);
    }
    const { page } = pages[role];
    if (new URL(page.url()).pathname !== pedidoPath) await page.goto(pedidoPath);
    await page.getByRole('heading', { level: 1, name: /^Pedido \d+/ }).waitFor();
    return page;
  }

  const stage = (page: Page) => page.getByRole('region', { name: 'Etapa' }).locator('.state-badge');
  const steps = (page: Page) => page.getByRole('group', { name: 'Próximas etapas' }).getByRole('button');

  async function take(page: Page, label: string): Promise<void> {
    await page.getByRole('button', { name: label, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Confirmar' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('financeiro sees the pedido pendente, with only their step, and approves it', async () => {
    const page = await as('financeiro');
    await expect.poll(() => stage(page).textContent()).toBe('Pendente');
    await expect.poll(() => steps(page).allTextContents()).toEqual(['Aprovar financeiro', 'Cancelar pedido']);
    await screenshot(page, 'wf-01-pendente-financeiro');
    await page.getByRole('button', { name: 'Aprovar financeiro' }).click();
    await page.getByRole('dialog').waitFor();
    await screenshot(page, 'wf-02-aprovar-dialog');

    // A colleague with the pedido open sees the new stage without reloading.
    const watcher = await as('vendedor');
    await expect.poll(() => stage(watcher).textContent()).toBe('Pendente');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmar' }).click();
    await expect.poll(() => stage(page).textContent()).toBe('Em produção');
    await expect.poll(() => stage(watcher).textContent()).toBe('Em produção');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Aprovar financeiro: feito.');
    await screenshot(page, 'wf-03-em-producao');

    // Expedição may expedite only a conferred pedido: the step is shown, disabled, with the reason.
    const expedicao = await as('expedicao');
    const expedir = expedicao.getByRole('button', { name: 'Expedir', exact: true });
    await expect.poll(() => expedir.isDisabled()).toBe(true);
    expect(await expedicao.locator('.workflow-blocked').textContent()).toBe('Ainda não é possível: o pedido precisa ser conferido antes da expedição');
    expect(await expedir.getAttribute('aria-describedby')).toBe(await expedicao.locator('.workflow-blocked').getAttribute('id'));
    await screenshot(expedicao, 'wf-03b-expedir-blocked');
  });

  it('sublimação must give the machine and the print date; the dialog says so on the fields', async () => {
    const page = await as('sublimacao');
    await expect.poll(() => steps(page).allTextContents()).toEqual(['Registrar sublimação']);
    await page.getByRole('button', { name: 'Registrar sublimação' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirmar' }).click();
    await expect.poll(() => dialog.locator('.field-error').allTextContents()).toEqual(['Obrigatório.', 'Obrigatório.']);
    await screenshot(page, 'wf-04-sublimar-errors');
    // Opened without typing, the list offers every machine (typing would start a new search under the pointer).
    const maquina = dialog.getByRole('combobox', { name: /^Máquina de sublimação/ });
    await maquina.click();
    await page.getByRole('option', { name: maquinaNome }).click();
    await expect.poll(() => maquina.inputValue()).toBe(maquinaNome);
    await dialog.getByLabel(/^Data de impressão/).fill('12/03/2025');
    await screenshot(page, 'wf-05-sublimar-filled');
    await dialog.getByRole('button', { name: 'Confirmar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('region', { name: 'Produção', exact: true }).textContent()).toContain(maquinaNome);
    expect(await page.getByRole('region', { name: 'Produção', exact: true }).textContent()).toContain('12/03/2025');
  });

  it('costura, conferência and expedição each take their own step, in order', async () => {
    const costura = await as('costura');
    await expect.poll(() => steps(costura).allTextContents()).toEqual(['Registrar costura']);
    await take(costura, 'Registrar costura');

    const conferencia = await as('conferencia');
    await expect.poll(() => steps(conferencia).allTextContents()).toEqual(['Registrar conferência']);
    await take(conferencia, 'Registrar conferência');

    const expedicao = await as('expedicao');
    await expect.poll(() => expedicao.getByRole('button', { name: 'Expedir', exact: true }).isEnabled()).toBe(true);
    await take(expedicao, 'Expedir');
    await expect.poll(() => stage(expedicao).textContent()).toBe('Pronto');
    await expect.poll(() => steps(expedicao).allTextContents()).toEqual(['Entregar']);
    await take(expedicao, 'Entregar');
    await expect.poll(() => stage(expedicao).textContent()).toBe('Entregue');
    await expect.poll(() => expedicao.getByRole('group', { name: 'Próximas etapas' }).textContent()).toBe('Nenhuma etapa disponível para você agora.');
    await screenshot(expedicao, 'wf-06-entregue', true);
  });

  it('the progress tab shows every step, who took it and the stages, newest first', async () => {
    const page = await as('vendedor');
    await expect.poll(() => stage(page).textContent()).toBe('Entregue');
    await page.getByRole('tab', { name: 'Andamento' }).click();
    const entries = page.locator('.timeline-entry');
    await expect.poll(() => entries.count()).toBe(6);
    const heads = await page.locator('.timeline-head strong').allTextContents();
    expect(heads).toEqual([
      'expedicao · Entregar',
      'expedicao · Expedir',
      'conferencia · Registrar conferência',
      'costura · Registrar costura',
      'sublimacao · Registrar sublimação',
      'financeiro · Aprovar financeiro',
    ]);
    expect(await entries.first().locator('.state-badge').allTextContents()).toEqual(['Pronto', 'Entregue']);
    await screenshot(page, 'wf-07-timeline', true);
    // The audit trail records each step as a stage change with the fields it set.
    await page.getByRole('tab', { name: 'Histórico' }).click();
    const latest = page.locator('.history-entry').first();
    await expect.poll(() => latest.locator('.history-head').textContent()).toMatch(/^expedicao mudou a etapa em \d{2}\/\d{2}\/\d{4}/);
    expect(await latest.getByRole('row', { name: /Status/ }).textContent()).toBe('StatusProntoEntregue');
  });

  it("the list shows each pedido's stage as a badge; the edit form shows it read-only", async () => {
    const page = await as('vendedor');
    await page.goto('/sgp/pedido');
    await page.getByRole('heading', { level: 1, name: 'Pedidos' }).waitFor();
    await expect.poll(() => page.locator('table.data-table tbody .state-badge').allTextContents()).toEqual(['Entregue']);
    await screenshot(page, 'wf-08-list');
    await page.goto(`${pedidoPath}/edit`);
    await page.getByRole('heading', { name: /^Editar Pedido/ }).waitFor();
    expect(await page.locator('output[aria-label="Status"]').textContent()).toBe('Entregue');
    expect(await page.getByLabel('Status', { exact: true }).count()).toBe(1);
    expect(await page.locator('select#field-status').count()).toBe(0);
    await screenshot(page, 'wf-09-form-readonly', true);
  });

  it('cancelling asks for the reason, and a pedido someone else moved meanwhile gives a clear CONFLICT', async () => {
    const cliente = (await admin.query('sgp.cliente.list', { pageSize: 1 })).rows[0];
    const pedido = await admin.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
    pedidoPath = `/sgp/pedido/${pedido.id}`;
    const page = await as('vendedor');
    await page.getByRole('button', { name: 'Cancelar pedido' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirmar' }).click();
    await expect.poll(() => dialog.locator('.field-error').textContent()).toBe('Obrigatório.');
    await dialog.getByLabel(/^Comentário/).fill('Cliente desistiu por telefone');
    await screenshot(page, 'wf-10-cancel-comment');

    // Meanwhile financeiro approves the same pedido through the API.
    const financeiro = trpcApi(platform.url, (await login(platform.url, 'financeiro@test.local', PASSWORD)).token);
    await financeiro.mutate('sgp.pedido.transition', { id: pedido.id, transition: 'aprovar' });
    await dialog.getByRole('button', { name: 'Confirmar' }).click();
    const conflict = dialog.getByRole('alert').filter({ hasText: 'Este registro mudou enquanto você decidia' });
    await conflict.waitFor();
    await screenshot(page, 'wf-11-conflict');
    expect((await admin.query('sgp.pedido.get', { id: pedido.id })).status).toBe('em_producao');
    await dialog.getByRole('button', { name: 'Recarregar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => stage(page).textContent()).toBe('Em produção');
  });

  it('no page error anywhere', () => {
    for (const role of ROLES) expect(pages[role]?.problems.errors ?? [], role).toEqual([]);
  });
});
