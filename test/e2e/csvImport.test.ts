/**
 * "Importar CSV" in a real headless Chromium (fixture module "carga"): an
 * operador picks a pt-BR file, fixes a column the names did not match, sees
 * the preview with a bad row highlighted, imports with the progress bar, and
 * downloads the report; the list then shows the imported rows. A leitor (no
 * create permission) gets no button. Screenshots go to test-artifacts/.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, apiClient, createUserAndLogin, login, ROOT, startTestPlatform, type TestPlatform } from '../support/testPlatform.js';
import { prepareFixtureModule, type FixtureModule } from '../support/fixtureModule.js';
import { launchBrowser, openPage, screenshot, signIn, type PageProblems } from './browser.js';

const ROWS = 600;

function csvFile(): string {
  const lines = ['Razão Social;Documento;Operadora;Serviço;Valor mensal;Ativo'];
  for (let i = 0; i < ROWS; i++) lines.push(`Cliente ${i};${String(10 ** 13 + i)};${i % 2 ? 'Vivo' : 'CLARO'};Móvel;${i},50;sim`);
  lines.push('Cliente ruim;123;Nenhuma;Satélite;abc;talvez');
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

describe('importing a CSV file from the list screen', () => {
  let fixture: FixtureModule;
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let file: string;

  beforeAll(async () => {
    fixture = await prepareFixtureModule({
      manifestsDir: path.join(ROOT, 'test', 'fixtures', 'csvimport', 'manifests'),
      pluginsDir: path.join(ROOT, 'test', 'fixtures', 'csvimport', 'plugins'),
    });
    [platform, browser] = await Promise.all([startTestPlatform({}, fixture.options), launchBrowser()]);
    const admin = await login(platform.url, ADMIN.email, ADMIN.password);
    const api = apiClient(platform.url, admin.token);
    await api.mutate('carga.operadora.create', { data: { codigo: 'VIVO', nome: 'Vivo' } });
    await api.mutate('carga.operadora.create', { data: { codigo: 'CLARO', nome: 'Claro' } });
    await createUserAndLogin(platform.url, admin.token, 'operador@test.local', ['operador']);
    await createUserAndLogin(platform.url, admin.token, 'leitor@test.local', ['leitor']);
    file = path.join(os.tmpdir(), `clientes-${Date.now()}.csv`);
    await writeFile(file, csvFile());
    ({ page, problems } = await openPage(browser, platform.url));
    await page.goto('/');
    await signIn(page, 'operador@test.local', 'user-password-123');
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await fixture?.remove();
  });

  it('walks file → mapping → preview → progress → report', async () => {
    await page.goto('/carga/cliente');
    await page.getByRole('button', { name: 'Importar CSV' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await screenshot(page, 'csv-import-1-file');

    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('combobox', { name: 'Documento' }).waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Razão Social' }).inputValue()).toBe('razao_social');
    expect(await dialog.getByRole('combobox', { name: 'Documento' }).inputValue()).toBe('');
    await dialog.getByRole('combobox', { name: 'Documento' }).selectOption('cnpj');
    await screenshot(page, 'csv-import-2-mapping');

    await dialog.getByRole('button', { name: 'Pré-visualizar' }).click();
    await dialog.getByText('600 a criar · 0 a atualizar · 1 com erros (serão ignoradas)').waitFor();
    expect(await dialog.locator('.import-errors').textContent()).toContain('no Operadora "Nenhuma"');
    expect(await dialog.locator('tr.import-row-error').count()).toBe(0); // the bad row is the last, beyond the first 20
    await screenshot(page, 'csv-import-3-preview');

    await dialog.getByRole('button', { name: 'Importar 600 linha(s)' }).click();
    await dialog.locator('progress').waitFor();
    // Part way, when the first progress lines have arrived (or at once, if it finished already).
    await page.waitForFunction(() => {
      const bar = document.querySelector<HTMLProgressElement>('dialog progress');
      return !bar || bar.value > 0;
    });
    await screenshot(page, 'csv-import-4-progress');
    await dialog.getByText('Importação concluída: 600 criado(s), 0 atualizado(s), 1 ignorado(s).').waitFor({ timeout: 120_000 });
    await screenshot(page, 'csv-import-5-report');

    const download = page.waitForEvent('download');
    await dialog.getByRole('link', { name: 'Baixar relatório (CSV)' }).click();
    const report = await readFile(await (await download).path(), 'utf8');
    expect(report).toContain(`${ROWS + 2};Operadora;"no Operadora ""Nenhuma"""`);

    await dialog.getByRole('button', { name: 'Fechar' }).click();
    await page.getByText('Cliente 599').first().waitFor();
    expect(problems.errors).toEqual([]);
  });

  it('shows the bad row highlighted when it is among the first rows', async () => {
    const bad = path.join(os.tmpdir(), `ruins-${Date.now()}.csv`);
    await writeFile(bad, 'razao_social;cnpj;operadora;servico;valor\nBoa;99999999000199;Vivo;Fixo;1,00\nRuim;98;Nenhuma;Fixo;abc\n');
    await page.getByRole('button', { name: 'Importar CSV' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles(bad);
    await dialog.getByRole('button', { name: 'Pré-visualizar' }).click();
    await dialog.locator('tr.import-row-error').waitFor();
    expect(await dialog.locator('tr.import-row-error td.import-cell-error').count()).toBe(2);
    await screenshot(page, 'csv-import-6-preview-errors');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
  });

  it('offers no import to a user who may not create', async () => {
    const { page: reader } = await openPage(browser, platform.url);
    await reader.goto('/');
    await signIn(reader, 'leitor@test.local', 'user-password-123');
    await reader.goto('/carga/cliente');
    await reader.getByRole('heading', { name: 'Clientes' }).waitFor();
    expect(await reader.getByRole('button', { name: 'Importar CSV' }).count()).toBe(0);
  });
});
