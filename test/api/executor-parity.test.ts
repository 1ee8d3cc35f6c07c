import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOperations, EXPLORE_QUERY } from '../../bench/lib/api-operations.js';
import { listTemplates } from '../../src/explorer/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { loadEstate, startServer, testConfig, type RunningServer } from './support.js';

const VIEWS = 'src/web/client/views';

/**
 * The operations the web page sends, read from its views: every `const NAME = \`query …\`` with the constants it
 * interpolates substituted, so a query added to a view is compared here without being copied.
 */
function webOperations(): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  for (const file of readdirSync(VIEWS).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(VIEWS, file), 'utf8');
    const constants = new Map([...source.matchAll(/const (\w+) = `([^`]*)`;/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
    for (const [name, text] of constants) {
      if (!/^\s*query\b/.test(text)) continue;
      const filled = text.replace(/\$\{(\w+)\}/g, (_, constant: string) => constants.get(constant) ?? '');
      found.push({ name: `${file}: ${name}`, text: filled });
    }
  }
  return found;
}

interface Fixture {
  readonly assetId: string;
  readonly pathId: string;
}

/** Values for the variables an operation declares, by name (operations reuse names for the same things). */
function variablesFor(text: string, fixture: Fixture): Record<string, unknown> {
  const operation = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const byName: Record<string, unknown> = {
    id: operation?.name?.value === 'Path' ? fixture.pathId : fixture.assetId,
    path: fixture.pathId,
    q: EXPLORE_QUERY,
    query: EXPLORE_QUERY,
    name: listTemplates()[0]?.name,
    by: 'TARGET',
  };
  const variables: Record<string, unknown> = {};
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (name in byName) variables[name] = byName[name];
  }
  return variables;
}

/** Answers the two executors must agree on, errors included: refusals, misses, bad variables, introspection. */
const EDGE_CASES: readonly { name: string; text: string; variables?: Record<string, unknown>; operationName?: string }[] = [
  { name: 'unknown asset', text: '{ asset(id: "/subscriptions/none") { id name } }' },
  { name: 'page above the maximum', text: '{ apiEndpoints(first: 100000) { edges { node { id } } } }' },
  { name: 'malformed cursor', text: '{ apiEndpoints(first: 2, after: "not-a-cursor") { edges { node { id } } } }' },
  { name: 'missing variable', text: 'query ($id: ID!) { asset(id: $id) { id } }' },
  { name: 'variable of the wrong type', text: 'query ($n: Int) { findings(first: $n) { totalCount } }', variables: { n: 'ten' } },
  { name: 'unknown template', text: '{ runTemplate(name: "no-such-template", first: 5) { edges { node { id } } } }' },
  { name: 'invalid explorer query', text: '{ explore(query: { kind: "NoSuchKind" }, first: 5) { edges { node { id } } } }' },
  {
    name: 'an error beside data',
    text: '{ inventory { endpoints } bad: runTemplate(name: "no-such-template") { totalCount } }',
  },
  { name: 'unknown attack path', text: '{ attackPath(id: "path:none") { id steps { id } } }' },
  { name: 'introspection', text: '{ __schema { queryType { name } } __type(name: "Asset") { fields { name } } }' },
  {
    name: 'aliases, fragments, skip and include',
    text: `query Pick($full: Boolean!) {
      one: attackPaths(first: 2) { edges { node { ...P } } }
      two: attackPaths(first: 1, orderBy: ID) @include(if: $full) { totalCount edges { node { id } } }
      inventory @skip(if: $full) { endpoints }
    }
    fragment P on AttackPath { id rank riskLevel steps { __typename id kind asset { id kind name } } }`,
    variables: { full: true },
  },
  {
    name: 'one of two operations',
    text: 'query A { inventory { findings } } query B { findings(first: 3) { totalCount edges { node { id severity asset { id } } } } }',
    operationName: 'B',
  },
  { name: 'reanalyze as a reader', text: 'mutation { reanalyze { attackPaths } }' },
];

/**
 * The compiled executor against graphql-js as Apollo runs it by default: every operation the bench, the web page
 * and the edge cases above send, answered by two servers over one store, must be the same bytes, with the same
 * status and content type.
 */
describe('compiled and reference executors answer the same bytes', () => {
  let store: MemoryStore;
  let reference: RunningServer;
  let compiled: RunningServer;
  let fixture: Fixture;

  beforeAll(async () => {
    store = await MemoryStore.open();
    await loadEstate(store);
    // Every case is sent more than once to the compiled server (a text is compiled on its second sight): this
    // compares executors, not the rate limiter, whose default burst the cases would exhaust.
    const config = testConfig({ goalsPolicyFile: 'examples/goals.yaml', limits: { requestsPerMinute: 1_000_000, burst: 1_000_000 } });
    reference = await startServer(store, config, { executor: 'reference' });
    compiled = await startServer(store, config, { executor: 'compiled' });
    const gateway = await store.listNodes({ kind: 'ApiGateway', first: 1 });
    const path = await store.listNodes({ kind: 'AttackPath', where: [{ property: 'rank', op: 'eq', value: 1 }], first: 1 });
    fixture = { assetId: gateway.items[0]?.id ?? '', pathId: path.items[0]?.id ?? '' };
  });

  afterAll(async () => {
    await reference?.close();
    await compiled?.close();
    await store?.close();
  });

  async function answer(server: RunningServer, body: string) {
    // Three times: a text is compiled the second time it is asked; the third answer is the compiled function's.
    for (let i = 0; ; i += 1) {
      const response = await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      if (i === 2) return { status: response.status, type: response.headers.get('content-type'), text };
    }
  }

  it('finds the operations it compares', () => {
    expect(fixture.assetId).not.toBe('');
    expect(fixture.pathId).not.toBe('');
    expect(webOperations().length).toBeGreaterThanOrEqual(10);
  });

  it.each([...apiOperations(), ...webOperations()].map((o) => [o.name, o.text] as const))('%s', async (_, text) => {
    const body = JSON.stringify({ query: text, variables: variablesFor(text, fixture) });
    const [expected, actual] = [await answer(reference, body), await answer(compiled, body)];
    expect(JSON.parse(expected.text)).not.toHaveProperty('errors');
    expect(actual).toEqual(expected);
  });

  it.each(EDGE_CASES.map((c) => [c.name, c] as const))('%s', async (_, { text, variables, operationName }) => {
    const body = JSON.stringify({ query: text, variables, operationName });
    const [expected, actual] = [await answer(reference, body), await answer(compiled, body)];
    expect(actual).toEqual(expected);
  });
});
