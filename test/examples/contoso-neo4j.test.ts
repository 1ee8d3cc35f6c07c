import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { ingestFiles } from '../../src/ingest/index.js';
import type { GraphEdge, GraphNode } from '../../src/model/index.js';
import type { GraphStore } from '../../src/store/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { ESTATE_DIR, loadExpected } from './contoso-expectations.js';

const STAMPS = new Set(['firstSeen', 'lastSeen', 'lastRunId']);

/** Every node and edge touching the estate's subscriptions (or the internet), without run stamps, sorted. */
async function snapshot(store: GraphStore, subscriptions: readonly string[]) {
  const inEstate = (id: string) => id === 'internet' || subscriptions.some((s) => id.startsWith(s));
  const clean = (properties: Record<string, unknown>) => Object.fromEntries(Object.entries(properties).filter(([k]) => !STAMPS.has(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
  const all = { nodes: [] as GraphNode[], edges: [] as GraphEdge[] };
  for await (const chunk of store.streamGraph()) {
    all.nodes.push(...chunk.nodes);
    all.edges.push(...chunk.edges);
  }
  // The estate's own nodes, and the outside hosts its APIs route to (other tests' hosts share the database).
  const edges = all.edges.filter((e) => inEstate(e.from) && (inEstate(e.to) || e.to.startsWith('host:')));
  const hosts = new Set(edges.map((e) => e.to).filter((id) => id.startsWith('host:')));
  const mine = (id: string) => inEstate(id) || hosts.has(id);
  return {
    nodes: all.nodes.filter((n) => mine(n.id)).map((n) => JSON.stringify([n.kind, n.id, clean(n.properties)])).sort(),
    edges: edges.map((e) => JSON.stringify([e.from, e.kind, e.to, e.fromKind, e.toKind, clean(e.properties)])).sort(),
  };
}

describe.skipIf(!neo4jSettings())('the Contoso example estate on both stores', () => {
  it('ingests and analyses to the same graph on Neo4j as on the memory store', async () => {
    const subscriptions = (await loadExpected()).subscriptions.map((s) => s.id);
    const memory = await MemoryStore.open();
    const neo4j = await openNeo4jStore();
    try {
      // Start from nothing in the estate's subscriptions: other tests ingest the same estate into this database.
      await neo4j.completeRun({ runId: 'contoso-wipe', startedAt: '2026-02-01T00:00:00.000Z' }, subscriptions.map((s) => s.split('/')[2]!));
      for (const store of [memory, neo4j]) {
        const run = { ...newRun(), startedAt: '2026-02-01T00:00:00.000Z' };
        await ingestFiles(store, [ESTATE_DIR], { source: 'azure-export', run });
        await analyze(store, newRun());
      }
      const a = await snapshot(memory, subscriptions);
      const b = await snapshot(neo4j, subscriptions);
      expect(a.nodes.length).toBeGreaterThan(100);
      expect(b.nodes).toEqual(a.nodes);
      expect(b.edges).toEqual(a.edges);
    } finally {
      await neo4j.close();
    }
  });
});
