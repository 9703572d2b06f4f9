/** Headless Chromium (Debian's, driven by playwright-core) for the browser tests, plus the few steps every test repeats. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN, apiClient, login, ROOT, startTestPlatform, type TestPlatform } from '../support/testPlatform.js';
import type { StartOptions } from '../../core/server/startPlatform.js';

export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageProblems {
  /** Uncaught exceptions and console errors other than expected failed requests. */
  errors: string[];
}

/** A fresh browser context (own cookies and storage) with a laptop-sized window. */
export async function openPage(browser: Browser, baseUrl: string, viewport = { width: 1366, height: 900 }): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // 4xx answers are part of the tests (wrong password, validation); the browser logs each one.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
      problems.errors.push(`console: ${m.text()}`);
  });
  return { page, problems };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha').fill(password);
  await page.getByLabel('Senha').press('Enter');
  await page.getByRole('button', { name: 'Sair' }).waitFor();
}

/** A platform, a browser and a page signed in as the admin: what most browser tests start from. */
export interface SignedInSession {
  platform: TestPlatform;
  browser: Browser;
  page: Page;
  problems: PageProblems;
  /** Closes the browser, then the platform. */
  close(): Promise<void>;
}

/** Starts both at once; `prepare` runs on the admin's API before the page opens (rows the screens should show). */
export async function startSignedIn(options: StartOptions, prepare?: (api: ReturnType<typeof apiClient>) => Promise<unknown>): Promise<SignedInSession> {
  const [platform, browser] = await Promise.all([startTestPlatform({}, options), launchBrowser()]);
  if (prepare) await prepare(apiClient(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token));
  const { page, problems } = await openPage(browser, platform.url);
  await page.goto('/');
  await signIn(page, ADMIN.email, ADMIN.password);
  return { platform, browser, page, problems, close: () => browser.close().then(() => platform.close()) };
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** "1.234,56" → 1234.56, for comparing values shown in pt-BR (comparison only, never for money math). */
export function ptBrNumber(text: string): number {
  return Number(
    text
      .replace(/\./g, '')
      .replace(',', '.')
      .replace(/[^\d.-]/g, ''),
  );
}
