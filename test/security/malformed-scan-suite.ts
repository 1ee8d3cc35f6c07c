/**
 * A malformed file among the inputs makes `scan` exit 2 naming the file (and line and column where there is one),
 * and the graph stored by the previous scan answers exactly as before: the full node and edge sets read back from
 * the store, and the analysis (paths, findings, inventory) the CLI prints. On both stores. test/cli/skeleton.test.ts
 * covers one bad JSON file and a row without id on a small estate; this covers every input kind on the example
 * estate, including gateway logs, which are read after the resources. The two stores' runs are two test files
 * (malformed-scan.test.ts, malformed-scan-neo4j.test.ts), so the memory one runs among the parallel files, not in
 * the one lane of the files that share the Neo4j server.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../src/store/index.js';
import { copyFixture, runInProcess, tempDir } from '../support/cli.js';
import { newRun } from '../support/graph-fixture.js';

const SUBS = ['5e7a1c3d-2b4f-4d6e-8a9c-0b1d2e3f4a5b', '9c4e2a6b-8d1f-4b3a-9e5c-7d6f8a0b1c2d'];
const LOG_ROW = (sub: string) =>
  `TimeGenerated [UTC],_ResourceId,ApiId,OperationId,Method,Url,ResponseCode,Category\r\n"2025-05-14T09:21:07Z",/subscriptions/${sub}/resourcegroups/rg-apim-prod/providers/microsoft.apimanagement/service/apim-contoso-prod,orders-api,get-order,GET,https://apim-contoso-prod.azure-api.net/orders/v1/orders/1,200,GatewayLogs\r\n`;

interface BadInput {
  readonly name: string;
  readonly file: string;
  readonly text: (sub: string) => string;
  /** What stderr must say: the file and, where the format has one, the position and reason. */
  readonly message: RegExp;
}

const BAD_INPUTS: readonly BadInput[] = [
  {
    name: 'malformed JSON',
    file: 'zz-broken.json',
    text: () => '{\n  "value": [\n    { "id": "/subscriptions/x", "type": \n  ]\n}\n',
    message: /zz-broken\.json:4:3: malformed JSON: value expected/,
  },
  {
    // A row without "type" is typed from its id, and one without "id" is skipped and reported: neither is malformed.
    name: 'a row whose "properties" is not an object',
    file: 'zz-bad-properties.json',
    text: (s) =>
      JSON.stringify({ value: [{ id: `/subscriptions/${s}/resourceGroups/r/providers/Microsoft.Web/sites/y`, type: 'Microsoft.Web/sites', properties: 'on' }] }),
    message: /zz-bad-properties\.json \(row 0\): resource .* "properties" is not an object/,
  },
  {
    name: 'JSON nested 50,000 deep',
    file: 'zz-deep.json',
    text: () => `{"value":[${'['.repeat(50_000)}${']'.repeat(49_999)}}`,
    message: /zz-deep\.json:1:\d+: malformed JSON: /i,
  },
  {
    name: 'a malformed NDJSON log line',
    file: 'logs/zz-broken.ndjson',
    text: (s) =>
      `${JSON.stringify({ Type: 'ApiManagementGatewayLogs', TimeGenerated: '2025-05-14T09:00:00Z', _ResourceId: `/subscriptions/${s}` })}\n{"Type": "ApiManagementGatewayLogs", "Url": \n`,
    message: /zz-broken\.ndjson:2:\d+: malformed JSON/,
  },
  {
    name: 'a CSV log with an unclosed quote',
    file: 'logs/zz-broken.csv',
    text: (s) => `${LOG_ROW(s)}"2025-05-14T09:22:00Z,"unclosed\r\n`,
    message: /zz-broken\.csv(:\d+)?: malformed CSV/,
  },
  {
    name: 'a log row without a time',
    file: 'logs/zz-no-time.ndjson',
    text: () =>
      JSON.stringify({
        Type: 'ApiManagementGatewayLogs',
        ApiId: 'orders-api',
        OperationId: 'get-order',
        Url: 'https://x/',
      }),
    message: /zz-no-time\.ndjson.*gateway log row without "TimeGenerated"/,
  },
];

/** Everything the store holds, in a stable order (the whole database on Neo4j: files run one at a time). */
async function wholeGraph(store: GraphStore): Promise<{ nodes: string[]; edges: string[] }> {
  const nodes: string[] = [];
  const edges: string[] = [];
  for await (const chunk of store.streamGraph()) {
    nodes.push(...chunk.nodes.map((n) => JSON.stringify(n)));
    edges.push(...chunk.edges.map((e) => JSON.stringify(e)));
  }
  return { nodes: nodes.sort(), edges: edges.sort() };
}

async function analysisOutputs(storeArgs: readonly string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const out: string[] = [];
  for (const args of [
    ['paths', '--format', 'json'],
    ['findings', '--format', 'json'],
    ['inventory', '--format', 'json'],
  ]) {
    const result = await runInProcess([...args, ...storeArgs], env);
    expect(result.code, result.stderr).toBe(0);
    out.push(result.stdout);
  }
  return out;
}

export function describeStore(
  kind: 'memory' | 'neo4j',
  env: NodeJS.ProcessEnv,
  openStore: (dataDir: string) => Promise<GraphStore>,
) {
  describe(`a malformed input leaves the ${kind} store as it was`, () => {
    const subs = SUBS.map(() => randomUUID());
    let estate: string;
    let storeArgs: string[];
    let dataDir: string;
    let before: { nodes: string[]; edges: string[] };
    let analysisBefore: string[];

    afterAll(async () => {
      if (kind !== 'neo4j') return;
      const store = await openStore('');
      await store.completeRun(newRun(), subs);
      await store.close();
    });

    it('scans the example estate', async () => {
      estate = await copyFixture(
        'examples/contoso',
        await tempDir('malformed-estate'),
        Object.fromEntries(SUBS.map((s, i) => [s, subs[i]!])),
      );
      dataDir = await tempDir('malformed-store');
      storeArgs = kind === 'memory' ? ['--data-dir', dataDir] : ['--store', 'neo4j'];
      const scan = await runInProcess(['scan', estate, '-q', ...storeArgs], env);
      expect(scan.code, scan.stderr).toBe(0);
      const store = await openStore(dataDir);
      before = await wholeGraph(store);
      await store.close();
      expect(before.nodes.length).toBeGreaterThan(100);
      analysisBefore = await analysisOutputs(storeArgs, env);
    }, 300_000);

    // Every case compares with the graph of that first scan: a case that changed it fails, and so do the rest.
    for (const bad of BAD_INPUTS) {
      it(`exits 2 on ${bad.name}, naming the file, and the stored graph answers exactly as before`, async () => {
        const dir = await copyFixture(estate, await tempDir('malformed-input'));
        await writeFile(join(dir, bad.file), bad.text(subs[0]!));
        const scan = await runInProcess(['scan', dir, '-q', ...storeArgs], env);
        expect(scan.stderr).toMatch(bad.message);
        expect(scan.code, scan.stderr).toBe(2);
        const reopened = await openStore(dataDir);
        expect(await wholeGraph(reopened)).toEqual(before);
        await reopened.close();
      }, 300_000);
    }

    it('prints the same attack paths, findings and inventory as after the first scan', async () => {
      expect(await analysisOutputs(storeArgs, env)).toEqual(analysisBefore);
    }, 300_000);
  });
}
