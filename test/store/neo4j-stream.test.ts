/**
 * `Neo4jStore.streamGraph` reads ends by element id and properties as name/value lists (for speed); this checks it
 * hands out exactly what a plain read of the same database gives — every node of each kind in id order with its
 * properties in the server's order, every edge of each kind in the server's order — in both scopes, on the Contoso
 * example and on a generated estate, and that the ingested graph equals the memory store's.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { estateRows, generateEstate } from '../../tools/estate/index.js';
import { ingestFiles, ingestRows } from '../../src/ingest/index.js';
import { EDGE_KINDS, NODE_KINDS, edgeProperties, type GraphEdge, type GraphNode, type JsonValue } from '../../src/model/index.js';
import { MemoryStore, type GraphScope, type GraphStore, type RunContext } from '../../src/store/index.js';
import { kindFromLabels, nodeFromNeo4j, type Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { INGESTED_EDGE_KINDS, INGESTED_NODE_KINDS } from '../../src/store/neo4j/cypher.js';
import { UNINGESTED_PROPERTIES } from '../../src/store/port.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { ESTATE_DIR, loadExpected } from '../examples/contoso-expectations.js';

async function streamed(store: GraphStore, scope: GraphScope, chunkSize: number) {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for await (const chunk of store.streamGraph(chunkSize, scope)) {
    nodes.push(...chunk.nodes);
    edges.push(...chunk.edges);
  }
  return { nodes, edges };
}

/** The same graph read the plain way: whole nodes per kind ordered by id, edges with their ends' ids and labels. */
async function plainRead(scope: GraphScope) {
  const settings = neo4jSettings()!;
  const driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user ?? 'neo4j', settings.password ?? ''), { disableLosslessIntegers: true });
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  const skipped = new Set<string>(scope === 'ingested' ? UNINGESTED_PROPERTIES : []);
  try {
    // The analysis readers see is the generation the state node names; its nodes and edges carry that number.
    const generation = (await session.run("MATCH (s:ApiPostureState {key: 'state'}) RETURN s.analysisGeneration AS g")).records[0]?.get('g') as number;
    const nodes: GraphNode[] = [];
    for (const kind of scope === 'ingested' ? INGESTED_NODE_KINDS : NODE_KINDS) {
      const result = await session.run(`MATCH (n:\`${kind}\`) WHERE n.generation IS NULL OR n.generation = $generation RETURN n ORDER BY n.id`, { generation });
      for (const r of result.records) {
        const node = nodeFromNeo4j(r.get('n'), generation);
        nodes.push({ ...node, properties: Object.fromEntries(Object.entries(node.properties).filter(([k]) => !skipped.has(k))) });
      }
    }
    const edges: GraphEdge[] = [];
    for (const kind of scope === 'ingested' ? INGESTED_EDGE_KINDS : EDGE_KINDS) {
      const result = await session.run(
        `MATCH (a)-[r:\`${kind}\`]->(b) WHERE r.generation IS NULL OR r.generation = $generation RETURN a.id AS from, labels(a) AS fromLabels, b.id AS to, labels(b) AS toLabels, r{.*, generation: null} AS p`,
        { generation },
      );
      for (const r of result.records) {
        edges.push({
          kind,
          from: r.get('from') as string,
          fromKind: kindFromLabels(r.get('fromLabels') as string[]),
          to: r.get('to') as string,
          toKind: kindFromLabels(r.get('toLabels') as string[]),
          // Stored as JSON text where declared so (evidence), as the store writes it.
          properties: Object.fromEntries(
            Object.entries(r.get('p') as Record<string, JsonValue>).filter(([k]) => k !== 'generation').map(([k, v]) => [k, edgeProperties(kind)[k]?.type === 'json' && typeof v === 'string' ? (JSON.parse(v) as JsonValue) : v]),
          ),
        });
      }
    }
    return { nodes, edges };
  } finally {
    await session.close();
    await driver.close();
  }
}

