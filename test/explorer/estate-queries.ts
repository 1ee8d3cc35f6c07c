/** Hand-written explorer queries over a generated estate: every operator, and/or/not, hop ranges, directions, nesting. */
import type { ExplorerQuery } from '../../src/explorer/index.js';

export const ESTATE_QUERIES: readonly { readonly name: string; readonly query: ExplorerQuery }[] = [
  { name: 'eq', query: { kind: 'ApiEndpoint', where: { property: 'method', op: 'eq', value: 'GET' } } },
  {
    name: 'neq with a limit',
    query: { kind: 'ApiEndpoint', where: { property: 'method', op: 'neq', value: 'GET' }, limit: 40 },
  },
  {
    name: 'in',
    query: { kind: 'ApiEndpoint', where: { property: 'method', op: 'in', value: ['POST', 'PUT', 'DELETE'] } },
  },
  {
    name: 'contains on a string',
    query: { kind: 'ApiEndpoint', where: { property: 'urlTemplate', op: 'contains', value: '{' } },
  },
  {
    name: 'contains on a list',
    query: { kind: 'Api', where: { property: 'protocols', op: 'contains', value: 'http' } },
  },
  {
    name: 'startsWith',
    query: { kind: 'ApiEndpoint', where: { property: 'url', op: 'startsWith', value: 'https://' } },
  },
  {
    name: 'gt and lt on strings',
    query: {
      kind: 'WebApp',
      where: {
        and: [
          { property: 'name', op: 'gt', value: 'app-' },
          { property: 'name', op: 'lt', value: 'web-m' },
        ],
      },
    },
  },
  {
    name: 'gt and lt on numbers',
    query: {
      kind: 'ContainerApp',
      where: {
        or: [
          { property: 'targetPort', op: 'gt', value: 1000 },
          { property: 'targetPort', op: 'lt', value: 100 },
        ],
      },
    },
  },
  {
    name: 'exists and exists false',
    query: {
      kind: 'Api',
      where: {
        and: [
          { property: 'serviceUrl', op: 'exists' },
          { property: 'policy', op: 'exists', value: false },
        ],
      },
    },
  },
  {
    name: 'or / and / not with insights and properties',
    query: {
      kind: 'ApiEndpoint',
      where: {
        or: [
          { not: { insight: 'InternetExposed' } },
          { and: [{ property: 'method', op: 'eq', value: 'POST' }, { insight: 'Inactive' }] },
        ],
      },
    },
  },
  {
    name: 'negated connection to anything',
    query: { kind: 'ApiEndpoint', connections: [{ edge: 'ROUTES_TO', direction: 'out', negate: true, to: {} }] },
  },
  {
    name: 'nested ATTACHED_TO, in direction',
    query: {
      kind: 'VirtualMachine',
      connections: [
        {
          edge: 'ATTACHED_TO',
          direction: 'in',
          to: {
            kind: 'NetworkInterface',
            connections: [{ edge: 'ATTACHED_TO', direction: 'in', to: { kind: 'PublicIpAddress' } }],
          },
        },
      ],
    },
  },
  {
    name: 'exactly two hops in',
    query: {
      kind: 'Subnet',
      connections: [{ edge: 'ATTACHED_TO', direction: 'in', minHops: 2, maxHops: 2, to: { kind: 'PublicIpAddress' } }],
    },
  },
  {
    name: 'both directions, 1..3 hops',
    query: {
      kind: 'NetworkSecurityGroup',
      connections: [
        {
          edge: 'ATTACHED_TO',
          direction: 'both',
          minHops: 1,
          maxHops: 3,
          to: { kind: 'VirtualMachine', where: { insight: 'InternetExposed' } },
        },
      ],
    },
  },
  {
    name: 'two hops out to a condition',
    query: {
      kind: 'ApiGateway',
      connections: [
        {
          edge: 'CONTAINS',
          direction: 'out',
          minHops: 2,
          maxHops: 2,
          to: { kind: 'ApiEndpoint', where: { insight: 'Inactive' } },
        },
      ],
    },
  },
  {
    name: 'from the internet',
    query: {
      kind: 'Internet',
      connections: [
        {
          edge: 'CAN_REACH',
          direction: 'out',
          to: { kind: 'ApiEndpoint', where: { insight: 'AllowsAnonymousAccess' } },
        },
      ],
    },
  },
  {
    name: 'edge condition, with a negated write grant',
    query: {
      kind: 'ManagedIdentity',
      connections: [
        {
          edge: 'HAS_PERMISSION_TO',
          direction: 'out',
          edgeWhere: { property: 'accessLevel', op: 'eq', value: 'read' },
          to: { kind: 'KeyVault' },
        },
        {
          edge: 'HAS_PERMISSION_TO',
          direction: 'out',
          negate: true,
          edgeWhere: { property: 'accessLevel', op: 'in', value: ['write', 'admin'] },
          to: {},
        },
      ],
    },
  },
  {
    name: 'family root with nested family target',
    query: {
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
                to: { kind: 'DataStore', where: { insight: 'PublicDataAccess' } },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'external hosts by caller method',
    query: {
      kind: 'ExternalHost',
      connections: [
        {
          edge: 'ROUTES_TO',
          direction: 'in',
          to: { kind: 'ApiEndpoint', where: { property: 'method', op: 'eq', value: 'GET' } },
        },
      ],
    },
  },
  {
    name: 'hops 1..3 in to the subscription',
    query: {
      kind: 'ApiEndpoint',
      connections: [{ edge: 'CONTAINS', direction: 'in', minHops: 1, maxHops: 3, to: { kind: 'Subscription' } }],
      limit: 150,
    },
  },
  {
    name: 'siblings sharing a backend (both, 2 hops)',
    query: {
      kind: 'ApiEndpoint',
      where: { insight: 'SensitiveData' },
      connections: [
        {
          edge: 'ROUTES_TO',
          direction: 'both',
          minHops: 2,
          maxHops: 2,
          to: { kind: 'ApiEndpoint', where: { insight: 'Inactive' } },
        },
      ],
    },
  },
];
