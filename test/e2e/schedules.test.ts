/**
 * An admin in the browser: the schedules list with next run times, a
 * schedule's detail with its runs, "run now", and a run's progress updating
 * live until it finishes — all from generic screens the model describes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { prepareSchedulerFixture, type SchedulerFixture } from '../support/schedulerFixture.js';
import { screenshot, startSignedIn, type PageProblems, type SignedInSession } from './browser.js';

describe('schedules in the browser', () => {
  let fixture: SchedulerFixture;
  let session: SignedInSession;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    fixture = await prepareSchedulerFixture();
    session = await startSignedIn(fixture.options, (api) =>
      api.mutate('platform.schedule.create', {
        data: { name: 'rotinas.relatorio', label: 'Relatório lento', module: 'rotinas', job: 'devagar', cron: '0 2 * * *', params: { steps: 25, ms: 200 } },
      }),
    );
    ({ page, problems } = session);
  });
  afterAll(async () => {
    await session?.close();
    await fixture?.remove();
  });

  it('lists the schedules with their next run time', async () => {
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Agendamentos' }).click();
    await page.getByRole('heading', { name: 'Agendamentos' }).waitFor();
    const table = page.getByRole('table');
    await table.getByText('platform.cleanup').waitFor();
    await table.getByText('rotinas.relatorio').waitFor();
    // 02:00 in São Paulo, shown in the browser's São Paulo time.
    expect(await table.getByRole('row', { name: /rotinas\.relatorio/ }).textContent()).toMatch(/02:00/);
    await screenshot(page, 'schedules-list');
  });

  it('runs a schedule now from its detail page and shows the run progress live until it finishes', async () => {
    await page.getByRole('table').getByText('rotinas.relatorio').click();
    await page.getByRole('heading', { name: /Agendamento rotinas\.relatorio/ }).waitFor();
    await page.getByText('Próxima execução').waitFor();
    const runs = page.getByRole('region', { name: 'Execuções' });
    await runs.getByText('Nenhum registro.').waitFor();
    await screenshot(page, 'schedule-detail', true);

    await page.getByRole('button', { name: 'Executar agora' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Executar este agendamento agora, fora do horário?').waitFor();
    await screenshot(page, 'schedule-run-now-confirm');
    await dialog.getByRole('button', { name: 'Confirmar' }).click();

    // The run appears while it runs, and its progress moves without a reload.
    const row = runs.getByRole('row').nth(1);
    await row.getByText('Em execução').waitFor();
    const progressCell = row.getByRole('cell').last();
    // The progress column is a bar: read its value, not its text.
    const firstProgress = Number(await progressCell.locator('progress').getAttribute('value'));
    await page.waitForFunction(
      ([before]) => {
        const cells = document.querySelectorAll('section[aria-labelledby="related-platform-schedule_run"] tbody tr:first-child td');
        const value = Number(cells[cells.length - 1]?.querySelector('progress')?.value ?? 0);
        return value > (before as number) && value < 100;
      },
      [firstProgress],
      { timeout: 20_000 },
    );
    await screenshot(page, 'schedule-run-progress', true);
    await row.getByText('Concluída').waitFor({ timeout: 30_000 });
    expect((await progressCell.textContent())?.trim()).toBe('100%');
    // The schedule's own record follows: last run and its status, by label.
    await page.getByRole('region', { name: 'Situação' }).getByText('Concluída').waitFor();
    await screenshot(page, 'schedule-run-finished', true);

    // The run's own page shows its output.
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: /^Execução / }).waitFor();
    await page.getByText('step 25 of 25').waitFor();
    await screenshot(page, 'schedule-run-detail', true);
    await page.goBack();
    await page.getByRole('link', { name: 'Editar' }).click();
    // The times the scheduler keeps are shown, not editable.
    await page.getByLabel('Expressão cron').waitFor();
    expect(await page.getByRole('textbox', { name: 'Próxima execução' }).count()).toBe(0);
    await screenshot(page, 'schedule-edit-form', true);

    // Every run of every schedule, from the menu; read-only, so no "Novo".
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Execuções' }).click();
    await page.getByRole('heading', { name: 'Execuções' }).waitFor();
    await page.getByRole('table').getByText('rotinas.relatorio').waitFor();
    expect(await page.getByRole('link', { name: 'Novo' }).count()).toBe(0);
    await screenshot(page, 'schedule-runs-list');
    // Runs are read-only: no edit or delete on the run's page.
    expect(await page.getByRole('link', { name: 'Editar' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Excluir' }).count()).toBe(0);
    expect(problems.errors).toEqual([]);
  }, 90_000);
});
