/** Hand-written explorer queries over the fixture (fixture.ts), with the rows each must return. */
import type { ExplorerQuery } from '../../src/explorer/index.js';
import type { ExplorerFixture, FixtureKey } from './fixture.js';

/** A hand-written query over the fixture, with the fixture nodes it must return (in id order). */
export interface FixtureCase {
  readonly name: string;
  readonly query: ExplorerQuery;
  readonly expected: readonly FixtureKey[];
}

const anyTarget = {};
export const FIXTURE_CASES: readonly FixtureCase[] = [
  {
    name: 'eq',
    query: { kind: 'ApiEndpoint', where: { property: 'method', op: 'eq', value: 'GET' } },
    expected: ['ep1'],
  },
  {
    name: 'neq is false on a missing property',
    query: { kind: 'Api', where: { property: 'path', op: 'neq', value: 'orders' } },
    expected: ['api2'],
  },
  {
    name: 'not of a missing property is true',
    query: { kind: 'Api', where: { not: { property: 'path', op: 'eq', value: 'orders' } } },
    expected: ['api2', 'api3'],
  },
  {
    name: 'in',
    query: { kind: 'ApiEndpoint', where: { property: 'method', op: 'in', value: ['POST', 'DELETE'] } },
    expected: ['ep2', 'ep3'],
  },
  {
    name: 'contains on a string',
    query: { kind: 'ApiEndpoint', where: { property: 'urlTemplate', op: 'contains', value: '{id}' } },
    expected: ['ep1', 'ep3'],
  },
  {
    name: 'contains on a list',
    query: { kind: 'Api', where: { property: 'protocols', op: 'contains', value: 'http' } },
    expected: ['api1'],
  },
  {
    name: 'startsWith',
    query: { kind: 'ApiEndpoint', where: { property: 'urlTemplate', op: 'startsWith', value: '/orders' } },
    expected: ['ep1', 'ep2'],
  },
  {
    name: 'gt on a number',
    query: { kind: 'ApiEndpoint', where: { property: 'callCount', op: 'gt', value: 3 } },
    expected: ['ep1'],
  },
  {
    name: 'lt on a string',
    query: { kind: 'ApiEndpoint', where: { property: 'method', op: 'lt', value: 'GET' } },
    expected: ['ep3', 'ep4'],
  },
  {
    name: 'exists',
    query: { kind: 'ApiEndpoint', where: { property: 'callCount', op: 'exists' } },
    expected: ['ep1', 'ep2'],
  },
  {
    name: 'exists false',
    query: { kind: 'ApiEndpoint', where: { property: 'callCount', op: 'exists', value: false } },
    expected: ['ep3', 'ep4'],
  },
  {
    name: 'exists on json',
    query: { kind: 'ApiGateway', where: { property: 'tags', op: 'exists' } },
    expected: ['gw'],
  },
  {
    name: 'and / or / not with insights',
    query: {
      kind: 'ApiEndpoint',
      where: {
        and: [
          { insight: 'AllowsAnonymousAccess' },
          { or: [{ not: { insight: 'InternetExposed' } }, { property: 'method', op: 'eq', value: 'GET' }] },
        ],
      },
    },
    expected: ['ep1', 'ep3', 'ep4'],
  },
  {
    name: 'family root',
    query: {
      kind: 'DataStore',
      where: { or: [{ insight: 'PublicDataAccess' }, { property: 'name', op: 'eq', value: 'kv' }] },
    },
    expected: ['kv', 'st'],
  },
  {
    name: 'one hop out',
    query: { kind: 'ApiEndpoint', connections: [{ edge: 'ROUTES_TO', direction: 'out', to: { kind: 'FunctionApp' } }] },
    expected: ['ep2', 'ep3'],
  },
  {
    name: 'two hops not within one',
    query: {
      kind: 'ApiEndpoint',
      connections: [{ edge: 'ROUTES_TO', direction: 'out', maxHops: 1, to: { kind: 'VirtualMachine' } }],
    },
    expected: [],
  },
  {
    name: 'hop range 1..2',
    query: {
      kind: 'ApiEndpoint',
      connections: [{ edge: 'ROUTES_TO', direction: 'out', minHops: 1, maxHops: 2, to: { kind: 'VirtualMachine' } }],
    },
    expected: ['ep1'],
  },
  // ep1 → lb → lb2 → lb: lb is 1 hop away, and a longer walk does not make it 3 hops away.
  {
    name: 'shortest distance, not any walk',
    query: {
      kind: 'ApiEndpoint',
      connections: [{ edge: 'ROUTES_TO', direction: 'out', minHops: 3, maxHops: 3, to: { kind: 'LoadBalancer' } }],
    },
    expected: [],
  },
  {
    name: 'minHops 2',
    query: {
      kind: 'ApiEndpoint',
      connections: [{ edge: 'ROUTES_TO', direction: 'out', minHops: 2, maxHops: 3, to: { kind: 'LoadBalancer' } }],
    },
    expected: ['ep1'],
  },
  // lb → lb2 → lb is a cycle back to itself: the tested node never counts as its own target.
  {
    name: 'a node is not its own target',
    query: {
      kind: 'LoadBalancer',
      connections: [
        { edge: 'ROUTES_TO', direction: 'out', maxHops: 3, to: { where: { property: 'name', op: 'eq', value: 'lb' } } },
      ],
    },
    expected: ['lb2'],
  },
  {
    name: 'in direction',
    query: {
      kind: 'VirtualMachine',
      connections: [{ edge: 'ROUTES_TO', direction: 'in', minHops: 2, maxHops: 2, to: { kind: 'ApiEndpoint' } }],
    },
    expected: ['vm'],
  },
  {
    name: 'both directions',
    query: {
      kind: 'ApiEndpoint',
      connections: [{ edge: 'CONTAINS', direction: 'both', minHops: 2, maxHops: 2, to: { kind: 'ApiEndpoint' } }],
    },
    expected: ['ep1', 'ep2'],
  },
  {
    name: 'both directions within two hops, from a node that is no target',
    query: {
      kind: 'ApiEndpoint',
      connections: [
        {
          edge: 'CONTAINS',
          direction: 'both',
          maxHops: 2,
          to: { kind: 'ApiGateway', where: { property: 'virtualNetworkType', op: 'eq', value: 'Internal' } },
        },
      ],
    },
    expected: ['ep3'],
  },
  {
    name: 'both directions within two hops, from a node that is a target itself',
    query: {
      kind: 'ApiEndpoint',
      connections: [{ edge: 'CONTAINS', direction: 'both', maxHops: 2, to: { kind: 'ApiEndpoint' } }],
    },
    expected: ['ep1', 'ep2'],
  },
  {
    name: 'hops 1..3 in',
    query: {
      kind: 'ApiEndpoint',
      connections: [{ edge: 'CONTAINS', direction: 'in', minHops: 3, maxHops: 3, to: { kind: 'Subscription' } }],
    },
    expected: ['ep1', 'ep2', 'ep3', 'ep4'],
  },
  {
    name: 'negated connection',
    query: { kind: 'ApiEndpoint', connections: [{ edge: 'ROUTES_TO', direction: 'out', negate: true, to: anyTarget }] },
    expected: ['ep4'],
  },
  {
    name: 'gateway outside the virtual network',
    query: {
      kind: 'ApiEndpoint',
      where: { insight: 'SensitiveData' },
      connections: [
        {
          edge: 'CONTAINS',
          direction: 'in',
          minHops: 2,
          maxHops: 2,
          to: { kind: 'ApiGateway', where: { not: { property: 'virtualNetworkType', op: 'eq', value: 'Internal' } } },
        },
      ],
    },
    expected: ['ep1'],
  },
  {
    name: 'nested connections with an edge condition',
    query: {
      kind: 'ApiEndpoint',
      connections: [
        {
          edge: 'ROUTES_TO',
          direction: 'out',
          to: {
            kind: 'Compute',
            connections: [
              {
                edge: 'CAN_AUTHENTICATE_AS',
                direction: 'out',
                to: {
                  connections: [
                    {
                      edge: 'HAS_PERMISSION_TO',
                      direction: 'out',
                      edgeWhere: { property: 'accessLevel', op: 'in', value: ['write', 'admin'] },
                      to: { kind: 'StorageAccount' },
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
    },
    expected: ['ep2', 'ep3'],
  },
  {
    name: 'edge condition that no edge meets',
    query: {
      kind: 'ManagedIdentity',
      connections: [
        {
          edge: 'HAS_PERMISSION_TO',
          direction: 'out',
          edgeWhere: { property: 'accessLevel', op: 'eq', value: 'admin' },
          to: {},
        },
      ],
    },
    expected: [],
  },
  {
    name: 'kind-less target with a condition',
    query: {
      kind: 'ApiEndpoint',
      connections: [{ edge: 'ROUTES_TO', direction: 'out', to: { where: { insight: 'GatewayBypass' } } }],
    },
    expected: ['ep2', 'ep3'],
  },
  { name: 'limit caps the rows', query: { kind: 'ApiEndpoint', limit: 2 }, expected: ['ep1', 'ep2'] },
];

/** Ids of fixture nodes in id order, as a store returns them. */
export function expectedIds(fixture: ExplorerFixture, keys: readonly FixtureKey[]): string[] {
  return keys.map((k) => fixture.ids[k]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
