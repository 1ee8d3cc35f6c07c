/**
 * Management-group scope through the real Azure SDK clients against the local fake ARM server: Resource Graph's
 * `resourcecontainers` gives each subscription's managementGroupAncestorsChain, `authorizationresources` (queried
 * AtScopeAboveAndBelow) the assignment made at the management group; the analysis applies it below.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { ingestAzureLive } from '../../src/ingest/azure/live/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { fakeCredential, startFakeArmServer, type FakeArmServer } from '../support/fake-arm-server.js';
import { newRun } from '../support/graph-fixture.js';

const SUB = '2c9e4b1a-7d3f-4a6e-8b5c-1d2e3f4a5b6c';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const PRINCIPAL = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const GROUP = '/providers/Microsoft.Management/managementGroups/mg-payments';
const IDENTITY = `/subscriptions/${SUB}/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders`;
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stordersmg`;

const servers: FakeArmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('live ingest of management-group scope', () => {
  it('reads the chain and applies a management-group role assignment to the subscription below it', async () => {
    const base = { tenantId: TENANT, subscriptionId: SUB };
    const server = await startFakeArmServer({
      tables: {
        resourcecontainers: [
          { ...base, id: `/subscriptions/${SUB}`, name: 'Payments', type: 'microsoft.resources/subscriptions', kind: '', location: '', resourceGroup: '', tags: {}, properties: { state: 'Enabled', managementGroupAncestorsChain: [{ name: 'mg-payments', displayName: 'Payments' }, { name: TENANT, displayName: 'Tenant Root Group' }] } },
        ],
        resources: [
          { ...base, id: IDENTITY, name: 'id-orders', type: 'microsoft.managedidentity/userassignedidentities', location: 'westeurope', resourceGroup: 'rg-identity', properties: { principalId: PRINCIPAL, clientId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', tenantId: TENANT } },
          { ...base, id: STORAGE, name: 'stordersmg', type: 'microsoft.storage/storageaccounts', kind: 'StorageV2', location: 'westeurope', resourceGroup: 'rg-data', properties: { publicNetworkAccess: 'Disabled', minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true } },
        ],
        authorizationresources: [
          { id: `${GROUP}/providers/Microsoft.Authorization/roleAssignments/5f4e3d2c-1b0a-4987-8654-3210fedcba98`, name: '5f4e3d2c-1b0a-4987-8654-3210fedcba98', type: 'microsoft.authorization/roleassignments', tenantId: TENANT, subscriptionId: '', resourceGroup: '', properties: { principalId: PRINCIPAL, principalType: 'ServicePrincipal', roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe', scope: GROUP } },
        ],
        appserviceresources: [],
      },
      arm: {},
    });
    servers.push(server);
    const store = await MemoryStore.open();
    const result = await ingestAzureLive(
      store,
      { credential: fakeCredential, armEndpoint: server.url, subscriptions: [SUB], concurrency: 2, retry: { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 50 }, caCertificates: [server.certificate] },
      { run: newRun() },
    );
    expect(result.fetched.failures).toEqual([]);
    expect((await store.getNode(`/subscriptions/${SUB}`))?.properties['managementGroups']).toEqual(['mg-payments', TENANT]);
    await analyze(store, newRun());
    const grants = await store.neighbours(IDENTITY.toLowerCase(), { direction: 'out', edgeKinds: ['HAS_PERMISSION_TO'] });
    expect(grants.map((g) => [g.node.id, g.edge.properties['accessLevel'], g.edge.properties['scopes']])).toEqual([
      [STORAGE.toLowerCase(), 'write', [GROUP.toLowerCase()]],
    ]);
  });
});
