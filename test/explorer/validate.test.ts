import { describe, expect, it } from 'vitest';
import { ExplorerValidationError, parseQueryFile, validateExplorerQuery } from '../../src/explorer/index.js';
import { InputError, ValidationError } from '../../src/util/errors.js';

function failure(input: unknown, file?: string): ExplorerValidationError {
  try {
    validateExplorerQuery(input, file ? { file } : {});
  } catch (error) {
    if (error instanceof ExplorerValidationError) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

const routesTo = (to: unknown, extra: Record<string, unknown> = {}) => ({
  kind: 'ApiEndpoint',
  connections: [{ edge: 'ROUTES_TO', direction: 'out', to, ...extra }],
});

describe('explorer query validation', () => {
  it('accepts a query that fits the model and returns it typed', () => {
    const query = {
      kind: 'ApiEndpoint',
      where: { and: [{ insight: 'AllowsAnonymousAccess' }, { property: 'method', op: 'in', value: ['GET', 'POST'] }] },
      connections: [
        {
          edge: 'ROUTES_TO',
          direction: 'out',
          minHops: 1,
          maxHops: 3,
          to: { kind: 'Compute', where: { not: { insight: 'GatewayBypass' } } },
        },
      ],
      limit: 50,
    };
    expect(validateExplorerQuery(query)).toBe(query);
  });

  it.each([
    ['an unknown kind', { kind: 'Lambda' }, '/kind', /unknown kind "Lambda"/],
    ['a missing kind', {}, '/kind', /needs "kind"/],
    [
      'an unknown field (a typo must not widen the query)',
      { kind: 'Api', conections: [] },
      '/conections',
      /unknown field "conections"/,
    ],
    ['an unknown insight', { kind: 'Api', where: { insight: 'Vulnerable' } }, '/where/insight', /unknown insight/],
    [
      'an unknown property',
      { kind: 'ApiEndpoint', where: { and: [{ insight: 'Inactive' }, { property: 'methd', op: 'eq', value: 'GET' }] } },
      '/where/and/1/property',
      /ApiEndpoint has no property "methd"/,
    ],
    [
      'an inherited object member as a property',
      { kind: 'ApiEndpoint', where: { property: 'constructor', op: 'exists' } },
      '/where/property',
      /no property "constructor"/,
    ],
    [
      'an unknown operator',
      { kind: 'ApiEndpoint', where: { property: 'method', op: 'like', value: 'G%' } },
      '/where/op',
      /unknown operator "like"/,
    ],
    [
      'a string operand for a number',
      { kind: 'ApiEndpoint', where: { property: 'callCount', op: 'gt', value: '10' } },
      '/where/value',
      /needs a number value/,
    ],
    [
      'eq on a list',
      { kind: 'Api', where: { property: 'protocols', op: 'eq', value: 'http' } },
      '/where/value',
      /use contains/,
    ],
    [
      'in without a list',
      { kind: 'ApiEndpoint', where: { property: 'method', op: 'in', value: 'GET' } },
      '/where/value',
      /list of string/,
    ],
    [
      'startsWith on a boolean',
      { kind: 'Api', where: { property: 'subscriptionRequired', op: 'startsWith', value: 't' } },
      '/where/value',
      /string property/,
    ],
    [
      'a json property with anything but exists',
      { kind: 'ApiGateway', where: { property: 'tags', op: 'contains', value: 'prod' } },
      '/where/value',
      /json properties can only be tested with exists/,
    ],
    [
      'a value on exists',
      { kind: 'ApiGateway', where: { property: 'tags', op: 'exists', value: 'yes' } },
      '/where/value',
      /true\/false/,
    ],
    ['an empty and', { kind: 'Api', where: { and: [] } }, '/where/and', /non-empty list/],
    ['a shapeless condition', { kind: 'Api', where: { prop: 'x' } }, '/where', /a condition is one of/],
    ['an unknown edge', routesTo({}, { edge: 'OWNS' }), '/connections/0/edge', /unknown edge kind "OWNS"/],
    ['an unknown direction', routesTo({}, { direction: 'up' }), '/connections/0/direction', /out, in or both/],
    ['maxHops beyond 8', routesTo({}, { maxHops: 9 }), '/connections/0/maxHops', /from 1 to 8/],
    ['minHops of 0', routesTo({}, { minHops: 0 }), '/connections/0/minHops', /from 1 to 8/],
    [
      'maxHops below minHops',
      routesTo({}, { minHops: 3, maxHops: 2 }),
      '/connections/0/maxHops',
      /not be below minHops/,
    ],
    ['a fractional hop count', routesTo({}, { maxHops: 1.5 }), '/connections/0/maxHops', /integer/],
    [
      'an edge that never starts at the kind',
      { kind: 'ApiEndpoint', connections: [{ edge: 'CAN_REACH', direction: 'out', to: {} }] },
      '/connections/0/edge',
      /CAN_REACH \(out\) never starts at ApiEndpoint/,
    ],
    [
      'a target the edge never reaches',
      routesTo({ kind: 'Subscription' }),
      '/connections/0/to/kind',
      /never reaches Subscription/,
    ],
    [
      'a property of the wrong target kind',
      routesTo({ kind: 'VirtualMachine', where: { property: 'httpsOnly', op: 'eq', value: true } }),
      '/connections/0/to/where/property',
      /VirtualMachine has no property "httpsOnly"/,
    ],
    [
      'insights on an edge',
      routesTo({}, { edgeWhere: { insight: 'Inactive' } }),
      '/connections/0/edgeWhere/insight',
      /edges carry no insights/,
    ],
    [
      'an undeclared edge property',
      routesTo({}, { edgeWhere: { property: 'accessLevel', op: 'eq', value: 'write' } }),
      '/connections/0/edgeWhere/property',
      /ROUTES_TO has no property "accessLevel"/,
    ],
    ['a limit of 0', { kind: 'Api', limit: 0 }, '/limit', /integer from 1/],
  ])('rejects %s, pointing at the offending part', (_name, input, path, message) => {
    const error = failure(input);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });

  it('points into nested connections', () => {
    const query = {
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
                to: { where: { and: [{ insight: 'Inactive' }, { property: 'x', op: 'exists' }] } },
              },
            ],
          },
        },
      ],
    };
    expect(failure(query).path).toBe('/connections/0/to/connections/0/to/where/and/1/property');
  });

  it('bounds the nesting of connections', () => {
    const chain = (depth: number): Record<string, unknown> =>
      depth === 0 ? {} : { connections: [{ edge: 'ROUTES_TO', direction: 'both', to: chain(depth - 1) }] };
    expect(() => validateExplorerQuery({ kind: 'LoadBalancer', ...chain(4) })).not.toThrow();
    expect(failure({ kind: 'LoadBalancer', ...chain(5) }).message).toMatch(/nest at most 4 deep/);
  });

  it('checks a property on a family or kind-less target against the kinds it can be', () => {
    // httpsOnly is declared on the web compute kinds with one type: fine on Compute.
    expect(() =>
      validateExplorerQuery(routesTo({ kind: 'Compute', where: { property: 'httpsOnly', op: 'eq', value: false } })),
    ).not.toThrow();
    expect(failure({ kind: 'DataStore', where: { property: 'vmSize', op: 'exists' } }).message).toMatch(
      /DataStore has no property "vmSize"/,
    );
  });

  it('names the file a query came from', () => {
    expect(failure({ kind: 'Lambda' }, 'queries/mine.yaml').message).toBe(
      'queries/mine.yaml: /kind: unknown kind "Lambda": expected a node kind (ApiEndpoint, VirtualMachine, …) or a family (DataStore, Compute, …)',
    );
  });

  it('reads query files in YAML or JSON, bare or as a template document, with positions for malformed text', () => {
    expect(parseQueryFile('kind: ApiEndpoint\nwhere: { insight: Inactive }\n', 'q.yaml').query).toEqual({
      kind: 'ApiEndpoint',
      where: { insight: 'Inactive' },
    });
    expect(parseQueryFile('{"kind": "Api"}', 'q.json').query).toEqual({ kind: 'Api' });
    expect(parseQueryFile('name: mine\ntitle: Mine\ndescription: Mine\nquery:\n  kind: Api\n', 't.yaml')).toEqual({
      name: 'mine',
      query: { kind: 'Api' },
    });
    expect(() => parseQueryFile('name: mine\ntitle: Mine\ndescription: Mine\nquery:\n  kind: Ap\n', 't.yaml')).toThrow(
      't.yaml: /query/kind: unknown kind "Ap"',
    );
    const malformed = (() => {
      try {
        parseQueryFile('kind: Api\nwhere: [\n', 'bad.yaml');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(malformed).toBeInstanceOf(InputError);
    expect((malformed as InputError).position).toMatchObject({ file: 'bad.yaml', line: 3 });
  });
});
