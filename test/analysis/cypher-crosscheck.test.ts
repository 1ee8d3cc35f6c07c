import { readFileSync } from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeView } from '../../src/analysis/analyze.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import { findAttackPaths, type FoundPath } from '../../src/analysis/paths/index.js';
import { estateRows, generateEstate } from '../../tools/estate/index.js';
import type { InputRow } from '../../src/util/input/rows.js';
import { ingestRows } from '../../src/ingest/pipeline.js';
import type { GraphNode, NodeKind } from '../../src/model/index.js';
import type { Neo4jStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';

/**
 * The reference Cypher (queries/cypher/internet-api-data-paths.cypher) and the path engine must agree on the main
 * path family: internet → (gateway → api →) endpoint → backend → identity → data store, as (entry, endpoint, target).
 */

const QUERY = readFileSync(new URL('../../queries/cypher/internet-api-data-paths.cypher', import.meta.url), 'utf8');
const DATA_STORES: ReadonlySet<NodeKind> = new Set(['StorageAccount', 'SqlServer', 'SqlDatabase', 'CosmosDbAccount', 'KeyVault']);

/** The engine's path has exactly the reference query's shape (and edge kinds). */
function ofReferenceShape(path: FoundPath, kindOf: (id: string) => NodeKind | undefined): boolean {
  const kinds = path.nodeIds.map(kindOf);
  const viaGateway = kinds[1] === 'ApiGateway';
  const endpointAt = viaGateway ? 3 : 1;
  if (path.nodeIds.length !== endpointAt + 4) return false;
  if (viaGateway && kinds[2] !== 'Api') return false;
  return (
    kinds[endpointAt] === 'ApiEndpoint' &&
    kinds[endpointAt + 2] === 'ManagedIdentity' &&
    DATA_STORES.has(kinds[endpointAt + 3] as NodeKind) &&
    path.edges[endpointAt]?.kind === 'ROUTES_TO' &&
    path.edges[endpointAt + 1]?.kind === 'CAN_AUTHENTICATE_AS' &&
    path.edges[endpointAt + 2]?.kind === 'HAS_PERMISSION_TO'
  );
}

const triple = (entry: string, endpoint: string, target: string) => `${entry} | ${endpoint} | ${target}`;

describe.skipIf(!neo4jSettings())('the reference Cypher and the path engine agree (real Neo4j)', () => {
  const estate = generateEstate({ size: 3_000, seed: 424_242, subscriptions: 2 });
  const subscriptions = [...estate.subscriptionIds];
  const mine = (id: string) => subscriptions.some((s) => id.startsWith(`/subscriptions/${s}/`));
  let store: Neo4jStore;
  let driver: Driver;

  beforeAll(async () => {
    store = await openNeo4jStore();
    const settings = neo4jSettings()!;
    driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user ?? 'neo4j', settings.password ?? ''));
    const rows: InputRow[] = [...estateRows(estate)].map(({ section, row }, index) => ({ file: `${section}.json`, index, value: row }));
    await ingestRows(store, rows, { source: 'azure-export', run: newRun() });
    // What `analyze` stores, minus the AttackPath and Finding nodes: the reference query walks only the derived
    // edges, and the whole result in one transaction can exceed the test server's transaction memory
    // (db.memory.transaction.max).
    const output = analyzeView(await GraphView.load(store));
    const results = new Set(['AttackPath', 'Finding']);
    await store.replaceAnalysis(
      {
        nodes: output.nodes.filter((n) => !results.has(n.kind)),
        edges: output.edges.filter((e) => e.kind !== 'TRAVERSES' && e.kind !== 'AFFECTS'),
        insights: output.insights.updates(),
      },
      newRun(),
    );
  }, 300_000);

  afterAll(async () => {
    await store.completeRun(newRun(), subscriptions);
    await store.replaceAnalysis({ nodes: [], edges: [], insights: [] }, newRun());
    await store.close();
    await driver.close();
  }, 120_000);

  it('finds the same (entry, endpoint, target) triples', async () => {
    // The engine's search over the analysed graph, with the per-pair and overall caps lifted: the reference query
    // returns every triple, so the engine must not stop early either (analyze keeps 25 paths per pair by default).
    const view = await GraphView.load(store);
    const output = analyzeView(view);
    const nodes: GraphNode[] = [...view.nodes.values(), ...output.nodes];
    const kinds = new Map(nodes.map((n) => [n.id, n.kind]));
    const search = findAttackPaths(
      { nodes: [...new Map(nodes.map((n) => [n.id, n])).values()], edges: [...view.edges(), ...output.edges] },
      { maxPathsPerPair: 1_000_000, maxPaths: 5_000_000 },
    );
    expect(search.stats.maxPathsReached || search.stats.maxExpansionsReached || search.stats.cappedPairs > 0).toBe(false);
    const engine = new Set(
      search.paths
        .filter((p) => mine(p.nodeIds[p.nodeIds.length - 1] as string) && ofReferenceShape(p, (id) => kinds.get(id)))
        .map((p) => {
          const ids = p.nodeIds;
          const endpoint = ids[kinds.get(ids[1] as string) === 'ApiGateway' ? 3 : 1] as string;
          return triple(ids[1] as string, endpoint, ids[ids.length - 1] as string);
        }),
    );
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    const cypher = new Set<string>();
    try {
      const result = await session.run(QUERY);
      for (const record of result.records) {
        const [entry, endpoint, target] = ['entry', 'endpoint', 'target'].map((k) => record.get(k) as string) as [string, string, string];
        if (mine(target)) cypher.add(triple(entry, endpoint, target));
      }
    } finally {
      await session.close();
    }
    // A generated estate of this size has paths of this family, or the comparison proves nothing.
    expect(cypher.size).toBeGreaterThan(0);
    expect([...engine].sort()).toEqual([...cypher].sort());
  }, 300_000);
});
