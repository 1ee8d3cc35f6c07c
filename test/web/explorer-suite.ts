import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../src/store/index.js';
import { loadEstate, unloadEstate, type LoadedEstate, startServer, testConfig, type RunningServer } from '../api/support.js';
import { newRun, node } from '../support/graph-fixture.js';
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
  type PageLog,
} from './support.js';

/**
 * The web explorer in headless Chromium against a real `serve` on the Contoso example estate, on the memory store
 * and on Neo4j: every number and row the page shows is checked against the GraphQL API's own answer.
 * Without Chromium the suite skips with a message, except under CI=true. The two stores' runs are two test files
 * (explorer.test.ts, explorer-neo4j.test.ts) so the memory one runs among the parallel files, not in the one
 * lane of the files that share the Neo4j server.
 */
if (!hasChromium)
  console.warn(
    `${CHROMIUM} not found: the web explorer browser tests ${chromiumRequired ? 'FAIL (CI=true)' : 'are SKIPPED'}`,
  );
const suite = hasChromium || chromiumRequired ? describe : describe.skip;

const HOSTILE_NAME = '<img src=x onerror="window.__xss=1">"><script>window.__xss=2</script>';
const HOSTILE_SUB = '00000000-7e57-4a11-8b0b-000000000bad';

/** An API endpoint whose name and URL are markup, as a hostile or careless Azure tenant could name one. */
async function addHostileEndpoint(store: GraphStore): Promise<string> {
  const id = `/subscriptions/${HOSTILE_SUB}/resourcegroups/rg-x/providers/microsoft.apimanagement/service/apim-x/apis/x/operations/xss`;
  await store.upsertNodes(
    [
      node({
        id,
        kind: 'ApiEndpoint',
        properties: {
          name: HOSTILE_NAME,
          subscriptionId: HOSTILE_SUB,
          endpointSource: 'apim',
          method: 'GET',
          url: 'https://hostile.example/xss-probe/<b>bold</b>',
          insights: ['InternetExposed'],
        },
      }),
    ],
    newRun(),
  );
  return id;
}

interface Inventory {
  inventory: {
    endpoints: number;
    attackPaths: number;
    findings: number;
    endpointsBySource: { source: string; count: number }[];
    endpointsByInsight: { insight: string; count: number }[];
    attackPathsByRiskLevel: { riskLevel: string; count: number }[];
  };
}

const VIEWS: readonly (readonly [string, string])[] = [
  ['#/', 'dashboard'],
  ['#/inventory', 'inventory'],
  ['#/findings', 'findings'],
  ['#/paths', 'paths'],
  ['#/explorer?template=anonymous-internet-exposed-endpoints', 'explorer'],
  ['#/remediation', 'remediation'],
  ['#/goals', 'goals'],
];

