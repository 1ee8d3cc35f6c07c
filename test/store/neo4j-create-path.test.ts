import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphNode } from '../../src/model/index.js';
import type { Neo4jStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';

// Nodes the store does not hold yet are written with CREATE, the others with MERGE; a CREATE that loses a race to
// another writer is refused by the uniqueness constraint and written again with MERGE. Whatever the path, the
// stored node is what a MERGE would have left.

const subscriptionId = randomUUID();
const vmId = (n: number) =>
  `/subscriptions/${subscriptionId}/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm-${n}`;
const vm = (n: number, properties: Record<string, string>): GraphNode => ({
  id: vmId(n),
  kind: 'VirtualMachine',
  properties: { subscriptionId, resourceGroup: 'rg', name: `vm-${n}`, ...properties },
});

describe.skipIf(!neo4jSettings())('Neo4j node writes: create new nodes, replace stored ones', () => {
  let store: Neo4jStore;
  beforeAll(async () => {
    store = await openNeo4jStore({ batchSize: 2 });
  });
  afterAll(async () => {
    if (!store) return;
    await store.completeRun(newRun(), [subscriptionId]);
    await store.close();
  });

  it('creates new nodes with every label and stamp, and replaces stored ones in the same call', async () => {
    const first = newRun();
    await store.upsertNodes([vm(1, { location: 'westeurope' })], first);
    const second = newRun();
    // vm-1 is stored (replaced exactly: the location it is written without is gone, firstSeen stays); vm-2 and
    // vm-3 are new (created).
    await store.upsertNodes([vm(1, { powerState: 'running' }), vm(2, { location: 'northeurope' }), vm(3, {})], second);

    const nodes = await store.getNodes([vmId(1), vmId(2), vmId(3)]);
    expect(nodes.map((n) => [n.id, n.kind])).toEqual([1, 2, 3].map((n) => [vmId(n), 'VirtualMachine']));
    const [one, two, three] = nodes;
    expect(one!.properties['location']).toBeUndefined();
    expect(one!.properties).toMatchObject({
      powerState: 'running',
      firstSeen: first.startedAt,
      lastSeen: second.startedAt,
      lastRunId: second.runId,
    });
    for (const created of [two!, three!]) {
      expect(created.properties).toMatchObject({
        name: created.id.split('/').at(-1),
        firstSeen: second.startedAt,
        lastSeen: second.startedAt,
        lastRunId: second.runId,
      });
    }
    // The family and Entity labels are there too: the node is found by kind, by family and by id alone.
    expect((await store.countNodesByKind())['VirtualMachine']).toBeGreaterThanOrEqual(3);
    const page = await store.listNodes({ kind: 'VirtualMachine', first: 100, where: [{ property: 'subscriptionId', op: 'eq', value: subscriptionId }] });
    expect(page.items.map((n) => n.id)).toEqual([vmId(1), vmId(2), vmId(3)]);
  });

  it('falls back to MERGE when another writer created a node between the check and the write', async () => {
    const earlier = newRun();
    await store.upsertNodes([vm(10, { location: 'westeurope' }), vm(11, {})], earlier);
    // The other writer's node is invisible to this call's check, as it would be had it committed just after it.
    const writer = (store as unknown as { writer: { existingIds: (ids: readonly string[]) => Promise<Set<string>> } }).writer;
    const check = writer.existingIds;
    writer.existingIds = async () => new Set();
    const later = newRun();
    try {
      await store.upsertNodes([vm(10, { powerState: 'stopped' }), vm(11, {}), vm(12, {})], later);
    } finally {
      writer.existingIds = check;
    }
    const nodes = await store.getNodes([vmId(10), vmId(11), vmId(12)]);
    expect(nodes).toHaveLength(3);
    expect(nodes[0]!.properties['location']).toBeUndefined();
    expect(nodes[0]!.properties).toMatchObject({
      powerState: 'stopped',
      firstSeen: earlier.startedAt,
      lastRunId: later.runId,
    });
    expect(nodes[2]!.properties).toMatchObject({ firstSeen: later.startedAt, lastRunId: later.runId });
  });
});
