/**
 * The login page before anyone signs in: the session probe must not count as
 * a failure, so the browser's console stays clean (no "Failed to load
 * resource"), no request fails and none is answered with an error status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.js';
import { launchBrowser, screenshot } from './browser.js';

describe('the login page before sign-in', () => {
  let platform: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('logs no console error and no failed request', async () => {
    const context = await browser.newContext({ baseURL: platform.url, locale: 'pt-BR', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));

    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Entrar no Forja' }).waitFor();
    await page.getByLabel('E-mail').focus();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'login-before-sign-in');
    expect(problems).toEqual([]);
    await context.close();
  });
});
