/**
 * What a staff member without some permissions sees, how a session that ends
 * is handled, and the shell's own preferences: language, theme, narrow screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, apiClient, createUserAndLogin, login, startTestPlatform, type TestPlatform } from '../support/testPlatform.js';
import { launchBrowser, openPage, screenshot, signIn, type PageProblems } from './browser.js';

const VENDEDOR = { email: 'vera@test.local', password: 'user-password-123' };

describe('access, session and preferences in the browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
    const admin = await login(platform.url, ADMIN.email, ADMIN.password);
    await createUserAndLogin(platform.url, admin.token, VENDEDOR.email, ['vendedor']);
    ({ page, problems } = await openPage(browser, platform.url));
    await page.goto('/');
    await signIn(page, VENDEDOR.email, VENDEDOR.password);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('shows a vendedor only what the server allows: no Usuários in the menu', async () => {
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    await nav.getByRole('link', { name: 'Pedidos' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Usuários' }).count()).toBe(0);
    expect(await nav.getByRole('heading', { name: 'Plataforma' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Relatórios' }).count()).toBe(1);
  });

  it('answers the URL of a forbidden entity with a clear message', async () => {
    await page.goto('/platform/user');
    await page.getByRole('heading', { level: 1, name: 'Tela não encontrada' }).waitFor();
    expect(await page.getByText('Esta tela não existe ou você não tem permissão para acessá-la.').count()).toBe(1);
    await screenshot(page, '13-forbidden-entity');
    await page.goto('/platform/user/1');
    await page.getByRole('heading', { level: 1, name: 'Tela não encontrada' }).waitFor();
  });

  it('hides actions the role lacks and explains when their URL is opened anyway', async () => {
    await page.goto('/sgp/maquina');
    await page.getByRole('heading', { level: 1, name: 'Máquinas' }).waitFor();
    await page.getByText('Nenhum registro de máquinas ainda.').waitFor();
    expect(await page.getByRole('link', { name: 'Novo' }).count()).toBe(0);
    await page.goto('/sgp/maquina/new');
    await page.getByRole('heading', { level: 1, name: 'Sem permissão' }).waitFor();
    expect(await page.getByText('Você não tem permissão para criar máquinas.').count()).toBe(1);
  });

  it('switches to English and to the dark theme, and remembers both', async () => {
    await page.goto('/sgp/cliente');
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'Use dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.dataset.theme, document.documentElement.lang])).toEqual(['dark', 'en']);
    await page.getByText('No clientes yet.').waitFor();
    await screenshot(page, '14-dark-english');
    await page.getByLabel('Language').selectOption('pt-BR');
    await page.getByRole('button', { name: 'Usar tema claro' }).click();
  });

  it('on a tablet the menu folds away, opens from the header and closes with Esc', async () => {
    const { page: tablet } = await openPage(browser, platform.url, { width: 800, height: 1000 });
    await tablet.context().addCookies(await page.context().cookies());
    await tablet.goto('/sgp/pedido');
    await tablet.getByRole('heading', { level: 1, name: 'Pedidos' }).waitFor();
    const nav = tablet.getByRole('navigation', { name: 'Menu principal' });
    expect(await nav.isVisible()).toBe(false);
    await screenshot(tablet, '15-tablet-list');
    await tablet.getByRole('button', { name: 'Abrir menu' }).click();
    await nav.locator('a[href="/sgp/cliente"]').waitFor({ state: 'visible' });
    // The menu slides in; the picture is taken once it is all in.
    await expect.poll(async () => (await nav.boundingBox())?.x).toBe(0);
    await screenshot(tablet, '16-tablet-menu-open');
    await tablet.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    await tablet.getByRole('button', { name: 'Abrir menu' }).click();
    await nav.locator('a[href="/sgp/cliente"]').click();
    await tablet.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();
    await nav.waitFor({ state: 'hidden' });
    await tablet.context().close();
  });

  it('shows changes saved by others without a reload (live updates, two browsers as two users)', async () => {
    await page.goto('/sgp/cliente?q=Zebra');
    await page.getByText('Nenhum registro encontrado com estes filtros ou busca.').waitFor();
    // The admin works in a browser context of their own and saves through the form.
    const { page: adminPage } = await openPage(browser, platform.url);
    await adminPage.goto('/sgp/cliente/new');
    await signIn(adminPage, ADMIN.email, ADMIN.password);
    await adminPage.getByLabel('Nome / razão social').fill('Zebra Estampas');
    await adminPage.getByRole('button', { name: 'Salvar' }).click();
    await adminPage.getByText('Salvo.').waitFor();
    await page.getByRole('link', { name: 'Abrir Zebra Estampas' }).waitFor();
    await adminPage.context().close();
  });

  it('tells someone editing a record who saved it meanwhile, and reloads on request', async () => {
    const admin = apiClient(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
    const cliente = await admin.mutate('sgp.cliente.create', { data: { nome: 'Cliente Editado Junto' } });
    const pedido = await admin.mutate('sgp.pedido.create', { data: { cliente: cliente.id, observacao: 'primeira versão' } });
    await page.goto(`/sgp/pedido/${pedido.id}/edit`);
    const observacao = page.getByLabel('Observações', { exact: true });
    await observacao.waitFor();
    expect(await observacao.inputValue()).toBe('primeira versão');
    await admin.mutate('sgp.pedido.update', { id: pedido.id, version: pedido.version, data: { observacao: 'salva pelo admin' } });
    await page.getByText('Administrador acabou de salvar este registro (versão 2)').waitFor();
    await screenshot(page, '19-changed-elsewhere');
    await page.getByRole('button', { name: 'Recarregar versão atual' }).click();
    // biome-ignore lint/performance/useDomNodeTextContent: the notice must be gone from what is rendered; textContent also reads hidden text.
    await page.waitForFunction(() => !document.body.innerText.includes('acabou de salvar este registro'));
    expect(await observacao.inputValue()).toBe('salva pelo admin');
  });

  it('a session ended elsewhere sends the user back to sign in, with a message, to the same screen', async () => {
    await page.goto('/sgp/pedido');
    await page.getByRole('heading', { level: 1, name: 'Pedidos' }).waitFor();
    const csrf = (await page.context().cookies()).find((c) => c.name === 'forja_csrf')!.value;
    // Another tab signs out: the session is revoked on the server.
    const revoked = await page.request.post('/auth/logout', { headers: { 'x-csrf-token': csrf } });
    expect(revoked.status()).toBe(200);
    await page.getByRole('navigation', { name: 'Menu principal' }).locator('a[href="/sgp/cliente"]').click();
    await page.getByText('Sua sessão terminou. Entre novamente para continuar de onde parou.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sgp/cliente');
    await screenshot(page, '17-session-ended');
    await signIn(page, VENDEDOR.email, VENDEDOR.password);
    await page.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();
  });

  it('signs out from the header back to the login screen', async () => {
    await page.getByRole('button', { name: 'Sair' }).click();
    await page.getByText('Você saiu do Forja.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.reload();
    await page.getByRole('heading', { name: 'Entrar no Forja' }).waitFor();
  });

  it('raised no script error on the way', () => {
    expect(problems.errors).toEqual([]);
  });
});
