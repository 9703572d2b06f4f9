/**
 * File fields in a real headless Chromium: a vendedor uploads an item image
 * inside the pedido's item row (on a throttled connection, so the progress
 * bar shows), saves, sees the thumbnail in the pedido and in the items list,
 * and downloads the item's ficha de produção PDF. Screenshots go to test-artifacts/.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, apiClient, createUserAndLogin, login, startTestPlatform, type TestPlatform } from '../support/testPlatform.js';
import path from 'node:path';
import { ARTIFACTS, launchBrowser, openPage, screenshot, signIn, type PageProblems } from './browser.js';

/** A colour gradient, stored without compression: about 1 MB on the wire, long enough to watch the upload. */
function artworkPng(): Promise<Buffer> {
  const width = 800;
  const height = 450;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.round((255 * x) / width);
      pixels[i + 1] = Math.round((160 * y) / height);
      pixels[i + 2] = 200 - Math.round((150 * x) / width);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** Whether an <img> actually loaded pixels (lazy images load once scrolled into view). */
async function imageLoaded(page: Page, selector: string): Promise<boolean> {
  const image = page.locator(selector).first();
  await image.scrollIntoViewIfNeeded();
  return image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

describe('item images and the ficha de produção in the browser', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let pedidoPath = '';

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
    const admin = await login(platform.url, ADMIN.email, ADMIN.password);
    await apiClient(platform.url, admin.token).mutate('sgp.cliente.create', { data: { nome: 'Aurora Brindes' } });
    await createUserAndLogin(platform.url, admin.token, 'vera@test.local', ['vendedor']);
    ({ page, problems } = await openPage(browser, platform.url));
    await page.goto('/');
    await signIn(page, 'vera@test.local', 'user-password-123');
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('uploads an image in the item row with a progress bar, then saves the pedido', async () => {
    await page.goto('/sgp/pedido/new');
    await page.getByRole('heading', { name: 'Novo registro: Pedido' }).waitFor();
    await page.getByRole('combobox', { name: /^Cliente/ }).fill('Aurora');
    await page.getByRole('option', { name: 'Aurora Brindes' }).click();
    await page.getByRole('button', { name: 'Adicionar item' }).click();
    await page.getByLabel('Descrição (Item 1)').fill('Painel de fundo 3x2');

    // A page disguised as a PNG passes the browser's type check; the server reads its bytes and refuses it.
    await page
      .getByLabel('Imagem (Item 1)', { exact: true })
      .setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    const refusal = page.getByRole('alert').filter({ hasText: 'O conteúdo do arquivo não corresponde ao seu tipo' });
    await refusal.waitFor();
    await screenshot(page, 'files-00-item-upload-refused');

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
    await page.getByLabel('Imagem (Item 1)', { exact: true }).setInputFiles({ name: 'arte painel.png', mimeType: 'image/png', buffer: await artworkPng() });
    const progress = page.getByRole('progressbar', { name: /Enviando arte painel\.png/ });
    await progress.waitFor();
    await screenshot(page, 'files-01-item-upload-progress');
    await progress.waitFor({ state: 'detached' });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const preview = page.getByRole('img', { name: 'Imagem de arte painel.png' });
    await preview.waitFor();
    expect(await refusal.count()).toBe(0);
    expect(await imageLoaded(page, 'img[alt="Imagem de arte painel.png"]')).toBe(true);
    await screenshot(page, 'files-02-item-uploaded');

    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL(/\/sgp\/pedido\/\d+$/);
    pedidoPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: /^Pedido / }).waitFor();
  });

  it('shows the thumbnail and the ficha link per item on the pedido, and downloads the PDF', async () => {
    const items = page.getByRole('table').filter({ hasText: 'Painel de fundo 3x2' });
    await items.waitFor();
    expect(await imageLoaded(page, 'table img[alt="Imagem de arte painel.png"]')).toBe(true);
    await screenshot(page, 'files-03-pedido-detail', true);
    const [download] = await Promise.all([page.waitForEvent('download'), items.getByRole('link', { name: 'Ficha de produção' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ficha-.+-item-1\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    await download.saveAs(path.join(ARTIFACTS, 'files-ficha-producao.pdf'));
  });

  it('shows thumbnails in the items list and keeps the image when the pedido is edited', async () => {
    await page.goto('/sgp/item_pedido');
    await page.getByRole('heading', { level: 1, name: 'Itens do pedido' }).waitFor();
    expect(await imageLoaded(page, 'table.data-table img[alt="Imagem de arte painel.png"]')).toBe(true);
    await screenshot(page, 'files-04-items-list');
    expect(await page.getByRole('button', { name: /^Imagem/ }).count()).toBe(0); // a file id is not a sort key

    await page.getByRole('link', { name: /Abrir/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Item do pedido/ }).waitFor();
    expect(await imageLoaded(page, 'img[alt="Imagem de arte painel.png"]')).toBe(true);
    expect(await page.getByRole('link', { name: 'Baixar arte painel.png' }).getAttribute('href')).toMatch(/^\/files\/sgp\/item_pedido\/\d+\/imagem$/);
    expect(await page.getByRole('link', { name: 'Ficha de produção' }).count()).toBe(1);
    await screenshot(page, 'files-05-item-detail', true);

    // The item's own form shows the full widget: preview, name, size, replace and remove.
    await page.getByRole('link', { name: 'Editar' }).click();
    await page.getByRole('button', { name: 'Trocar' }).waitFor();
    expect(await page.getByText('arte painel.png').count()).toBe(1);
    await page.getByRole('button', { name: 'Remover: Imagem' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'files-05b-item-edit');

    await page.goto(`${pedidoPath}/edit`);
    await page.getByLabel('Descrição (Item 1)').waitFor();
    expect(await imageLoaded(page, 'img[alt="Imagem de arte painel.png"]')).toBe(true);
    await screenshot(page, 'files-06-pedido-edit');
    await page.getByLabel('Descrição (Item 1)').fill('Painel de fundo 3x2 (revisado)');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL(new RegExp(`${pedidoPath}$`));
    await page.getByRole('table').filter({ hasText: 'Painel de fundo 3x2 (revisado)' }).waitFor();
    expect(await imageLoaded(page, 'table img[alt="Imagem de arte painel.png"]')).toBe(true);
    expect(problems.errors).toEqual([]);
  });
});
