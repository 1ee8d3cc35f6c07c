/**
 * Fuzzing of explorer queries: untrusted query documents built from the model's vocabulary mixed with garbage and
 * hostile values. Each is either refused by validation (an ExplorerValidationError pointing at a part) or runs:
 * its Cypher text does not depend on its values (values travel only as parameters), the memory evaluation pages
 * in id order within the page size and limit, and on Neo4j the same rows come back.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endKinds,
  ExplorerValidationError,
  FILTER_OPERATORS,
  kindsOf,
  startKinds,
  validateExplorerQuery,
  type Condition,
  type ExplorerQuery,
} from '../../src/query/index.js';
import {
  EDGE_KINDS,
  FAMILIES,
  INSIGHTS,
  NODE_KINDS,
  nodeDeclaration,
  nodeProperties,
  type GraphNode,
  type JsonValue,
  type NodeKind,
} from '../../src/model/index.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import { compileExplorerQuery } from '../../src/store/neo4j/explore-cypher.js';
import { ValidationError } from '../../src/util/errors.js';
import { HOSTILE_STRINGS, countValues, withValues } from '../explorer/hostile.js';
import { explorerFixture, writeFixture } from '../explorer/fixture.js';
import { fuzzAsync, fuzz, outcome, FUZZ_TIMEOUT_MS } from '../support/fuzz.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { oddString } from '../support/json-mutation.js';

const PROPERTIES = [
  'name',
  'method',
  'urlTemplate',
  'subscriptionId',
  'resourceGroup',
  'httpsOnly',
  'callCount',
  'tags',
  'protocols',
  'accessLevel',
  'virtualNetworkType',
  'sensitiveInfoTypes',
  'authLevel',
  'nope',
];

const value = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom('GET', 'POST', '/orders', 'orders', 'rg-explorer', 'None', 'https', 'write', 'CreditCardNumber'),
  oddString,
  fc.integer({ min: -5, max: 20 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.constantFrom('GET', 'POST', 'DELETE'), oddString, fc.integer()), { maxLength: 3 }),
);

function conditionArb(depth: number): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    fc.record({ insight: fc.oneof(fc.constantFrom(...INSIGHTS), oddString) }),
    fc.record(
      {
        property: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PROPERTIES) }, oddString),
        op: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FILTER_OPERATORS) }, oddString),
        value,
      },
      { requiredKeys: ['property', 'op'] },
    ),
  );
  if (depth === 0) return leaf;
  const inner = conditionArb(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    fc.record({ and: fc.array(inner, { maxLength: 3 }) }),
    fc.record({ or: fc.array(inner, { maxLength: 3 }) }),
    fc.record({ not: inner }),
    fc.constantFrom(null, 'x', [], {}, { and: 'x' }),
  );
}

const kindArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...NODE_KINDS, ...FAMILIES) },
  oddString,
  fc.integer(),
);

function connectionArb(depth: number): fc.Arbitrary<unknown> {
  return fc.record(
    {
      edge: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...EDGE_KINDS) }, oddString),
      direction: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('out', 'in', 'both') }, oddString),
      minHops: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.double()),
      maxHops: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant('3')),
      negate: fc.boolean(),
      edgeWhere: conditionArb(1),
      to: fc.record(
        {
          kind: kindArb,
          where: conditionArb(2),
          ...(depth > 0 ? { connections: fc.array(connectionArb(depth - 1), { maxLength: 2 }) } : {}),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['edge', 'to'] },
  );
}

/** Conditions that fit the kind: declared properties with operators and operands of their type. */
function typedConditionArb(kind: NodeKind, depth: number): fc.Arbitrary<unknown> {
  const properties = Object.entries(nodeProperties(kind));
  const leaf = fc.oneof(
    fc.record({ insight: fc.constantFrom(...INSIGHTS) }),
    fc.constantFrom(...properties).chain(([property, { type }]) => {
      const scalar: fc.Arbitrary<JsonValue> =
        type === 'number' || type === 'number[]'
          ? fc.integer({ min: -2, max: 20 })
          : type === 'boolean'
            ? fc.boolean()
            : fc.oneof(
                fc.constantFrom(
                  'GET',
                  'POST',
                  '/orders',
                  'orders',
                  'ep1',
                  'gw',
                  'rg-explorer',
                  'None',
                  'https',
                  'Linux',
                  subscriptionId,
                ),
                fc.constantFrom(...HOSTILE_STRINGS),
              );
      const exists = fc.record(
        { property: fc.constant(property), op: fc.constant('exists'), value: fc.boolean() },
        { requiredKeys: ['property', 'op'] },
      );
      if (type === 'json') return exists;
      if (type.endsWith('[]'))
        return fc.oneof(
          exists,
          fc.record({ property: fc.constant(property), op: fc.constant('contains'), value: scalar }),
        );
      const ops =
        type === 'string'
          ? (['eq', 'neq', 'contains', 'startsWith', 'gt', 'lt'] as const)
          : (['eq', 'neq', 'gt', 'lt'] as const);
      const usable = type === 'boolean' ? (['eq', 'neq'] as const) : ops;
      return fc.oneof(
        exists,
        fc.record({ property: fc.constant(property), op: fc.constantFrom(...usable), value: scalar }),
        fc.record({
          property: fc.constant(property),
          op: fc.constant('in'),
          value: fc.array(scalar, { maxLength: 3 }),
        }),
      );
    }),
  );
  if (depth === 0) return leaf;
  const inner = typedConditionArb(kind, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    fc.record({ and: fc.array(inner, { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(inner, { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: inner }),
  );
}

/** Connections an edge allows from this kind, to a target kind the edge allows, with conditions that fit it. */
function typedConnectionArb(kind: NodeKind, depth: number): fc.Arbitrary<unknown> | null {
  const options = EDGE_KINDS.flatMap((edge) =>
    (['out', 'in', 'both'] as const)
      .filter((d) => startKinds(edge, d).includes(kind))
      .map((direction) => ({ edge, direction })),
  );
  if (options.length === 0) return null;
  return fc.constantFrom(...options).chain(({ edge, direction }) =>
    fc.constantFrom(...endKinds(edge, direction)).chain((target) => {
      const next = depth > 0 ? typedConnectionArb(target, depth - 1) : null;
      return fc.record(
        {
          edge: fc.constant(edge),
          direction: fc.constant(direction),
          minHops: fc.integer({ min: 1, max: 3 }),
          negate: fc.boolean(),
          to: fc.record(
            {
              kind: fc.constant(target),
              where: typedConditionArb(target, 1),
              ...(next ? { connections: fc.array(next, { maxLength: 1 }) } : {}),
            },
            { requiredKeys: ['kind'] },
          ),
        },
        { requiredKeys: ['edge', 'direction', 'to'] },
      );
    }),
  );
}

const FIXTURE_KINDS: readonly NodeKind[] = [
  'ApiGateway',
  'Api',
  'ApiEndpoint',
  'LoadBalancer',
  'VirtualMachine',
  'FunctionApp',
  'ManagedIdentity',
  'StorageAccount',
  'KeyVault',
];
const typedQueryArb: fc.Arbitrary<unknown> = fc.constantFrom(...FIXTURE_KINDS).chain((kind) => {
  const connection = typedConnectionArb(kind, 1);
  return fc.record(
    {
      kind: fc.constant(kind),
      where: typedConditionArb(kind, 2),
      ...(connection ? { connections: fc.array(connection, { maxLength: 2 }) } : {}),
      limit: fc.integer({ min: 1, max: 5 }),
    },
    { requiredKeys: ['kind'] },
  );
});

const queryArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: typedQueryArb },
  {
    weight: 10,
    arbitrary: fc.record(
      {
        kind: kindArb,
        where: conditionArb(3),
        connections: fc.array(connectionArb(2), { maxLength: 2 }),
        limit: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double()),
      },
      { requiredKeys: ['kind'] },
    ),
  },
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ kind: kindArb, conections: fc.constant([]) }),
  fc.integer({ min: 1, max: 40 }).map((depth) => {
    let where: unknown = { insight: 'InternetExposed' };
    for (let i = 0; i < depth; i++) where = { not: where };
    return { kind: 'ApiEndpoint', where };
  }),
);

