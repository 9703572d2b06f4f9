/**
 * A duration field on screen (the laser module's total times): typed as
 * hh:mm:ss in the form with a clear message for anything else, shown without a
 * zero fraction in the list and the detail, filtered by a range in the URL.
 * Needs the server side of `duration` (core/fields/duration.ts) to start.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, apiClient, login, ROOT, type TestPlatform } from '../support/testPlatform.js';
import { prepareFixtureModule, type FixtureModule } from '../support/fixtureModule.js';
import { screenshot, startSignedIn, type PageProblems, type SignedInSession } from './browser.js';
import { columnTexts } from './listColumn.js';

const FIXTURE_MANIFESTS = path.join(ROOT, 'test', 'fixtures', 'duration', 'manifests');

describe('a duration field in a form and a list', () => {
  let fixture: FixtureModule;
  let platform: TestPlatform;
  let session: SignedInSession;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    fixture = await prepareFixtureModule({ manifestsDir: FIXTURE_MANIFESTS });
    session = await startSignedIn(fixture.options, (api) => api.mutate('tempos.corte.create', { data: { descricao: 'Chapa 1 mm', tempo: '00:45:30.500000' } }));
    ({ platform, page, problems } = session);
  });
  afterAll(async () => {
    await session?.close();
    await fixture?.remove();
  });

  it('refuses text that is not a duration, then saves hh:mm:ss as the exact wire text', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Cortes' }).click();
    await page.getByRole('link', { name: 'Novo' }).click();
    await page.getByRole('heading', { name: 'Novo registro: Corte' }).waitFor();
    const form = page.locator('form.record-form');
    await form.getByLabel('Descrição').fill('Chapa 3 mm');
    await form.getByLabel('Tempo total').fill('90 min');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.locator('#field-tempo-error').textContent()).toBe('Informe a duração como hh:mm:ss (ex.: 01:30:00) ou hh:mm:ss.ffffff.');
    await screenshot(page, 'duration-form-error');

    await form.getByLabel('Tempo total').fill('1:30:00');
    await form.getByLabel('Tempo total').blur();
    expect(await form.getByLabel('Tempo total').inputValue()).toBe('01:30:00');
    await screenshot(page, 'duration-form');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL(/\/tempos\/corte\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Corte Chapa 3 mm' }).waitFor();
    expect(await page.locator('.record-view').getByText('01:30:00', { exact: true }).count()).toBe(1);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const admin = await login(platform.url, ADMIN.email, ADMIN.password);
    expect(await apiClient(platform.url, admin.token).query('tempos.corte.get', { id })).toMatchObject({ tempo: '01:30:00.000000' });
  });

  it('lists durations as hh:mm:ss and filters them by a range kept in the URL', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Cortes' }).click();
    await expect.poll(() => columnTexts(page, 'Tempo total')).toEqual(['00:45:30.5', '01:30:00']);
    await screenshot(page, 'duration-list');

    await page.getByRole('button', { name: /^Filtros/ }).click();
    const from = page.getByRole('group', { name: 'Tempo total' }).getByLabel('De');
    await from.fill('1:00:00');
    await from.press('Enter');
    await page.waitForURL(/f\.tempo=01%3A00%3A00\.\./);
    await expect.poll(() => columnTexts(page, 'Descrição')).toEqual(['Chapa 3 mm']);
    await screenshot(page, 'duration-list-filtered');
    expect(problems.errors).toEqual([]);
  });
});