/** Text with the properties' own order kept: equal texts mean equal graphs down to key order. */
const exact = (graph: { nodes: GraphNode[]; edges: GraphEdge[] }) => ({
  nodes: graph.nodes.map((n) => JSON.stringify(n)),
  edges: graph.edges.map((e) => JSON.stringify(e)),
});

/** Order-free text of the estate's ingested part, for comparing stores (their property orders differ). */
function sortedText(graph: { nodes: GraphNode[]; edges: GraphEdge[] }, mine: (id: string) => boolean) {
  const props = (p: object) => Object.entries(p).sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    nodes: graph.nodes.filter((n) => mine(n.id)).map((n) => JSON.stringify([n.kind, n.id, props(n.properties)])).sort(),
    edges: graph.edges.filter((e) => mine(e.from) && mine(e.to)).map((e) => JSON.stringify([e.from, e.kind, e.to, e.fromKind, e.toKind, props(e.properties)])).sort(),
  };
}

interface Estate {
  readonly subscriptions: readonly string[];
  ingest(store: GraphStore, run: RunContext): Promise<unknown>;
}

const contoso = async (): Promise<Estate> => ({
  subscriptions: (await loadExpected()).subscriptions.map((s) => s.id.split('/')[2]!),
  ingest: (store, run) => ingestFiles(store, [ESTATE_DIR], { source: 'azure-export', run }),
});

/**
 * 2,000 rows over two subscriptions, as S spreads its 10,000: every node and edge kind the generator makes, some
 * hundreds of each common one and thousands of attack paths, so many chunks of every kind. S adds nothing this
 * checks, only time: its 10,000 attack paths and 62,000 path edges written, then read back six times.
 */
const generated = async (): Promise<Estate> => {
  const estate = generateEstate({ size: 2_000, seed: 11, subscriptions: 2 });
  const rows = [...estateRows(estate)].map(({ section, row }, index) => ({ file: `${section}.json`, index, value: row }));
  return { subscriptions: estate.subscriptionIds, ingest: (store, run) => ingestRows(store, rows, { source: 'azure-export', run }) };
};

describe.skipIf(!neo4jSettings())('Neo4j streamGraph', () => {
  let store: Neo4jStore;
  beforeAll(async () => {
    store = await openNeo4jStore();
  });
  afterAll(async () => store?.close());

  it.each([
    ['the Contoso example', contoso],
    ['a generated estate', generated],
  ])('streams %s exactly as a plain read of the database gives it, in both scopes', async (_name, make) => {
    const estate = await make();
    const wipe = () => store.completeRun({ runId: 'stream-wipe', startedAt: '2026-02-01T00:00:00.000Z' }, estate.subscriptions);
    await wipe();
    const memory = await MemoryStore.open();
    try {
      const run = { ...newRun(), startedAt: '2026-02-01T00:00:00.000Z' };
      for (const target of [store, memory] as GraphStore[]) await estate.ingest(target, run);
      // An analysis stored too: scope `all` must bring its nodes, derived edges and insights, scope `ingested` none.
      await analyze(store, newRun());
      for (const scope of ['all', 'ingested'] as const) {
        const plain = await plainRead(scope);
        const read = await streamed(store, scope, 7);
        expect(read.nodes.length).toBeGreaterThan(100);
        expect(read.edges.length).toBeGreaterThan(100);
        expect(exact(read)).toEqual(exact(plain));
      }
      expect(JSON.stringify(await streamed(store, 'all', 10_000))).toEqual(JSON.stringify(await streamed(store, 'all', 7)));
      const mine = (id: string) => estate.subscriptions.some((s) => id.startsWith(`/subscriptions/${s}/`));
      const fromNeo4j = sortedText(await streamed(store, 'ingested', 10_000), mine);
      expect(fromNeo4j.nodes.length).toBeGreaterThan(100);
      expect(fromNeo4j).toEqual(sortedText(await streamed(memory, 'ingested', 10_000), mine));
    } finally {
      await store.replaceAnalysis({ nodes: [], edges: [], insights: [] }, newRun());
      await wipe();
    }
  }, 300_000);
});
