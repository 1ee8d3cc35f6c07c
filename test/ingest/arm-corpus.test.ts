/**
 * The real-data corpus (test/fixtures/arm-corpus, written by scripts/generate-arm-corpus.ts in Azure's own response
 * shapes: ARM list pages, single GETs, Resource Graph results, bare arrays, nulls and masked values, and the
 * oddities real exports carry) scans with default options on both stores: exact recognised, not-read, skipped and
 * incomplete counts, the graph by kind, and no phantom node.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/pipeline.js';
import { NODE_DECLARATIONS, type GraphNode } from '../../src/model/index.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';

const CORPUS = 'test/fixtures/arm-corpus';
const SUB = 'b7c4a1e2-5d3f-4e6a-9b8c-7d6e5f4a3b21';

const EXPECTED_KINDS = {
  Api: 21,
  ApiBackend: 7,
  ApiEndpoint: 21,
  ApiGateway: 7,
  ApiNamedValue: 7,
  ApiProduct: 7,
  ContainerApp: 8,
  ContainerGroup: 7,
  FunctionApp: 8,
  KeyVault: 8,
  LogicApp: 7,
  ManagedIdentity: 14,
  NetworkSecurityGroup: 7,
  PrivateEndpoint: 7,
  PublicIpAddress: 9,
  ResourceGroup: 7,
  RoleAssignment: 7,
  SqlDatabase: 7,
  SqlServer: 7,
  StorageAccount: 7,
  Subnet: 14,
  Subscription: 1,
  VirtualNetwork: 7,
  WebApp: 8,
};

async function corpusNodes(store: GraphStore): Promise<GraphNode[]> {
  const nodes: GraphNode[] = [];
  for (const kind of NODE_DECLARATIONS.filter((d) => d.subscriptionScoped).map((d) => d.kind)) {
    let after: string | null = null;
    for (;;) {
      const page = await store.listNodes({ kind, where: [{ property: 'subscriptionId', op: 'eq', value: SUB }], first: 500, after });
      nodes.push(...page.items);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
  }
  return nodes;
}

function describeStore(name: string, open: () => Promise<GraphStore>) {
  it(`scans the corpus with default options on the ${name} store: exact counts, no phantom`, async () => {
    const store = await open();
    try {
      const summary = await ingestFiles(store, [CORPUS], { source: 'azure-export', run: newRun() });
      expect(summary.files).toHaveLength(150);
      expect(summary.resourceRows).toBe(204);
      const typed = Object.values(summary.types).reduce((a, b) => a + b, 0);
      const unread = Object.values(summary.unknownTypes).reduce((a, b) => a + b, 0);
      expect({ typed, recognised: typed - unread, notRead: summary.unknownTypes, skipped: summary.skippedRows.length }).toEqual({
        typed: 202,
        recognised: 200,
        notRead: { 'microsoft.management/managementgroups': 1, 'microsoft.logic/workflows/runs': 1 },
        skipped: 2,
      });
      expect(summary.skippedRows.map((r) => `${r.file.split('/').pop()} ${r.index}`).sort()).toEqual(['load-balancer-nics.json 0', 'subnets.row-without-id.json 0']);
      // Neither id-less file names a subscription: stale data is kept for every subscription of the run.
      expect(summary.keptStale).toEqual([SUB]);
      expect(summary.removedNodes).toBe(0);
      expect(summary.typedFromId).toBe(9);
      expect(summary.incomplete.map((r) => [r.file.split('/').pop(), r.parentId.split('/').pop()])).toEqual([['operation-policy.operation-absent.json', 'not-exported']]);

      const nodes = await corpusNodes(store);
      const counts: Record<string, number> = {};
      for (const node of nodes) counts[node.kind] = (counts[node.kind] ?? 0) + 1;
      expect(counts).toEqual(EXPECTED_KINDS);
      // No phantom: every endpoint has a method, a URL and a source, under an API; every API under a gateway or app.
      for (const endpoint of nodes.filter((n) => n.kind === 'ApiEndpoint')) {
        expect(endpoint.properties, endpoint.id).toMatchObject({ method: expect.any(String), url: expect.stringMatching(/^https:\/\//), endpointSource: expect.any(String) });
        const parents = await store.neighbours(endpoint.id, { direction: 'in', edgeKinds: ['CONTAINS'] });
        expect(parents.map((p) => p.node.kind), endpoint.id).toEqual(['Api']);
      }
      for (const api of nodes.filter((n) => n.kind === 'Api')) {
        const parents = await store.neighbours(api.id, { direction: 'in', edgeKinds: ['CONTAINS'] });
        expect(parents.map((p) => p.node.kind).filter((k) => k !== 'Subscription'), api.id).toHaveLength(1);
      }
      expect(nodes.some((n) => n.id.includes('not-exported'))).toBe(false);
    } finally {
      await store.completeRun(newRun(), [SUB]);
      await store.close();
    }
  });
}

describe('the real-data corpus', () => {
  describeStore('memory', () => MemoryStore.open());
  describe.skipIf(!neo4jSettings())('neo4j', () => describeStore('neo4j', () => openNeo4jStore()));
});
