import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate, listTemplates, type ExplorerQuery } from '../../src/explorer/index.js';
import { compileExplorerQuery } from '../../src/store/neo4j/explore-cypher.js';
import type { GraphStore } from '../../src/store/index.js';
import { encodeCursor } from '../../src/store/query-options.js';
import { NotFoundError, ValidationError } from '../../src/util/errors.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { FIXTURE_CASES } from './fixture-cases.js';
import { explorerFixture } from './fixture.js';
import { HOSTILE_STRINGS, countValues, withValues } from './hostile.js';

const QUERIES: readonly { name: string; query: ExplorerQuery }[] = [
  ...listTemplates().map((t) => ({ name: `template ${t.name}`, query: t.query })),
  ...FIXTURE_CASES.map((c) => ({ name: c.name, query: c.query })),
];
const WITH_VALUES = QUERIES.filter((q) => countValues(q.query) > 0);

describe('explorer Cypher under hostile values', () => {
  it('has string values to replace in most queries', () => {
    expect(WITH_VALUES.length).toBeGreaterThanOrEqual(15);
  });

  for (const { name, query } of WITH_VALUES) {
    it(`never changes the Cypher text: ${name}`, () => {
      const benign = compileExplorerQuery(query, { first: 10 });
      for (const hostile of HOSTILE_STRINGS) {
        const compiled = compileExplorerQuery(
          withValues(query, () => hostile),
          { first: 10, after: encodeCursor(hostile || 'x') },
        );
        const benignAfter = compileExplorerQuery(query, { first: 10, after: encodeCursor('x') });
        expect(compiled.cypher).toBe(benignAfter.cypher);
        expect(Object.keys(compiled.parameters).sort()).toEqual(Object.keys(benign.parameters).sort());
        // The hostile text travels only as parameter values.
        expect(Object.values(compiled.parameters).flat()).toContain(hostile);
      }
    });
  }

  it('keeps hostile names out of Cypher: kinds, edges and properties fail validation', () => {
    const hostile = 'name` = 1 DETACH DELETE n //';
    expect(() => compileExplorerQuery({ kind: hostile } as unknown as ExplorerQuery, { first: 1 })).toThrow(
      ValidationError,
    );
    expect(() =>
      compileExplorerQuery({ kind: 'Api', where: { property: hostile, op: 'exists' } }, { first: 1 }),
    ).toThrow(ValidationError);
    expect(() =>
      compileExplorerQuery(
        { kind: 'Api', connections: [{ edge: hostile, direction: 'out', to: {} }] } as unknown as ExplorerQuery,
        { first: 1 },
      ),
    ).toThrow(ValidationError);
    expect(() =>
      compileExplorerQuery(
        { kind: 'Api', where: { property: 'name', op: hostile, value: 'x' } } as unknown as ExplorerQuery,
        { first: 1 },
      ),
    ).toThrow(ValidationError);
  });

  it('treats a hostile template name as an unknown template', () => {
    for (const hostile of HOSTILE_STRINGS) expect(() => getTemplate(hostile)).toThrow(NotFoundError);
  });
});

describe.skipIf(!neo4jSettings())('hostile explorer queries on Neo4j', () => {
  const fixture = explorerFixture(randomUUID());
  let opened: GraphStore | undefined;
  const store = () => opened!;

  beforeAll(async () => {
    opened = await openNeo4jStore();
    const run = newRun();
    await opened.upsertNodes(fixture.nodes, run);
    await opened.upsertEdges([...fixture.ingestedEdges, ...fixture.analysis.edges], run);
  });

  afterAll(async () => {
    if (!opened) return;
    // Removes what this file wrote: every node of its subscription, with its edges.
    await opened.completeRun(newRun(), [fixture.subscriptionId]);
    await opened.close();
  });

  it('neither errors nor changes the graph', async () => {
    const nodesBefore = await store().countNodesByKind();
    const edgesBefore = await store().countEdgesByKind();
    for (const { query } of WITH_VALUES) {
      for (const hostile of HOSTILE_STRINGS) {
        await store().explore(
          withValues(query, () => hostile),
          { first: 5, after: encodeCursor(hostile || 'x') },
        );
      }
    }
    expect(await store().countNodesByKind()).toEqual(nodesBefore);
    expect(await store().countEdgesByKind()).toEqual(edgesBefore);
    expect(nodesBefore.ApiEndpoint).toBeGreaterThanOrEqual(4);
  });

  it('finds a node by a value full of Cypher syntax, as plain data', async () => {
    const page = await store().explore(
      {
        kind: 'ApiEndpoint',
        where: {
          and: [
            { property: 'subscriptionId', op: 'eq', value: fixture.subscriptionId },
            { property: 'urlTemplate', op: 'contains', value: "{id}'" },
          ],
        },
      },
      { first: 5 },
    );
    expect(page.items.map((n) => n.id)).toEqual([fixture.ids.ep3]);
  });
});
