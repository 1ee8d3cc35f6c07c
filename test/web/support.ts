import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { staleOutputs } from '../support/fresh-build.js';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
export const ARTIFACTS = 'test-artifacts';
export const hasChromium = existsSync(CHROMIUM);
export const chromiumRequired = process.env['CI'] === 'true';

const require = createRequire(import.meta.url);

/**
 * Compiles the browser modules (src/web/client, its own tsconfig: DOM, no Node types) into dist/web/client, where the
 * server reads them when it runs from source, unless every output is already newer than its source (`npm test`
 * builds first, and five files ask): the tests never serve a stale build. A Node API used in the client fails the
 * compile, and with --noEmitOnError the failed compile leaves the outputs stale, so every web file fails alike.
 */
export async function buildClient(): Promise<void> {
  if (staleOutputs(resolve('src/web/client'), resolve('dist/web/client')).length === 0) return;
  const tsc = require.resolve('typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', resolve('src/web/client/tsconfig.json'), '--noEmitOnError'], {
    timeout: 120_000,
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** What a page did on the network and in its console, recorded from the first request. */
export interface PageLog {
  readonly requests: string[];
  readonly foreign: string[];
  readonly problems: string[];
}

/**
 * A browser context that may only talk to `origin`: every request is recorded, and any other origin is aborted
 * (and listed in `foreign`), so a stray fetch both fails and shows. CSP reports and page errors are collected.
 */
export async function openContext(
  browser: Browser,
  origin: string,
): Promise<{ context: BrowserContext; log: PageLog }> {
  const log: PageLog = { requests: [], foreign: [], problems: [] };
  const context = await browser.newContext({ viewport: { width: 1400, height: 950 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    log.requests.push(url);
    if (new URL(url).origin === origin) return route.continue();
    log.foreign.push(url);
    return route.abort();
  });
  context.on('page', (page) => watch(page, log));
  return { context, log };
}

function watch(page: Page, log: PageLog): void {
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
      log.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.problems.push(`page error: ${e.message}`));
}

/**
 * Loads the page afresh at a hash and waits until the view has drawn (main[data-state=ready]). Through about:blank,
 * so the same URL twice is a real load, not a same-document jump that leaves the old view's "ready" in place.
 */
export async function openView(page: Page, base: string, hash: string, view: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${base}/${hash}`);
  await waitForView(page, view);
}

/** Waits until the page has rendered `view` for the address it is at now (a hash change renders asynchronously). */
export async function waitForView(page: Page, view: string): Promise<void> {
  await page.waitForFunction(
    (name) => {
      const main = document.querySelector('main');
      return main?.dataset['view'] === name && main.dataset['state'] === 'ready' && main.dataset['route'] === location.hash;
    },
    view,
    { timeout: 30_000 },
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

let axeSource: string | undefined;

/** axe-core's serious and critical violations on the page as it stands, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } })
      .axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')}`,
    );
}

/** A GraphQL answer from the server itself, to compare the page against. */
export async function apiData<T>(endpoint: string, query: string, variables: object = {}, key?: string): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
  return body.data;
}
