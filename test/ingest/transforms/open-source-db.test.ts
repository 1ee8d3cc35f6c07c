import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/util/errors.js';
import { SUB, SUB_ID, rg, transformInline } from './fixture-graph.js';

const ARM = `/subscriptions/${SUB}/resourceGroups/rg-data-prod/providers`;
const DATA = `${rg('rg-data-prod')}/providers`;
const PG = `${DATA}/microsoft.dbforpostgresql/flexibleservers/pg-orders-prod`;
const PG_SINGLE = `${DATA}/microsoft.dbforpostgresql/servers/pg-legacy-prod`;
const MYSQL = `${DATA}/microsoft.dbformysql/flexibleservers/mysql-orders-prod`;

const row = (id: string, type: string, properties: Record<string, unknown>) => ({
  id,
  name: id.slice(id.lastIndexOf('/') + 1),
  type,
  location: 'westeurope',
  resourceGroup: 'rg-data-prod',
  subscriptionId: SUB,
  properties,
});

const flexiblePg = row(`${ARM}/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders-prod`, 'Microsoft.DBforPostgreSQL/flexibleServers', {
  fullyQualifiedDomainName: 'pg-orders-prod.postgres.database.azure.com',
  version: '16',
  administratorLogin: 'pgadmin',
  network: { publicNetworkAccess: 'Enabled' },
});
const singlePg = row(`${ARM}/Microsoft.DBforPostgreSQL/servers/pg-legacy-prod`, 'Microsoft.DBforPostgreSQL/servers', {
  fullyQualifiedDomainName: 'pg-legacy-prod.postgres.database.azure.com',
  publicNetworkAccess: 'Enabled',
  minimalTlsVersion: 'TLS1_2',
});
const privateMySql = row(`${ARM}/Microsoft.DBforMySQL/flexibleServers/mysql-orders-prod`, 'Microsoft.DBforMySQL/flexibleServers', {
  network: {
    publicNetworkAccess: 'Disabled',
    delegatedSubnetResourceId: `${ARM}/Microsoft.Network/virtualNetworks/vnet/subnets/snet-mysql`,
  },
});
const azureServicesRule = row(
  `${ARM}/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders-prod/firewallRules/AllowAllAzureServicesAndResourcesWithinAzureIps_2025-1-10`,
  'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules',
  { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' },
);

describe('PostgreSQL and MySQL transforms', () => {
  it('reads flexible and single servers as data stores under their subscription', async () => {
    const g = await transformInline(flexiblePg, singlePg, privateMySql);
    expect(g.nodeTuples).toEqual(
      expect.arrayContaining([`PostgreSqlServer ${PG}`, `PostgreSqlServer ${PG_SINGLE}`, `MySqlServer ${MYSQL}`]),
    );
    expect(g.edgeTuples).toEqual(expect.arrayContaining([`${SUB_ID} -CONTAINS-> ${PG}`, `${SUB_ID} -CONTAINS-> ${MYSQL}`]));
  });

  it('keeps the network settings from where each server model puts them, and never the admin login', async () => {
    const g = await transformInline(flexiblePg, singlePg, privateMySql);
    expect(g.node(PG).properties).toMatchObject({ serverModel: 'flexible', publicNetworkAccess: 'Enabled', version: '16', fullyQualifiedDomainName: 'pg-orders-prod.postgres.database.azure.com' });
    expect(g.node(PG_SINGLE).properties).toMatchObject({ serverModel: 'single', publicNetworkAccess: 'Enabled', minimalTlsVersion: 'TLS1_2' });
    expect(g.node(MYSQL).properties).toMatchObject({
      serverModel: 'flexible',
      publicNetworkAccess: 'Disabled',
      delegatedSubnetId: `${rg('rg-data-prod')}/providers/microsoft.network/virtualnetworks/vnet/subnets/snet-mysql`,
    });
    expect(JSON.stringify(g.node(PG).properties)).not.toContain('pgadmin');
  });

  it('appends firewall rules (ARM list rows) to their server, the "any Azure service" rule included', async () => {
    const g = await transformInline(flexiblePg, azureServicesRule);
    expect(g.node(PG).properties['firewallRules']).toEqual([
      { name: 'AllowAllAzureServicesAndResourcesWithinAzureIps_2025-1-10', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' },
    ]);
  });

  it('refuses a firewall rule without its addresses, naming the file and row', async () => {
    const bad = { ...azureServicesRule, properties: { startIpAddress: '0.0.0.0' } };
    await expect(transformInline(flexiblePg, bad)).rejects.toThrow(InputError);
    await expect(transformInline(flexiblePg, bad)).rejects.toThrow(/inline\.json \(row 1\).*endIpAddress/);
  });
});
