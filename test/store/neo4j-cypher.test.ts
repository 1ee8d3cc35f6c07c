import { describe, expect, it } from 'vitest';
import type { EdgeKind, NodeKind } from '../../src/model/index.js';
import { ValidationError } from '../../src/util/errors.js';
import {
  cleanupEdgesCypher,
  cleanupNodesCypher,
  createNodesCypher,
  edgeType,
  existingIdsCypher,
  nodeLabels,
  upsertEdgesCypher,
  upsertNodesCypher,
} from '../../src/store/neo4j/cypher.js';
import {
  createGenerationNodesCypher,
  createGenerationEdgesCypher,
  removeOtherGenerationsCypher,
  removeUnversionedAnalysisCypher,
  setGenerationInsightsCypher,
} from '../../src/store/neo4j/generation.js';
import { insightLabelClauses } from '../../src/store/neo4j/insight-labels.js';
import { compileListQuery, compileNeighboursOfManyQuery } from '../../src/store/neo4j/list-query.js';

// Snapshots of the generated Cypher, so any change to a query shows up in review.
describe('generated Cypher', () => {
  it('upserts nodes of a kind with one UNWIND … MERGE, stamping the run', () => {
    expect(upsertNodesCypher('ApiEndpoint')).toMatchSnapshot();
  });

  it('creates nodes the store does not hold with every label and the run stamp, after one id check', () => {
    expect(createNodesCypher()).toMatchSnapshot();
    expect(existingIdsCypher()).toMatchSnapshot();
  });

  it('upserts edges between two kinds', () => {
    expect(upsertEdgesCypher('ROUTES_TO')).toMatchSnapshot();
  });

  it('removes stale nodes and edges of the cleaned subscriptions in bounded batches, one statement per kind', () => {
    expect(cleanupNodesCypher('StorageAccount')).toMatchSnapshot();
    expect(cleanupEdgesCypher('ATTACHED_TO')).toMatchSnapshot();
  });

  it('replaces a re-ingested node\'s properties exactly, keeping what the analysis and traffic ingest wrote', () => {
    expect(upsertNodesCypher('ApiEndpoint', 'traffic')).toMatchSnapshot();
  });

  it('writes an analysis as a generation and removes the other generations in bounded batches', () => {
    expect(createGenerationNodesCypher()).toMatchSnapshot();
    expect(createGenerationEdgesCypher()).toMatchSnapshot();
    expect(setGenerationInsightsCypher('B', insightLabelClauses())).toMatchSnapshot();
    expect(removeOtherGenerationsCypher()).toMatchSnapshot();
    expect(removeUnversionedAnalysisCypher()).toMatchSnapshot();
  });

  it('gives labels and edge types as parameters from the closed model only', () => {
    expect(nodeLabels('ApiEndpoint')).toEqual(['ApiEndpoint', 'ApiAsset', 'Entity']);
    expect(edgeType('CAN_REACH')).toBe('CAN_REACH');
    expect(() => nodeLabels('Api`) DETACH DELETE n //' as NodeKind)).toThrow(ValidationError);
    expect(() => edgeType('CAN_REACH|ROUTES_TO' as EdgeKind)).toThrow(ValidationError);
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

  it('compiles neighbour lookups of many nodes into one UNWIND query, for each direction', () => {
    const query = compileNeighboursOfManyQuery(['a', 'b', 'a'], { direction: 'both', edgeKinds: ['CONTAINS', 'ROUTES_TO'] });
    // Ids are one list parameter, sent once each; edge kinds come from the closed model only.
    expect(query.parameters).toEqual({ ids: ['a', 'b'] });
    expect(query).toMatchSnapshot();
    expect(compileNeighboursOfManyQuery(['some-id'], { direction: 'out' }).cypher).toMatchSnapshot();
    expect(compileNeighboursOfManyQuery(['some-id'], { direction: 'in', edgeKinds: ['CAN_REACH'] }).cypher).toMatchSnapshot();
  });

  it('cuts each node\'s neighbour list on the server when a limit is given, the limit a parameter', () => {
    const query = compileNeighboursOfManyQuery(['a', 'b'], { direction: 'both', edgeKinds: ['CONTAINS'], limit: 25 });
    expect(query.parameters).toEqual({ ids: ['a', 'b'], limit: 25 });
    expect(query.cypher).not.toContain('25');
    expect(query.cypher).toMatchSnapshot();
  });

  it('refuses a property the model does not declare', () => {
    expect(() => compileListQuery({ kind: 'Api', where: [{ property: 'name`) DELETE n //', op: 'eq', value: 1 }] }, null, 1)).toThrow(
      /Undeclared property/,
    );
  });
});
