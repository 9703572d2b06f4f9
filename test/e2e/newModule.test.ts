/**
 * "A new entity added to a manifest appears in the menu with working list and
 * form screens with no UI code written": a fixture module the UI has never
 * seen (every widget type), started on its own platform, used in the browser.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, apiClient, login, ROOT, type TestPlatform } from '../support/testPlatform.js';
import { screenshot, startSignedIn, type PageProblems, type SignedInSession } from './browser.js';
import { columnTexts } from './listColumn.js';
import { prepareFixtureModule, type FixtureModule } from '../support/fixtureModule.js';

const FIXTURE_MANIFESTS = path.join(ROOT, 'test', 'fixtures', 'ui', 'manifests');

describe('screens of a module the UI has never seen', () => {
  let fixture: FixtureModule;
  let platform: TestPlatform;
  let session: SignedInSession;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    fixture = await prepareFixtureModule({ manifestsDir: FIXTURE_MANIFESTS });
    session = await startSignedIn(fixture.options);
    ({ platform, page, problems } = session);
  });
  afterAll(async () => {
    await session?.close();
    await fixture?.remove();
  });

  it('lists the module and its menu in the sidebar and on the home page', async () => {
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    const section = nav.getByRole('region', { name: 'Estoque (fixture de testes)' });
    // The menu renders once the model arrives: wait for it rather than read a page still loading.
    await expect.poll(() => section.getByRole('link').allTextContents()).toEqual(['Produtos', 'Categorias']);
    await expect.poll(() => page.getByRole('region', { name: 'Estoque (fixture de testes)' }).last().getByText('Um módulo que a UI nunca viu').count()).toBe(1);
  });

  it('creates a categoria from an empty list', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Categorias' }).click();
    await page.getByText('Nenhum registro de categorias ainda.').waitFor();
    await page.getByRole('link', { name: 'Novo' }).click();
    await page.getByRole('heading', { name: 'Novo registro: Categoria' }).waitFor();
    const form = page.locator('form.record-form');
    await form.getByLabel('Nome').fill('Tecidos');
    await form.getByLabel('Nome').press('Enter');
    await page.waitForURL(/\/estoque\/categoria\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Categoria Tecidos' }).waitFor();
  });

  it('creates a produto with every kind of field and keeps the decimal exact end to end', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Produtos' }).click();
    await page.getByRole('link', { name: 'Novo' }).click();
    await page.getByRole('heading', { name: 'Novo registro: Produto' }).waitFor();
    const form = page.locator('form.record-form');
    expect(await form.getByLabel('Unidade').inputValue()).toBe('UN');
    expect(await form.getByLabel('Estoque').inputValue()).toBe('0');
    expect(await form.getByLabel('Ativo').isChecked()).toBe(true);

    await form.getByLabel('Descrição').fill('Lona blackout 440 g');
    await form.getByRole('combobox', { name: 'Categoria' }).fill('Tec');
    await page.getByRole('option', { name: 'Tecidos' }).click();
    await form.getByLabel('Unidade').selectOption({ label: 'Metro quadrado' });
    await form.getByLabel('Estoque').fill('12');
    await form.getByLabel('Preço').fill('12.345.678.901,2345');
    await form.getByLabel('Validade').fill('31122030');
    await form.getByLabel('Conferido em').fill('05/03/2026 14:30');
    await form.getByLabel('E-mail do fornecedor').fill('fornecedor@exemplo.com');
    await form.getByLabel('Atributos').fill('{"cor": "preto"');
    await form.getByLabel('Notas').fill('Rolo de 3,20 m');
    expect(await form.getByLabel('Validade').inputValue()).toBe('31/12/2030');

    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => form.locator('#field-atributos-error').textContent()).toBe('JSON inválido.');
    await form.getByLabel('Atributos').fill('{"cor": "preto", "largura_m": 3.2}');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL(/\/estoque\/produto\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());

    const shown = async (label: string) =>
      (
        await page
          .locator('.value', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
          .locator('dd')
          .textContent()
      )?.trim();
    await page.getByRole('heading', { level: 1, name: 'Produto Lona blackout 440 g' }).waitFor();
    expect(await shown('Preço')).toBe('12.345.678.901,2345');
    expect(await shown('Categoria')).toBe('Tecidos');
    expect(await shown('Unidade')).toBe('Metro quadrado');
    expect(await shown('Validade')).toBe('31/12/2030');
    expect(await shown('Conferido em')).toBe('05/03/2026 14:30');
    expect(await shown('Ativo')).toBe('Sim');
    await screenshot(page, '11-new-module-detail', true);

    const { token } = await login(platform.url, ADMIN.email, ADMIN.password);
    const saved = await apiClient(platform.url, token).query('estoque.produto.get', { id });
    expect(saved).toMatchObject({
      preco: '12345678901.2345',
      validade: '2030-12-31',
      unidade: 'M2',
      estoque: 12,
      ativo: true,
      atributos: { cor: 'preto', largura_m: 3.2 },
    });
    expect(new Date(saved.conferido_em).toISOString()).toBe('2026-03-05T17:30:00.000Z');
  });

  it('lists it with pt-BR values and filters it by type', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Produtos' }).click();
    await expect.poll(() => columnTexts(page, 'Preço')).toEqual(['12.345.678.901,2345']);
    await page.getByRole('button', { name: /^Filtros/ }).click();
    const filters = page.getByRole('region', { name: 'Filtros' });
    await filters.getByLabel('Unidade').selectOption('KG');
    await page.getByText('Nenhum registro encontrado com estes filtros ou busca.').waitFor();
    await filters.getByLabel('Unidade').selectOption('M2');
    await filters.getByRole('group', { name: 'Preço' }).getByLabel('De').fill('1.000');
    await filters.getByRole('group', { name: 'Preço' }).getByLabel('De').press('Enter');
    await page.waitForURL(/f\.preco=1000\.\./);
    await expect.poll(() => columnTexts(page, 'Descrição')).toEqual(['Lona blackout 440 g']);
    await screenshot(page, '12-new-module-list');
  });

  it('deletes selected rows after confirming, and Esc cancels', async () => {
    const { token } = await login(platform.url, ADMIN.email, ADMIN.password);
    const api = apiClient(platform.url, token);
    for (const descricao of ['Ilhós latão 10 mm', 'Ilhós latão 12 mm']) await api.mutate('estoque.produto.create', { data: { descricao } });
    await page.goto('/estoque/produto?q=Ilh%C3%B3s');
    await expect.poll(() => columnTexts(page, 'Descrição')).toEqual(['Ilhós latão 10 mm', 'Ilhós latão 12 mm']);
    await page.getByRole('checkbox', { name: 'Selecionar todos desta página' }).check();
    await page.getByRole('button', { name: 'Excluir selecionados' }).click();
    const confirm = page.getByRole('dialog', { name: 'Excluir 2 registro(s)?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Ilhós latão 10 mm, Ilhós latão 12 mm');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Excluir selecionados' }).click();
    await confirm.getByRole('button', { name: 'Excluir' }).click();
    await page.getByText('2 registro(s) excluído(s).').waitFor();
    await page.getByText('Nenhum registro encontrado com estes filtros ou busca.').waitFor();
    expect((await api.query('estoque.produto.list', { search: 'Ilhós' })).total).toBe(0);
  });

  it('raised no script error on the way', () => {
    expect(problems.errors).toEqual([]);
  });
});
