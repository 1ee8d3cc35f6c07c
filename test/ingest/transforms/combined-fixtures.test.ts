import { describe, expect, it } from 'vitest';
import { validateEdge, validateNode } from '../../../src/model/index.js';
import { MemoryStore } from '../../../src/store/index.js';
import { ingestRows } from '../../../src/ingest/index.js';
import { newRun } from '../../support/graph-fixture.js';
import { SUB, SUB_ID, readFixtureRows, transformFixtures } from './fixture-graph.js';

const FOLDERS = ['data', 'identity', 'logic', 'apim', 'web'];

describe('data, identity, Logic Apps, APIM and App Service fixtures together', () => {
  it('transform into one valid graph with every type known and no secret in it', async () => {
    const g = await transformFixtures(...FOLDERS);
    expect(g.unknownTypes).toEqual({});
    expect(g.subscriptions).toEqual([SUB]);
    for (const node of g.nodes) expect(validateNode(node)).toEqual(node);
    for (const edge of g.edges) expect(validateEdge(edge)).toEqual(edge);
    expect(g.edges.every((e) => e.properties['subscriptionId'] === SUB)).toBe(true);
    expect(g.text).not.toContain('SECRET-');
    // One subscription node, named by its own row.
    expect(g.nodes.filter((n) => n.kind === 'Subscription')).toEqual([
      expect.objectContaining({ id: SUB_ID, properties: expect.objectContaining({ name: 'Contoso Production' }) }),
    ]);
    const kinds = new Set(g.nodes.map((n) => n.kind));
    for (const kind of [
      'StorageAccount',
      'SqlServer',
      'SqlDatabase',
      'CosmosDbAccount',
      'KeyVault',
      'ManagedIdentity',
      'RoleAssignment',
      'RoleDefinition',
      'Subscription',
      'ResourceGroup',
      'LogicApp',
      'FunctionApp',
      'WebApp',
      'Api',
      'ApiEndpoint',
      'ApiGateway',
      'ApiProduct',
      'ApiBackend',
      'ApiSubscription',
    ] as const) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it('load into the memory store with every edge between stored nodes', async () => {
    const store = await MemoryStore.open();
    const summary = await ingestRows(store, await readFixtureRows(...FOLDERS), {
      source: 'azure-export',
      run: newRun(),
    });
    expect(summary.skippedEdges).toBe(0);
    expect(summary.nodes).toBeGreaterThan(40);
  });
});
