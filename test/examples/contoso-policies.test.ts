/**
 * The Contoso policy scenarios end to end (examples/contoso/arm/apim-contoso-prod: documents-api): JWT validation
 * kept in a policy fragment, a conditional router whose EU target is a named value, and an invoice download
 * answered from blob storage through send-request as the gateway's identity. Inventory, attack paths, the explorer
 * and GraphQL all see them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/cli/commands/inventory.js';
import type { GraphNode } from '../../src/model/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { loadEstate, startServer, type RunningServer } from '../api/support.js';
import { loadExpected, type ContosoExpected } from './contoso-expectations.js';

let store: MemoryStore;
let expected: ContosoExpected;
let server: RunningServer;
const PDF = (e: ContosoExpected) => e.calls[0]!.from;

beforeAll(async () => {
  store = await MemoryStore.open();
  expected = await loadExpected();
  await loadEstate(store);
  server = await startServer(store);
});
afterAll(async () => server?.close());

describe('the Contoso policy scenarios', () => {
  it('stores the fragment and the named values, never a secret value', async () => {
    const named = (await store.listNodes({ kind: 'ApiNamedValue', first: 50 })).items;
    expect(named.map((n) => n.properties['displayName']).sort()).toEqual(['documents-account', 'fn-orders-prod-key', 'shipping-eu-url']);
    expect(named.find((n) => n.properties['displayName'] === 'fn-orders-prod-key')?.properties['value']).toBeUndefined();
    const fragments = (await store.listNodes({ kind: 'ApiPolicyFragment', first: 50 })).items;
    expect(fragments.map((n) => n.properties['name'])).toEqual(['jwt-documents']);
  });

  it('derives CALLS from the invoice download to the storage account, with the identity’s access', async () => {
    for (const call of expected.calls) {
      const out = await store.neighbours(call.from, { direction: 'out', edgeKinds: ['CALLS'] });
      const edge = out.find((n) => n.node.id === call.to)?.edge;
      expect(edge, `CALLS ${call.from} → ${call.to}`).toBeDefined();
      expect(edge?.properties['method']).toBe('GET');
      expect(String(edge?.properties['identityId'])).toMatch(/apim-contoso-prod\/identities\/system$/);
      if (call.accessLevel) expect(edge?.properties['accessLevel']).toBe(call.accessLevel);
    }
  });

  it('lists both operations in the inventory as authenticated', async () => {
    const inventory = await loadInventory(store);
    const documents = inventory.filter((e) => e.id.includes('/apis/documents-api/'));
    expect(documents.map((e) => [e.method, e.url, e.insights.includes('AllowsAnonymousAccess')]).sort()).toEqual([
      ['GET', 'https://apim-contoso-prod.azure-api.net/documents/invoices/{invoiceId}/pdf', false],
      ['GET', 'https://apim-contoso-prod.azure-api.net/documents/shipments/{trackingId}', false],
    ]);
  });

  it('finds an attack path from the internet through the invoice download to the storage account', async () => {
    const paths = (await store.listNodes({ kind: 'AttackPath', first: 1000 })).items;
    const steps = (p: GraphNode) => {
      const details = p.properties['details'];
      const list = details && typeof details === 'object' && !Array.isArray(details) ? details['steps'] : null;
      return Array.isArray(list) ? list.map((s) => (s && typeof s === 'object' && !Array.isArray(s) ? String(s['id']) : '')) : [];
    };
    const through = paths.map(steps).filter((ids) => ids.includes(PDF(expected)));
    expect(through.length).toBeGreaterThan(0);
    expect(through.some((ids) => ids[0] === 'internet' && ids[ids.length - 1] === expected.calls[0]!.to)).toBe(true);
  });

  it('answers an explorer query over CALLS: endpoints whose gateway reads a storage account', async () => {
    const page = await store.explore({ kind: 'ApiEndpoint', connections: [{ edge: 'CALLS', direction: 'out', to: { kind: 'StorageAccount' } }] }, { first: 50 });
    expect(page.items.map((n) => n.id)).toEqual([PDF(expected)]);
  });

  it('shows the call and the conditional routes through GraphQL', async () => {
    const route = expected.routes.filter((r) => r.from.endsWith('/route-shipment'));
    const data = await server.client().request<{ asset: { neighbours: { edge: { kind: string; to: string; properties: Record<string, unknown> } }[] } }>(
      'query($id: ID!) { asset(id: $id) { neighbours(first: 25) { edge { kind to properties } } } }',
      { id: route[0]!.from },
    );
    const routes = data.asset.neighbours.filter((n) => n.edge.kind === 'ROUTES_TO').map((n) => [n.edge.to, n.edge.properties['condition']]);
    expect(routes.sort()).toEqual(route.map((r) => [r.to, r.condition]).sort());
    const calls = await server.client().request<{ asset: { neighbours: { edge: { kind: string; to: string } }[] } }>(
      'query($id: ID!) { asset(id: $id) { neighbours(edge: CALLS, first: 25) { edge { kind to } } } }',
      { id: PDF(expected) },
    );
    expect(calls.asset.neighbours.map((n) => n.edge.to)).toEqual([expected.calls[0]!.to]);
  });
});
