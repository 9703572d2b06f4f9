/**
 * A secret field in a real headless Chromium: typed once on the new form,
 * shown as "••••••" on the record, "definida" on the edit form with an empty
 * (never pre-filled) box only after Substituir, replaced and then removed;
 * the page never holds the value. The platform runs on its development key
 * (no SECRETS_KEY): generated into the data folder. Screenshots go to test-artifacts/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { prepareFixtureModule, type FixtureModule } from '../support/fixtureModule.js';
import { ADMIN, ROOT, apiClient, login } from '../support/testPlatform.js';
import { screenshot, startSignedIn, type SignedInSession } from './browser.js';

const SENHA = 'Pl41n-S3nh4!';
const SENHA_NOVA = 'N0va-S3nh4?';

describe('a secret field in the browser', () => {
  let fixture: FixtureModule;
  let session: SignedInSession;
  let page: Page;
  let recordPath = '';
  const secretOf = async (id: number) => {
    const api = apiClient(session.platform.url, (await login(session.platform.url, ADMIN.email, ADMIN.password)).token);
    return (await api.query('cofre.ler_senha', { id })).valor as string | null;
  };
  const expectPageWithoutSecrets = async () => {
    const html = await page.content();
    for (const secret of [SENHA, SENHA_NOVA, 'fs1:']) expect(html).not.toContain(secret);
  };

  beforeAll(async () => {
    fixture = await prepareFixtureModule({
      manifestsDir: path.join(ROOT, 'test', 'fixtures', 'secrets', 'manifests'),
      pluginsDir: path.join(ROOT, 'test', 'fixtures', 'secrets', 'plugins'),
    });
    session = await startSignedIn(fixture.options);
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
    await fixture?.remove();
  });

  it('takes the secret on the new form and shows only that it is set', async () => {
    await page.goto('/cofre/cliente/new');
    await page.getByRole('heading', { name: 'Novo registro: Cliente' }).waitFor();
    await screenshot(page, 'secrets-00-new-form-empty');
    await page.getByRole('textbox', { name: /^Nome/ }).fill('Acme');
    const secret = page.getByLabel('Senha do portal', { exact: true });
    expect(await secret.getAttribute('type')).toBe('password');
    await expect.poll(() => page.locator('.secret-state').first().textContent()).toBe('não definida');
    await secret.fill(SENHA);
    await screenshot(page, 'secrets-01-new-form');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL(/\/cofre\/cliente\/\d+$/);
    recordPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: /^Cliente/ }).waitFor();
    await page.getByText('••••••').first().waitFor();
    await screenshot(page, 'secrets-02-detail');
    await expectPageWithoutSecrets();
    expect(await secretOf(Number(recordPath.split('/').at(-1)))).toBe(SENHA);
  });

  it('shows "definida" on the edit form, never pre-filled; keeps it when left alone, replaces it on Substituir', async () => {
    const id = Number(recordPath.split('/').at(-1));
    await page.goto(`${recordPath}/edit`);
    await page.getByRole('button', { name: 'Substituir: Senha do portal' }).waitFor();
    expect(await page.locator('.secret-state').first().textContent()).toBe('definida');
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    await screenshot(page, 'secrets-03-edit-set');
    await expectPageWithoutSecrets();

    await page.getByLabel('Login do portal').fill('acme');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL(new RegExp(`${recordPath}$`));
    expect(await secretOf(id)).toBe(SENHA);

    await page.goto(`${recordPath}/edit`);
    await page.getByRole('button', { name: 'Substituir: Senha do portal' }).click();
    const box = page.getByLabel('Senha do portal', { exact: true });
    expect(await box.inputValue()).toBe('');
    await box.fill(SENHA_NOVA);
    await screenshot(page, 'secrets-04-edit-replace');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL(new RegExp(`${recordPath}$`));
    expect(await secretOf(id)).toBe(SENHA_NOVA);
    await expectPageWithoutSecrets();
  });

  it('removes it with Remover', async () => {
    const id = Number(recordPath.split('/').at(-1));
    await page.goto(`${recordPath}/edit`);
    await page.getByRole('button', { name: 'Remover: Senha do portal' }).click();
    expect(await page.locator('.secret-state').first().textContent()).toBe('será removida ao salvar');
    await screenshot(page, 'secrets-05-edit-clear');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL(new RegExp(`${recordPath}$`));
    expect(await secretOf(id)).toBeNull();
    await page.goto(`${recordPath}/edit`);
    expect(await page.locator('.secret-state').first().textContent()).toBe('não definida');
  });
});