const subscriptionId = randomUUID();
const fixture = explorerFixture(subscriptionId);

/**
 * Limited to the fixture's subscription when every root kind is subscription-scoped (the Neo4j database is shared).
 * The scope joins a top-level `and` when there is one; otherwise it wraps the condition, one level deeper, and a
 * query already at the nesting limit cannot be scoped (null: not compared).
 */
function scoped(query: ExplorerQuery): ExplorerQuery | null {
  if (!kindsOf(query.kind).every((k) => nodeDeclaration(k).subscriptionScoped)) return null;
  const mine: Condition = { property: 'subscriptionId', op: 'eq', value: subscriptionId };
  const where: Condition = !query.where
    ? mine
    : 'and' in query.where
      ? { and: [mine, ...query.where.and] }
      : { and: [mine, query.where] };
  const limited = outcome(() => validateExplorerQuery({ ...query, where }));
  return limited.ok ? limited.value : null;
}

async function allIds(store: GraphStore, query: ExplorerQuery, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const result: { items: readonly GraphNode[]; hasNextPage: boolean; endCursor: string | null } = await store.explore(
      query,
      { first, after },
    );
    expect(result.items.length).toBeLessThanOrEqual(first);
    ids.push(...result.items.map((n) => n.id));
    if (!result.hasNextPage) break;
    after = result.endCursor;
  }
  return ids;
}

