import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/index.js';
import { loadEstate, startServer, testConfig, type RunningServer } from '../api/support.js';
import { buildClient, CHROMIUM, chromiumRequired, hasChromium, launchBrowser, openContext, openView, waitForView } from './support.js';

/** The web explorer when the server stops a query at its time budget: the page says so, and the next run works. */
const suite = hasChromium || chromiumRequired ? describe : describe.skip;

suite(`web explorer and the query time budget${hasChromium ? '' : ` (${CHROMIUM} missing)`}`, () => {
  let store: MemoryStore;
  let api: RunningServer;
  let browser: Browser;
  let page: Page;
  // Read on every deadline check: 0 leaves the budget untouched, a large step spends it in two reads.
  let step = 0;
  let now = 0;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing and CI=true: the browser tests must run in CI`);
    await buildClient();
    store = await MemoryStore.open();
    await loadEstate(store);
    api = await startServer(store, testConfig({ limits: { queryBudgetMs: 1_000 } }), { clock: () => (now += step) });
    browser = await launchBrowser();
    const { context } = await openContext(browser, api.url);
    page = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await store?.close();
  });

  it('shows QUERY_TIMEOUT with the reason when a template runs over budget, then runs it once time allows', async () => {
    await openView(page, api.url, '#/explorer', 'explorer');
    await page.selectOption('#template', 'anonymous-internet-exposed-endpoints');
    step = 600;
    await page.getByRole('button', { name: 'Run template' }).click();
    const alert = page.locator('#explorer-results [role="alert"]');
    await expect.poll(() => alert.getAttribute('data-code')).toBe('QUERY_TIMEOUT');
    expect(await alert.textContent()).toContain(
      'The query ran out of time: the query ran longer than its budget of 1000 ms. Try a narrower query or a smaller page.',
    );

    step = 0;
    await page.getByRole('button', { name: 'Run template' }).click();
    await waitForView(page, 'explorer');
    await page.waitForSelector('#explorer-results tbody tr');
    expect(await page.locator('#explorer-results tbody tr').count()).toBeGreaterThan(0);
  });
});
