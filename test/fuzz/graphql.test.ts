/**
 * Fuzzing of the GraphQL server over HTTP (the real Express + Apollo server on the example estate): hostile and
 * wrongly typed variables for every argument, garbage query text, deep and wide queries, odd request bodies. Every
 * answer is a GraphQL response whose errors carry a stable `extensions.code`; never a 500, never a stack trace.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/index.js';
import { loadEstate, startServer, testConfig, type RunningServer } from '../api/support.js';
import { HOSTILE_STRINGS } from '../explorer/hostile.js';
import { fuzzAsync, FUZZ_TIMEOUT_MS } from '../support/fuzz.js';
import { anyJson, oddString } from '../support/json-mutation.js';

/** Codes SECURITY.md documents; anything else (or none) fails the property. */
const CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'TIMEOUT',
  'RATE_LIMITED',
  'STORE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const OPERATIONS = [
  'query($id: ID!) { asset(id: $id) { id kind name neighbours(edge: CAN_REACH, direction: IN) { node { id } } } }',
  'query($id: ID!) { attackPath(id: $id) { id rank steps { id } } }',
  'query($f: Int, $a: String, $s: Severity) { findings(first: $f, after: $a, severity: $s) { edges { node { id } } pageInfo { endCursor } } }',
  'query($r: RiskLevel, $f: Int, $a: String, $o: AttackPathOrder, $filter: AttackPathFilter) { attackPaths(minRisk: $r, first: $f, after: $a, orderBy: $o, filter: $filter) { edges { node { id score } } } }',
  'query($q: JSON!, $f: Int, $a: String) { explore(query: $q, first: $f, after: $a) { edges { node { id } } pageInfo { hasNextPage } } }',
  'query($n: String!, $f: Int) { runTemplate(name: $n, first: $f) { edges { node { id } } } }',
  'query($filter: EndpointFilter, $f: Int, $a: String) { apiEndpoints(filter: $filter, first: $f, after: $a) { edges { node { id } } } }',
  'query($f: Int, $i: Boolean) { chokePoints(first: $f, includeAssets: $i) { id riskRemoved asset { id } } }',
  'query($m: Int) { remediationPlan(maxFixes: $m) { steps { order } } }',
];

/** A value for any variable: right-looking, wrong type, hostile, huge or deeply nested. */
const variableValue = fc.oneof(
  anyJson,
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom('CRITICAL', 'critical', 'HIGH', 'RANK', 'SCORE', 'internet', 'ApiEndpoint'),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(0, -1, 500, 501, 2 ** 31, 1e308, 0.5),
  fc.constantFrom(
    { kind: 'ApiEndpoint' },
    { kind: 'ApiEndpoint', where: { insight: 'AllowsAnonymousAccess' } },
    { kind: 'Nope' },
    { kind: 'Api', limit: 1e9 },
  ),
  fc.integer({ min: 100, max: 3_000 }).map((d) => JSON.parse(`${'['.repeat(d)}1${']'.repeat(d)}`) as unknown),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n)),
);

const variablesArb = fc.dictionary(
  fc.constantFrom('id', 'f', 'a', 's', 'r', 'o', 'filter', 'q', 'n', 'i', 'm', 'extra'),
  variableValue,
  { maxKeys: 5 },
);

/** Query text that is not one of ours: garbage, deep, wide, aliased, batched, introspective. */
const queryTextArb = fc.oneof(
  oddString,
  fc.string({ maxLength: 200 }),
  fc
    .integer({ min: 5, max: 2_000 })
    .map((d) => `{ asset(id: "internet") { ${'neighbours { node { '.repeat(d)} id ${'} } '.repeat(d)} } }`),
  fc
    .integer({ min: 2, max: 3_000 })
    .map(
      (n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: inventory { nodesByKind { kind count } }`).join(' ')} }`,
    ),
  fc
    .integer({ min: 2, max: 300 })
    .map(
      (n) =>
        `{ ${Array.from({ length: n }, (_, i) => `p${i}: attackPaths(first: 500) { edges { node { steps { id } } } }`).join(' ')} }`,
    ),
  fc.constantFrom(
    '{ __schema { types { name fields { name } } } }',
    'query { ...F } fragment F on Query { ...F }',
    'mutation { reanalyze { paths } }',
    'subscription { x }',
    '{ inventory { nodes { kind } } } { inventory { edges { kind } } }',
  ),
);

const bodyArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({ query: fc.constantFrom(...OPERATIONS), variables: variablesArb })
      .map((b) => JSON.stringify(b)),
  },
  {
    weight: 3,
    arbitrary: fc.record({ query: queryTextArb, variables: fc.option(variablesArb) }).map((b) => JSON.stringify(b)),
  },
  fc
    .array(fc.record({ query: fc.constantFrom(...OPERATIONS) }), { minLength: 2, maxLength: 3 })
    .map((b) => JSON.stringify(b)),
  fc.record({ query: anyJson, variables: anyJson, operationName: anyJson }).map((b) => JSON.stringify(b)),
  fc.oneof(
    oddString,
    fc.constantFrom(
      '',
      '{',
      'null',
      '[]',
      '{"query":',
      '{"query": "{ inventory { nodes { kind } } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "x"}}}',
    ),
  ),
);

let running: RunningServer;
/** What the server logged (internal errors with their stacks): shown when a case fails. */
const serverLog: string[] = [];
beforeAll(async () => {
  const store = await MemoryStore.open();
  await loadEstate(store);
  // No rate limiting here: the fuzz sends hundreds of requests from one address on purpose.
  running = await startServer(store, testConfig({ limits: { requestsPerMinute: 1_000_000, burst: 1_000_000 } }), {
    log: (line) => serverLog.push(line),
  });
}, 180_000);
afterAll(async () => {
  await running?.close();
});

interface GraphQLBody {
  data?: unknown;
  errors?: { message?: unknown; extensions?: { code?: unknown; stacktrace?: unknown } }[];
}

describe('fuzz: GraphQL over HTTP', () => {
  it(
    'answers hostile requests with stable error codes, never a 500 or a stack trace',
    async () => {
      const count = await fuzzAsync(
        'GraphQL: hostile requests over HTTP',
        bodyArb,
        async (body) => {
          const response = await fetch(running.endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          const text = await response.text();
          const logged = serverLog.splice(0).join('\n').slice(0, 3000);
          expect(response.status, `${text.slice(0, 500)}\n${logged}`).toBeLessThan(500);
          expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)|stacktrace/i);
          if (response.status === 413) return 'too large';
          const parsed = JSON.parse(text) as GraphQLBody;
          for (const error of parsed.errors ?? []) {
            const code = String(error.extensions?.code);
            expect(CODES.has(code), `${code}: ${String(error.message)}`).toBe(true);
            expect(code, String(error.message)).not.toBe('INTERNAL_SERVER_ERROR');
          }
          return parsed.errors?.length ? `error ${response.status}` : 'data';
        },
        400,
      );
      expect(count.outcomes['data'] ?? 0).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );
});
