import { ClientError } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../../src/config/server.js';
import { getTemplate, validateExplorerQuery } from '../../src/explorer/index.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import type { Neo4jConnection } from '../../src/store/neo4j/connection.js';
import { createDeadline, QueryTimeoutError, type Clock } from '../../src/util/deadline.js';
import { runInProcess } from '../support/cli.js';
import { edge, newRun, node } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { loadEstate, startServer, testConfig, unloadEstate, type LoadedEstate, type RunningServer } from './support.js';

/** A clock that moves `step` ms each time it is read: with a large step, any budget is spent after a few reads. */
function steppingClock(): { clock: Clock; step: (ms: number) => void } {
  let now = 0;
  let step = 0;
  return { clock: () => (now += step), step: (ms) => (step = ms) };
}

const TEMPLATE = `query { runTemplate(name: "anonymous-internet-exposed-endpoints", first: 5) { edges { node { id } } } }`;

async function codeOf(run: () => Promise<unknown>): Promise<{ code: unknown; message: string | undefined }> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    const first = error.response.errors?.[0];
    return { code: first?.extensions?.['code'], message: first?.message };
  }
  return { code: undefined, message: undefined };
}

function budgetSuite(name: string, open: () => Promise<GraphStore>) {
  describe(`per-request time budget: ${name}`, () => {
    let store: GraphStore;
    let estate: LoadedEstate | undefined;
    let api: RunningServer;
    const time = steppingClock();

    beforeAll(async () => {
      store = await open();
      estate = await loadEstate(store);
      api = await startServer(store, testConfig({ limits: { queryBudgetMs: 1_000 } }), { clock: time.clock });
    });
    afterAll(async () => {
      await api?.close();
      await unloadEstate(store, estate);
      await store?.close();
    });

    it('fails an operation over its budget with QUERY_TIMEOUT, and answers the next one', async () => {
      const client = api.client();
      time.step(0);
      const before = await client.request<{ runTemplate: { edges: unknown[] } }>(TEMPLATE);
      expect(before.runTemplate.edges.length).toBeGreaterThan(0);

      time.step(600); // two reads of the clock spend the 1 s budget
      expect(await codeOf(() => client.request(TEMPLATE))).toEqual({
        code: 'QUERY_TIMEOUT',
        message: 'the query ran longer than its budget of 1000 ms',
      });
      expect(await codeOf(() => client.request('{ chokePoints(first: 3) { id } }'))).toMatchObject({
        code: 'QUERY_TIMEOUT',
      });

      time.step(0);
      const after = await client.request<{ runTemplate: { edges: unknown[] } }>(TEMPLATE);
      expect(after).toEqual(before);
      expect(await (await fetch(`${api.url}/healthz`)).text()).toBe('ok');
    });

    it('stops an explorer query whose deadline passed before the store ran it', async () => {
      const spent = createDeadline(0, () => 0);
      await expect(store.explore(getTemplate('anonymous-internet-exposed-endpoints').query, { first: 5 }, { deadline: spent })).rejects.toBeInstanceOf(QueryTimeoutError);
      await expect(store.listNodes({ kind: 'ApiEndpoint', first: 5, deadline: spent })).rejects.toBeInstanceOf(QueryTimeoutError);
    });
  });
}

budgetSuite('memory', () => MemoryStore.open());

