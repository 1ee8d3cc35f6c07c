import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neo4jSettings } from '../support/neo4j.js';
import { copyFixture, runInProcess, tempDir } from '../support/cli.js';

const FIXTURE = 'test/fixtures/skeleton';
const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
const OPS = `/subscriptions/${SUB}/resourcegroups/rg-apim-prod/providers/microsoft.apimanagement/service/apim-contoso-prod/apis/orders-api/operations`;

interface Endpoint {
  id: string;
  method: string;
  url: string;
  insights: string[];
  sensitiveInfoTypes: string[];
  lastCalled: string | null;
}

async function inventory(storeArgs: string[], env: NodeJS.ProcessEnv): Promise<Endpoint[]> {
  const result = await runInProcess(['inventory', '--format', 'json', ...storeArgs], env);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { endpoints: Endpoint[] }).endpoints;
}

function describeSkeleton(store: 'memory' | 'neo4j', env: NodeJS.ProcessEnv) {
  describe(`walking skeleton on the ${store} store`, () => {
    const storeArgs = async () => (store === 'memory' ? ['--data-dir', await tempDir('skeleton')] : ['--store', 'neo4j']);

    it('scans a directory of Azure JSON and lists the two operations in the inventory', async () => {
      const args = await storeArgs();
      const scan = await runInProcess(['scan', FIXTURE, ...args], env);
      expect(scan.code, scan.stderr).toBe(0);
      expect(scan.stdout).toMatch(/Read 5 resource rows from 4 file\(s\) across 1 subscription\(s\)/);
      // The summary counts the whole store. The memory store here is this test's own; the Neo4j test database is shared
      // by the suite's files (each removes only what it wrote), so there the two endpoints are checked one by one below.
      expect(scan.stdout).toMatch(store === 'memory' ? /AllowsAnonymousAccess +2\n/ : /AllowsAnonymousAccess +\d+\n/);
      const endpoints = (await inventory(args, env)).filter((e) => e.id.startsWith(OPS));
      expect(endpoints.map((e) => [e.id, e.method, e.url])).toEqual([
        [`${OPS}/create-order`, 'POST', 'https://apim-contoso-prod.azure-api.net/orders/v1/orders'],
        [`${OPS}/get-order`, 'GET', 'https://apim-contoso-prod.azure-api.net/orders/v1/orders/{orderId}'],
      ]);
      // The orders API requires no subscription key and has no policy; the gateway is public; no logs were given.
      for (const e of endpoints) {
        expect(e).toMatchObject({ insights: ['AllowsAnonymousAccess', 'AwaitingData', 'InternetExposed'], sensitiveInfoTypes: [], lastCalled: null });
      }
    });

    it('fails on malformed JSON with the file, line and column, and leaves the store as it was', async () => {
      const args = await storeArgs();
      expect((await runInProcess(['scan', FIXTURE, ...args, '-q'], env)).code).toBe(0);
      const before = await inventory(args, env);
      const dir = await copyFixture(FIXTURE, await tempDir('bad-json'));
      await rm(join(dir, 'apim-operations.json'));
      await writeFile(join(dir, 'broken.json'), '{\n  "value": [\n    { "id": "/subscriptions/x", "type": \n  ]\n}\n');
      const scan = await runInProcess(['scan', dir, ...args, '-q'], env);
      expect(scan.code).toBe(2);
      expect(scan.stderr).toMatch(/broken\.json:4:3: malformed JSON/);
      expect(await inventory(args, env)).toEqual(before);
    });

    it('with --strict, fails on a row without an id, naming the file and row, and leaves the store as it was', async () => {
      const args = await storeArgs();
      expect((await runInProcess(['scan', FIXTURE, ...args, '-q'], env)).code).toBe(0);
      const before = await inventory(args, env);
      const dir = await copyFixture(FIXTURE, await tempDir('no-id'));
      await rm(join(dir, 'apim-operations.json'));
      await writeFile(join(dir, 'no-id.json'), JSON.stringify({ value: [{ name: 'orphan', type: 'Microsoft.Web/sites', properties: {} }] }));
      const scan = await runInProcess(['scan', dir, ...args, '-q', '--strict'], env);
      expect(scan.code).toBe(2);
      expect(scan.stderr).toMatch(/no-id\.json \(row 0\): resource row "orphan" without "id": it cannot be placed/);
      expect(await inventory(args, env)).toEqual(before);
    });

    it('reports a row that cannot be placed and ingests the rest without removing stale data of its subscriptions', async () => {
      const args = await storeArgs();
      expect((await runInProcess(['scan', FIXTURE, ...args, '-q'], env)).code).toBe(0);
      const before = await inventory(args, env);
      const dir = await copyFixture(FIXTURE, await tempDir('skip'));
      await rm(join(dir, 'apim-operations.json'));
      await writeFile(join(dir, 'no-id.json'), JSON.stringify([{ name: 'y', type: 'Microsoft.Web/sites', properties: {} }]));
      const scan = await runInProcess(['scan', dir, ...args, '-q'], env);
      expect(scan.code, scan.stderr).toBe(0);
      expect(scan.stdout).toMatch(
        /Skipped 1 row\(s\) that cannot be placed; stale data was not removed for subscription 3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71 \(a skipped row may be theirs\)\. --strict fails the scan instead:\n {2}.*no-id\.json \(row 0\): resource row "y" without "id": it cannot be placed/,
      );
      // The operations file is gone from this export, but without cleanup the stored operations stay.
      expect((await inventory(args, env)).map((e) => e.id)).toEqual(before.map((e) => e.id));
    });
  });
}

describeSkeleton('memory', {});

const neo4j = neo4jSettings();
describe.skipIf(!neo4j)('neo4j', () => {
  describeSkeleton('neo4j', { NEO4J_URI: neo4j?.uri ?? '', NEO4J_USER: neo4j?.user ?? 'neo4j', NEO4J_PASSWORD: neo4j?.password ?? '' });
});
