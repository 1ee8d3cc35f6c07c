import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../src/model/index.js';
import type { GraphScope, GraphStore } from '../../src/store/index.js';
import { ValidationError } from '../../src/util/errors.js';
import { edge, newRun, node, smallEstate } from '../support/graph-fixture.js';

const subscription = () => randomUUID();
const tuples = (nodes: readonly GraphNode[]) => nodes.map((n) => `${n.kind} ${n.id}`).sort();
const edgeTuples = (edges: readonly GraphEdge[]) => edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`).sort();

/** The whole graph read back through `streamGraph` (small chunks, so chunking is exercised too). */
export async function readAll(store: GraphStore) {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for await (const chunk of store.streamGraph(3)) {
    nodes.push(...chunk.nodes);
    edges.push(...chunk.edges);
  }
  return { nodes, edges };
}

async function ingest(store: GraphStore, estate: ReturnType<typeof smallEstate>) {
  const run = newRun();
  await store.upsertNodes(estate.nodes, run);
  await store.upsertEdges(estate.edges, run);
  return run;
}

/**
 * The contract every GraphStore adapter passes, unchanged. Data is isolated per test by a fresh subscription id;
 * `replaceAnalysis` is global by design, so suites using it run one file at a time (see vitest.config.ts).
 */
export function describeGraphStoreContract(name: string, open: () => Promise<GraphStore>) {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('upserts nodes and edges and reads them back by id', async () => {
      const estate = smallEstate(subscription());
      const report = await store.upsertEdges([], newRun());
      expect(report).toEqual({ written: 0, skipped: 0 });
      await ingest(store, estate);
      const gateway = await store.getNode(estate.ids.gateway);
      expect(gateway?.kind).toBe('ApiGateway');
      expect(gateway?.properties['tags']).toEqual({ env: 'prod', owner: 'team-a' });
      expect(gateway?.properties['hostNames']).toEqual(['apim.azure-api.net']);
      expect(await store.getNode('/subscriptions/none/missing')).toBeNull();
      const many = await store.getNodes([estate.ids.storage, estate.ids.api, 'missing', estate.ids.api]);
      expect(many.map((n) => n.id)).toEqual([estate.ids.api, estate.ids.storage].sort());
    });

    it('replaces a re-ingested node\'s properties exactly: firstSeen kept, lastSeen and run updated', async () => {
      const estate = smallEstate(subscription());
      const first = await ingest(store, estate);
      const app = estate.nodes.find((n) => n.id === estate.ids.app)!;
      const { defaultHostName: _dropped, ...reported } = app.properties;
      const second = newRun('2027-02-02T00:00:00.000Z');
      await store.upsertNodes([node({ id: app.id, kind: 'FunctionApp', properties: { ...reported, httpsOnly: true } })], second);
      const stored = await store.getNode(estate.ids.app);
      expect(stored?.properties).toMatchObject({ name: 'fn-orders', httpsOnly: true, firstSeen: first.startedAt, lastSeen: second.startedAt, lastRunId: second.runId });
      // Azure stopped reporting it: the property is gone, not left over from the first run.
      expect(stored?.properties).not.toHaveProperty('defaultHostName');
    });

    it('keeps what the analysis and traffic ingest wrote when a resource is re-ingested, and replaces traffic facts exactly', async () => {
      const estate = smallEstate(subscription());
      await ingest(store, estate);
      const endpoint = estate.nodes.find((n) => n.id === estate.ids.getOrder)!;
      await store.replaceAnalysis({ nodes: [], edges: [], insights: [{ id: endpoint.id, kind: 'ApiEndpoint', insights: ['AllowsAnonymousAccess'], evidence: { AllowsAnonymousAccess: ['no key'] } }] }, newRun());
      const traffic = { callCount: 40, lastCalled: '2027-01-05T00:00:00.000Z', sensitivityLabel: 'Confidential' };
      await store.upsertNodes([node({ id: endpoint.id, kind: 'ApiEndpoint', properties: traffic })], newRun());
      const { urlTemplate: _dropped, callCount: _calls, ...reported } = endpoint.properties;
      await store.upsertNodes([node({ id: endpoint.id, kind: 'ApiEndpoint', properties: { ...reported, method: 'PUT' } })], newRun());
      const reingested = (await store.getNode(endpoint.id))!.properties;
      expect(reingested).toMatchObject({ ...traffic, method: 'PUT', name: 'get-order', insights: ['AllowsAnonymousAccess'], insightEvidence: { AllowsAnonymousAccess: ['no key'] } });
      expect(reingested).not.toHaveProperty('urlTemplate');
      // A later log window without a label: the traffic facts are replaced, the resource's stay.
      await store.upsertNodes([node({ id: endpoint.id, kind: 'ApiEndpoint', properties: { callCount: 2 } })], newRun());
      const retrafficked = (await store.getNode(endpoint.id))!.properties;
      expect(retrafficked).toMatchObject({ callCount: 2, method: 'PUT', name: 'get-order', insights: ['AllowsAnonymousAccess'] });
      expect(retrafficked).not.toHaveProperty('sensitivityLabel');
      expect(retrafficked).not.toHaveProperty('lastCalled');
      await store.replaceAnalysis({ nodes: [], edges: [], insights: [] }, newRun());
    });

    it('skips edges whose ends are not stored', async () => {
      const estate = smallEstate(subscription());
      await ingest(store, estate);
      const dangling = edge({ kind: 'CONTAINS', from: estate.ids.api, fromKind: 'Api', to: `${estate.ids.api}/operations/ghost`, toKind: 'ApiEndpoint' });
      expect(await store.upsertEdges([dangling, estate.edges[1]!], newRun())).toEqual({ written: 1, skipped: 1 });
      expect(await store.neighbours(`${estate.ids.api}/operations/ghost`, { direction: 'both' })).toEqual([]);
    });

    it('lists a kind with property filters, insight filters and cursor paging', async () => {
      const sub = subscription();
      const run = newRun();
      const endpoints = Array.from({ length: 7 }, (_, i) =>
        node({
          id: `/subscriptions/${sub}/ep/${String(i).padStart(2, '0')}`,
          kind: 'ApiEndpoint',
          properties: { subscriptionId: sub, name: `op-${i}`, method: i % 2 ? 'GET' : 'POST', callCount: i, sensitiveInfoTypes: i === 3 ? ['CreditCardNumber'] : [] },
        }),
      );
      await store.upsertNodes(endpoints, run);
      const mine = { property: 'subscriptionId', op: 'eq', value: sub } as const;
      const pages: string[][] = [];
      let after: string | null = null;
      for (;;) {
        const page = await store.listNodes({ kind: 'ApiEndpoint', where: [mine], first: 3, after });
        pages.push(page.items.map((n) => n.properties['name'] as string));
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(pages).toEqual([['op-0', 'op-1', 'op-2'], ['op-3', 'op-4', 'op-5'], ['op-6']]);
      const names = async (...where: object[]) =>
        (await store.listNodes({ kind: 'ApiEndpoint', where: [mine, ...(where as never[])] })).items.map((n) => n.properties['name']);
      expect(await names({ property: 'method', op: 'eq', value: 'GET' })).toEqual(['op-1', 'op-3', 'op-5']);
      expect(await names({ property: 'method', op: 'neq', value: 'GET' })).toEqual(['op-0', 'op-2', 'op-4', 'op-6']);
      expect(await names({ property: 'callCount', op: 'gt', value: 4 })).toEqual(['op-5', 'op-6']);
      expect(await names({ property: 'callCount', op: 'lt', value: 1 })).toEqual(['op-0']);
      expect(await names({ property: 'name', op: 'in', value: ['op-2', 'op-9'] })).toEqual(['op-2']);
      expect(await names({ property: 'name', op: 'startsWith', value: 'op-6' })).toEqual(['op-6']);
      expect(await names({ property: 'name', op: 'contains', value: 'p-4' })).toEqual(['op-4']);
      expect(await names({ property: 'sensitiveInfoTypes', op: 'contains', value: 'CreditCardNumber' })).toEqual(['op-3']);
      expect(await names({ property: 'url', op: 'exists' })).toEqual([]);
      expect(await names({ property: 'url', op: 'exists', value: false })).toHaveLength(7);
      expect(await names({ property: 'url', op: 'neq', value: 'x' })).toEqual([]);
    });

    it('rejects filters outside the model with a ValidationError', async () => {
      await expect(store.listNodes({ kind: 'ApiEndpoint', where: [{ property: 'nope', op: 'eq', value: 1 }] })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.listNodes({ kind: 'ApiEndpoint', where: [{ property: 'method', op: 'gt', value: true }] })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.listNodes({ kind: 'ApiEndpoint', after: '%%%' })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.listNodes({ kind: 'ApiEndpoint', first: 0 })).rejects.toBeInstanceOf(ValidationError);
    });

    it('returns neighbours by edge kind and direction, in a stable order', async () => {
      const estate = smallEstate(subscription());
      await ingest(store, estate);
      const out = await store.neighbours(estate.ids.api, { direction: 'out' });
      expect(out.map((n) => n.node.id)).toEqual([estate.ids.createOrder, estate.ids.getOrder].sort());
      const into = await store.neighbours(estate.ids.api, { direction: 'in' });
      expect(into.map((n) => [n.edge.kind, n.node.kind])).toEqual([['CONTAINS', 'ApiGateway']]);
      const both = await store.neighbours(estate.ids.api, { direction: 'both', edgeKinds: ['CONTAINS'] });
      expect(both).toHaveLength(3);
      expect(await store.neighbours(estate.ids.api, { direction: 'both', edgeKinds: ['ROUTES_TO'] })).toEqual([]);
      expect(into[0]!.edge).toMatchObject({ from: estate.ids.gateway, fromKind: 'ApiGateway', to: estate.ids.api, toKind: 'Api' });
    });

    it('returns the neighbours of many nodes at once, each list as the single-node call answers it', async () => {
      const estate = smallEstate(subscription());
      await ingest(store, estate);
      const ghost = `${estate.ids.api}/operations/ghost`;
      const ids = [estate.ids.api, estate.ids.getOrder, estate.ids.app, ghost, estate.ids.api];
      for (const options of [
        { direction: 'out' },
        { direction: 'in' },
        { direction: 'both' },
        { direction: 'both', edgeKinds: ['CONTAINS'] },
        { direction: 'out', edgeKinds: ['CAN_AUTHENTICATE_AS', 'CONTAINS'] },
        { direction: 'both', edgeKinds: ['ROUTES_TO'] },
        { direction: 'both', edgeKinds: [] },
      ] as const) {
        const lists = await store.neighboursOfMany(ids, options);
        // One entry per distinct id, unknown ids included (empty).
        expect([...lists.keys()].sort()).toEqual([...new Set(ids)].sort());
        expect(lists.get(ghost)).toEqual([]);
        for (const id of new Set(ids)) expect(lists.get(id)).toEqual(await store.neighbours(id, options));
      }
      const both = await store.neighboursOfMany([estate.ids.api, estate.ids.app], { direction: 'both' });
      expect(both.get(estate.ids.api)!.map((n) => n.node.id)).toEqual([estate.ids.createOrder, estate.ids.gateway, estate.ids.getOrder].sort());
      expect(both.get(estate.ids.app)!.map((n) => [n.edge.kind, n.node.id])).toEqual([['CAN_AUTHENTICATE_AS', estate.ids.identity]]);
      expect((await store.neighboursOfMany([], { direction: 'both' })).size).toBe(0);
    });

    it('cuts each neighbour list at a limit, keeping the first ones of the full list', async () => {
      const estate = smallEstate(subscription());
      await ingest(store, estate);
      const ids = [estate.ids.api, estate.ids.app, estate.ids.gateway, estate.ids.getOrder];
      for (const direction of ['out', 'in', 'both'] as const) {
        const full = await store.neighboursOfMany(ids, { direction });
        for (const limit of [1, 2, 3, 100]) {
          const cut = await store.neighboursOfMany(ids, { direction, limit });
          for (const id of ids) expect(cut.get(id)).toEqual(full.get(id)!.slice(0, limit));
          expect(await store.neighbours(estate.ids.api, { direction, limit })).toEqual(full.get(estate.ids.api)!.slice(0, limit));
        }
      }
      // The API has three neighbours both ways: the cut is not vacuous.
      expect((await store.neighbours(estate.ids.api, { direction: 'both' })).length).toBe(3);
      const cut = await store.neighboursOfMany([estate.ids.api], { direction: 'both', edgeKinds: ['CONTAINS'], limit: 2 });
      expect(cut.get(estate.ids.api)!.map((n) => n.node.id)).toEqual([estate.ids.createOrder, estate.ids.gateway].sort());
      for (const limit of [0, -1, 1.5, Number.NaN, '2' as never]) {
        await expect(store.neighboursOfMany([estate.ids.api], { direction: 'both', limit })).rejects.toBeInstanceOf(ValidationError);
      }
    });

    it('refuses neighbour requests outside the closed model with a ValidationError', async () => {
      const estate = smallEstate(subscription());
      await ingest(store, estate);
      const hostile = 'CONTAINS]->() DETACH DELETE a //';
      await expect(store.neighboursOfMany([estate.ids.api], { direction: 'out', edgeKinds: [hostile as never] })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.neighboursOfMany([estate.ids.api], { direction: 'sideways' as never })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.neighbours(estate.ids.api, { direction: 'out', edgeKinds: [hostile as never] })).rejects.toBeInstanceOf(ValidationError);
      expect(await store.getNode(estate.ids.api)).not.toBeNull();
      expect(await store.neighbours(estate.ids.api, { direction: 'out' })).toHaveLength(2);
    });

    it('streams the whole graph in chunks', async () => {
      const estate = smallEstate(subscription());
      await ingest(store, estate);
      const { nodes, edges } = await readAll(store);
      expect(tuples(nodes)).toEqual(expect.arrayContaining(tuples(estate.nodes)));
      expect(edgeTuples(edges)).toEqual(expect.arrayContaining(edgeTuples(estate.edges)));
    });

    it('removes what a completed run did not see, only within the subscriptions it covered', async () => {
      const a = smallEstate(subscription());
      const b = smallEstate(subscription());
      await ingest(store, a);
      await ingest(store, b);
      const rerun = newRun();
      const keptNodes = a.nodes.filter((n) => n.id !== a.ids.createOrder && n.id !== a.ids.storage);
      await store.upsertNodes(keptNodes, rerun);
      await store.upsertEdges(a.edges.filter((e) => e.to !== a.ids.createOrder && e.kind !== 'CAN_AUTHENTICATE_AS'), rerun);
      const report = await store.completeRun(rerun, [a.ids.subscription.split('/')[2]!]);
      expect(report).toEqual({ removedNodes: 2, removedEdges: 2 });
      expect(await store.getNode(a.ids.createOrder)).toBeNull();
      expect(await store.getNode(a.ids.storage)).toBeNull();
      expect(await store.neighbours(a.ids.app, { direction: 'out' })).toEqual([]);
      expect((await store.getNodes(b.nodes.map((n) => n.id))).length).toBe(b.nodes.length);
      expect(await store.neighbours(b.ids.app, { direction: 'out' })).toHaveLength(1);
    });

    it('replaces the previous analysis atomically: derived edges, analysis nodes and insights', async () => {
      const estate = smallEstate(subscription());
      await ingest(store, estate);
      const internet = node({ id: 'internet', kind: 'Internet', properties: { name: 'Internet' } });
      const reach = (to: GraphNode) =>
        edge({ kind: 'CAN_REACH', from: 'internet', fromKind: 'Internet', to: to.id, toKind: to.kind, properties: { derived: true, ports: ['443'], evidence: { via: ['public gateway'] } } });
      const gateway = estate.nodes.find((n) => n.id === estate.ids.gateway)!;
      const endpoint = estate.nodes.find((n) => n.id === estate.ids.getOrder)!;
      await store.replaceAnalysis(
        {
          nodes: [internet],
          edges: [reach(gateway)],
          insights: [{ id: endpoint.id, kind: 'ApiEndpoint', insights: ['InternetExposed', 'AllowsAnonymousAccess'], evidence: { InternetExposed: ['gateway is public'] } }],
        },
        newRun(),
      );
      expect((await store.getNode(endpoint.id))?.properties).toMatchObject({
        insights: ['InternetExposed', 'AllowsAnonymousAccess'],
        insightEvidence: { InternetExposed: ['gateway is public'] },
      });
      const anonymous = await store.listNodes({ kind: 'ApiEndpoint', insights: ['AllowsAnonymousAccess'], where: [{ property: 'subscriptionId', op: 'eq', value: estate.ids.subscription.split('/')[2]! }] });
      expect(anonymous.items.map((n) => n.id)).toEqual([endpoint.id]);
      const reached = await store.neighbours('internet', { direction: 'out' });
      expect(reached.map((n) => [n.node.id, n.edge.properties['ports'], n.edge.properties['evidence']])).toEqual([[gateway.id, ['443'], { via: ['public gateway'] }]]);

      const api = estate.nodes.find((n) => n.id === estate.ids.api)!;
      await store.replaceAnalysis({ nodes: [internet], edges: [reach(api)], insights: [] }, newRun());
      expect((await store.getNode(endpoint.id))?.properties['insights']).toBeUndefined();
      expect((await store.neighbours('internet', { direction: 'out' })).map((n) => n.node.id)).toEqual([api.id]);
      expect((await store.countNodesByKind())['Internet']).toBe(1);
      // Ingested edges are not touched by analysis.
      expect(await store.neighbours(estate.ids.api, { direction: 'out', edgeKinds: ['CONTAINS'] })).toHaveLength(2);
    });

    it('streams only what ingest wrote on request: no analysis nodes, derived edges or stored insights', async () => {
      const subscriptionId = subscription();
      const estate = smallEstate(subscriptionId);
      await ingest(store, estate);
      const internet = node({ id: 'internet', kind: 'Internet', properties: { name: 'Internet' } });
      const gateway = estate.nodes.find((n) => n.id === estate.ids.gateway)!;
      await store.replaceAnalysis(
        {
          nodes: [internet],
          edges: [edge({ kind: 'CAN_REACH', from: 'internet', fromKind: 'Internet', to: gateway.id, toKind: gateway.kind, properties: { derived: true, ports: ['443'] } })],
          insights: [{ id: estate.ids.getOrder, kind: 'ApiEndpoint', insights: ['AllowsAnonymousAccess'], evidence: { AllowsAnonymousAccess: ['no key'] } }],
        },
        newRun(),
      );
      const mine = new Set(estate.nodes.map((n) => n.id));
      const read = async (scope: GraphScope) => {
        const nodes: GraphNode[] = [];
        const edges: GraphEdge[] = [];
        for await (const chunk of store.streamGraph(3, scope)) {
          nodes.push(...chunk.nodes.filter((n) => mine.has(n.id) || n.kind === 'Internet'));
          edges.push(...chunk.edges.filter((e) => mine.has(e.from) || mine.has(e.to)));
        }
        return { nodes, edges };
      };
      const all = await read('all');
      const ingested = await read('ingested');
      expect(all.nodes.map((n) => n.kind)).toContain('Internet');
      expect(all.edges.map((e) => e.kind)).toContain('CAN_REACH');
      expect(all.nodes.find((n) => n.id === estate.ids.getOrder)?.properties['insights']).toEqual(['AllowsAnonymousAccess']);

      expect(tuples(ingested.nodes)).toEqual(tuples(estate.nodes));
      expect(edgeTuples(ingested.edges)).toEqual(edgeTuples(estate.edges));
      // Ends' kinds are right although the reader did not ask for labels.
      expect(ingested.edges.map((e) => `${e.fromKind}>${e.toKind}`).sort()).toEqual(estate.edges.map((e) => `${e.fromKind}>${e.toKind}`).sort());
      // Every ingested property comes back, the analysis's insights do not.
      const withoutInsights = (n: GraphNode) => {
        const { insights: _i, insightEvidence: _e, ...rest } = n.properties;
        return { ...n, properties: rest };
      };
      const nodeText = (n: GraphNode) => JSON.stringify([n.id, n.kind, Object.entries(n.properties).sort()]);
      const edgeText = (e: GraphEdge) => JSON.stringify([e.from, e.kind, e.to, Object.entries(e.properties).sort()]);
      expect(ingested.nodes.map(nodeText).sort()).toEqual(all.nodes.filter((n) => mine.has(n.id)).map(withoutInsights).map(nodeText).sort());
      expect(ingested.nodes.find((n) => n.id === estate.ids.getOrder)?.properties).not.toHaveProperty('insights');
      expect(ingested.edges.map(edgeText).sort()).toEqual(all.edges.filter((e) => e.kind !== 'CAN_REACH').map(edgeText).sort());
      // Leave nothing behind for the files that share the store.
      await store.replaceAnalysis({ nodes: [], edges: [], insights: [] }, newRun());
      await store.completeRun(newRun(), [subscriptionId]);
    });

    it('records the last ingest and the ingest each analysis was computed from', async () => {
      const subscriptionId = subscription();
      expect((await store.readState()).exists).toBe(true);
      const ingestRun = newRun('2027-03-01T00:00:00.000Z');
      await store.upsertNodes(smallEstate(subscriptionId).nodes, ingestRun);
      await store.completeRun(ingestRun, [subscriptionId]);
      const ingested = await store.readState();
      expect(ingested.lastIngest).toEqual({ runId: ingestRun.runId, at: ingestRun.startedAt });
      const analysisRun = newRun('2027-03-01T01:00:00.000Z');
      await store.replaceAnalysis({ nodes: [], edges: [], insights: [] }, analysisRun);
      expect((await store.readState()).lastAnalysis).toEqual({ runId: analysisRun.runId, at: analysisRun.startedAt, ingestRunId: ingestRun.runId });
      // Another ingest (even of nothing new) makes that analysis stale: it no longer names the last ingest.
      const again = newRun('2027-03-01T02:00:00.000Z');
      await store.completeRun(again, []);
      const stale = await store.readState();
      expect(stale.lastIngest?.runId).toBe(again.runId);
      expect(stale.lastAnalysis?.ingestRunId).toBe(ingestRun.runId);
      await store.completeRun(newRun(), [subscriptionId]);
    });

    it('counts nodes and edges by kind', async () => {
      const estate = smallEstate(subscription());
      const before = await store.countNodesByKind();
      const beforeEdges = await store.countEdgesByKind();
      await ingest(store, estate);
      const after = await store.countNodesByKind();
      expect((after['ApiEndpoint'] ?? 0) - (before['ApiEndpoint'] ?? 0)).toBe(2);
      expect((after['StorageAccount'] ?? 0) - (before['StorageAccount'] ?? 0)).toBe(1);
      expect(((await store.countEdgesByKind())['CONTAINS'] ?? 0) - (beforeEdges['CONTAINS'] ?? 0)).toBe(4);
    });
  });
}

/** A fixed sequence of operations whose every answer is recorded, to compare adapters answer for answer. */
export async function contractTranscript(store: GraphStore): Promise<unknown[]> {
  const transcript: unknown[] = [];
  const sub = '00000000-0000-0000-0000-0000000000ff';
  const estate = smallEstate(sub);
  // Start from nothing in this subscription, even on a Neo4j that kept data from an earlier test run.
  await store.completeRun({ runId: 'transcript-wipe', startedAt: '2026-03-01T00:00:00.000Z' }, [sub]);
  const run = { runId: 'transcript-run-1', startedAt: '2026-03-01T00:00:00.000Z' };
  transcript.push(await store.upsertNodes(estate.nodes, run));
  transcript.push(await store.upsertEdges(estate.edges, run));
  for (const id of Object.values(estate.ids)) transcript.push(await store.getNode(id));
  transcript.push(await store.listNodes({ kind: 'ApiEndpoint', where: [{ property: 'subscriptionId', op: 'eq', value: sub }], first: 1 }));
  for (const id of Object.values(estate.ids)) transcript.push(await store.neighbours(id, { direction: 'both' }));
  transcript.push([...(await store.neighboursOfMany([...Object.values(estate.ids), 'missing'], { direction: 'both' }))]);
  const rerun = { runId: 'transcript-run-2', startedAt: '2026-03-02T00:00:00.000Z' };
  await store.upsertNodes(estate.nodes.slice(0, 5), rerun);
  await store.upsertEdges(estate.edges.slice(0, 2), rerun);
  transcript.push(await store.completeRun(rerun, [sub]));
  for (const id of Object.values(estate.ids)) transcript.push(await store.getNode(id));
  return transcript;
}
