/**
 * An analysis is written to Neo4j as a new generation in many bounded transactions, then made current by one
 * small switch. This kills a real server (a private one, never the suite's shared server) while such a write is
 * half done, restarts it on the same data directory and checks that the previous analysis is current and whole:
 * its findings, derived edges, insights and state, with none of the half-written generation visible. The next
 * analysis then removes what the killed write left. Run by neo4j-fault.test.ts on the server its own kill left.
 */
import neo4j from 'neo4j-driver';
import { expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../src/model/index.js';
import { Neo4jStore, type AnalysisResult, type GraphStore, type RunContext } from '../../src/store/index.js';
import { StoreError } from '../../src/util/errors.js';
import { edge, newRun, node, smallEstate } from '../support/graph-fixture.js';
import { emptyDatabase, type PrivateNeo4jRelay } from '../support/private-neo4j.js';
/** No retries: the killed server must fail the write at once rather than after the backoff. */
const NO_RETRY = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One analysis of the small estate: `findings` Finding nodes, the internet reaching one asset, one insight. */
function analysis(tag: string, findings: number, reached: GraphNode, insightOn: GraphNode, insight: 'InternetExposed' | 'AllowsAnonymousAccess'): AnalysisResult {
  const internet = node({ id: 'internet', kind: 'Internet', properties: { name: 'Internet' } });
  const nodes: GraphNode[] = [internet];
  for (let i = 0; i < findings; i++) {
    nodes.push(node({ id: `finding:${tag}:${String(i).padStart(6, '0')}`, kind: 'Finding', properties: { name: `${tag} finding ${i}`, severity: 'high' } }));
  }
  const edges: GraphEdge[] = [
    edge({ kind: 'CAN_REACH', from: 'internet', fromKind: 'Internet', to: reached.id, toKind: reached.kind, properties: { derived: true, ports: ['443'], evidence: { analysis: tag } } }),
  ];
  return { nodes, edges, insights: [{ id: insightOn.id, kind: insightOn.kind, insights: [insight], evidence: { [insight]: [tag] } }] };
}

/** What readers see of the analysis, through the store's own reads. */
async function visibleAnalysis(store: GraphStore, endpointId: string) {
  const findings: string[] = [];
  for (let after: string | null = null; ; ) {
    const page = await store.listNodes({ kind: 'Finding', first: 1000, after });
    findings.push(...page.items.map((n) => `${n.id} ${String(n.properties['name'])}`));
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  const reached = (await store.neighbours('internet', { direction: 'out' })).map((n) => [n.node.id, n.edge.properties['evidence']]);
  const endpoint = (await store.getNode(endpointId))?.properties;
  const counts = await store.countNodesByKind();
  const edgeCounts = await store.countEdgesByKind();
  return {
    findings,
    reached,
    insights: endpoint?.['insights'] ?? null,
    evidence: endpoint?.['insightEvidence'] ?? null,
    counts: { Finding: counts['Finding'] ?? 0, Internet: counts['Internet'] ?? 0, CAN_REACH: edgeCounts['CAN_REACH'] ?? 0 },
  };
}

const expectedOf = (result: AnalysisResult, endpointId: string) => ({
  findings: result.nodes.filter((n) => n.kind === 'Finding').map((n) => `${n.id} ${String(n.properties['name'])}`).sort(),
  reached: result.edges.map((e) => [e.to, e.properties['evidence']]),
  insights: result.insights.find((u) => u.id === endpointId)?.insights ?? null,
  evidence: result.insights.find((u) => u.id === endpointId)?.evidence ?? null,
  counts: { Finding: result.nodes.filter((n) => n.kind === 'Finding').length, Internet: 1, CAN_REACH: result.edges.length },
});

/** Counts straight from the database, whatever generation the nodes belong to. */
async function rawCount(uri: string, cypher: string, parameters: Record<string, unknown> = {}): Promise<number> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'none'), { disableLosslessIntegers: true });
  try {
    const result = await driver.executeQuery(cypher, parameters);
    return result.records[0]?.get('count') as number;
  } finally {
    await driver.close();
  }
}

