import { describe, expect, it } from 'vitest';
import {
  clearAnalysisCypher,
  cleanupEdgesCypher,
  cleanupNodesCypher,
  upsertEdgesCypher,
  upsertNodesCypher,
} from '../../src/store/neo4j/cypher.js';
import { compileListQuery, compileNeighboursQuery } from '../../src/store/neo4j/list-query.js';

// Snapshots of the generated Cypher, so any change to a query shows up in review.
describe('generated Cypher', () => {
  it('upserts nodes of a kind with one UNWIND … MERGE, stamping the run', () => {
    expect(upsertNodesCypher('ApiEndpoint')).toMatchSnapshot();
  });

  it('upserts edges between two kinds', () => {
    expect(upsertEdgesCypher('ROUTES_TO')).toMatchSnapshot();
  });

  it('removes stale nodes and edges of one subscription in bounded batches', () => {
    expect(cleanupNodesCypher('StorageAccount')).toMatchSnapshot();
    expect(cleanupEdgesCypher('ATTACHED_TO')).toMatchSnapshot();
  });

  it('clears the previous analysis', () => {
    expect(clearAnalysisCypher()).toMatchSnapshot();
  });

  it('compiles listing filters with every value a parameter', () => {
    const hostile = "x' }) DETACH DELETE n //";
    const query = compileListQuery(
      {
        kind: 'ApiEndpoint',
        where: [
          { property: 'method', op: 'eq', value: hostile },
          { property: 'sensitiveInfoTypes', op: 'contains', value: hostile },
          { property: 'url', op: 'startsWith', value: hostile },
          { property: 'lastCalled', op: 'exists', value: false },
        ],
        insights: ['InternetExposed'],
      },
      'after-id',
      11,
    );
    expect(query.cypher).not.toContain(hostile);
    expect(Object.values(query.parameters)).toContain(hostile);
    expect(query).toMatchSnapshot();
  });

  it('compiles neighbour lookups for each direction', () => {
    expect(compileNeighboursQuery('some-id', { direction: 'both', edgeKinds: ['CONTAINS'] })).toMatchSnapshot();
    expect(compileNeighboursQuery('some-id', { direction: 'out' }).cypher).toMatchSnapshot();
  });

  it('refuses a property the model does not declare', () => {
    expect(() => compileListQuery({ kind: 'Api', where: [{ property: 'name`) DELETE n //', op: 'eq', value: 1 }] }, null, 1)).toThrow(
      /Undeclared property/,
    );
  });
});
