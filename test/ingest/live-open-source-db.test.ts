import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeView } from '../../src/analysis/analyze.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import { ingestAzureLive } from '../../src/ingest/azure/live/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { fakeArmSettings, startFakeArmServer, type FakeArmEstate, type FakeArmServer } from '../support/fake-arm-server.js';
import { newRun } from '../support/graph-fixture.js';

// PostgreSQL and MySQL flexible servers' firewall rules read live through @azure/arm-postgresql-flexible and
// @azure/arm-mysql-flexible against the local fake ARM: the rules are judged like an exported server's.

const SCENARIO = new URL('../fixtures/scenarios/25-open-source-databases/azure/', import.meta.url);
const SUB = '5ce00025-0000-4000-8000-000000000025';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-data/providers`;
const PG = `${RG}/Microsoft.DBforPostgreSQL/flexibleServers/pg-orders-s25`;
const MYSQL = `${RG}/Microsoft.DBforMySQL/flexibleServers/mysql-orders-s25`;
const ANY_AZURE = 'AllowAllAzureServicesAndResourcesWithinAzureIps_2025-1-10_9-0-0';

async function table(file: string): Promise<Record<string, unknown>[]> {
  return (JSON.parse(await readFile(new URL(file, SCENARIO), 'utf8')) as { data: Record<string, unknown>[] }).data;
}

const rule = (server: string, type: string, name: string, start: string, end: string) => ({
  id: `${server}/firewallRules/${name}`,
  name,
  type,
  properties: { startIpAddress: start, endIpAddress: end },
});

/**
 * Scenario 25's estate with its PostgreSQL flexible server's rules answered by ARM, not exported: an office range
 * first, so with one item per page the "any Azure service" rule is on the second page. The MySQL server is given a
 * public rule of its own, which its private access (delegated subnet) must still outweigh.
 */
async function estate(): Promise<FakeArmEstate> {
  const pgRule = 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules';
  return {
    tables: {
      resources: await table('resources.json'),
      resourcecontainers: await table('resourcecontainers.json'),
      authorizationresources: await table('authorizationresources.json'),
    },
    arm: {
      [`${PG}/firewallRules`]: {
        value: [rule(PG, pgRule, 'office', '203.0.113.0', '203.0.113.255'), rule(PG, pgRule, ANY_AZURE, '0.0.0.0', '0.0.0.0')],
      },
      [`${MYSQL}/firewallRules`]: {
        value: [rule(MYSQL, 'Microsoft.DBforMySQL/flexibleServers/firewallRules', 'everyone', '0.0.0.0', '255.255.255.255')],
      },
    },
  };
}

const servers: FakeArmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function ingest(faulty?: (server: FakeArmServer) => void) {
  const server = await startFakeArmServer(await estate(), { armPageSize: 1 });
  servers.push(server);
  faulty?.(server);
  const store = await MemoryStore.open();
  const result = await ingestAzureLive(store, { ...fakeArmSettings(server, [SUB], 2) }, { run: newRun() });
  return { server, result, view: await GraphView.load(store) };
}

const firewallLists = (server: FakeArmServer) =>
  server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/firewallrules'));

describe('live PostgreSQL and MySQL firewall rules', { timeout: 120_000 }, () => {
  it('reads every page of a flexible server\'s rules, and the "any Azure service" rule reaches the analysis', async () => {
    const { server, result, view } = await ingest();
    expect(result.fetched.failures).toEqual([]);
    // One item per page: the SDK followed nextLink to the second page of the PostgreSQL server's rules.
    const pgLists = firewallLists(server).filter((r) => r.path === `${PG}/firewallRules`.toLowerCase());
    expect(pgLists).toHaveLength(2);
    expect(firewallLists(server).map((r) => r.path)).toContain(`${MYSQL}/firewallRules`.toLowerCase());

    const pg = view.get(PG.toLowerCase());
    expect(pg?.kind).toBe('PostgreSqlServer');
    const reach = analyzeView(view).edges.filter((e) => e.kind === 'CAN_REACH' && e.from === 'internet');
    const toPg = reach.find((e) => e.to === PG.toLowerCase());
    expect(toPg?.properties['sharedServiceTags']).toEqual([ANY_AZURE]);
    // Private access (a delegated subnet) has no public endpoint, whatever rules the server lists.
    expect(reach.map((e) => e.to)).not.toContain(MYSQL.toLowerCase());
  });

  it('a failing firewall-rule list is reported with its operation and server, and the server is kept', async () => {
    const { result, view } = await ingest((server) =>
      server.addFault({
        match: (r) => r.method === 'GET' && r.path === `${PG}/firewallRules`.toLowerCase(),
        status: 403,
        code: 'AuthorizationFailed',
        times: Infinity,
      }),
    );
    expect(result.fetched.failures).toEqual([
      expect.objectContaining({
        subscriptionId: SUB,
        operation: 'postgresql.firewallRules.listByServer',
        resourceId: `${PG}/firewallRules`,
        status: 403,
      }),
    ]);
    expect(view.get(PG.toLowerCase())?.kind).toBe('PostgreSqlServer');
    expect(view.get(MYSQL.toLowerCase())?.kind).toBe('MySqlServer');
    // Without its rules the server admits nobody: the computed verdict stays, nothing is invented.
    const reach = analyzeView(view).edges.filter((e) => e.kind === 'CAN_REACH' && e.to === PG.toLowerCase());
    expect(reach).toEqual([]);
  });
});