/** The test, on the relay's server (booted if the relay has none); it leaves a restarted server to the next. */
export function generationCrashTest(relay: PrivateNeo4jRelay): void {
  const open = (uri: string, batchSize = 50) => Neo4jStore.open({ uri, user: 'neo4j', password: 'none', batchSize, retry: NO_RETRY });

  it('leaves the previous analysis current and whole, and the next analysis clears what it wrote', async () => {
    const estate = smallEstate('00000000-0000-4000-8000-00000000c0de');
    const byId = (id: string) => estate.nodes.find((n) => n.id === id)!;
    const endpoint = byId(estate.ids.getOrder);
    const previous = analysis('previous', 300, byId(estate.ids.gateway), endpoint, 'InternetExposed');
    // Many bounded transactions (batches of 50 rows, 100 rows a transaction): the kill lands between two of them.
    const interrupted = analysis('interrupted', 20_000, byId(estate.ids.api), endpoint, 'AllowsAnonymousAccess');

    const first = await relay.running();
    await emptyDatabase(first.uri);
    const previousRun: RunContext = newRun('2027-04-01T00:00:00.000Z');
    let store = await open(first.uri);
    try {
      const ingestRun = newRun('2027-04-01T00:00:00.000Z');
      await store.upsertNodes(estate.nodes, ingestRun);
      await store.upsertEdges(estate.edges, ingestRun);
      await store.completeRun(ingestRun, []);
      await store.replaceAnalysis(previous, previousRun);
      expect(await visibleAnalysis(store, endpoint.id)).toEqual(expectedOf(previous, endpoint.id));

      const writing = store.replaceAnalysis(interrupted, newRun('2027-04-02T00:00:00.000Z'));
      const outcome = writing.then(
        () => 'finished',
        (error: unknown) => error,
      );
      // Kill the server once some of the new generation's batches have committed, and before the switch can.
      for (;;) {
        const written = await rawCount(first.uri, "MATCH (n:Finding) WHERE n.id STARTS WITH 'finding:interrupted:' RETURN count(n) AS count");
        if (written > 0) break;
        await sleep(5);
      }
      relay.kill();
      const result = await outcome;
      expect(result).toBeInstanceOf(StoreError);
    } finally {
      await store.close();
    }

    const second = await relay.restart();
    store = await open(second.uri);
    try {
      // Part of the killed write survived on disk, out of every reader's sight.
      expect(await rawCount(second.uri, "MATCH (n:Finding) WHERE n.id STARTS WITH 'finding:interrupted:' RETURN count(n) AS count")).toBeGreaterThan(0);
      expect(await visibleAnalysis(store, endpoint.id)).toEqual(expectedOf(previous, endpoint.id));
      expect((await store.readState()).lastAnalysis?.runId).toBe(previousRun.runId);
      const streamed: string[] = [];
      for await (const chunk of store.streamGraph(500)) streamed.push(...chunk.nodes.filter((n) => n.kind === 'Finding').map((n) => n.id));
      expect(streamed.sort()).toEqual(expectedOf(previous, endpoint.id).findings.map((f) => f.split(' ')[0]!));

      // The next analysis writes on top of the leftovers and leaves only itself behind.
      const next = analysis('next', 120, byId(estate.ids.api), endpoint, 'AllowsAnonymousAccess');
      const nextRun = newRun('2027-04-03T00:00:00.000Z');
      await store.replaceAnalysis(next, nextRun);
      expect(await visibleAnalysis(store, endpoint.id)).toEqual(expectedOf(next, endpoint.id));
      expect((await store.readState()).lastAnalysis?.runId).toBe(nextRun.runId);
      expect(await rawCount(second.uri, 'MATCH (n:Finding) RETURN count(n) AS count')).toBe(120);
      expect(await rawCount(second.uri, 'MATCH ()-[r:CAN_REACH]->() RETURN count(r) AS count')).toBe(1);
      expect(await rawCount(second.uri, 'MATCH (n:Internet) RETURN count(n) AS count')).toBe(1);
      const slots = 'MATCH (n:Entity) WHERE n.insightsA IS NOT NULL AND n.insightsB IS NOT NULL RETURN count(n) AS count';
      expect(await rawCount(second.uri, slots)).toBe(0);
    } finally {
      await store.close();
    }
  }, 600_000);
}
