import { describe, expect, it } from 'vitest';
import { classifyPath, findAttackPaths, PATH_FAMILIES, type AnalysisGraph } from '../../../src/analysis/paths/index.js';
import { apiToStore, TinyGraph } from './tiny-graph.js';

function families(graph: AnalysisGraph): string[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return findAttackPaths(graph).paths.map((p) => `${p.nodeIds.at(-1)}: ${classifyPath(p, (id) => byId.get(id)).id}`);
}

describe('path families', () => {
  it('uses Defender’s name for an unauthenticated endpoint carrying sensitive data, ours when it is authenticated', () => {
    const open = apiToStore({ epInsights: ['SensitiveData', 'AllowsAnonymousAccess'] }).graph();
    const byId = new Map(open.nodes.map((n) => [n.id, n]));
    const [first] = findAttackPaths(open).paths;
    expect(classifyPath(first!, (id) => byId.get(id)).name).toBe(
      'Internet exposed APIs that are unauthenticated carry sensitive data',
    );
    expect(families(apiToStore({ epInsights: ['SensitiveData'] }).graph())[0]).toBe(
      '/gw/apis/a/operations/op: sensitive-api',
    );
  });

  it('names identity paths by the access they end with', () => {
    expect(families(apiToStore({ access: 'write' }).graph())).toEqual(['/st: api-identity-write']);
    expect(families(apiToStore({ access: 'admin' }).graph())).toEqual(['/st: api-identity-write']);
    expect(families(apiToStore({ access: 'read' }).graph())).toEqual(['/st: api-identity-read']);
  });

  it('names a Key Vault reached through an identity, an API routing straight to a store, and VMs behind an API', () => {
    const vault = apiToStore()
      .node('/kv', 'KeyVault')
      .edge('HAS_PERMISSION_TO', '/fn/identities/system', '/kv', { accessLevel: 'read' });
    expect(families(vault.graph())).toContain('/kv: api-identity-key-vault');
    const direct = new TinyGraph()
      .internet()
      .node('/api', 'Api')
      .node('/api/ep', 'ApiEndpoint')
      .node('/st', 'StorageAccount')
      .edge('CAN_REACH', 'internet', '/api')
      .edge('CONTAINS', '/api', '/api/ep')
      .edge('ROUTES_TO', '/api/ep', '/st');
    expect(families(direct.graph())).toEqual(['/st: api-routes-to-data-store']);
    const vm = new TinyGraph()
      .internet()
      .node('/api', 'Api')
      .node('/api/ep', 'ApiEndpoint')
      .node('/lb', 'LoadBalancer')
      .node('/vm', 'VirtualMachine')
      .node('/vm/mi', 'ManagedIdentity')
      .node('/sql', 'SqlServer')
      .edge('CAN_REACH', 'internet', '/api')
      .edge('CONTAINS', '/api', '/api/ep')
      .edge('ROUTES_TO', '/api/ep', '/lb')
      .edge('ROUTES_TO', '/lb', '/vm')
      .edge('CAN_AUTHENTICATE_AS', '/vm', '/vm/mi')
      .edge('HAS_PERMISSION_TO', '/vm/mi', '/sql', { accessLevel: 'write' });
    expect(families(vm.graph())).toEqual(['/sql: api-to-vm']);
  });

  it('names gateway bypasses first, with the write variant', () => {
    const bypass = apiToStore().edge('CAN_REACH', 'internet', '/fn');
    expect(families(bypass.graph())).toEqual(['/st: gateway-bypass-data-write', '/st: api-identity-write']);
    const readOnly = apiToStore({ access: 'read' }).edge('CAN_REACH', 'internet', '/fn');
    expect(families(readOnly.graph())[0]).toBe('/st: gateway-bypass');
  });

  it('is a closed table with unique ids and names', () => {
    expect(new Set(PATH_FAMILIES.map((f) => f.id)).size).toBe(PATH_FAMILIES.length);
    expect(new Set(PATH_FAMILIES.map((f) => f.name)).size).toBe(PATH_FAMILIES.length);
  });
});
