/**
 * Neo4j reads take the analysis generation from the statement itself (state.ts, `withGenerationRow`): each read
 * guesses the generation its store saw last and reads the current one beside its answer. These check the rules
 * that must survive the guess: a reader that did not write the analysis sees a new one on its next read (whole, in
 * every kind of read, also when the stale guess matches nothing at all), and a read whose guess holds is one
 * statement in one auto-commit transaction.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GraphNode } from '../../src/model/index.js';
import type { Neo4jStore } from '../../src/store/index.js';
import { Neo4jConnection } from '../../src/store/neo4j/connection.js';
import { edge, newRun, node, smallEstate } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';

describe.skipIf(!neo4jSettings())('Neo4j reads and the current analysis generation', () => {
  let writer: Neo4jStore;
  let reader: Neo4jStore;
  const subscriptionId = randomUUID();
  const estate = smallEstate(subscriptionId);
  const internet = node({ id: 'internet', kind: 'Internet', properties: { name: 'Internet' } });
  const byId = (id: string) => estate.nodes.find((n) => n.id === id)!;
  const reach = (to: GraphNode) =>
    edge({ kind: 'CAN_REACH', from: 'internet', fromKind: 'Internet', to: to.id, toKind: to.kind, properties: { derived: true, ports: ['443'] } });
  const anonymous = () =>
    reader.listNodes({ kind: 'ApiEndpoint', insights: ['AllowsAnonymousAccess'], where: [{ property: 'subscriptionId', op: 'eq', value: subscriptionId }] });

  beforeAll(async () => {
    // Two stores, as two API processes on one database: the reader never wrote the analyses it reads.
    writer = await openNeo4jStore();
    reader = await openNeo4jStore();
    const run = newRun();
    await writer.upsertNodes(estate.nodes, run);
    await writer.upsertEdges(estate.edges, run);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await reader?.close();
    await writer?.close();
  });

  it('sees each new analysis on its next read, in every kind of read, and never the one before', async () => {
    const before = (await reader.countNodesByKind())['Internet'] ?? 0;
    await writer.replaceAnalysis(
      {
        nodes: [internet],
        edges: [reach(byId(estate.ids.gateway))],
        insights: [{ id: estate.ids.getOrder, kind: 'ApiEndpoint', insights: ['AllowsAnonymousAccess'], evidence: { AllowsAnonymousAccess: ['no key'] } }],
      },
      newRun(),
    );
    // Each first read after an analysis is one whose rows the server picks by generation.
    expect((await anonymous()).items.map((n) => n.id)).toEqual([estate.ids.getOrder]);
    expect((await reader.getNode(estate.ids.getOrder))?.properties['insights']).toEqual(['AllowsAnonymousAccess']);
    expect((await reader.neighbours('internet', { direction: 'out' })).map((n) => n.node.id)).toContain(estate.ids.gateway);
    expect((await reader.countNodesByKind())['Internet']).toBe(Math.max(before, 1));

    // The reader now guesses the first analysis; the second replaces it, and its derived edges are gone. The
    // neighbours under the stale guess match no row at all: the generation read beside them is what tells the
    // reader to read again.
    await writer.replaceAnalysis({ nodes: [internet], edges: [reach(byId(estate.ids.api))], insights: [] }, newRun());
    const reached = (await reader.neighbours('internet', { direction: 'out' })).map((n) => n.node.id);
    expect(reached).toContain(estate.ids.api);
    expect(reached).not.toContain(estate.ids.gateway);
    expect((await anonymous()).items).toEqual([]);
    expect((await reader.getNode(estate.ids.getOrder))?.properties['insights']).toBeUndefined();
    expect((await reader.readState()).lastAnalysis).not.toBeNull();
  });

  it('reads with one statement once its guess holds, and with one more after a new analysis', async () => {
    await reader.getNode(estate.ids.getOrder);
    const statements = vi.spyOn(Neo4jConnection.prototype, 'read');
    const transactions = vi.spyOn(Neo4jConnection.prototype, 'transaction');
    await reader.getNode(estate.ids.getOrder);
    await reader.listNodes({ kind: 'ApiEndpoint', where: [{ property: 'subscriptionId', op: 'eq', value: subscriptionId }] });
    await reader.neighboursOfMany([estate.ids.api], { direction: 'out', edgeKinds: ['CONTAINS'] });
    await reader.countNodesByKind();
    expect(statements).toHaveBeenCalledTimes(4);
    expect(transactions).not.toHaveBeenCalled();

    await writer.replaceAnalysis({ nodes: [internet], edges: [], insights: [] }, newRun());
    statements.mockClear();
    await reader.getNode(estate.ids.getOrder);
    await reader.getNode(estate.ids.getOrder);
    expect(statements).toHaveBeenCalledTimes(3);
  });
});
