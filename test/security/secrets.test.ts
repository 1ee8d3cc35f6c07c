/**
 * No secret from the inputs reaches anything apiposture writes or answers. The example estate is seeded with a
 * distinct canary in every place exports and gateway logs carry credentials (test/security/seed-secrets.ts), then
 * scanned and analysed on both stores; every report format, the CLI's stdout and stderr, the snapshot files on
 * disk, every Neo4j node and relationship property, and GraphQL answers are searched for every canary.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTemplates } from '../../src/explorer/index.js';
import { NODE_KINDS } from '../../src/model/index.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import { startServer, testConfig } from '../api/support.js';
import { runCli, runInProcess, tempDir, type CliResult } from '../support/cli.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { leaks, seedSecrets, type SeededEstate } from './seed-secrets.js';

interface Output {
  readonly label: string;
  readonly text: string;
}

let estate: SeededEstate;
beforeAll(async () => {
  estate = await seedSecrets(await tempDir('secrets-estate'));
});

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * A command in process, with whatever bypasses its streams caught too: a secret written straight to
 * `process.stdout`, `process.stderr` or the console would reach a user's terminal just the same.
 */
async function runCatchingStrays(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stray = '';
  const catchWrite = (chunk: unknown) => ((stray += String(chunk)), true);
  const streams = [process.stdout, process.stderr].map((stream) => [stream, stream.write] as const);
  const consoles = CONSOLE_METHODS.map((name) => [name, console[name]] as const);
  for (const [stream] of streams) stream.write = catchWrite as typeof stream.write;
  for (const [name] of consoles) console[name] = (...parts: unknown[]) => void catchWrite(`${parts.join(' ')}\n`);
  try {
    const result = await runInProcess(args, env);
    return { ...result, stderr: result.stderr + stray };
  } finally {
    for (const [stream, write] of streams) stream.write = write;
    for (const [name, method] of consoles) console[name] = method;
  }
}

/**
 * Every CLI command that prints or writes what is stored, in every format: the scan as the built command in a
 * child process (its progress and warnings through the real streams), the sixteen others in process.
 */
async function cliOutputs(storeArgs: readonly string[], env: NodeJS.ProcessEnv): Promise<Output[]> {
  const outputs: Output[] = [];
  const record = (label: string, result: CliResult) => {
    outputs.push({ label: `${label} stdout`, text: result.stdout }, { label: `${label} stderr`, text: result.stderr });
    return result;
  };
  const run = async (label: string, args: string[]) =>
    record(label, await runCatchingStrays([...args, ...storeArgs], env));
  const scan = record('scan', await runCli(['scan', estate.dir, ...storeArgs], env));
  expect(scan.code, scan.stderr).toBe(0);
  // Not vacuous: the seeded gateway logs were read and classified along with the resources.
  expect(scan.stdout).toMatch(/gateway log/i);
  for (const format of ['json', 'md', 'html', 'sarif', 'csv', 'table'])
    await run(`paths ${format}`, ['paths', '--format', format]);
  for (const format of ['json', 'csv', 'sarif', 'table'])
    await run(`findings ${format}`, ['findings', '--format', format]);
  for (const format of ['json', 'table']) await run(`inventory ${format}`, ['inventory', '--format', format]);
  await run('explore', ['explore', '--template', listTemplates()[0]!.name, '--format', 'json', '--first', '500']);
  await run('goals', ['goals', '--policy', 'examples/goals.yaml']);
  const dir = await tempDir('secrets-reports');
  for (const format of ['html', 'md']) {
    const out = join(dir, `report.${format}`);
    const report = await run(`report ${format}`, ['report', '--format', format, '--out', out]);
    expect(report.code, report.stderr).toBe(0);
    outputs.push({ label: `report.${format}`, text: await readFile(out, 'utf8') });
  }
  const inventory = JSON.parse(outputs.find((o) => o.label === 'inventory json stdout')!.text) as {
    endpoints: { sensitiveInfoTypes: string[] }[];
  };
  expect(inventory.endpoints.length).toBeGreaterThan(10);
  return outputs;
}