describe.skipIf(!neo4jSettings())('on Neo4j', () => {
  budgetSuite('Neo4j', () => openNeo4jStore());

  it('runs a read with the time left as its transaction timeout: the server stops it, and it fails as QUERY_TIMEOUT', async () => {
    const store = await openNeo4jStore();
    try {
      const connection = (store as unknown as { connection: Neo4jConnection }).connection;
      // Far more work than 200 ms allows on any machine; only the server's transaction timeout can end it early.
      const slow = 'UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n';
      const deadline = createDeadline(200);
      await expect(connection.transaction('READ', (tx) => tx.run(slow), deadline)).rejects.toBeInstanceOf(QueryTimeoutError);
      const next = await connection.transaction('READ', (tx) => tx.run('RETURN 1 AS one'), createDeadline(10_000));
      expect(next.records[0]?.get('one')).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('memory store scans under a deadline', () => {
  it('check it between chunks: a long listing fails once the budget is spent', async () => {
    const store = await MemoryStore.open();
    const az = { subscriptionId: '00000000-0000-0000-0000-000000000001', resourceGroup: 'rg', location: 'westeurope' };
    const nodes = Array.from({ length: 500 }, (_, i) =>
      node({
        id: `/subscriptions/${az.subscriptionId}/resourcegroups/rg/providers/microsoft.storage/storageaccounts/st${String(i).padStart(4, '0')}`,
        kind: 'StorageAccount',
        properties: { ...az, name: `st${i}`, allowBlobPublicAccess: false },
      }),
    );
    await store.upsertNodes(nodes, newRun());
    const time = steppingClock();
    const deadline = createDeadline(1_000, time.clock);
    time.step(250); // the scan reads the clock once before it starts and once per chunk: four reads spend the budget
    // No node matches, so the scan would walk all 500 without the deadline.
    const where = [{ property: 'allowBlobPublicAccess', op: 'eq' as const, value: true }];
    await expect(store.listNodes({ kind: 'StorageAccount', where, first: 10, deadline })).rejects.toBeInstanceOf(QueryTimeoutError);
    time.step(0);
    const unhurried = createDeadline(1_000, time.clock);
    expect((await store.listNodes({ kind: 'StorageAccount', where, first: 10, deadline: unhurried })).items).toEqual([]);
    await store.close();
  });
});

describe('explorer evaluation under a deadline', () => {
  // Each plan: the forward search within one row, and the walk back from the targets before the first row.
  it.each(['cost', 'backward'] as const)('checks it within one row: a row whose connection walks thousands of edges stops once the budget is spent (%s plan)', async (explorerPlan) => {
    const store = await MemoryStore.open({ explorerPlan });
    const sub = '00000000-0000-0000-0000-000000000002';
    const az = { subscriptionId: sub, resourceGroup: 'rg', location: 'westeurope' };
    const api = node({ id: `/subscriptions/${sub}/rg/apis/orders`, kind: 'Api', properties: { ...az, name: 'orders' } });
    const endpoints = Array.from({ length: 20_000 }, (_, i) =>
      node({ id: `${api.id}/operations/op${i}`, kind: 'ApiEndpoint', properties: { ...az, name: `op${i}`, method: 'GET' } }),
    );
    await store.upsertNodes([api, ...endpoints], newRun());
    await store.upsertEdges(
      endpoints.map((e) => edge({ kind: 'CONTAINS', from: api.id, fromKind: 'Api', to: e.id, toKind: 'ApiEndpoint', properties: { subscriptionId: sub } })),
      newRun(),
    );
    // One Api row: its connection tests all 20,000 endpoints (every one is GET) within a single row of the page. The
    // condition is one no index answers (an indexed equality would prove there is no target without a walk).
    const query = {
      kind: 'Api',
      connections: [{ edge: 'CONTAINS', direction: 'out', to: { kind: 'ApiEndpoint', where: { property: 'method', op: 'neq', value: 'GET' } } }],
    };
    const time = steppingClock();
    const deadline = createDeadline(1_000, time.clock);
    time.step(250); // the scan reads the clock before it starts, the row every 4,096 steps: 20,000 steps spend it
    await expect(store.explore(validateExplorerQuery(query), { first: 10 }, { deadline })).rejects.toBeInstanceOf(QueryTimeoutError);
    time.step(0);
    const unhurried = createDeadline(1_000, time.clock);
    expect((await store.explore(validateExplorerQuery(query), { first: 10 }, { deadline: unhurried })).items).toEqual([]);
    await store.close();
  });
});

describe('the budget setting', () => {
  it('reads limits.queryBudgetMs, defaults to 10 s, and lets --query-budget override it', async () => {
    expect((await readServerConfig({ dataDir: '/nonexistent' }, {})).limits.queryBudgetMs).toBe(10_000);
    expect((await readServerConfig({ dataDir: '/nonexistent', queryBudget: '2500' }, {})).limits.queryBudgetMs).toBe(2_500);
  });

  it('refuses a budget that is not a positive number (exit 2, naming the flag and the value)', async () => {
    for (const bad of ['0', '-5', 'soon', '']) {
      const result = await runInProcess(['serve', '--query-budget', bad, '--data-dir', '/nonexistent']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--query-budget must be a positive number of milliseconds, not "${bad}"`);
    }
  });
});
