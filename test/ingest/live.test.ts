import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  argScopes,
  fetchAzureRows,
  ingestAzureLive,
  parseTimeSpan,
  type LiveSettings,
} from '../../src/ingest/azure/live/index.js';
import { ingestFiles } from '../../src/ingest/index.js';
import type { JsonValue } from '../../src/model/index.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import {
  fakeCredential,
  RESOURCE_GRAPH_PATH,
  startFakeArmServer,
  type FakeArmEstate,
  type FakeArmOptions,
  type FakeArmServer,
} from '../support/fake-arm-server.js';
import { newRun } from '../support/graph-fixture.js';
import { inSubscription, loadEstate, mergeEstates, writeEstateAsExport } from '../support/live-estate.js';

const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
const SUB_B = '8d1c0b2a-3e4f-4a5b-9c6d-7e8f9a0b1c2d';
const SUB_C = 'c4d5e6f7-0819-4a2b-8c3d-4e5f60718293';
const APIM = `/subscriptions/${SUB}/resourcegroups/rg-apim-prod/providers/microsoft.apimanagement/service/apim-contoso-prod`;
const apiOf = (sub: string) => APIM.replace(SUB, sub) + '/apis/orders-api';

/** Stamps of the run and where a node came from differ between a live and an offline ingest by design. */
const RUN_STAMPS = new Set(['firstSeen', 'lastSeen', 'lastRunId', 'source']);

interface Graph {
  nodes: Set<string>;
  edges: Set<string>;
  properties: Map<string, Record<string, JsonValue>>;
}

async function graphOf(store: GraphStore): Promise<Graph> {
  const graph: Graph = { nodes: new Set(), edges: new Set(), properties: new Map() };
  for await (const chunk of store.streamGraph()) {
    for (const node of chunk.nodes) {
      graph.nodes.add(`${node.id} ${node.kind}`);
      const kept = Object.entries(node.properties).filter(([name]) => !RUN_STAMPS.has(name));
      graph.properties.set(node.id, Object.fromEntries(kept) as Record<string, JsonValue>);
    }
    for (const edge of chunk.edges) graph.edges.add(`${edge.from} ${edge.kind} ${edge.to}`);
  }
  return graph;
}

const servers: FakeArmServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function serve(estate: FakeArmEstate, options: FakeArmOptions = {}): Promise<FakeArmServer> {
  const server = await startFakeArmServer(estate, options);
  servers.push(server);
  return server;
}

function settingsFor(server: FakeArmServer, extra: Partial<LiveSettings> = {}): LiveSettings {
  return {
    credential: fakeCredential,
    armEndpoint: server.url,
    subscriptions: [SUB],
    concurrency: 4,
    retry: { maxRetries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 200 },
    caCertificates: [server.certificate],
    ...extra,
  };
}

/** Resource Graph rows of public IPs: no ARM children, so only paging is exercised. */
const publicIps = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `/subscriptions/${SUB}/resourceGroups/rg-net-prod/providers/Microsoft.Network/publicIPAddresses/pip-${String(i).padStart(4, '0')}`,
    name: `pip-${String(i).padStart(4, '0')}`,
    type: 'microsoft.network/publicipaddresses',
    location: 'westeurope',
    resourceGroup: 'rg-net-prod',
    subscriptionId: SUB,
    sku: { name: 'Standard', tier: 'Regional' },
    properties: { ipAddress: `20.61.${Math.floor(i / 250)}.${i % 250}`, publicIPAllocationMethod: 'Static' },
  }));

const graphRequests = (server: FakeArmServer) => server.requests.filter((r) => r.path === RESOURCE_GRAPH_PATH);
const tableOf = (body: unknown) => /^\s*(\w+)/.exec((body as { query: string }).query)?.[1];

