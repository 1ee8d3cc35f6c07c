import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { findingViewFromNode } from '../../src/report/paths/index.js';
import { deriveRoutes } from '../../src/analysis/derive/routes.js';
import { derivePermissions } from '../../src/analysis/derive/permissions.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import { ingestFiles, type IngestSummary } from '../../src/ingest/index.js';
import { NODE_DECLARATIONS, type GraphEdge, type JsonValue } from '../../src/model/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { assertExpectedInsights, ESTATE_DIR, loadExpected, type ContosoExpected } from './contoso-expectations.js';

/**
 * The shipped example estate (`apiposture scan examples/contoso`): ingested as a user's export would be, it must
 * hold what examples/contoso.expected.json says it was built to contain.
 */

interface Loaded {
  readonly store: MemoryStore;
  readonly summary: IngestSummary;
  readonly expected: ContosoExpected;
}

let loading: Promise<Loaded> | undefined;

function loadContoso(): Promise<Loaded> {
  loading ??= (async () => {
    const store = await MemoryStore.open();
    const summary = await ingestFiles(store, [ESTATE_DIR], { source: 'azure-export', run: newRun() });
    return { store, summary, expected: await loadExpected() };
  })();
  return loading;
}

// Expectations are read before the tests are collected, so every fact becomes a test of its own.
const expected = await loadExpected();

describe('the Contoso example estate, ingested', () => {
  let contoso: Loaded;
  beforeAll(async () => {
    contoso = await loadContoso();
  });

  it('holds every expected API endpoint with its method', async () => {
    for (const endpoint of expected.endpoints) {
      const node = await contoso.store.getNode(endpoint.id);
      expect(node, endpoint.id).not.toBeNull();
      expect(node?.kind, endpoint.id).toBe('ApiEndpoint');
      expect(node?.properties['method'], endpoint.id).toBe(endpoint.method);
    }
    const counts = await contoso.store.countNodesByKind();
    expect(counts.ApiEndpoint).toBe(expected.endpoints.length);
  });

  it('leaves out what callers never reach (old API revisions, the master database)', async () => {
    for (const { id } of expected.absentNodes) expect(await contoso.store.getNode(id), id).toBeNull();
  });

  it('counts the resource types it does not model, without failing on them', () => {
    for (const [type, count] of Object.entries(expected.unknownTypes)) expect(contoso.summary.unknownTypes[type], type).toBe(count);
  });

  it('spans both subscriptions with at least 60 nodes, every edge between stored nodes', async () => {
    expect(contoso.summary.subscriptions).toEqual(expected.subscriptions.map((s) => s.id.split('/')[2]).sort());
    for (const subscription of expected.subscriptions) {
      expect(await contoso.store.getNode(subscription.id), subscription.id).toMatchObject({ kind: 'Subscription' });
    }
    const counts = await contoso.store.countNodesByKind();
    const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
    expect(total).toBeGreaterThanOrEqual(expected.minNodes);
    expect(contoso.summary.nodes).toBe(total);
    expect(contoso.summary.skippedEdges).toBe(0);
    expect(contoso.summary.logRows).toBe(expected.logRows);
  });

  it('has a node of every Azure resource kind of the model', async () => {
    const counts = await contoso.store.countNodesByKind();
    const missing = NODE_DECLARATIONS.filter((d) => d.subscriptionScoped && !counts[d.kind]).map((d) => d.kind);
    expect(missing).toEqual([]);
  });

  it.each(expected.edges.map((e) => [`${label(e.from)} -${e.kind}-> ${label(e.to)}`, e] as const))('has the ingested edge %s', async (_, edge) => {
    const out = await contoso.store.neighbours(edge.from, { direction: 'out', edgeKinds: [edge.kind] });
    expect(out.map((n) => n.node.id)).toContain(edge.to);
  });

  it.each(Object.entries(expected.nodeProperties).map(([id, properties]) => [label(id), id, properties] as const))(
    'reads the configuration the scenario rests on: %s',
    async (_, id, properties) => {
    const node = await contoso.store.getNode(id);
    expect(node, id).not.toBeNull();
    for (const [name, value] of Object.entries(properties)) expectProperty(node?.properties[name], value, `${id} ${name}`);
    },
  );
});