export function webSuite(label: string, open: () => Promise<GraphStore>, options: { hostile: boolean }) {
  suite(`web explorer on the ${label} store${hasChromium ? '' : ` (${CHROMIUM} missing)`}`, () => {
    let store: GraphStore;
    let estate: LoadedEstate | undefined;
    let api: RunningServer;
    let browser: Browser;
    let context: BrowserContext;
    let log: PageLog;
    let page: Page;
    const shot = (page: Page, name: string) => screenshot(page, `web-${label.toLowerCase()}-${name}`);

    beforeAll(async () => {
      if (!hasChromium) throw new Error(`${CHROMIUM} is missing and CI=true: the browser tests must run in CI`);
      await buildClient();
      store = await open();
      estate = await loadEstate(store);
      if (options.hostile) await addHostileEndpoint(store);
      api = await startServer(store, testConfig({ goalsPolicyFile: 'examples/goals.yaml' }));
      browser = await launchBrowser();
      ({ context, log } = await openContext(browser, api.url));
      page = await context.newPage();
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
      if (store) await unloadEstate(store, estate);
      await store?.close();
    });

    it('shows the dashboard with the counts the API gives', async () => {
      await openView(page, api.url, '#/', 'dashboard');
      const data = await apiData<Inventory>(
        api.endpoint,
        '{ inventory { endpoints attackPaths findings endpointsBySource { source count } endpointsByInsight { insight count } attackPathsByRiskLevel { riskLevel count } } }',
      );
      const inv = data.inventory;
      expect(inv.attackPaths).toBeGreaterThan(5);
      const stat = (id: string) => page.locator(`[data-stat="${id}"]`).textContent();
      expect(await stat('endpoints')).toBe(String(inv.endpoints));
      expect(await stat('attackPaths')).toBe(String(inv.attackPaths));
      expect(await stat('findings')).toBe(String(inv.findings));
      const rows = async (caption: string) =>
        page
          .locator('table', { has: page.locator('caption', { hasText: caption }) })
          .locator('tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
          );
      expect(await rows('by source')).toEqual(inv.endpointsBySource.map((s) => [s.source, String(s.count)]));
      expect(await rows('by insight')).toEqual(inv.endpointsByInsight.map((s) => [s.insight, String(s.count)]));
      expect(await rows('by risk level')).toEqual(
        inv.attackPathsByRiskLevel.map((s) => [s.riskLevel, String(s.count)]),
      );
      expect(inv.attackPathsByRiskLevel.reduce((sum, r) => sum + r.count, 0)).toBe(inv.attackPaths);
      await shot(page, 'dashboard');
    });

    it('opens the top attack path and draws one graph node per step, with the steps as a text list', async () => {
      await openView(page, api.url, '#/', 'dashboard');
      const top = await apiData<{
        attackPaths: { edges: { node: { id: string; name: string; steps: { id: string; name: string }[] } }[] };
      }>(api.endpoint, '{ attackPaths(first: 1) { edges { node { id name steps { id name } } } } }');
      const path = top.attackPaths.edges[0]!.node;
      await page
        .locator('table', { has: page.locator('caption', { hasText: 'riskiest' }) })
        .locator('tbody a')
        .first()
        .click();
      await waitForView(page, 'path');
      expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/paths/${path.id}`);
      const graph = page.locator('#path-graph');
      await expect.poll(() => graph.getAttribute('data-node-count')).toBe(String(path.steps.length));
      expect(await graph.getAttribute('data-edge-count')).toBe(String(path.steps.length - 1));
      expect(await graph.locator('canvas').count()).toBeGreaterThan(0);
      const listed = await page
        .locator('ol.steps > li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step-id')));
      expect(listed).toEqual(path.steps.map((s) => s.id));
      // Selecting a step from the list shows its details (the keyboard route into the graph).
      await page.locator('ol.steps > li button').last().click();
      await expect.poll(() => page.locator('#step-detail h3').textContent()).toContain(path.steps.at(-1)!.name);
      await shot(page, 'top-path');
      await page.goBack();
      await waitForView(page, 'dashboard');
    });

    it('runs a template and shows the rows the API returns for it', async () => {
      await openView(page, api.url, '#/explorer', 'explorer');
      const name = 'anonymous-internet-exposed-endpoints';
      const expected = await apiData<{ runTemplate: { edges: { node: { id: string } }[] } }>(
        api.endpoint,
        `{ runTemplate(name: "${name}", first: 50) { edges { node { id } } } }`,
      );
      expect(expected.runTemplate.edges.length).toBeGreaterThan(0);
      await page.selectOption('#template', name);
      await page.getByRole('button', { name: 'Run template' }).click();
      await waitForView(page, 'explorer');
      await page.waitForSelector('#explorer-results tbody tr');
      const ids = await page.locator('#explorer-results tbody tr td:nth-child(4)').allTextContents();
      expect(ids).toEqual(expected.runTemplate.edges.map((e) => e.node.id));
      expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/explorer?template=${name}`);
      await shot(page, 'template');
    });

    it('shows the API validation error for a bad explorer query, and runs an edited one', async () => {
      await openView(page, api.url, '#/explorer', 'explorer');
      await page.fill('#query-json', '{ "kind": "NoSuchKind" }');
      await page.getByRole('button', { name: 'Run query' }).click();
      const alert = page.locator('#explorer-results [role="alert"]');
      await expect.poll(() => alert.getAttribute('data-code')).toBe('BAD_USER_INPUT');
      expect(await alert.textContent()).toContain('NoSuchKind');
      await page.fill('#query-json', '{ "kind": "KeyVault" }');
      await page.getByRole('button', { name: 'Run query' }).click();
      await page.waitForSelector('#explorer-results tbody tr');
      const kinds = await page.locator('#explorer-results tbody tr td:nth-child(2)').allTextContents();
      expect(kinds.length).toBeGreaterThan(0);
      expect(new Set(kinds)).toEqual(new Set(['KeyVault']));
    });

    it('filters the inventory down to the endpoints carrying an insight', async () => {
      await openView(page, api.url, '#/inventory', 'inventory');
      const allRows = await page.locator('#inventory-results tbody tr').count();
      await page.check('#inv-i-AllowsAnonymousAccess');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/insight=AllowsAnonymousAccess/);
      await waitForView(page, 'inventory');
      const insightCells = await page.locator('#inventory-results tbody tr td:nth-child(5)').allTextContents();
      const expected = await apiData<{ apiEndpoints: { edges: unknown[] } }>(
        api.endpoint,
        '{ apiEndpoints(filter: { insights: [AllowsAnonymousAccess] }, first: 50) { edges { cursor } } }',
      );
      expect(insightCells.length).toBe(expected.apiEndpoints.edges.length);
      expect(insightCells.length).toBeGreaterThan(0);
      expect(insightCells.length).toBeLessThan(allRows);
      for (const cell of insightCells) expect(cell).toContain('AllowsAnonymousAccess');
      expect(await page.isChecked('#inv-i-AllowsAnonymousAccess')).toBe(true);
      await shot(page, 'inventory-filtered');
      await page.goBack();
      await waitForView(page, 'inventory');
      expect(await page.locator('#inventory-results tbody tr').count()).toBe(allRows);
    });

    it('filters the inventory by a sensitive info type chosen from those the estate holds', async () => {
      await openView(page, api.url, '#/inventory', 'inventory');
      const choices = await page.locator('#inv-info-type option').allTextContents();
      expect(choices).toContain('Email Address');
      await page.selectOption('#inv-info-type', 'Email Address');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/infoType=Email/);
      await waitForView(page, 'inventory');
      const cells = await page.locator('#inventory-results tbody tr td:nth-child(6)').allTextContents();
      const expected = await apiData<{ apiEndpoints: { edges: unknown[] } }>(
        api.endpoint,
        '{ apiEndpoints(filter: { sensitiveInfoType: "Email Address" }, first: 50) { edges { cursor } } }',
      );
      expect(cells.length).toBe(expected.apiEndpoints.edges.length);
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) expect(cell).toContain('Email Address');
    });

    it('shows the choke points, the remediation plan and the posture goals the API computes', async () => {
      const expected = await apiData<{
        chokePoints: { riskRemoved: number }[];
        remediationPlan: { summary: string; steps: { order: number }[] };
        postureGoals: { postureScore: number; goals: { description: string; passed: boolean }[] };
      }>(
        api.endpoint,
        '{ chokePoints(first: 10) { riskRemoved } remediationPlan(maxFixes: 10) { summary steps { order } } postureGoals { postureScore goals { description passed } } }',
      );
      await openView(page, api.url, '#/remediation', 'remediation');
      const tables = page.locator('table');
      expect(await tables.nth(0).locator('tbody tr').count()).toBe(expected.chokePoints.length);
      expect(await page.locator('p.lead').textContent()).toBe(expected.remediationPlan.summary);
      const orders = await tables.nth(1).locator('tbody tr td:first-child').allTextContents();
      expect(orders).toEqual(expected.remediationPlan.steps.map((s) => String(s.order)));
      await shot(page, 'remediation');

      await openView(page, api.url, '#/goals', 'goals');
      expect(await page.locator('p.lead').textContent()).toContain(
        `Posture score ${Math.round(expected.postureGoals.postureScore * 100) / 100} / 100`,
      );
      const goals = await page
        .locator('table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td')?.textContent]),
        );
      expect(goals).toEqual(expected.postureGoals.goals.map((g) => [g.description, g.passed ? 'met' : 'not met']));
      await shot(page, 'goals');
    });

    it('shows distinct chains on the dashboard, a legend and named edges on the path graph, and no key box when none is needed', async () => {
      await openView(page, api.url, '#/', 'dashboard');
      const top = page.locator('table', { has: page.locator('caption', { hasText: 'five riskiest' }) });
      const chains = await top.locator('tbody tr td:nth-child(2) a').allTextContents();
      expect(chains.length).toBeGreaterThan(1);
      expect(new Set(chains).size).toBe(chains.length);
      for (const chain of chains) expect(chain).toMatch(/^internet → /);
      // A loopback server with anonymous readers never asks for a key: no key box to puzzle over.
      expect(await page.locator('#auth').isHidden()).toBe(true);
      await top.locator('tbody tr a').first().click();
      await waitForView(page, 'path');
      const legend = page.locator('ul.graph-legend li');
      expect(await legend.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('The internet'), expect.stringContaining('Target')]));
      const edgeLabels = await page.evaluate(() => {
        const container = document.getElementById('path-graph') as HTMLElement & { _cyreg?: { cy?: { edges(): { map(f: (e: { data(k: string): string }) => string): string[] } } } };
        return container._cyreg?.cy?.edges().map((e) => e.data('label')) ?? [];
      });
      expect(edgeLabels.length).toBeGreaterThan(0);
      for (const label of edgeLabels) expect(label).toMatch(/^[A-Z_]+$/);
      await shot(page, 'path-legend');
    });

    it('lists recommendations most severe first, evidence as lines, remediation beneath, assets linked to their page', async () => {
      await openView(page, api.url, '#/findings', 'findings');
      const table = page.locator('table', { has: page.locator('caption', { hasText: 'Recommendations per asset' }) });
      const severities = await table.locator('tbody tr td:first-child').allTextContents();
      const order = ['High', 'Medium', 'Low'];
      expect(severities.length).toBeGreaterThan(5);
      expect(severities.map((s) => order.indexOf(s.trim()))).toEqual([...severities.map((s) => order.indexOf(s.trim()))].sort((a, b) => a - b));
      // Evidence reads as key: value lines, not a JSON dump.
      expect(await table.locator('ul.evidence li').count()).toBeGreaterThan(0);
      expect(await table.locator('pre').count()).toBe(0);
      const first = table.locator('tbody tr').first();
      await first.locator('details.remediation summary').click();
      expect(await first.locator('details.remediation ol li').count()).toBeGreaterThan(0);
      await shot(page, 'findings-remediation');
      const assetLink = first.locator('td:nth-child(3) a');
      const name = (await assetLink.textContent())!.trim();
      await assetLink.click();
      await waitForView(page, 'asset');
      expect(await page.locator('h1').textContent()).toContain(name);
    });

    it('shows an asset page: insights explained, recommendations, paths through it, neighbours linked, properties', async () => {
      const top = await apiData<{ attackPaths: { edges: { node: { steps: { id: string; kind: string }[] } }[] } }>(
        api.endpoint,
        '{ attackPaths(first: 1) { edges { node { steps { id kind } } } } }',
      );
      const endpoint = top.attackPaths.edges[0]!.node.steps.find((s) => s.kind !== 'Internet')!;
      // An id as the portal writes it: the page finds the asset whatever the casing.
      const portalId = endpoint.id.replace('/resourcegroups/', '/resourceGroups/');
      await openView(page, api.url, `#/assets/${encodeURIComponent(portalId)}`, 'asset');
      const section = (title: string) => page.locator('table', { has: page.locator('caption', { hasText: title }) });
      expect(await section('Attack paths through this asset').locator('tbody tr').count()).toBeGreaterThan(0);
      const neighbour = section('Assets joined to this one').locator('tbody tr a').first();
      expect(await neighbour.getAttribute('href')).toMatch(/^#\/assets\//);
      expect(await page.locator('dl.properties dt').count()).toBeGreaterThan(0);
      await shot(page, 'asset');
      // An endpoint waiting for logs says what AwaitingData means, here and in the inventory.
      const waiting = await apiData<{ apiEndpoints: { edges: { node: { id: string } }[] } }>(
        api.endpoint,
        '{ apiEndpoints(filter: { insights: [AwaitingData] }, first: 1) { edges { node { id } } } }',
      );
      const id = waiting.apiEndpoints.edges[0]!.node.id;
      await openView(page, api.url, `#/assets/${encodeURIComponent(id)}`, 'asset');
      expect(await page.locator('ul.tags li[title]').first().textContent()).toContain('no traffic data for this endpoint yet: connect gateway logs');
    });

    it('groups paths on the dashboard by endpoint, target or fix, as `paths --group-by`, each group linked to its asset', async () => {
      type Groups = { attackPathGroups: { label: string; count: number; assetId: string | null }[] };
      const groupsBy = (by: string) => apiData<Groups>(api.endpoint, `{ attackPathGroups(by: ${by}) { label count assetId } }`);
      await openView(page, api.url, '#/', 'dashboard');
      const groups = page.locator('[data-groups] table');
      const rowsOf = () => groups.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
      await page.waitForSelector('[data-groups] caption:has-text("by entry endpoint")');
      const byEndpoint = (await groupsBy('ENDPOINT')).attackPathGroups;
      const total = (await apiData<Inventory>(api.endpoint, '{ inventory { attackPaths } }')).inventory.attackPaths;
      expect(byEndpoint.reduce((n, g) => n + g.count, 0)).toBe(total);
      expect((await rowsOf()).map((r) => r[0])).toEqual(byEndpoint.map((g) => String(g.count)));
      await page.selectOption('#group-by', 'target');
      await page.waitForSelector('[data-groups] caption:has-text("by target")');
      const byTarget = (await groupsBy('TARGET')).attackPathGroups;
      expect((await rowsOf()).map((r) => r[2]?.startsWith(byTarget[(0)]!.label) ?? false)[0]).toBe(true);
      expect(await groups.locator('tbody tr').count()).toBe(byTarget.length);
      await page.selectOption('#group-by', 'fix');
      await page.waitForSelector('[data-groups] caption:has-text("by fix")');
      expect(await groups.locator('tbody tr').count()).toBe((await groupsBy('FIX')).attackPathGroups.length);
      await page.selectOption('#group-by', 'target');
      await page.waitForSelector('[data-groups] caption:has-text("by target")');
      await groups.locator('tbody tr').first().locator('a[href^="#/assets/"]').click();
      await waitForView(page, 'asset');
      expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/assets/${byTarget[0]!.assetId!}`);
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('links every asset to its page: path steps, explorer results, goal offenders', async () => {
      const top = await apiData<{ attackPaths: { edges: { node: { id: string; steps: { id: string; kind: string; name: string }[] } }[] } }>(
        api.endpoint,
        '{ attackPaths(first: 1) { edges { node { id steps { id kind name } } } } }',
      );
      const path = top.attackPaths.edges[0]!.node;
      await openView(page, api.url, `#/paths/${encodeURIComponent(path.id)}`, 'path');
      const links = page.locator('ol.steps a.asset-link');
      expect(await links.count()).toBe(path.steps.filter((s) => s.kind !== 'Internet').length);
      const target = path.steps.at(-1)!;
      await links.last().click();
      await waitForView(page, 'asset');
      expect(await page.locator('h1').textContent()).toContain(target.name);

      await openView(page, api.url, '#/explorer?template=anonymous-internet-exposed-endpoints', 'explorer');
      const result = page.locator('#explorer-results tbody tr a[href^="#/assets/"]').first();
      await result.waitFor();
      const name = (await result.textContent())!.trim();
      await result.click();
      await waitForView(page, 'asset');
      expect(await page.locator('h1').textContent()).toContain(name);

      await openView(page, api.url, '#/goals', 'goals');
      const offender = page.locator('details ul li a[href^="#/assets/"]').first();
      await offender.locator('xpath=ancestor::details[1]/summary').click();
      const offenderName = (await offender.textContent())!.trim();
      await offender.click();
      await waitForView(page, 'asset');
      expect(await page.locator('h1').textContent()).toContain(offenderName);
    });

    it('names a system-assigned identity after its owner and a Logic App trigger <workflow>/<trigger> on their pages', async () => {
      const rg = '/subscriptions/5e7a1c3d-2b4f-4d6e-8a9c-0b1d2e3f4a5b/resourceGroups/rg-app-prod/providers';
      await openView(page, api.url, `#/assets/${encodeURIComponent(`${rg}/Microsoft.Web/sites/fn-orders-prod/identities/system`)}`, 'asset');
      expect(await page.locator('h1').textContent()).toContain('fn-orders-prod (system-assigned)');
      await openView(page, api.url, `#/assets/${encodeURIComponent(`${rg}/Microsoft.Logic/workflows/la-refund-approvals/triggers/When_a_refund_is_requested`)}`, 'asset');
      expect(await page.locator('h1').textContent()).toContain('la-refund-approvals/When_a_refund_is_requested');
    });

    it('pages the attack paths with "Load more" until the API has no next page', async () => {
      await openView(page, api.url, '#/paths', 'paths');
      const total = (await apiData<Inventory>(api.endpoint, '{ inventory { attackPaths } }')).inventory.attackPaths;
      const rows = page.locator('table.data tbody tr');
      expect(await rows.count()).toBe(Math.min(25, total));
      const more = page.getByRole('button', { name: 'Load more' });
      while (await more.isVisible()) {
        const before = await rows.count();
        await more.click();
        await expect.poll(() => rows.count()).toBeGreaterThan(before);
      }
      expect(await rows.count()).toBe(total);
      const ranks = (await page.locator('table.data tbody tr td:first-child').allTextContents()).map(Number);
      expect(ranks).toEqual(ranks.map((_, i) => i + 1));
    });

    it('can be driven by keyboard alone: skip link, navigation, a path and its steps', async () => {
      const keyboard = await context.newPage();
      await openView(keyboard, api.url, '', 'dashboard');
      const focused = () =>
        keyboard.evaluate(() => {
          const e = document.activeElement;
          return e
            ? { tag: e.tagName, text: e.textContent?.trim() ?? '', id: e.id, outline: getComputedStyle(e).outlineStyle }
            : null;
        });
      await keyboard.keyboard.press('Tab');
      expect(await focused()).toMatchObject({ tag: 'A', text: 'Skip to main content' });
      expect((await focused())?.outline).not.toBe('none');
      // Tab along the navigation to "Attack paths".
      let found = false;
      for (let i = 0; i < 15 && !found; i++) {
        await keyboard.keyboard.press('Tab');
        const f = await focused();
        found = f?.text === 'Attack paths' && f.tag === 'A';
        if (f?.tag === 'A') expect(f.outline).not.toBe('none'); // a visible focus ring on every link passed
      }
      expect(found).toBe(true);
      await keyboard.keyboard.press('Enter');
      await waitForView(keyboard, 'paths');
      expect((await focused())?.tag).toBe('H1');
      let onPath = false;
      for (let i = 0; i < 30 && !onPath; i++) {
        await keyboard.keyboard.press('Tab');
        onPath = await keyboard.evaluate(
          () => document.activeElement?.getAttribute('href')?.startsWith('#/paths/') ?? false,
        );
      }
      expect(onPath).toBe(true);
      await keyboard.keyboard.press('Enter');
      await waitForView(keyboard, 'path');
      await expect.poll(() => keyboard.locator('#path-graph').getAttribute('data-node-count')).not.toBeNull();
      let onStep = false;
      for (let i = 0; i < 20 && !onStep; i++) {
        await keyboard.keyboard.press('Tab');
        onStep = await keyboard.evaluate(() => document.activeElement?.closest('ol.steps') !== null);
      }
      expect(onStep).toBe(true);
      await keyboard.keyboard.press('Enter');
      expect(await keyboard.locator('#step-detail h3').textContent()).toMatch(/^Step 1: /);
      // The skip link moves focus past the header to the view.
      await keyboard.reload();
      await waitForView(keyboard, 'path');
      await keyboard.keyboard.press('Tab');
      await keyboard.keyboard.press('Enter');
      expect((await focused())?.id).toBe('main');
      expect(new URL(keyboard.url()).hash).toMatch(/^#\/paths\//);
      await keyboard.close();
    });

    if (options.hostile) {
      it('renders a hostile asset name and URL as text, never as markup', async () => {
        await openView(page, api.url, '#/inventory?q=xss-probe', 'inventory');
        const row = page.locator('#inventory-results tbody tr');
        expect(await row.count()).toBe(1);
        expect(await row.locator('td').first().textContent()).toBe(HOSTILE_NAME);
        expect(await row.locator('td').nth(2).textContent()).toBe('https://hostile.example/xss-probe/<b>bold</b>');
        expect(await page.locator('main img, main script, main b').count()).toBe(0);
        expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
        await shot(page, 'hostile-name');
      });
    }

    it('has no serious or critical accessibility violation on any view (axe-core)', async () => {
      const path = await apiData<{ attackPaths: { edges: { node: { id: string; steps: { id: string }[] } }[] } }>(
        api.endpoint,
        '{ attackPaths(first: 1) { edges { node { id steps { id } } } } }',
      );
      const views = [
        ...VIEWS,
        [`#/paths/${encodeURIComponent(path.attackPaths.edges[0]!.node.id)}`, 'path'] as const,
        [`#/assets/${encodeURIComponent(path.attackPaths.edges[0]!.node.steps.at(-1)!.id)}`, 'asset'] as const,
      ];
      const report: Record<string, string[]> = {};
      for (const [hash, view] of views) {
        await openView(page, api.url, hash, view);
        if (view === 'explorer') await page.waitForSelector('#explorer-results tbody tr');
        report[hash] = await seriousViolations(page);
        await shot(page, `axe-${view}`);
      }
      expect(report).toEqual(Object.fromEntries(views.map(([hash]) => [hash, []])));
    });

    it('made no request outside its own origin, and broke no CSP rule', () => {
      expect(log.requests.length).toBeGreaterThan(10);
      expect(log.foreign).toEqual([]);
      expect(log.problems).toEqual([]);
      expect(log.requests.some((u) => u.endsWith('/graphql'))).toBe(true);
      expect(log.requests.some((u) => /\/assets\/vendor\/cytoscape-[\d.]+\.min\.js$/.test(u))).toBe(true);
    });
  });
}