const GRAPHQL_QUERIES = [
  '{ inventory { nodesByKind { kind count } endpoints findings attackPaths } }',
  '{ apiEndpoints(first: 500) { edges { node { id name properties insights insightEvidence neighbours(first: 100) { edge { kind properties } node { id properties } } } } } }',
  '{ findings(first: 500) { edges { node { id recommendation severity assetId insight evidence asset { properties } } } } }',
  '{ attackPaths(first: 500) { edges { node { id name riskFactors steps { id kind name } breakingRecommendations reducingRecommendations details factors { factor detail } } } } }',
  '{ chokePoints(first: 50) { id assetId assetName effect recommendation riskRemoved pathsBroken } remediationPlan(maxFixes: 20) { summary } }',
  ...NODE_KINDS.map(
    (kind) =>
      `{ explore(query: { kind: "${kind}" }, first: 500) { edges { node { id name properties insightEvidence } } } }`,
  ),
  ...listTemplates().map(
    (t) => `{ runTemplate(name: "${t.name}", first: 500) { edges { node { id name properties } } } }`,
  ),
];

async function graphqlOutputs(store: GraphStore): Promise<Output[]> {
  const server = await startServer(
    store,
    testConfig({ limits: { maxCost: 10_000_000, requestsPerMinute: 1_000_000, burst: 1_000_000 } }),
  );
  try {
    const outputs: Output[] = [];
    for (const query of GRAPHQL_QUERIES) {
      const response = await fetch(server.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      expect(response.status, text.slice(0, 300)).toBe(200);
      expect((JSON.parse(text) as { errors?: unknown }).errors, text.slice(0, 300)).toBeUndefined();
      outputs.push({ label: `GraphQL ${query.slice(0, 60)}`, text });
    }
    // Every stored asset by id, with its neighbours' edges.
    const ids = outputs.flatMap((o) => [...o.text.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]!));
    for (const id of [...new Set(ids)].slice(0, 400)) {
      const body = JSON.stringify({
        query:
          'query($id: ID!) { asset(id: $id) { properties insightEvidence neighbours(first: 100) { edge { properties } } } }',
        variables: { id },
      });
      const response = await fetch(server.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      outputs.push({ label: `GraphQL asset ${id}`, text: await response.text() });
    }
    return outputs;
  } finally {
    await server.close();
  }
}

function expectNoLeaks(outputs: readonly Output[]): void {
  const found = outputs.flatMap((o) => leaks(o.text, estate.canaries).map((l) => `${o.label}: ${l}`));
  expect(found).toEqual([]);
  expect(outputs.reduce((n, o) => n + o.text.length, 0)).toBeGreaterThan(100_000);
}

describe('no seeded secret reaches the memory store, reports, logs or the API', () => {
  it('scans, reports and answers on the memory store without any canary', async () => {
    const dataDir = await tempDir('secrets-memory');
    const outputs = await cliOutputs(['--data-dir', dataDir], {});
    for (const name of await readdir(dataDir, { recursive: true })) {
      const path = join(dataDir, name);
      const text = await readFile(path, 'utf8').catch(() => '');
      outputs.push({ label: `data dir ${name}`, text });
    }
    expect(outputs.some((o) => o.label.startsWith('data dir') && o.text.length > 10_000)).toBe(true);
    const store = await MemoryStore.open({ dataDir });
    outputs.push(...(await graphqlOutputs(store)));
    expectNoLeaks(outputs);
  }, 600_000);
});

const settings = neo4jSettings();
describe.skipIf(!settings)('no seeded secret reaches Neo4j, reports, logs or the API', () => {
  let store: GraphStore | undefined;
  afterAll(async () => {
    // Removes what this file wrote: the seeded subscriptions' nodes, with their edges.
    store ??= await openNeo4jStore();
    await store.completeRun(newRun(), estate.subscriptions);
    await store.close();
  });

  it('scans, reports and answers on Neo4j without any canary, in any node or relationship property', async () => {
    const env = {
      NEO4J_URI: settings!.uri,
      NEO4J_USER: settings!.user ?? 'neo4j',
      NEO4J_PASSWORD: settings!.password ?? '',
    };
    const outputs = await cliOutputs(['--store', 'neo4j'], env);
    const driver = neo4j.driver(settings!.uri, neo4j.auth.basic(settings!.user ?? 'neo4j', settings!.password ?? ''));
    try {
      const session = driver.session();
      try {
        const nodes = await session.run('MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties');
        const edges = await session.run('MATCH ()-[r]->() RETURN type(r) AS type, properties(r) AS properties');
        expect(nodes.records.length).toBeGreaterThan(100);
        outputs.push({ label: 'Neo4j node properties', text: JSON.stringify(nodes.records.map((r) => r.toObject())) });
        outputs.push({
          label: 'Neo4j relationship properties',
          text: JSON.stringify(edges.records.map((r) => r.toObject())),
        });
      } finally {
        await session.close();
      }
    } finally {
      await driver.close();
    }
    store = await openNeo4jStore();
    outputs.push(...(await graphqlOutputs(store)));
    expectNoLeaks(outputs);
  }, 600_000);
});