/** A readable name for an id in test titles: the resource names below `/providers/`, or the id itself. */
function label(id: string): string {
  const at = id.lastIndexOf('/providers/');
  if (at < 0) return id;
  return id
    .slice(at + '/providers/'.length)
    .split('/')
    .filter((_, i) => i >= 2 && i % 2 === 0)
    .join('/');
}

/** `null` expects the property to be absent; objects are matched partially, everything else exactly. */
function expectProperty(actual: JsonValue | undefined, wanted: JsonValue, what: string): void {
  if (wanted === null) expect(actual, what).toBeUndefined();
  else if (typeof wanted === 'object' && !Array.isArray(wanted)) expect(actual, what).toMatchObject(wanted);
  else expect(actual, what).toEqual(wanted);
}

describe('the Contoso example estate, derived routes and permissions', () => {
  let routes: GraphEdge[];
  let permissions: GraphEdge[];
  beforeAll(async () => {
    const view = await GraphView.load((await loadContoso()).store);
    routes = deriveRoutes(view).edges;
    permissions = derivePermissions(view);
  });

  it.each(expected.routes.map((r) => [`${label(r.from)} → ${label(r.to)}`, r] as const))('routes %s', (_, route) => {
    const edge = routes.find((e) => e.from === route.from && e.to === route.to);
    expect(edge, `ROUTES_TO from ${route.from}: ${routes.filter((e) => e.from === route.from).map((e) => e.to).join(', ') || 'none'}`).toBeDefined();
    if (route.resolvedBy) expect(String(edge?.properties['resolvedBy'])).toContain(route.resolvedBy);
    if (route.condition) expect(edge?.properties['condition']).toBe(route.condition);
  });

  it.each(expected.noRoutes.map((r) => [label(r.from), r] as const))('forwards nothing from %s', (_, { from }) => {
    expect(routes.filter((e) => e.from === from).map((e) => e.to)).toEqual([]);
  });

  it.each(expected.permissions.map((p) => [`${label(p.identity)} → ${label(p.dataStore)} (${p.accessLevel})`, p] as const))(
    'grants %s',
    (_, permission) => {
      const edge = permissions.find((e) => e.from === permission.identity && e.to === permission.dataStore);
      expect(edge, 'HAS_PERMISSION_TO').toBeDefined();
      expect(edge?.properties['accessLevel'], `roles ${JSON.stringify(edge?.properties['roles'])}`).toBe(permission.accessLevel);
    },
  );

  it.each(expected.noPermissions.map((p) => [`${label(p.identity)} → ${label(p.dataStore)}`, p] as const))('grants nothing for %s', (_, pair) => {
    expect(permissions.find((e) => e.from === pair.identity && e.to === pair.dataStore)).toBeUndefined();
  });
});

describe('the Contoso example estate, analysed', () => {
  it('finds every exposure and insight the estate was built to contain', async () => {
    const { store } = await loadContoso();
    await analyze(store, { runId: 'contoso-analysis', startedAt: '2026-01-01T00:00:00.000Z' });
    await assertExpectedInsights(store);
  });
});

describe('the Contoso example estate, findings', () => {
  it('recommends a fix for every weakness the estate was built to contain', async () => {
    const { store } = await loadContoso();
    await analyze(store, { runId: 'contoso-findings', startedAt: '2026-01-01T00:00:00.000Z' });
    const findings = (await store.listNodes({ kind: 'Finding', first: 1000 })).items.map(findingViewFromNode);
    // Insights that call for a change; InternetExposed is only a finding where a recommendation exists for the kind.
    const actionable = new Set(['AllowsAnonymousAccess', 'UnencryptedAccess', 'Inactive', 'GatewayBypass', 'PublicDataAccess']);
    const covered = (assetId: string, insight: string) =>
      findings.some((f) => f.insight === insight && (f.assetId === assetId || f.covers.includes(assetId)));
    const missing: string[] = [];
    for (const [assetId, entry] of Object.entries(expected.insights)) {
      for (const insight of entry.present ?? []) if (actionable.has(insight) && !covered(assetId, insight)) missing.push(`${insight} on ${assetId}`);
    }
    expect(missing).toEqual([]);
    // And nothing is recommended for a weakness the estate does not have.
    for (const [assetId, entry] of Object.entries(expected.insights)) {
      for (const insight of entry.absent ?? []) {
        if (actionable.has(insight)) expect(findings.some((f) => f.insight === insight && f.assetId === assetId), `${insight} on ${assetId}`).toBe(false);
      }
    }
  });
});
