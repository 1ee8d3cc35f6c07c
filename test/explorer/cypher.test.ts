import { describe, expect, it } from 'vitest';
import { listTemplates, type ExplorerQuery } from '../../src/explorer/index.js';
import { compileExplorerQuery } from '../../src/store/neo4j/explore-cypher.js';
import { encodeCursor } from '../../src/store/query-options.js';
import { FIXTURE_CASES } from './fixture-cases.js';

// Snapshots of the compiled Cypher and its parameters, so any change to what the explorer sends Neo4j shows up in review.
describe('explorer queries compiled to Cypher', () => {
  for (const template of listTemplates()) {
    it(`template ${template.name}`, () => {
      const { cypher, parameters } = compileExplorerQuery(template.query, { first: 25 });
      expect({ cypher, parameters }).toMatchSnapshot();
    });
  }

  const hand = [
    'in',
    'contains on a list',
    'exists false',
    'minHops 2',
    'both directions',
    'negated connection',
    'nested connections with an edge condition',
    'kind-less target with a condition',
  ];
  for (const name of hand) {
    it(`query: ${name}`, () => {
      const query = FIXTURE_CASES.find((c) => c.name === name)!.query;
      const { cypher, parameters } = compileExplorerQuery(query, { first: 25 });
      expect({ cypher, parameters }).toMatchSnapshot();
    });
  }

  it('pages by keyset on n.id, fetching one row more than asked', () => {
    const compiled = compileExplorerQuery(
      { kind: 'ApiEndpoint', where: { insight: 'Inactive' } },
      { first: 10, after: encodeCursor('/subscriptions/x/a') },
    );
    expect(compiled.parameters).toMatchObject({ after: '/subscriptions/x/a', first: 11 });
    expect(compiled.first).toBe(10);
    expect(compiled.cypher).toMatchSnapshot();
  });

  it('caps the whole result before cutting the page when the query has a limit', () => {
    const compiled = compileExplorerQuery(
      { kind: 'ApiEndpoint', where: { insight: 'Inactive' }, limit: 40 },
      { first: 10 },
    );
    expect(compiled.parameters).toMatchObject({ limit: 40, first: 11, after: null });
    expect(compiled.cypher).toMatchSnapshot();
  });

  it('writes labels, edge types and property names backticked, and nothing else from the query', () => {
    const query: ExplorerQuery = {
      kind: 'ApiEndpoint',
      where: { property: 'urlTemplate', op: 'startsWith', value: '/orders' },
      connections: [
        {
          edge: 'ROUTES_TO',
          direction: 'out',
          maxHops: 2,
          to: { kind: 'VirtualMachine', where: { property: 'osType', op: 'eq', value: 'Linux' } },
        },
      ],
    };
    const { cypher } = compileExplorerQuery(query, { first: 5 });
    expect(cypher).toContain('MATCH (n:`ApiEndpoint`)');
    expect(cypher).toContain('(n)-[:`ROUTES_TO`*1..2]->(m1:`VirtualMachine`)');
    expect(cypher).toContain('m1.`osType` = $p0');
    expect(cypher).not.toContain('Linux');
    expect(cypher).not.toContain('/orders');
  });
});
