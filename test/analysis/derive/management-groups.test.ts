import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze.js';
import type { InputRow } from '../../../src/util/input/rows.js';
import { ingestRows } from '../../../src/ingest/pipeline.js';
import { MemoryStore, type GraphStore } from '../../../src/store/index.js';
import { newRun } from '../../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../../support/neo4j.js';

const BLOB_DATA_CONTRIBUTOR = '/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe';

/**
 * Two subscriptions, one under mg-payments (below the tenant root), one under mg-sandbox. Each holds a function app
 * whose system identity is granted Storage Blob Data Contributor at mg-payments, and a storage account.
 */
function estate(payments: string, sandbox: string, principal: string, tenant: string): InputRow[] {
  const subscription = (sub: string, group: string) => ({
    id: `/subscriptions/${sub}`,
    name: `sub-${group}`,
    type: 'microsoft.resources/subscriptions',
    tenantId: tenant,
    subscriptionId: sub,
    properties: {
      state: 'Enabled',
      managementGroupAncestorsChain: [
        { name: group, displayName: group },
        { name: tenant, displayName: 'Tenant Root Group' },
      ],
    },
  });
  const storage = (sub: string) => ({
    id: `/subscriptions/${sub}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/st${sub.slice(0, 8)}`,
    type: 'microsoft.storage/storageaccounts',
    location: 'westeurope',
    properties: { publicNetworkAccess: 'Disabled', minimumTlsVersion: 'TLS1_2' },
  });
  const app = (sub: string, principalId: string) => ({
    id: `/subscriptions/${sub}/resourceGroups/rg-app/providers/Microsoft.Web/sites/fn-${sub.slice(0, 8)}`,
    type: 'microsoft.web/sites',
    kind: 'functionapp',
    location: 'westeurope',
    identity: { type: 'SystemAssigned', principalId, tenantId: tenant },
    properties: { httpsOnly: true },
  });
  const groupScope = '/providers/Microsoft.Management/managementGroups/mg-payments';
  const rows = [
    subscription(payments, 'mg-payments'),
    subscription(sandbox, 'mg-sandbox'),
    storage(payments),
    storage(sandbox),
    app(payments, principal),
    app(sandbox, principal),
    {
      id: `${groupScope}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`,
      type: 'microsoft.authorization/roleassignments',
      properties: { principalId: principal, principalType: 'ServicePrincipal', roleDefinitionId: BLOB_DATA_CONTRIBUTOR, scope: groupScope },
    },
  ];
  return rows.map((value, index) => ({ file: 'resourcecontainers-and-authorization.json', index, value }));
}

function describeStore(name: string, open: () => Promise<GraphStore>) {
  it(`applies a management-group role assignment to every subscription below it, with the scope in the evidence (${name})`, async () => {
    const [payments, sandbox, principal, tenant] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const store = await open();
    try {
      await ingestRows(store, estate(payments, sandbox, principal, tenant), { source: 'azure-export', run: newRun() });
      expect((await store.getNode(`/subscriptions/${payments}`))?.properties['managementGroups']).toEqual(['mg-payments', tenant]);
      await analyze(store, newRun());
      const grants = [];
      for (const sub of [payments, sandbox]) {
        const identity = `/subscriptions/${sub}/resourcegroups/rg-app/providers/microsoft.web/sites/fn-${sub.slice(0, 8)}/identities/system`;
        for (const n of await store.neighbours(identity, { direction: 'out', edgeKinds: ['HAS_PERMISSION_TO'] })) grants.push([sub, n.node.id, n.edge.properties['accessLevel'], n.edge.properties['scopes']]);
      }
      // The same principal is both apps' identity (one assignment): inside mg-payments it reaches the payments store only.
      expect(grants).toEqual([
        [payments, `/subscriptions/${payments}/resourcegroups/rg-data/providers/microsoft.storage/storageaccounts/st${payments.slice(0, 8)}`, 'write', ['/providers/microsoft.management/managementgroups/mg-payments']],
        [sandbox, `/subscriptions/${payments}/resourcegroups/rg-data/providers/microsoft.storage/storageaccounts/st${payments.slice(0, 8)}`, 'write', ['/providers/microsoft.management/managementgroups/mg-payments']],
      ]);
    } finally {
      await store.completeRun(newRun(), [payments, sandbox]);
      await store.close();
    }
  });
}

describe('management-group scope', () => {
  describeStore('memory', () => MemoryStore.open());
  describe.skipIf(!neo4jSettings())('neo4j', () => describeStore('neo4j', () => openNeo4jStore()));
});
