/**
 * How Neo4j runs the store's batched writes: EXPLAIN against the real test server. Each removal of other analysis
 * generations runs on every analysis, once per batch and again until it finds nothing, so it must find its rows
 * through the generation indexes, never by reading every node or relationship of its kind. The writes that take
 * their labels or type as a parameter (one statement for every kind) must still find each row's nodes through the
 * Entity id index: a dynamic label in a MATCH would read every node on Neo4j 5.26.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodesCypher } from '../../src/store/neo4j/cypher.js';
import {
  createGenerationEdgesCypher,
  createGenerationNodesCypher,
  removeOtherGenerationsCypher,
  setGenerationInsightsCypher,
} from '../../src/store/neo4j/generation.js';
import { insightLabelClauses, LABEL_INSIGHTS } from '../../src/store/neo4j/insight-labels.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { operatorName, planNodes, planText, type PlanNode } from '../support/neo4j-plan.js';

/** The operators a plan reads its first rows with (the leaves), by name. */
function leafReads(plan: PlanNode): string[] {
  return [...planNodes(plan)].filter((node) => node.children.length === 0).map(operatorName);
}

describe.skipIf(!neo4jSettings())('Neo4j write plans: index seeks only', () => {
  let driver: Driver;

  const explain = async (text: string): Promise<PlanNode> => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const parameters = {
        keep: 7,
        batchSize: 10_000,
        rows: [],
        generation: 7,
        labels: ['ApiEndpoint', 'ApiAsset', 'Entity'],
        type: 'CAN_REACH',
        labelInsights: LABEL_INSIGHTS,
        now: '2026-01-01T00:00:00.000Z',
        runId: 'plan',
      };
      return (await session.run(`EXPLAIN ${text}`, parameters)).summary.plan as unknown as PlanNode;
    } finally {
      await session.close();
    }
  };

  beforeAll(async () => {
    // Opening the store creates the schema the plans depend on.
    await (await openNeo4jStore()).close();
    const settings = neo4jSettings()!;
    driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user ?? 'neo4j', settings.password ?? ''), { disableLosslessIntegers: true });
  });

  afterAll(async () => {
    await driver?.close();
  });

  it('removes the other generations, older and newer, each batch through one range seek of a generation index', async () => {
    const statements = removeOtherGenerationsCypher();
    expect(statements.length).toBeGreaterThan(0);
    for (const text of statements) {
      const plan = await explain(text);
      const reads = leafReads(plan);
      expect(reads, `${text}\n${planText(plan)}`).toHaveLength(1);
      expect(reads[0], `${text}\n${planText(plan)}`).toMatch(/IndexSeekByRange$/);
    }
  });

  it('finds the ends of a derived edge and the node of an insight through the Entity id index, whatever their kind', async () => {
    for (const text of [createGenerationEdgesCypher(), setGenerationInsightsCypher('A', insightLabelClauses())]) {
      const plan = await explain(text);
      const reads = leafReads(plan).filter((name) => name !== 'Argument' && name !== 'Unwind');
      expect(reads.length, `${text}\n${planText(plan)}`).toBeGreaterThan(0);
      for (const read of reads) expect(read, `${text}\n${planText(plan)}`).toBe('NodeIndexSeek');
    }
  });

  it('creates nodes of any kind without reading any', async () => {
    for (const text of [createNodesCypher(), createGenerationNodesCypher()]) {
      const plan = await explain(text);
      expect(leafReads(plan), `${text}\n${planText(plan)}`).toEqual(['Unwind']);
    }
  });
});