let memory: MemoryStore;
beforeAll(async () => {
  memory = await MemoryStore.open();
  await writeFixture(memory, fixture, newRun());
});

describe('fuzz: explorer queries', () => {
  it(
    'validates or refuses with the offending part; valid queries compile to value-free Cypher',
    () => {
      const count = fuzz(
        'explorer: validation and Cypher compilation',
        queryArb,
        (input) => {
          const checked = outcome(() => validateExplorerQuery(input, { file: 'q.yaml' }));
          if (!checked.ok) {
            expect(checked.error).toBeInstanceOf(ExplorerValidationError);
            expect(checked.error.message.startsWith('q.yaml: /')).toBe(true);
            return 'refused';
          }
          const query = checked.value;
          const one = compileExplorerQuery(
            withValues(query, () => 'CANARY_ONE'),
            { first: 5 },
          );
          const two = compileExplorerQuery(
            withValues(query, () => "CANARY_TWO' }) DETACH DELETE n //"),
            { first: 5 },
          );
          expect(two.cypher).toBe(one.cypher);
          expect(one.cypher).not.toContain('CANARY');
          if (countValues(query) > 0) expect(JSON.stringify(one.parameters)).toContain('CANARY_ONE');
          return 'valid';
        },
        1_500,
      );
      expect(count.outcomes['valid'] ?? 0).toBeGreaterThan(20);
      expect(count.outcomes['refused'] ?? 0).toBeGreaterThan(20);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'evaluates valid queries on the memory store in id order, within page size and limit',
    async () => {
      await fuzzAsync(
        'explorer: memory evaluation and paging',
        fc.tuple(queryArb, fc.integer({ min: 1, max: 6 })),
        async ([input, first]) => {
          const checked = outcome(() => validateExplorerQuery(input));
          if (!checked.ok) return 'refused';
          const ids = await allIds(memory, checked.value, first);
          expect([...ids].sort()).toEqual(ids);
          expect(new Set(ids).size).toBe(ids.length);
          if (checked.value.limit !== undefined) expect(ids.length).toBeLessThanOrEqual(checked.value.limit);
          return ids.length > 0 ? 'rows' : 'no rows';
        },
        600,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'refuses a bad page request with a ValidationError',
    () => {
      fuzz(
        'explorer: page requests',
        fc.record({
          first: fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.double()),
          after: fc.option(fc.oneof(oddString, fc.base64String())),
        }),
        (page) => {
          const run = outcome(() => compileExplorerQuery({ kind: 'ApiEndpoint' }, page));
          if (!run.ok) expect(run.error).toBeInstanceOf(ValidationError);
          return run.ok ? 'ok' : 'refused';
        },
        300,
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe.skipIf(!neo4jSettings())('fuzz: explorer queries on Neo4j', () => {
  let neo4j: GraphStore | undefined;
  beforeAll(async () => {
    neo4j = await openNeo4jStore();
    await writeFixture(neo4j, fixture, newRun());
  });
  afterAll(async () => {
    if (!neo4j) return;
    await neo4j.completeRun(newRun(), [subscriptionId]);
    await neo4j.close();
  });

  it(
    'returns the rows the memory store returns, in the same order',
    async () => {
      const count = await fuzzAsync(
        'explorer: Neo4j vs memory',
        queryArb,
        async (input) => {
          const checked = outcome(() => validateExplorerQuery(input));
          if (!checked.ok) return 'refused';
          const query = scoped(checked.value);
          if (!query) return 'unscoped';
          // One large page: paging itself is fuzzed on the memory store, and each Neo4j page is a round trip.
          expect(await allIds(neo4j!, query, 50)).toEqual(await allIds(memory, query, 50));
          return 'compared';
        },
        50,
      );
      expect(count.outcomes['compared'] ?? 0).toBeGreaterThan(5);
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('explorer regressions found by fuzzing', () => {
  it('tests the declared `id` property on the memory store as Neo4j does', async () => {
    const ids = async (where: Condition) =>
      (await memory.explore({ kind: 'LoadBalancer', where }, { first: 10 })).items.map((n) => n.id);
    expect(await ids({ property: 'id', op: 'exists' })).toEqual([fixture.ids.lb, fixture.ids.lb2].sort());
    expect(await ids({ property: 'id', op: 'eq', value: fixture.ids.lb2 })).toEqual([fixture.ids.lb2]);
    expect(await ids({ property: 'id', op: 'exists', value: false })).toEqual([]);
  });
});
