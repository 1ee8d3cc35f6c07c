import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../support/cli.js';

/**
 * The HTML report in a real browser (Debian's headless Chromium driven by playwright-core): it must load nothing from
 * the network, list the ranked paths in rank order, draw each top path with one SVG node per step, and pass axe-core
 * with no serious or critical violation. Without Chromium the suite skips with a message, except under CI=true.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const ARTIFACTS = 'test-artifacts';
const hasChromium = existsSync(CHROMIUM);
const required = process.env['CI'] === 'true';
if (!hasChromium) {
  const message = `${CHROMIUM} not found: the HTML report browser tests ${required ? 'FAIL (CI=true)' : 'are SKIPPED'}; install it with apt-get install chromium`;
  console.warn(message);
}

interface PathJson {
  id: string;
  rank: number;
  name: string;
  steps: { id: string }[];
}

/** The page's global scope once axe is loaded (the tests compile without the DOM lib). */
interface AxeGlobal {
  readonly document: unknown;
  readonly axe: { run(context: unknown, options: object): Promise<AxeResults> };
}

const suite = hasChromium || required ? describe : describe.skip;

suite(`HTML report in headless Chromium${hasChromium ? '' : ` (${CHROMIUM} missing)`}`, () => {
  let browser: Browser;
  let page: Page;
  let reportUrl: string;
  let paths: PathJson[];
  const requests: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing and CI=true: the browser tests must run in CI`);
    const dataDir = await tempDir('html-report');
    const scan = await runInProcess(['scan', 'examples/contoso', '--data-dir', dataDir, '-q']);
    expect(scan.code, scan.stderr).toBe(0);
    const out = join(dataDir, 'report.html');
    const report = await runInProcess(['report', '--format', 'html', '--out', out, '--data-dir', dataDir]);
    expect(report.code, report.stderr).toBe(0);
    const json = await runInProcess(['paths', '--format', 'json', '--data-dir', dataDir]);
    paths = (JSON.parse(json.stdout) as { paths: PathJson[] }).paths;
    reportUrl = pathToFileURL(out).href;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Every request is recorded; anything but the report file itself is aborted, so a stray fetch fails loudly too.
    await context.route('**/*', (route) => (route.request().url() === reportUrl ? route.continue() : route.abort()));
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(reportUrl, { waitUntil: 'load' });
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-top.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'report-full.png'), fullPage: true });
  }, 120_000);

  it('records requests when a page does make one (the zero above is not a blind recorder)', async () => {
    const probe = await page.context().newPage();
    const seen: string[] = [];
    probe.on('request', (r) => seen.push(r.url()));
    await probe.setContent('<img src="http://127.0.0.1:9/probe.png" alt="">');
    await probe.waitForTimeout(200);
    await probe.close();
    expect(seen).toContain('http://127.0.0.1:9/probe.png');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with zero network requests and no CSP violation', async () => {
    expect(requests.filter((u) => u !== reportUrl)).toEqual([]);
    expect(cspViolations).toEqual([]);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    const external = await page
      .locator('[src], [href], link, script, img, iframe, object, embed')
      .evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? e.tagName).filter((v) => !v.startsWith('#')));
    expect(external).toEqual([]);
  });

  it('lists the ranked paths in rank order', async () => {
    expect(paths.length).toBeGreaterThan(5);
    const rows = await page.locator('tr.path-row').evaluateAll((trs) =>
      trs.map((tr) => ({ rank: Number(tr.getAttribute('data-rank')), id: tr.getAttribute('data-path-id') })),
    );
    expect(rows).toEqual(paths.map((p) => ({ rank: p.rank, id: p.id })));
    const headings = await page.locator('article.path h3').allTextContents();
    expect(headings).toEqual(paths.slice(0, headings.length).map((p) => `${p.rank}. ${p.name}`));
  });

  it('draws each top path as an SVG with one node per step', async () => {
    const drawn = await page.locator('article.path').evaluateAll((articles) =>
      articles.map((a) => ({
        id: a.getAttribute('data-path-id'),
        nodes: a.querySelectorAll('svg.path-diagram g.node').length,
        edges: a.querySelectorAll('svg.path-diagram g.edge').length,
        title: a.querySelector('svg.path-diagram > title')?.textContent ?? '',
      })),
    );
    expect(drawn.length).toBe(Math.min(10, paths.length));
    drawn.forEach((d, i) => {
      const path = paths[i]!;
      expect(d.id).toBe(path.id);
      expect(d.nodes).toBe(path.steps.length);
      expect(d.edges).toBe(path.steps.length - 1);
      expect(d.title).toContain(path.name);
    });
    const first = await page.locator('article.path svg.path-diagram g.node').first().getAttribute('data-kind');
    expect(first).toBe('Internet');
    for (const rank of [1, 2, 3]) {
      await page.locator(`#path-${rank} .diagram`).screenshot({ path: join(ARTIFACTS, `report-path-${rank}.png`) });
    }
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const require = createRequire(import.meta.url);
    const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    // The report's CSP forbids inline scripts (script-src 'none'), so axe is evaluated through the DevTools protocol,
    // which the page's CSP does not govern, rather than added as a <script> element.
    await page.evaluate(axeSource);
    const results = await page.evaluate(() => {
      const g = globalThis as unknown as AxeGlobal;
      return g.axe.run(g.document, { resultTypes: ['violations'] });
    });
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    expect(bad).toEqual([]);
  });
});
