/**
 * How Neo4j runs the removal of other analysis generations: EXPLAIN against the real test server. Each removal runs
 * on every analysis, once per batch and again until it finds nothing, so it must find its rows through the
 * generation indexes, never by reading every node or relationship of its kind.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeOtherGenerationsCypher } from '../../src/store/neo4j/generation.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { operatorName, planNodes, planText, type PlanNode } from '../support/neo4j-plan.js';

/** The operators a plan reads its first rows with (the leaves), by name. */
function leafReads(plan: PlanNode): string[] {
  return [...planNodes(plan)].filter((node) => node.children.length === 0).map(operatorName);
}

describe.skipIf(!neo4jSettings())('Neo4j generation removal plans: index seeks only', () => {
  let driver: Driver;

  const explain = async (text: string): Promise<PlanNode> => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const parameters = { keep: 7, batchSize: 10_000 };
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
});
