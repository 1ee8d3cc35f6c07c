import { describe, expect, it } from 'vitest';
import { edgeDeclaration } from '../../../src/model/index.js';
import { InputError } from '../../../src/util/errors.js';
import { SUB, SUB_ID, rg, transformFixtures, transformInline } from './fixture-graph.js';

const DATA = `${rg('rg-data-prod')}/providers`;
const STORAGE = `${DATA}/microsoft.storage/storageaccounts/stordersprodweu`;
const SQL = `${DATA}/microsoft.sql/servers/sql-orders-prod`;
const COSMOS = `${DATA}/microsoft.documentdb/databaseaccounts/cosmos-orders-prod`;
const VAULT = `${DATA}/microsoft.keyvault/vaults/kv-orders-prod`;

describe('data store transforms', () => {
  it('reads storage, SQL, Cosmos DB and Key Vault rows into data store nodes', async () => {
    const g = await transformFixtures('data');
    expect(g.nodeTuples).toEqual(
      expect.arrayContaining([
        `StorageAccount ${STORAGE}`,
        `SqlServer ${SQL}`,
        `SqlDatabase ${SQL}/databases/orders`,
        `CosmosDbAccount ${COSMOS}`,
        `KeyVault ${VAULT}`,
      ]),
    );
    expect(g.edgeTuples).toEqual(
      expect.arrayContaining([
        `${SUB_ID} -CONTAINS-> ${STORAGE}`,
        `${SUB_ID} -CONTAINS-> ${SQL}`,
        `${SQL} -CONTAINS-> ${SQL}/databases/orders`,
        `${SUB_ID} -CONTAINS-> ${COSMOS}`,
        `${SUB_ID} -CONTAINS-> ${VAULT}`,
      ]),
    );
    expect(g.edges.every((e) => e.properties['subscriptionId'] === SUB)).toBe(true);
  });

  it('skips the master database', async () => {
    const g = await transformFixtures('data');
    expect(g.has(`${SQL}/databases/master`)).toBe(false);
    expect(g.node(`${SQL}/databases/orders`).properties).toMatchObject({ name: 'orders', skuName: 'GP_S_Gen5' });
  });

  it('keeps the storage firewall as ARM returns it, with the account-level access switches', async () => {
    const storage = (await transformFixtures('data')).node(STORAGE).properties;
    expect(storage).toMatchObject({
      publicNetworkAccess: 'Enabled',
      allowBlobPublicAccess: false,
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: 'TLS1_2',
      allowSharedKeyAccess: true,
      blobEndpoint: 'https://stordersprodweu.blob.core.windows.net/',
      networkAcls: {
        bypass: 'AzureServices',
        defaultAction: 'Deny',
        ipRules: [{ value: '203.0.113.0/24', action: 'Allow' }],
        virtualNetworkRules: [expect.objectContaining({ action: 'Allow' })],
      },
    });
  });

  it('appends SQL firewall rules (ARM list rows) to their server, including "Allow Azure services"', async () => {
    const server = (await transformFixtures('data')).node(SQL).properties;
    expect(server).toMatchObject({
      fullyQualifiedDomainName: 'sql-orders-prod.database.windows.net',
      publicNetworkAccess: 'Enabled',
      minimalTlsVersion: '1.2',
    });
    expect(server['firewallRules']).toEqual([
      { name: 'AllowAllWindowsAzureIps', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' },
      { name: 'office-egress', startIpAddress: '198.51.100.0', endIpAddress: '198.51.100.255' },
    ]);
  });

  it('reads Cosmos DB IP rules as a list of addresses', async () => {
    expect((await transformFixtures('data')).node(COSMOS).properties).toMatchObject({
      documentEndpoint: 'https://cosmos-orders-prod.documents.azure.com:443/',
      ipRules: ['203.0.113.7', '0.0.0.0'],
      isVirtualNetworkFilterEnabled: false,
      disableLocalAuth: false,
    });
  });

  it('keeps Key Vault access policies as object ids (lower case) and permissions', async () => {
    expect((await transformFixtures('data')).node(VAULT).properties).toMatchObject({
      vaultUri: 'https://kv-orders-prod.vault.azure.net/',
      enableRbacAuthorization: false,
      networkAcls: { defaultAction: 'Allow' },
      accessPolicies: [
        {
          objectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
          permissions: { secrets: ['get', 'list'], keys: [], certificates: [] },
        },
        {
          objectId: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7',
          permissions: { secrets: ['all'], keys: ['get', 'wrapKey', 'unwrapKey'], certificates: [] },
        },
      ],
    });
  });

  it("adds a data store's managed identity only where the model lets the data store authenticate as one", async () => {
    const g = await transformFixtures('data');
    const allowed = edgeDeclaration('CAN_AUTHENTICATE_AS').from.includes('StorageAccount');
    expect(g.edgeTuples.includes(`${STORAGE} -CAN_AUTHENTICATE_AS-> ${STORAGE}/identities/system`)).toBe(allowed);
  });

  it('rejects a firewall rule without its addresses, naming the row', async () => {
    const row = {
      id: `${SQL}/firewallRules/broken`,
      type: 'Microsoft.Sql/servers/firewallRules',
      properties: { startIpAddress: '10.0.0.1' },
    };
    await expect(transformInline(row)).rejects.toThrow(InputError);
    await expect(transformInline(row)).rejects.toThrow(/inline\.json \(row 0\).*endIpAddress/);
  });
});
