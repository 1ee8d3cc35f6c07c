/**
 * No secret from the inputs reaches anything apiposture writes or answers. The example estate is seeded with a
 * distinct canary in every place exports and gateway logs carry credentials (test/security/seed-secrets.ts), then
 * scanned and analysed on both stores; every report format, the CLI's stdout and stderr, the snapshot files on
 * disk, every Neo4j node and relationship property, and GraphQL answers are searched for every canary.
 * The two stores' checks are two test files (secrets.test.ts, secrets-neo4j.test.ts) sharing what is here, so the
 * memory one runs among the parallel files, not in the one lane of the files that share the Neo4j server.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { listTemplates } from '../../src/explorer/index.js';
import { NODE_KINDS } from '../../src/model/index.js';
import type { GraphStore } from '../../src/store/index.js';
import { startServer, testConfig } from '../api/support.js';
import { runCli, runInProcess, tempDir, type CliResult } from '../support/cli.js';
import { leaks, seedSecrets, type SeededEstate } from './seed-secrets.js';

export interface Output {
  readonly label: string;
  readonly text: string;
}

/** The seeded example estate, written before the file's tests; the returned function hands it to them. */
export function useSeededEstate(): () => SeededEstate {
  let estate: SeededEstate | undefined;
  beforeAll(async () => {
    estate = await seedSecrets(await tempDir('secrets-estate'));
  });
  return () => {
    if (!estate) throw new Error('the seeded estate is written in beforeAll');
    return estate;
  };
}

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
export async function cliOutputs(estate: SeededEstate, storeArgs: readonly string[], env: NodeJS.ProcessEnv): Promise<Output[]> {
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

export async function graphqlOutputs(store: GraphStore): Promise<Output[]> {
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

export function expectNoLeaks(estate: SeededEstate, outputs: readonly Output[]): void {
  const found = outputs.flatMap((o) => leaks(o.text, estate.canaries).map((l) => `${o.label}: ${l}`));
  expect(found).toEqual([]);
  expect(outputs.reduce((n, o) => n + o.text.length, 0)).toBeGreaterThan(100_000);
}
