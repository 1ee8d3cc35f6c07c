import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/index.js';
import type { GraphEdge, GraphNode } from '../../src/model/index.js';
import type { GraphStore } from '../../src/store/index.js';
import { copyFixture, tempDir } from '../support/cli.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';

const FIXTURE_SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';

async function graphOf(store: GraphStore, subscriptions: string[]) {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const mine = (id: string) => subscriptions.some((s) => id.startsWith(`/subscriptions/${s}`));
  for await (const chunk of store.streamGraph()) {
    nodes.push(...chunk.nodes.filter((n) => mine(n.id)));
    edges.push(...chunk.edges.filter((e) => mine(e.from) || mine(e.to)));
  }
  return {
    nodes: nodes.map((n) => `${n.kind} ${n.id}`).sort(),
    edges: edges.map((e) => `${e.from} ${e.kind} ${e.to}`).sort(),
  };
}

describe.skipIf(!neo4jSettings())('re-ingest on Neo4j', () => {
  let store: GraphStore;
  beforeAll(async () => {
    store = await openNeo4jStore({ batchSize: 3 });
  });
  afterAll(async () => store?.close());

  it('is idempotent, and removes what a later run no longer sees only within the ingested subscription', async () => {
    const subA = randomUUID();
    const subB = randomUUID();
    const dirA = await copyFixture('test/fixtures/skeleton', await tempDir('sub-a'), { [FIXTURE_SUB]: subA });
    const dirB = await copyFixture('test/fixtures/skeleton', await tempDir('sub-b'), { [FIXTURE_SUB]: subB });

    await ingestFiles(store, [dirA, dirB], { source: 'azure-export', run: newRun() });
    const first = await graphOf(store, [subA, subB]);
    expect(first.nodes.length).toBe(16);
    await ingestFiles(store, [dirA, dirB], { source: 'azure-export', run: newRun() });
    expect(await graphOf(store, [subA, subB])).toEqual(first);

    // Subscription A's export no longer has its operations: they go, subscription B keeps its own.
    await rm(join(dirA, 'apim-operations.json'));
    const summary = await ingestFiles(store, [dirA], { source: 'azure-export', run: newRun() });
    expect(summary.subscriptions).toEqual([subA]);
    expect(summary.removedNodes).toBe(2);
    const after = await graphOf(store, [subA, subB]);
    expect(after.nodes.filter((n) => n.startsWith('ApiEndpoint'))).toEqual(
      first.nodes.filter((n) => n.startsWith('ApiEndpoint') && n.includes(subB)),
    );
    expect((await graphOf(store, [subB]))).toEqual(await graphOfFirst(first, subB));
  });
});

function graphOfFirst(graph: { nodes: string[]; edges: string[] }, subscription: string) {
  return {
    nodes: graph.nodes.filter((n) => n.includes(`/subscriptions/${subscription}`)),
    edges: graph.edges.filter((e) => e.includes(`/subscriptions/${subscription}`)),
  };
}
