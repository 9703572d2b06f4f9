/**
 * A staff day on Pedidos, in a real headless Chromium against a real server
 * with the demo data: sign in, open the list, create a pedido with two items
 * (fixing a client-side and a server-side validation error on the way),
 * filter, sort and page the list through the URL, edit and read the change in
 * Histórico, meet a concurrent edit. Screenshots go to test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, apiClient, login, startTestPlatform, type TestPlatform } from '../support/testPlatform.js';
import { launchBrowser, openPage, ptBrNumber, screenshot, signIn, type PageProblems } from './browser.js';
import { columnTexts } from './listColumn.js';
import { firstLoadGzipBytes, recordMetrics } from './metrics.js';

describe('Pedidos in the browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let createdPath = '';

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startTestPlatform({ SEED: 'true' }), launchBrowser()]);
    ({ page, problems } = await openPage(browser, platform.url));
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('signs in with the keyboard and explains a wrong password', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Entrar no Forja' }).waitFor();
    await screenshot(page, '01-login');
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Senha').fill('not-the-password');
    await page.getByLabel('Senha').press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('E-mail ou senha incorretos.');
    expect(await page.getByRole('button', { name: 'Entrar com Google' }).count()).toBe(0);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('heading', { name: /Olá/ }).waitFor();
    await screenshot(page, '02-home');
    // The session is a cookie: a reload keeps it.
    await page.reload();
    await page.getByRole('button', { name: 'Sair' }).waitFor();
  });

  it('opens Pedidos from the menu: 50 rows, pt-BR dates and values, relation names', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Pedidos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pedidos' }).waitFor();
    await expect.poll(() => page.locator('table.data-table tbody tr').count()).toBe(50);
    expect(page.url()).toMatch(/\/sgp\/pedido$/);
    expect(await page.getByText(/^1–50 de 300$/).count()).toBe(1);
    const dates = await columnTexts(page, 'Data de entrada');
    expect(dates.every((d) => /^\d{2}\/\d{2}\/\d{4}$/.test(d))).toBe(true);
    const values = await columnTexts(page, 'Valor total');
    expect(values.every((v) => /^\d{1,3}(\.\d{3})*,\d{2}$/.test(v))).toBe(true);
    const clientes = await columnTexts(page, 'Cliente');
    expect(clientes.every((c) => c.length > 0 && !/^#?\d+$/.test(c))).toBe(true);
    await screenshot(page, '03-pedidos-list');
  });

  it('creates a pedido with two items, fixing validation errors on the way', async () => {
    await page.getByRole('link', { name: 'Novo' }).click();
    await page.getByRole('heading', { name: 'Novo registro: Pedido' }).waitFor();

    await page.getByRole('button', { name: 'Adicionar item' }).click();
    await page.getByRole('button', { name: 'Adicionar item' }).click();
    await page.getByLabel('Descrição (Item 1)').fill('Banner lona 3 x 1 m');
    await page.getByLabel('Quantidade (Item 1)').fill('2');
    await page.getByLabel('Valor unitário (Item 1)').fill('1.234,56');
    await page.getByLabel('Quantidade (Item 2)').fill('0');
    await page.getByRole('button', { name: 'Adicionar item' }).click();
    await page.getByLabel('Descrição (Item 3)').fill('Linha a mais, removida antes de salvar');
    await page.getByRole('button', { name: 'Remover item 3' }).click();
    expect(await page.getByLabel('Descrição (Item 3)').count()).toBe(0);
    await page.getByRole('button', { name: 'Salvar' }).click();

    // Client-side, from the server's own schemas: no cliente, item 2 without descrição and with quantidade 0.
    const summary = page.getByRole('alert').filter({ hasText: 'Corrija os campos destacados' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Cliente: Obrigatório.');
    expect(await page.locator('#field-itens-1-descricao-error').textContent()).toBe('Obrigatório.');
    expect(await page.locator('#field-itens-1-quantidade-error').textContent()).toBe('O mínimo é 1.');
    expect(page.url()).toMatch(/\/sgp\/pedido\/new$/);
    await screenshot(page, '04-pedido-form-errors');
    await page.getByRole('group', { name: 'Itens' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, '04b-pedido-form-item-errors');

    await page.getByRole('combobox', { name: /^Cliente/ }).fill('Academia');
    await page.getByRole('option', { name: 'Academia Ritmo Forte' }).click();
    await page.getByLabel('Descrição (Item 2)').fill('Adesivo vinil recortado');
    await page.getByLabel('Quantidade (Item 2)').fill('10');
    await page.getByLabel('Valor unitário (Item 2)').fill('12,5');
    // A número that already exists: only the server knows; its answer lands on the field.
    await page.getByLabel('Número').fill('000001');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.locator('#field-numero-error').textContent()).toBe('Já existe um registro com este valor.');
    expect(page.url()).toMatch(/\/sgp\/pedido\/new$/);

    await page.getByLabel('Número').fill('');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL(/\/sgp\/pedido\/\d+$/);
    createdPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: /^Pedido \d+/ }).waitFor();
    // 2 × 1.234,56 + 10 × 12,50, computed by the plugin and shown in pt-BR.
    const valores = page.getByRole('region', { name: 'Valores' });
    await expect.poll(() => valores.getByText('2.594,12').count()).toBeGreaterThan(0);
    expect(await page.getByRole('table').filter({ hasText: 'Banner lona 3 x 1 m' }).getByText('1.234,56').count()).toBe(1);
    await screenshot(page, '05-pedido-detail', true);
  });

  it('filters, sorts and pages the list through the URL, with back and forward', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Pedidos' }).click();
    await expect.poll(() => page.locator('table.data-table tbody tr').count()).toBe(50);

    await page.getByRole('button', { name: /^Filtros/ }).click();
    await page.getByRole('region', { name: 'Filtros' }).getByLabel('Status').selectOption('entregue');
    await page.waitForURL(/f\.status=entregue/);
    await expect.poll(async () => new Set(await columnTexts(page, 'Status'))).toEqual(new Set(['Entregue']));

    await page.getByRole('button', { name: /^Valor total/ }).click();
    await page.waitForURL(/sort=valor_total/);
    await expect.poll(async () => isSorted((await columnTexts(page, 'Valor total')).map(ptBrNumber), 1)).toBe(true);
    await page.getByRole('button', { name: /^Valor total/ }).click();
    await page.waitForURL(/sort=-valor_total/);
    await expect.poll(async () => isSorted((await columnTexts(page, 'Valor total')).map(ptBrNumber), -1)).toBe(true);
    const firstPageTop = (await columnTexts(page, 'Número'))[0];

    await page.getByRole('button', { name: 'Próxima' }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(async () => (await columnTexts(page, 'Número'))[0]).not.toBe(firstPageTop);
    expect(await page.getByText(/^Página 2 de \d+$/).count()).toBe(1);
    const url = new URL(page.url());
    expect(url.searchParams.get('f.status')).toBe('entregue');
    expect(url.searchParams.get('sort')).toBe('-valor_total');
    await screenshot(page, '06-pedidos-filtered-sorted-page2');

    // CSV export: every row of the filter, not just the page on screen, in the list's order.
    const href = await page.getByRole('link', { name: 'Exportar CSV' }).getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const csvRows = (await csv.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
      .slice(1);
    expect(csvRows.length).toBeGreaterThan(50);
    expect(csvRows.every((line) => line.includes(';entregue;'))).toBe(true);

    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('page') && u.searchParams.get('sort') === '-valor_total');
    await expect.poll(async () => (await columnTexts(page, 'Número'))[0]).toBe(firstPageTop);
    await page.goForward();
    await page.waitForURL(/page=2/);

    // The link alone reproduces the view, in a fresh tab.
    const { page: other } = await openPage(browser, platform.url);
    await other.context().addCookies(await page.context().cookies());
    await other.goto(url.pathname + url.search);
    await expect.poll(async () => (await columnTexts(other, 'Status')).length).toBeGreaterThan(0);
    expect(await other.getByRole('region', { name: 'Filtros' }).getByLabel('Status').inputValue()).toBe('entregue');
    expect(await other.getByText(/^Página 2 de \d+$/).count()).toBe(1);
    await other.context().close();

    await page.getByRole('button', { name: 'Limpar filtros' }).click();
    await page.waitForURL((u) => !u.searchParams.has('f.status'));
    await page.getByRole('searchbox', { name: /Buscar por/ }).fill('00029');
    await page.waitForURL(/q=00029/);
    await expect.poll(async () => (await columnTexts(page, 'Número')).every((n) => n.includes('00029'))).toBe(true);
  });

  it('edits the pedido, asks before leaving unsaved changes, and shows the change in Histórico', async () => {
    await page.goto(`${createdPath}/edit`);
    await page.getByRole('heading', { name: /^Editar Pedido/ }).waitFor();
    // The status is read-only here: it changes only through the workflow (test/e2e/workflow.test.ts).
    expect(await page.locator('output[aria-label="Status"]').textContent()).toBe('Pendente');
    await page.getByLabel('Prioridade', { exact: true }).selectOption('ALTA');
    await page.getByLabel('Observações', { exact: true }).fill('Cliente pediu urgência');

    await page.getByRole('navigation', { name: 'Menu principal' }).locator('a[href="/sgp/cliente"]').click();
    const leave = page.getByRole('dialog', { name: 'Sair sem salvar?' });
    await leave.waitFor();
    await screenshot(page, '07-leave-guard');
    await page.keyboard.press('Escape');
    await leave.waitFor({ state: 'hidden' });
    expect(page.url()).toMatch(/\/edit$/);

    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL((u) => u.pathname === createdPath);
    await page.getByRole('tab', { name: 'Histórico' }).click();
    const latest = page.locator('.history-entry').first();
    await expect.poll(() => latest.textContent()).toMatch(/^Você alterou em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const prioridadeRow = latest.getByRole('row', { name: /Prioridade/ });
    expect(await prioridadeRow.textContent()).toBe('PrioridadeNormalAlta');
    expect(await latest.getByRole('row', { name: /Observações/ }).textContent()).toBe('Observações—Cliente pediu urgência');
    expect(await page.locator('.history-entry').last().textContent()).toMatch(/^Você criou em/);
    await screenshot(page, '08-pedido-history', true);
  });

  it('never overwrites a concurrent edit: the second save is refused with a clear message', async () => {
    await page.goto(`${createdPath}/edit`);
    await page.getByRole('heading', { name: /^Editar Pedido/ }).waitFor();
    await page.getByLabel('Observações', { exact: true }).fill('Minha versão');

    const id = Number(createdPath.split('/').pop());
    const { token } = await login(platform.url, ADMIN.email, ADMIN.password);
    const api = apiClient(platform.url, token);
    const current = await api.query('sgp.pedido.get', { id });
    await api.mutate('sgp.pedido.update', { id, data: { observacao: 'Versão de outra pessoa' }, version: current.version });

    await page.getByRole('button', { name: 'Salvar' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Alguém salvou este registro enquanto você editava' });
    await conflict.waitFor();
    // The message is brought into view, not left above the fold of a long form.
    await expect
      .poll(() => conflict.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= window.innerHeight))
      .toBe(true);
    expect((await api.query('sgp.pedido.get', { id })).observacao).toBe('Versão de outra pessoa');
    await screenshot(page, '09-conflict');
    await conflict.getByRole('button', { name: 'Recarregar versão atual' }).click();
    await expect.poll(() => page.getByLabel('Observações', { exact: true }).inputValue()).toBe('Versão de outra pessoa');
  });

  it('shows the SGP reports page from the plugin, with charts and tables', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Relatórios' }).click();
    await page.getByRole('heading', { level: 1, name: 'Relatórios' }).waitFor();
    await page.getByRole('region', { name: 'Pedidos por status' }).getByRole('table').waitFor();
    await page.getByRole('region', { name: 'Top clientes' }).getByRole('table').waitFor();
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(4);
    await page.getByLabel('Considerar a data de').selectOption('entrega');
    await page.waitForURL(/modo=entrega/);
    await page.getByRole('region', { name: 'Resumo do período' }).getByText('Ticket médio').waitFor();
    await screenshot(page, '10-reports', true);
  });

  it('measures the first-load bundle and the time from navigation to 50 rendered rows (recorded, not asserted)', async () => {
    const bundle = firstLoadGzipBytes();
    const { page: fresh } = await openPage(browser, platform.url);
    await fresh.context().addCookies(await page.context().cookies());
    const timings: number[] = [];
    for (let run = 0; run < 4; run++) {
      await fresh.goto('/sgp/pedido');
      await fresh.locator('table.data-table tbody tr').nth(49).waitFor();
      timings.push(Math.round(await fresh.evaluate(() => performance.now())));
    }
    await fresh.context().close();
    const [cold, ...warm] = timings;
    const figures = { firstLoadGzipBytes: bundle.total, firstLoadFiles: bundle.files, pedidosListTo50RowsMs: { coldCache: cold, warmCache: warm } };
    recordMetrics(figures);
    console.log(`UI figures: ${JSON.stringify(figures)}`);
    expect(timings).toHaveLength(4);
  });

  it('raised no script error on the way', () => {
    expect(problems.errors).toEqual([]);
  });
});

function isSorted(values: number[], direction: 1 | -1): boolean {
  return values.length > 1 && values.every((v, i) => i === 0 || (v - values[i - 1]!) * direction >= 0);
}