describe('live Azure ingest through the real SDK clients', () => {
  it('gives the same graph live as offline from the same data', async () => {
    const estate = await loadEstate();
    // One item per ARM list page: every list is followed through its nextLink.
    const server = await serve(estate, { armPageSize: 1 });
    const live = await MemoryStore.open();
    const result = await ingestAzureLive(live, settingsFor(server), { run: newRun() });
    expect(result.fetched.failures).toEqual([]);
    expect(result.cleanedSubscriptions).toEqual([SUB]);

    // Every ARM answer of the estate was asked for, with a bearer token.
    const asked = new Set(server.requests.map((r) => r.path));
    for (const path of Object.keys(estate.arm)) expect(asked, path).toContain(path.toLowerCase());
    expect(server.requests.every((r) => r.authorization === 'Bearer fake-arm-token')).toBe(true);

    const dir = await mkdtemp(join(tmpdir(), 'apiposture-live-'));
    dirs.push(dir);
    await writeEstateAsExport(estate, dir);
    const offline = await MemoryStore.open();
    await ingestFiles(offline, [dir], { source: 'azure-export', run: newRun() });

    const [a, b] = [await graphOf(live), await graphOf(offline)];
    expect(a.nodes).toEqual(b.nodes);
    expect(a.edges).toEqual(b.edges);
    expect(a.properties).toEqual(b.properties);
    // And the graph is more than Resource Graph alone: children read through ARM are in it.
    expect(a.nodes).toContain(`${APIM}/apis/orders-api/operations/get-order ApiEndpoint`);
    expect(a.nodes).toContain(`${APIM}/workspaces/ws-payments/apis/payments-api Api`);
    // The workspace's own policy, fragments and named values, read through the workspace SDK groups.
    expect(a.nodes).toContain(`${APIM}/workspaces/ws-payments ApiWorkspace`);
    expect(a.nodes).toContain(`${APIM}/workspaces/ws-payments/policyfragments/payments-trace ApiPolicyFragment`);
    expect(a.nodes).toContain(`${APIM}/workspaces/ws-payments/namedvalues/payments-region ApiNamedValue`);
    expect(a.properties.get(`${APIM}/workspaces/ws-payments`)?.['policy']).toContain('payments-trace');
    // Policy fragments and named values, read through their own SDK lists.
    expect(a.nodes).toContain(`${APIM}/policyfragments/jwt-orders ApiPolicyFragment`);
    expect(a.nodes).toContain(`${APIM}/namedvalues/orders-kv-secret ApiNamedValue`);
    expect(a.nodes).toContain(
      `/subscriptions/${SUB}/resourcegroups/rg-app-prod/providers/microsoft.web/sites/fn-orders-prod/functions/getorder ApiEndpoint`,
    );
  });

  it('copies no secrets out of the SDK models', async () => {
    const server = await serve(await loadEstate());
    const { rows } = await fetchAzureRows(settingsFor(server));
    const text = JSON.stringify(rows.map((r) => r.value));
    for (const secret of ['primaryKey', 'secondaryKey', 'test_data', '"files"', 'publishingUsername', 'appSettings']) {
      expect(text).not.toContain(secret);
    }
    expect(server.requests.some((r) => r.path.endsWith('/authsettingsv2/list'))).toBe(false);
  });

  it('pages Resource Graph with $skipToken: 2,500 rows in 3 pages', async () => {
    const estate = await loadEstate();
    const ips = publicIps(2_500);
    const server = await serve({ tables: { ...estate.tables, resources: ips }, arm: {} });
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(store, settingsFor(server), { run: newRun() });

    const pages = graphRequests(server).filter((r) => tableOf(r.body) === 'resources');
    expect(pages).toHaveLength(3);
    expect(pages.map((r) => (r.body as { options: Record<string, unknown> }).options['$top'])).toEqual([
      1000, 1000, 1000,
    ]);
    expect(pages.map((r) => Boolean((r.body as { options: Record<string, unknown> }).options['$skipToken']))).toEqual([
      false,
      true,
      true,
    ]);
    expect(result.summary.types['microsoft.network/publicipaddresses']).toBe(2_500);
    expect((await store.countNodesByKind()).PublicIpAddress).toBe(2_500);
  });

  it('warns when Resource Graph truncates without a $skipToken', async () => {
    const estate = await loadEstate();
    const rows = Array.from({ length: 1_200 }, (_, i) => ({
      ...estate.tables['resources']![0]!,
      id: `/subscriptions/${SUB}/x/${i}`,
    }));
    const server = await serve({ tables: { resources: rows }, arm: {} }, { truncatedTables: ['resources'] });
    const warnings: string[] = [];
    const result = await fetchAzureRows(settingsFor(server, { onWarning: (w) => warnings.push(w) }));
    // Resource Graph rows only: the service-tag list of the estate's cloud comes as one more row.
    expect(result.rows.filter((r) => r.file.startsWith('azure:resourcegraph/'))).toHaveLength(1_000);
    expect(warnings).toEqual([expect.stringMatching(/truncated resources .* without a \$skipToken/)]);
  });

  it('waits out a 429 with Retry-After, then succeeds', async () => {
    const server = await serve(await loadEstate());
    server.addFault({
      match: (r) => r.path === RESOURCE_GRAPH_PATH,
      status: 429,
      headers: { 'retry-after': '1' },
      code: 'RateLimiting',
      times: 1,
    });
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(store, settingsFor(server), { run: newRun() });

    expect(result.fetched.failures).toEqual([]);
    const [throttled, retried] = graphRequests(server);
    expect([throttled?.status, retried?.status]).toEqual([429, 200]);
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(900);
    expect(await store.getNode(apiOf(SUB))).not.toBeNull();
  });

  it('retries a 500 in the SDK pipeline, once per failure', async () => {
    const server = await serve(await loadEstate());
    const apis = `${APIM}/apis`;
    server.addFault({ match: (r) => r.path === apis, status: 500, code: 'InternalServerError', times: 1 });
    server.addFault({
      match: (r) => r.path === RESOURCE_GRAPH_PATH,
      status: 503,
      code: 'ServiceUnavailable',
      times: 1,
    });
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(store, settingsFor(server), { run: newRun() });

    expect(result.fetched.failures).toEqual([]);
    expect(server.requests.filter((r) => r.path === apis).map((r) => r.status)).toEqual([500, 200]);
    expect(
      graphRequests(server)
        .slice(0, 2)
        .map((r) => r.status),
    ).toEqual([503, 200]);
    expect(await store.getNode(`${apiOf(SUB)}/operations/create-order`)).not.toBeNull();
  });

  it('waits for the quota window when x-ms-user-quota-remaining reaches 0, without earning a 429', async () => {
    const server = await serve(await loadEstate(), { quota: { limit: 2, windowMs: 1_200 } });
    const result = await fetchAzureRows(settingsFor(server));

    expect(result.failures).toEqual([]);
    const queries = graphRequests(server);
    expect(queries.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(queries.map((r) => tableOf(r.body))).toEqual([
      'resources',
      'resourcecontainers',
      'authorizationresources',
      'appserviceresources',
    ]);
    expect(queries[2]!.at - queries[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('reports a 403 on one subscription, completes the others, and keeps the denied one’s earlier data', async () => {
    const base = await loadEstate();
    const estate = mergeEstates(base, inSubscription(base, SUB, SUB_B), inSubscription(base, SUB, SUB_C));
    const server = await serve(estate);
    const store = await MemoryStore.open();
    const subscriptions = [SUB, SUB_B, SUB_C];
    await ingestAzureLive(store, settingsFor(server, { subscriptions }), { run: newRun() });
    expect(await store.getNode(apiOf(SUB_B))).not.toBeNull();

    server.addFault({
      match: (r) => r.path.startsWith(`/subscriptions/${SUB_B}/`),
      status: 403,
      code: 'AuthorizationFailed',
      message: `The client does not have authorization to perform action 'Microsoft.ApiManagement/service/apis/read' over scope '/subscriptions/${SUB_B}'.`,
      times: Infinity,
    });
    const result = await ingestAzureLive(store, settingsFor(server, { subscriptions }), { run: newRun() });

    const failures = result.fetched.failures;
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures.map((f) => f.subscriptionId))).toEqual(new Set([SUB_B]));
    expect(
      failures.every((f) => f.status === 403 && /AuthorizationFailed|does not have authorization/.test(f.message)),
    ).toBe(true);
    expect(failures.map((f) => f.operation)).toContain('apim.api.listByService');
    expect(result.fetched.incompleteSubscriptions).toEqual([SUB_B]);
    expect(result.cleanedSubscriptions).toEqual([SUB, SUB_C].sort());
    for (const sub of [SUB, SUB_C]) expect(await store.getNode(`${apiOf(sub)}/operations/get-order`)).not.toBeNull();
    // Not seen this time, but not removed either: the run could not look.
    expect(await store.getNode(`${apiOf(SUB_B)}/operations/get-order`)).not.toBeNull();
  });

  it('keeps at most `concurrency` ARM calls in flight', async () => {
    const server = await serve(await loadEstate());
    await fetchAzureRows(settingsFor(server, { concurrency: 2 }));
    expect(server.maxInFlight()).toBeLessThanOrEqual(2);
    expect(server.requests.length).toBeGreaterThan(20);
  });

  it('splits subscription lists into groups of 300 and reads quota reset times', () => {
    const subscriptions = Array.from(
      { length: 301 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect(argScopes({ subscriptions }).map((s) => s.subscriptions?.length)).toEqual([300, 1]);
    expect(argScopes({ managementGroup: 'mg-contoso' })).toEqual([{ managementGroups: ['mg-contoso'] }]);
    expect(argScopes({})).toEqual([{}]);
    expect([parseTimeSpan('00:00:05'), parseTimeSpan('1.00:01:00.5'), parseTimeSpan('soon')]).toEqual([
      5_000,
      86_460_500,
      null,
    ]);
  });

  it('queries a management group when given one', async () => {
    const server = await serve(await loadEstate());
    const { subscriptions: _, ...settings } = settingsFor(server);
    await fetchAzureRows({ ...settings, managementGroup: 'mg-contoso' });
    const bodies = graphRequests(server).map((r) => r.body as Record<string, unknown>);
    expect(
      bodies.every((b) => JSON.stringify(b['managementGroups']) === '["mg-contoso"]' && !('subscriptions' in b)),
    ).toBe(true);
    const authorization = bodies.find((b) => tableOf(b) === 'authorizationresources') as {
      options: Record<string, unknown>;
    };
    expect(authorization.options['authorizationScopeFilter']).toBe('AtScopeAboveAndBelow');
  });
});
