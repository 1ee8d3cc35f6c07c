/**
 * The same explorer queries on the memory store and on a real Neo4j: identical rows, order and pages. Data: a
 * generated estate (ingested, then analysed) and the hand-drawn fixture, in subscriptions of their own; the
 * queries are scoped to those subscriptions because the Neo4j database is shared with other test files.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindsOf } from '../../src/query/index.js';
import { listTemplates, type Condition, type ExplorerQuery } from '../../src/explorer/index.js';
import { generateEstate } from '../../tools/estate/index.js';
import { ingestRows } from '../../src/ingest/pipeline.js';
import { nodeDeclaration, type GraphNode } from '../../src/model/index.js';
import { MemoryStore, type AnalysisResult, type GraphStore, type Page } from '../../src/store/index.js';
import { MAX_PAGE_SIZE } from '../../src/store/query-options.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { estateAnalysis, estateInputRows } from './estate-load.js';
import { ESTATE_QUERIES } from './estate-queries.js';
import { FIXTURE_CASES, expectedIds } from './fixture-cases.js';
import { explorerFixture, writeFixture } from './fixture.js';

const SMALL_PAGE = 4;
const MAX_SMALL_PAGES = 6;

/** The query limited to nodes of some subscriptions (root kinds that are not subscription-scoped are left as they are). */
function scoped(query: ExplorerQuery, subscriptions: readonly string[]): ExplorerQuery {
  if (!kindsOf(query.kind).every((k) => nodeDeclaration(k).subscriptionScoped)) return query;
  const mine: Condition = { property: 'subscriptionId', op: 'in', value: [...subscriptions] };
  return { ...query, where: query.where ? { and: [mine, query.where] } : mine };
}

async function pages(store: GraphStore, query: ExplorerQuery, first: number, max: number): Promise<Page<GraphNode>[]> {
  const out: Page<GraphNode>[] = [];
  let after: string | null = null;
  while (out.length < max) {
    const page = await store.explore(query, { first, after });
    out.push(page);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return out;
}

describe.skipIf(!neo4jSettings())('explorer: memory store and Neo4j agree', () => {
  const estate = generateEstate({ size: 2_500, seed: 771_203, subscriptions: 2 });
  const fixture = explorerFixture(randomUUID());
  const subscriptions = [...estate.subscriptionIds];
  let memory: GraphStore;
  let neo4j: GraphStore | undefined;
  const nonEmpty: string[] = [];

  beforeAll(async () => {
    memory = await MemoryStore.open();
    const neo = (neo4j = await openNeo4jStore());
    const rows = estateInputRows(estate);
    const run = newRun();
    for (const store of [memory, neo]) await ingestRows(store, rows, { source: 'azure-export', run });
    const analysis = await estateAnalysis(memory);
    const merged: AnalysisResult = {
      nodes: analysis.nodes,
      edges: [...analysis.edges, ...fixture.analysis.edges],
      insights: [...analysis.insights, ...fixture.analysis.insights],
    };
    const analysisRun = newRun();
    for (const store of [memory, neo]) {
      await writeFixture(store, fixture, run);
      await store.replaceAnalysis(merged, analysisRun);
    }
  }, 300_000);

  afterAll(async () => {
    if (!neo4j) return;
    // Delete what this file wrote: its subscriptions' nodes (with their edges), then its analysis.
    await neo4j.completeRun(newRun(), [...subscriptions, fixture.subscriptionId]);
    await neo4j.replaceAnalysis({ nodes: [], edges: [], insights: [] }, newRun());
    await neo4j.close();
  }, 120_000);

  const compare = async (query: ExplorerQuery) => {
    const small = await pages(memory, query, SMALL_PAGE, MAX_SMALL_PAGES);
    expect(await pages(neo4j!, query, SMALL_PAGE, MAX_SMALL_PAGES)).toEqual(small);
    const [whole] = await pages(memory, query, MAX_PAGE_SIZE, 1);
    expect(await pages(neo4j!, query, MAX_PAGE_SIZE, 1)).toEqual([whole]);
    // Small pages are a prefix of the whole result, in the same order.
    expect(small.flatMap((p) => p.items.map((n) => n.id))).toEqual(
      whole!.items.slice(0, small.flatMap((p) => p.items).length).map((n) => n.id),
    );
    return whole!;
  };

  for (const template of listTemplates()) {
    it(`template ${template.name}`, async () => {
      const whole = await compare(scoped(template.query, subscriptions));
      if (whole.items.length) nonEmpty.push(template.name);
    });
  }

  for (const { name, query } of ESTATE_QUERIES) {
    it(`estate query: ${name}`, async () => {
      const whole = await compare(scoped(query, subscriptions));
      if (whole.items.length) nonEmpty.push(name);
    });
  }

  for (const c of FIXTURE_CASES) {
    it(`fixture query: ${c.name}`, async () => {
      const whole = await compare(scoped(c.query, [fixture.subscriptionId]));
      expect(whole.items.map((n) => n.id)).toEqual(expectedIds(fixture, c.expected));
    });
  }

  it('compared queries with rows, not only empty results', () => {
    expect(nonEmpty.length).toBeGreaterThanOrEqual(25);
  });
});
