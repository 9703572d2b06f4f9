/**
 * The runs of a record in the browser: a record job started for a pedido
 * shows up in the record's runs panel, its log lines arrive live in the run
 * viewer while it runs, it ends "Concluída"; a long run is cancelled from the
 * viewer's Cancel button.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiClient, login } from '../support/testPlatform.js';
import type { FixtureModule } from '../support/fixtureModule.js';
import { prepareJobsFixture } from '../support/jobsFixture.js';
import { screenshot, startSignedIn, type PageProblems, type SignedInSession } from './browser.js';

describe('record runs in the browser', () => {
  let fixture: FixtureModule;
  let session: SignedInSession;
  let page: Page;
  let problems: PageProblems;
  let pedido: number;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    fixture = await prepareJobsFixture();
    session = await startSignedIn({ ...fixture.options, scheduler: { tickMs: 0, jobs: { tickMs: 100 } } }, async (admin) => {
      pedido = (await admin.mutate('tarefas.pedido.create', { data: { nome: 'Pedido ao vivo' } })).id;
    });
    ({ page, problems } = session);
    api = apiClient(session.platform.url, (await login(session.platform.url, ADMIN.email, ADMIN.password)).token);
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await fixture?.remove();
  });

  it('shows a run of the record with its log lines arriving live, until it ends', async () => {
    await page.goto(`/tarefas/pedido/${pedido}`);
    const panel = page.getByRole('region', { name: 'Execuções' });
    await panel.getByText('Nenhuma execução para este registro ainda.').waitFor();
    await api.mutate('tarefas.iniciar', { id: pedido, job: 'devagar', params: { steps: 30, ms: 150 } });
    // No reload: the run appears with its first line, and the lines keep coming.
    const viewer = panel.getByRole('region', { name: /^Log da execução/ });
    await viewer.getByText('Em execução', { exact: true }).waitFor({ timeout: 30_000 });
    await viewer.getByText(/line 3\b/).waitFor();
    const log = viewer.locator('pre');
    const before = (await log.textContent())!.split('\n').length;
    await page.waitForFunction((n) => (document.querySelector('.run-log-lines')?.textContent ?? '').split('\n').length > n + 2, before, { timeout: 20_000 });
    await screenshot(page, 'record-runs-live', true);
    await viewer.getByText('Concluída', { exact: true }).waitFor({ timeout: 30_000 });
    expect((await log.textContent())!.split('\n')).toEqual(Array.from({ length: 30 }, (_, i) => `line ${i + 1}`));
    await screenshot(page, 'record-runs-finished', true);
  }, 90_000);

  it('cancels a running run from the viewer', async () => {
    await api.mutate('tarefas.iniciar', { id: pedido, job: 'devagar', params: { steps: 100_000, ms: 100 } });
    const panel = page.getByRole('region', { name: 'Execuções' });
    const viewer = panel.getByRole('region', { name: /^Log da execução/ });
    await panel.getByRole('button', { name: /Em execução/ }).waitFor({ timeout: 30_000 });
    await viewer.getByText(/line 2\b/).waitFor({ timeout: 30_000 });
    await viewer.getByRole('button', { name: 'Cancelar execução' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Cancelar esta execução?').waitFor();
    await screenshot(page, 'record-runs-cancel-confirm');
    await dialog.getByRole('button', { name: 'Cancelar execução' }).click();
    await viewer.getByText('Cancelada', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await viewer.getByRole('button', { name: 'Cancelar execução' }).count()).toBe(0);
    await screenshot(page, 'record-runs-cancelled', true);
    expect(problems.errors).toEqual([]);
  }, 90_000);
});
