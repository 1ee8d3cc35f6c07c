import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/config/api-keys.js';
import { MemoryStore } from '../../src/store/index.js';
import { loadEstate, startServer, testConfig, type RunningServer } from '../api/support.js';
import {
  apiData,
  buildClient,
  CHROMIUM,
  chromiumRequired,
  hasChromium,
  launchBrowser,
  openContext,
  openView,
  screenshot,
  seriousViolations,
  waitForView,
} from './support.js';

/**
 * The web explorer against a server that requires API keys, and one whose rate limit is tiny: the page must ask for
 * a key, send it as a Bearer token, keep it for the tab only, and say clearly what a 401 or 429 means.
 */
const suite = hasChromium || chromiumRequired ? describe : describe.skip;

suite(`web explorer with API keys and rate limits${hasChromium ? '' : ` (${CHROMIUM} missing)`}`, () => {
  const reader = generateApiKey('reader');
  let store: MemoryStore;
  let keyed: RunningServer;
  let limited: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing and CI=true: the browser tests must run in CI`);
    await buildClient();
    store = await MemoryStore.open();
    await loadEstate(store);
    keyed = await startServer(store, testConfig({ apiKeys: [reader.record], anonymousRole: null }));
    // The dashboard makes one request; the second view's request finds the bucket empty.
    limited = await startServer(store, testConfig({ limits: { burst: 1, requestsPerMinute: 1 } }));
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await keyed?.close();
    await limited?.close();
    await store?.close();
  });

  it('asks for a key on 401, sends it as a Bearer token once entered, and keeps it for the tab only', async () => {
    const { context, log } = await openContext(browser, keyed.url);
    const page = await context.newPage();
    const authorizations: (string | null)[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) authorizations.push(r.headers()['authorization'] ?? null);
    });
    await openView(page, keyed.url, '#/', 'dashboard');
    const alert = page.locator('main [role="alert"]');
    expect(await alert.getAttribute('data-code')).toBe('UNAUTHENTICATED');
    expect(await alert.textContent()).toContain('requires an API key');
    expect(await page.locator('#auth-form').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'web-auth-needed');

    await page.fill('#api-key', `${reader.key}x`);
    await page.getByRole('button', { name: 'Use key' }).click();
    await waitForView(page, 'dashboard');
    expect(await page.locator('main [role="alert"]').textContent()).toContain('did not accept');

    await page.fill('#api-key', reader.key);
    await page.getByRole('button', { name: 'Use key' }).click();
    await waitForView(page, 'dashboard');
    const expected = await apiData<{ inventory: { endpoints: number } }>(
      keyed.endpoint,
      '{ inventory { endpoints } }',
      {},
      reader.key,
    );
    expect(await page.locator('[data-stat="endpoints"]').textContent()).toBe(String(expected.inventory.endpoints));
    expect(authorizations[0]).toBeNull();
    expect(authorizations.at(-1)).toBe(`Bearer ${reader.key}`);
    expect(await page.evaluate(() => sessionStorage.getItem('apiposture.apiKey'))).toBe(reader.key);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    // The key is never written back into the page.
    expect(await page.content()).not.toContain(reader.key);

    // A new tab of a new session has no key: sessionStorage, not a cookie or localStorage.
    const other = await (await openContext(browser, keyed.url)).context.newPage();
    await openView(other, keyed.url, '#/', 'dashboard');
    expect(await other.locator('main [role="alert"]').getAttribute('data-code')).toBe('UNAUTHENTICATED');

    await page.getByRole('button', { name: 'API key' }).click();
    await page.getByRole('button', { name: 'Forget key' }).click();
    await waitForView(page, 'dashboard');
    expect(await page.evaluate(() => sessionStorage.getItem('apiposture.apiKey'))).toBeNull();
    expect(await page.locator('main [role="alert"]').getAttribute('data-code')).toBe('UNAUTHENTICATED');
    expect(log.foreign).toEqual([]);
  });

  it('says when the rate limit is hit and how long to wait', async () => {
    const { context } = await openContext(browser, limited.url);
    const page = await context.newPage();
    await openView(page, limited.url, '#/', 'dashboard');
    await page.getByRole('link', { name: 'Attack paths', exact: true }).click();
    await waitForView(page, 'paths');
    const alert = page.locator('main [role="alert"]');
    expect(await alert.getAttribute('data-code')).toBe('RATE_LIMITED');
    expect(await alert.textContent()).toMatch(/Too many requests: wait \d+ seconds/);
    await screenshot(page, 'web-rate-limited');
  });
});
